// Checks that the in-memory reader and the on-disk reader agree: for every
// input file named on the command line (fuzz inputs, laid out as CaseInput
// describes), the case is written to a temporary folder and read from there,
// read from memory, and the two outcomes (case or problems) compared as text.
//
// Built and run by `run.sh --parity DIR...`; not a SwiftPM target. With
// PARITY_VERBOSE set, every outcome is printed.

import Foundation

@main
enum Parity {
  static func main() throws {
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("placewise-parity-\(getpid())")
    defer { try? FileManager.default.removeItem(at: scratch) }
    var checked = 0
    var differences = 0
    var accepted = 0
    // Absolute paths: the working folder changes below.
    let paths = CommandLine.arguments.dropFirst().map { URL(fileURLWithPath: $0).path }
    for path in paths {
      let input = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
      let (files, policyFile) = input.withUnsafeBufferPointer { CaseInput.split($0) }

      try? FileManager.default.removeItem(at: scratch)
      try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
      for (name, bytes) in files { try Data(bytes).write(to: scratch.appendingPathComponent(name)) }
      // The policy path is given relative to the working folder, so that
      // problems in it carry the same name both ways.
      guard FileManager.default.changeCurrentDirectoryPath(scratch.path) else {
        fatalError("cannot enter \(scratch.path)")
      }
      let onDisk = outcome { () throws(InvalidCaseError) in try CaseReader.read(folder: ".", policyFile: policyFile) }
      let inMemory = outcome { () throws(InvalidCaseError) in try CaseReader.read(files: files, policyFile: policyFile)
      }
      checked += 1
      if inMemory.hasPrefix("case:") { accepted += 1 }
      if ProcessInfo.processInfo.environment["PARITY_VERBOSE"] != nil { print("\(path)\n\(inMemory)") }
      if onDisk != inMemory {
        differences += 1
        print("DIFFERENT: \(path)\n--- on disk\n\(onDisk)\n--- in memory\n\(inMemory)")
      }
    }
    print("parity: \(checked) inputs checked, \(differences) different, \(accepted) accepted as cases")
    if differences > 0 { exit(1) }
  }

  static func outcome(_ read: () throws(InvalidCaseError) -> Case) -> String {
    do {
      return "case: " + canonical(try read())
    } catch {
      return "problems (\(error.totalCount)):\n\(error)"
    }
  }

  /// The case as text, with the need caps (a dictionary, whose order
  /// differs between two equal values) listed in sorted order.
  static func canonical(_ read: Case) -> String {
    var read = read
    var caps: [String] = []
    for i in read.settings.indices {
      caps.append(read.settings[i].needPlaces.map { "\($0.key):\($0.value)" }.sorted().joined(separator: ";"))
      read.settings[i].needPlaces = [:]
    }
    return String(reflecting: read) + "\nneed caps: " + caps.joined(separator: " | ")
  }
}
