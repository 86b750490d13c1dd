import Foundation
import SystemPlumbingC

#if canImport(Glibc)
  import Glibc
#endif

/// A failure to write outputs. Nothing of the earlier output folder is lost.
public struct OutputError: Error, Sendable, CustomStringConvertible {
  /// What went wrong, naming the path.
  public var message: String
  /// A new output folder beside the refused one that does not exist yet,
  /// where a run would keep what the refused one holds (an edited output).
  public var newFolder: String?
  /// Creates an error.
  public init(_ message: String, newFolder: String? = nil) {
    self.message = message
    self.newFolder = newFolder
  }
  /// The message.
  public var description: String { message }

  /// The system's words for an errno value, read at once (later calls may
  /// change errno: "cannot create it (Success)").
  static func reason(_ code: Int32) -> String { String(cString: strerror(code)) }
}

/// A file of an output folder, as written, for the manifest.
public struct WrittenFile: Sendable, Equatable {
  /// The path inside the output folder, `/`-separated (`plans/a/summary.json`).
  public var path: String
  /// SHA-256 of the contents, 64 lower-case hex digits.
  public var sha256: String
  /// Size in bytes.
  public var bytes: Int
}

/// Writes a set of output files into a folder all or nothing.
///
/// The files are written into a new private folder beside the target,
/// flushed to disk, and the two folders are then swapped in one step with
/// Linux's `renameat2(RENAME_EXCHANGE)` (or, on a file system without it,
/// the target moved aside and the new folder renamed in). Every output
/// folder holds a `manifest.json` listing its files with their SHA-256: the
/// target is replaced only when it is new, empty, or recognised by its
/// manifest as an earlier Placewise output (`OutputRecognition`), so a run
/// never deletes what it did not write. A run stopped by SIGINT, SIGTERM or
/// SIGHUP removes its staging folder; one killed outright leaves a hidden
/// `.NAME.placewise-new-PID-TOKEN` folder, which the next run into the same
/// output removes.
public enum OutputFolder {
  /// The manifest's file name, at the top of every output folder.
  public static let manifestName = "manifest.json"
  /// The manifest's format tag: only Placewise writes it.
  public static let manifestFormat = "placewise-output-manifest/1"

  /// Installs the SIGINT, SIGTERM and SIGHUP handler that removes a staging
  /// folder, and unblocks those signals on this thread (call it on the main
  /// thread at the start of a command, so that the whole run can be stopped).
  public static func installSignalCleanup() { pw_cleanup_install() }

  /// Checks, before any work, that `path` may receive outputs: refuses an
  /// empty path, the current folder or one holding it, a file, a folder
  /// holding anything Placewise did not write, and a place no folder can be
  /// made in (below a file, or in a folder this user may not write in).
  @discardableResult
  public static func check(_ path: String) throws(OutputError) -> OutputTarget {
    let target = try OutputPath.resolve(path)
    let found = try OutputRecognition.examine(target, shown: path)
    try checkCreatable(above: target)
    return found
  }

  /// Refuses a target whose staging folder (or a missing folder above it)
  /// could not be made: the nearest existing path above it must be a
  /// folder this user may write in. Found when writing, that came after
  /// the solve, which may take minutes.
  private static func checkCreatable(above target: String) throws(OutputError) {
    var ancestor = PathText.parent(target)
    var status = stat()
    while ancestor != "/" && !ancestor.isEmpty && lstat(ancestor, &status) != 0 {
      ancestor = PathText.parent(ancestor)
    }
    guard stat(ancestor, &status) == 0 else { return }
    guard status.st_mode & S_IFMT == S_IFDIR else {
      throw OutputError("\(ancestor): cannot create a folder there (\(OutputError.reason(ENOTDIR)))")
    }
    if access(ancestor, W_OK | X_OK) != 0 {
      throw OutputError("\(ancestor): cannot create a folder there (\(OutputError.reason(errno)))")
    }
  }

