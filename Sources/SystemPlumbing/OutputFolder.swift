import Foundation
#if canImport(Glibc)
  import Glibc
#endif

/// A failure to write outputs. Nothing of the earlier output folder is lost.
public struct OutputError: Error, Sendable, CustomStringConvertible {
  /// What went wrong, naming the path.
  public var message: String
  /// Creates an error.
  public init(_ message: String) { self.message = message }
  /// The message.
  public var description: String { message }
}

/// Writes a set of output files into a folder all or nothing.
///
/// The files are written into a new private folder beside the target, flushed
/// to disk, and the two folders are then swapped in one step with Linux's
/// `renameat2(RENAME_EXCHANGE)` (or, on a file system without it, the target
/// moved aside and the new folder renamed in). A run killed at any moment
/// leaves either the earlier folder or the new one complete, plus at most a
/// hidden `.NAME.placewise-*` folder to remove. The target may hold only
/// files Placewise writes, so replacing it never deletes anything else.
public enum OutputFolder {
  /// Writes `files` (name and contents) as the folder `path`. A name may
  /// hold `/` (`plans/baseline/summary.json`): the folders are created.
  ///
  /// - Parameters:
  ///   - knownNames: every file name Placewise may have written there, as a
  ///     path inside the folder whose components may be `*` (any one name:
  ///     `plans/*/summary.json`); a target holding anything else is refused
  ///     rather than replaced.
  ///   - shared: create files readable by group and others (0644/0755)
  ///     instead of by the owner only (0600/0700).
  public static func write(
    _ files: [(name: String, contents: [UInt8])], to path: String, knownNames: Set<String>,
    shared: Bool = false
  ) throws(OutputError) {
    let fileManager = FileManager.default
    let target = URL(fileURLWithPath: path).standardizedFileURL
    let parent = target.deletingLastPathComponent()
    var isDirectory: ObjCBool = false
    let exists = fileManager.fileExists(atPath: target.path, isDirectory: &isDirectory)
    if exists {
      guard isDirectory.boolValue else { throw OutputError("\(path): exists and is not a folder") }
      let foreign = Self.foreignEntries(in: target.path, known: knownNames.map { $0.split(separator: "/") })
      guard foreign.isEmpty else {
        throw OutputError(
          "\(path): holds files Placewise did not write (\(foreign.prefix(3).joined(separator: ", "))); "
            + "choose an empty or new output folder")
      }
    }
    let fileMode: mode_t = shared ? 0o644 : 0o600
    let folderMode: mode_t = shared ? 0o755 : 0o700

    // Folders missing above the output (`--out out/sample-county` in a fresh
    // checkout) are created, as private as the output folder itself, and
    // removed again if the outputs cannot be written.
    var missing: [URL] = []
    var ancestor = parent
    while !exists && !fileManager.fileExists(atPath: ancestor.path) && ancestor.path != "/" {
      missing.append(ancestor)
      ancestor = ancestor.deletingLastPathComponent()
    }
    var created: [URL] = []
    for folder in missing.reversed() {
      guard mkdir(folder.path, folderMode) == 0 else {
        let reason = String(cString: strerror(errno))
        for made in created.reversed() { rmdir(made.path) }
        throw OutputError("\(folder.path): cannot create a folder there (\(reason))")
      }
      created.append(folder)
    }
    do {
      try replace(
        target, with: files, path: path, exists: exists, fileMode: fileMode, folderMode: folderMode)
    } catch {
      for made in created.reversed() { rmdir(made.path) }
      throw error
    }
  }

