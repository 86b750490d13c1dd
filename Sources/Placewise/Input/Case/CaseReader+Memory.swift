import Foundation

extension CaseReader {
  /// Reads and checks a case held in memory, as ``read(folder:policyFile:)``
  /// would read a folder holding the same files.
  ///
  /// The parsing, the checks and every message are those of the on-disk
  /// reader; only finding the files differs. This is the entry point for
  /// fuzzing and for tests that should not touch the disk.
  ///
  /// - Parameters:
  ///   - files: the case's files by name (`settings.csv`, `pupils.csv`,
  ///     `travel.csv`, `policy.toml`); a name not present is a missing file.
  ///   - policyFile: the key in `files` of a policy file to use instead of
  ///     `policy.toml`; problems in it are reported under this name.
  /// - Returns: the case, with warnings about what was skipped.
  /// - Throws: ``InvalidCaseError`` listing every problem found (at most
  ///   ``problemLimit`` of them), when anything breaks the case format.
  package static func read(files: [String: [UInt8]], policyFile: String? = nil) throws(InvalidCaseError) -> Case {
    var reading = CaseReading()
    let result = reading.read(policyFile: policyFile) { name, _ in
      files[name].map { .contents(Data($0)) } ?? .missing
    }
    guard reading.problems.total == 0, let result else { throw reading.problems.error() }
    return result
  }
}