  /// Writes `files` (each a `/`-separated path inside the folder, and its
  /// contents) and then the manifest `manifest` renders from what was
  /// written, as the folder `path`.
  ///
  /// - Parameters:
  ///   - files: each file's path inside the folder and its contents.
  ///   - path: the output folder.
  ///   - shared: create files readable by group and others (0644/0755)
  ///     instead of by the owner only (0600/0700).
  ///   - manifest: renders manifest.json from the files written.
  /// - Throws: `OutputError` when a name is not one a folder may hold or a
  ///   write fails; the earlier folder is then left as it was.
  public static func write(
    _ files: [(name: String, contents: [UInt8])], to path: String, shared: Bool = false,
    manifest: ([WrittenFile]) -> [UInt8]
  ) throws(OutputError) {
    for file in files where !isSafeRelativePath(file.name) || file.name == manifestName {
      throw OutputError("\(file.name): not a file name an output folder may hold")
    }
    PausePoint.pause(at: .writing)
    let target = try OutputPath.resolve(path)
    let found = try OutputRecognition.examine(target, shown: path)
    let fileMode: mode_t = shared ? 0o644 : 0o600
    let folderMode: mode_t = shared ? 0o755 : 0o700
    let parent = PathText.parent(target)
    let name = PathText.lastComponent(target)
    StagingSweep.removeStale(in: parent, output: name)

    // Folders missing above the output (`--out out/sample-county` in a fresh
    // checkout) are created, as private as the output folder itself, and
    // removed again if the outputs cannot be written.
    let created = found == .absent ? try createMissingFolders(above: parent, mode: folderMode) : []
    do throws(OutputError) {
      let staging = try stage(
        files, manifest: manifest, parent: parent, name: name, fileMode: fileMode, folderMode: folderMode)
      defer { pw_cleanup_disarm() }
      PausePoint.pause(at: .staged)
      do throws(OutputError) {
        try swapIn(staging, as: target, shown: path)
      } catch {
        _ = pw_remove_tree(staging)
        throw error
      }
    } catch {
      for made in created.reversed() { rmdir(made) }
      throw error
    }
    PausePoint.pause(at: .committed)
    try? syncPath(parent)
  }

  /// Whether `path` names a file inside a folder: relative, `/`-separated,
  /// no empty, `.` or `..` part, no NUL.
  public static func isSafeRelativePath(_ path: String) -> Bool {
    // By byte, as the system reads it: "/" then a combining mark is one
    // Character, and `hasPrefix` or a split by Character would miss it.
    guard !path.isEmpty, path.utf8.first != PathText.slash, !path.utf8.contains(0) else { return false }
    return path.utf8.split(separator: PathText.slash, omittingEmptySubsequences: false).allSatisfy {
      !$0.isEmpty && !$0.elementsEqual(".".utf8) && !$0.elementsEqual("..".utf8)
    }
  }

  private static func createMissingFolders(above parent: String, mode: mode_t) throws(OutputError) -> [String] {
    var missing: [String] = []
    var ancestor = parent
    var status = stat()
    while ancestor != "/" && !ancestor.isEmpty && lstat(ancestor, &status) != 0 {
      missing.append(ancestor)
      ancestor = PathText.parent(ancestor)
    }
    var created: [String] = []
    for folder in missing.reversed() {
      if mkdir(folder, mode) == 0 {
        created.append(folder)
        continue
      }
      let code = errno
      // Another run may have made it a moment ago.
      if code == EEXIST, lstat(folder, &status) == 0, status.st_mode & S_IFMT == S_IFDIR { continue }
      for made in created.reversed() { rmdir(made) }
      throw OutputError("\(folder): cannot create a folder there (\(OutputError.reason(code)))")
    }
    return created
  }

  /// Writes the files and the manifest into a new staging folder beside the
  /// target, armed for removal on a signal; its path.
  private static func stage(
    _ files: [(name: String, contents: [UInt8])], manifest: ([WrittenFile]) -> [UInt8], parent: String,
    name: String, fileMode: mode_t, folderMode: mode_t
  ) throws(OutputError) -> String {
    let token = UUID().uuidString.prefix(8)
    let staging = parent + "/" + StagingSweep.stagingName(output: name, token: String(token))
    pw_cleanup_install()
    _ = pw_cleanup_arm(staging)
    guard mkdir(staging, folderMode) == 0 else {
      let code = errno
      pw_cleanup_disarm()
      throw OutputError("\(parent): cannot create a folder there (\(OutputError.reason(code)))")
    }
    do throws(OutputError) {
      var written: [WrittenFile] = []
      var made: Set<String> = []
      let digests = SHA256.hexes(files.map(\.contents))
      for (file, digest) in zip(files, digests) {
        var folder = ""
        for part in file.name.split(separator: "/").dropLast() {
          folder += (folder.isEmpty ? "" : "/") + part
          if made.insert(folder).inserted, mkdir(staging + "/" + folder, folderMode) != 0 {
            throw OutputError("\(folder): cannot create a folder (\(OutputError.reason(errno)))")
          }
        }
        try writeFile(staging + "/" + file.name, file.contents, mode: fileMode)
        written.append(WrittenFile(path: file.name, sha256: digest, bytes: file.contents.count))
        if written.count == 1 { PausePoint.pause(at: .staging) }
      }
      try writeFile(staging + "/" + manifestName, manifest(written), mode: fileMode)
      // Every file flushed once all are written: the first flush commits the
      // others' data with it, where flushing each as it was written cost one
      // journal commit per file (80 for a compare of ten plans).
      for path in files.map(\.name) + [manifestName] { try syncFile(staging + "/" + path) }
      for folder in made.sorted(by: >) { try syncPath(staging + "/" + folder) }
      try syncPath(staging)
    } catch {
      _ = pw_remove_tree(staging)
      pw_cleanup_disarm()
      throw error
    }
    return staging
  }