  /// Writes the files into a staging folder beside `target` and swaps it in.
  private static func replace(
    _ target: URL, with files: [(name: String, contents: [UInt8])], path: String, exists: Bool,
    fileMode: mode_t, folderMode: mode_t
  ) throws(OutputError) {
    let fileManager = FileManager.default
    let parent = target.deletingLastPathComponent()
    let name = target.lastPathComponent
    let token = UUID().uuidString.prefix(8)
    let staging = parent.appendingPathComponent(".\(name).placewise-new-\(token)")
    guard mkdir(staging.path, folderMode) == 0 else {
      throw OutputError("\(parent.path): cannot create a folder there (\(String(cString: strerror(errno))))")
    }
    do throws(OutputError) {
      var folders: Set<String> = []
      for file in files {
        // Nested outputs: each folder above the file once, in order.
        var folder = staging
        for component in file.name.split(separator: "/").dropLast() {
          folder = folder.appendingPathComponent(String(component))
          if folders.insert(folder.path).inserted, mkdir(folder.path, folderMode) != 0 {
            throw OutputError("\(folder.path): cannot create a folder there (\(String(cString: strerror(errno))))")
          }
        }
        try writeFile(staging.appendingPathComponent(file.name).path, file.contents, mode: fileMode)
      }
      for folder in folders.sorted() { try syncPath(folder) }
      try syncPath(staging.path)
    } catch {
      try? fileManager.removeItem(at: staging)
      throw error
    }

    if exists {
      if exchange(staging.path, target.path) {
        // staging now holds the earlier outputs, all written by Placewise.
        try? fileManager.removeItem(at: staging)
      } else {
        let aside = parent.appendingPathComponent(".\(name).placewise-old-\(token)")
        guard rename(target.path, aside.path) == 0 else {
          try? fileManager.removeItem(at: staging)
          throw OutputError("\(path): cannot replace it (\(String(cString: strerror(errno))))")
        }
        guard rename(staging.path, target.path) == 0 else {
          _ = rename(aside.path, target.path)
          try? fileManager.removeItem(at: staging)
          throw OutputError("\(path): cannot replace it (\(String(cString: strerror(errno))))")
        }
        try? fileManager.removeItem(at: aside)
      }
    } else {
      guard rename(staging.path, target.path) == 0 else {
        try? fileManager.removeItem(at: staging)
        throw OutputError("\(path): cannot create it (\(String(cString: strerror(errno))))")
      }
    }
    try? syncPath(parent.path)
  }

  /// The entries under `path` (relative paths, sorted) that no known
  /// pattern covers: a file must match a pattern, a folder must lie on the
  /// way to one. Links are judged as what they are, never followed.
  private static func foreignEntries(in path: String, known: [[Substring]], prefix: [String] = []) -> [String] {
    let fileManager = FileManager.default
    let names = ((try? fileManager.contentsOfDirectory(atPath: path)) ?? []).sorted()
    var foreign: [String] = []
    for name in names {
      let relative = prefix + [name]
      let full = path + "/" + name
      let type = (try? fileManager.attributesOfItem(atPath: full))?[.type] as? FileAttributeType
      func matches(_ pattern: [Substring]) -> Bool {
        zip(pattern, relative).allSatisfy { $0 == "*" || $0 == $1 }
      }
      if type == .typeDirectory {
        if known.contains(where: { $0.count > relative.count && matches($0) }) {
          foreign += foreignEntries(in: full, known: known, prefix: relative)
        } else {
          foreign.append(relative.joined(separator: "/"))
        }
      } else if !known.contains(where: { $0.count == relative.count && matches($0) }) {
        foreign.append(relative.joined(separator: "/"))
      }
    }
    return foreign
  }

  private static func writeFile(_ path: String, _ bytes: [UInt8], mode: mode_t) throws(OutputError) {
    let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
    guard fd >= 0 else { throw OutputError("\(path): cannot create (\(String(cString: strerror(errno))))") }
    defer { close(fd) }
    var written = 0
    while written < bytes.count {
      let n = bytes.withUnsafeBytes { buffer in
        // A non-empty array always has a base address.
        guard let base = buffer.baseAddress else { return 0 }
        return Glibc.write(fd, base + written, bytes.count - written)
      }
      if n < 0 {
        if errno == EINTR { continue }
        throw OutputError("\(path): cannot write (\(String(cString: strerror(errno))))")
      }
      written += n
    }
    guard fsync(fd) == 0 else { throw OutputError("\(path): cannot flush (\(String(cString: strerror(errno))))") }
  }

  private static func syncPath(_ path: String) throws(OutputError) {
    let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    guard fd >= 0 else { throw OutputError("\(path): cannot open (\(String(cString: strerror(errno))))") }
    defer { close(fd) }
    _ = fsync(fd)
  }

  private typealias Renameat2 =
    @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) ->
    Int32

  /// glibc's renameat2, looked up at run time because Swift's Glibc module
  /// does not export it.
  private static let renameat2: Renameat2? = {
    guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "renameat2") else { return nil }
    return unsafeBitCast(symbol, to: Renameat2.self)
  }()

  /// Swaps two paths atomically; false if the system cannot.
  private static func exchange(_ a: String, _ b: String) -> Bool {
    guard let renameat2 else { return false }
    let renameExchange: UInt32 = 1 << 1
    return renameat2(AT_FDCWD, a, AT_FDCWD, b, renameExchange) == 0
  }
}
