import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// An `--out` that names one of the run's own inputs: refused before
/// anything is read or written, whatever `--force` says.
public struct InputOverlapError: Error, Sendable, CustomStringConvertible {
  /// What overlaps, naming both paths as the user gave them.
  public var description: String
}

/// Checks that an output path is none of a run's inputs.
///
/// Paths prove little (`./case`, `case/../case`, a symbolic link, a hard
/// link or a bind mount name one file many ways), so files are compared by
/// identity: the device and inode numbers `stat` gives once every link is
/// followed. A file output is refused when it is an input; a folder output
/// when it is an input, holds an input at any depth (the folder is replaced
/// whole), or holds a hard link to an input.
public enum InputOverlap {
  /// Refuses `output` (a file when `isFolder` is false) when it is, or as
  /// a folder holds, any of `inputs` (files or folders; those that do not
  /// exist are skipped, and reported by their readers).
  public static func check(output: String, isFolder: Bool, inputs: [String]) throws(InputOverlapError) {
    // An input the run would read where it exists (a case's travel.csv,
    // roll.csv or policy.toml), absent now: an output written there would
    // be read as that input by every later run (round thirty: `--out
    // CASE/travel.csv` made a folder that broke the case).
    if let place = placeOf(output) {
      for input in inputs where identity(input) == nil && placeOf(input) == place {
        throw InputOverlapError(
          description: "--out \(output) is where this run reads an input from (\(input), absent now); choose "
            + "another output " + (isFolder ? "folder" : "file"))
      }
    }
    guard let target = identity(output) else { return }
    for input in inputs {
      guard let found = identity(input) else { continue }
      if found == target {
        throw InputOverlapError(
          description: "--out \(output) is an input of this run (\(input)); choose another output "
            + (isFolder ? "folder" : "file"))
      }
      if isFolder, let real = realPath(input), holds(target, real) {
        throw InputOverlapError(
          description: "--out \(output) holds an input of this run (\(input)), and outputs replace their folder; "
            + "choose another output folder")
      }
    }
    guard isFolder, target.isFolder else { return }
    let wanted = Set(inputs.compactMap(identity))
    if let linked = hardLink(in: output, to: wanted) {
      throw InputOverlapError(
        description: "--out \(output) holds \(linked), a link to an input of this run; "
          + "choose another output folder")
    }
  }

  /// A file's device and inode, links followed.
  private struct Identity: Hashable {
    var device: UInt64
    var inode: UInt64
    var isFolder: Bool
  }

  private static func identity(_ path: String) -> Identity? {
    var status = stat()
    guard !path.isEmpty, stat(path, &status) == 0 else { return nil }
    return Identity(
      device: UInt64(status.st_dev), inode: UInt64(status.st_ino), isFolder: status.st_mode & S_IFMT == S_IFDIR)
  }

  /// Whether a folder above `path` (canonical) is `folder`.
  private static func holds(_ folder: Identity, _ path: String) -> Bool {
    guard folder.isFolder else { return false }
    var above = PathText.parent(path)
    while true {
      if identity(above) == folder { return true }
      guard above != "/", !above.isEmpty else { return false }
      above = PathText.parent(above)
    }
  }

  /// The first regular file under `folder` (links not followed) that is one
  /// of `wanted`, as a path inside the folder.
  private static func hardLink(in folder: String, to wanted: Set<Identity>) -> String? {
    guard let walker = FileManager.default.enumerator(atPath: folder) else { return nil }
    while let relative = walker.nextObject() as? String {
      var status = stat()
      let path = folder + "/" + relative
      guard lstat(path, &status) == 0, status.st_mode & S_IFMT == S_IFREG else { continue }
      let found = Identity(device: UInt64(status.st_dev), inode: UInt64(status.st_ino), isFolder: false)
      if wanted.contains(found) { return relative }
    }
    return nil
  }

  /// Where `path` is, existing or not: its folder's canonical path and its
  /// name; nil where the folder does not exist.
  private static func placeOf(_ path: String) -> String? {
    var path = path
    while path.count > 1, path.hasSuffix("/") { path.removeLast() }
    let name = PathText.lastComponent(path)
    guard !name.isEmpty, name != ".", name != "..", name != "/" else { return nil }
    let folder = PathText.parent(path)
    return realPath(folder.isEmpty ? "." : folder).map { $0 + "/" + name }
  }

  private static func realPath(_ path: String) -> String? {
    guard let resolved = realpath(path, nil) else { return nil }
    defer { free(resolved) }
    return String(cString: resolved)
  }
}