  /// Puts the staged folder in the target's place. The target is examined
  /// again first (the check before the solve may be minutes old), and a run
  /// that finds the folder created meanwhile by another run replaces it in
  /// turn: of two runs into one new folder, the last to finish wins.
  private static func swapIn(_ staging: String, as target: String, shown: String) throws(OutputError) {
    for _ in 0..<5 {
      let found = try OutputRecognition.examine(target, shown: shown)
      if found == .absent {
        if rename(staging, target) == 0 { return }
        let code = errno
        guard code == EEXIST || code == ENOTEMPTY else {
          throw OutputError("\(shown): cannot create it (\(OutputError.reason(code)))")
        }
        continue  // created meanwhile: examine it and swap with it
      }
      if exchange(staging, target) {
        // staging now holds the earlier outputs, all written by Placewise.
        _ = pw_remove_tree(staging)
        return
      }
      let code = errno
      if code == ENOENT { continue }  // removed meanwhile
      guard code == EINVAL || code == ENOSYS else {
        throw OutputError("\(shown): cannot replace it (\(OutputError.reason(code)))")
      }
      // No RENAME_EXCHANGE on this file system: move the target aside first.
      let aside = staging.replacingOccurrences(of: ".placewise-new-", with: ".placewise-old-")
      guard rename(target, aside) == 0 else {
        throw OutputError("\(shown): cannot replace it (\(OutputError.reason(errno)))")
      }
      guard rename(staging, target) == 0 else {
        let reason = OutputError.reason(errno)
        _ = rename(aside, target)
        throw OutputError("\(shown): cannot replace it (\(reason))")
      }
      _ = pw_remove_tree(aside)
      return
    }
    throw OutputError("\(shown): other programs keep changing it; try again")
  }

  /// Writes a new file (`syncFile` flushes it, once every file is written).
  private static func writeFile(_ path: String, _ bytes: [UInt8], mode: mode_t) throws(OutputError) {
    let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
    guard fd >= 0 else { throw OutputError("\(path): cannot create (\(OutputError.reason(errno)))") }
    defer { close(fd) }
    var written = 0
    while written < bytes.count {
      let n = bytes.withUnsafeBytes { buffer in
        Glibc.write(fd, buffer.baseAddress.map { $0 + written }, bytes.count - written)
      }
      if n < 0 {
        if errno == EINTR { continue }
        throw OutputError("\(path): cannot write (\(OutputError.reason(errno)))")
      }
      written += n
    }
  }

  /// Flushes a written file's data to disk.
  private static func syncFile(_ path: String) throws(OutputError) {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { throw OutputError("\(path): cannot open (\(OutputError.reason(errno)))") }
    defer { close(fd) }
    guard fsync(fd) == 0 else { throw OutputError("\(path): cannot flush (\(OutputError.reason(errno)))") }
  }

  private static func syncPath(_ path: String) throws(OutputError) {
    let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    guard fd >= 0 else { throw OutputError("\(path): cannot open (\(OutputError.reason(errno)))") }
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

  /// Swaps two paths atomically; false (errno set) if the system cannot.
  private static func exchange(_ a: String, _ b: String) -> Bool {
    guard let renameat2 else {
      errno = ENOSYS
      return false
    }
    let renameExchange: UInt32 = 1 << 1
    return renameat2(AT_FDCWD, a, AT_FDCWD, b, renameExchange) == 0
  }
}
