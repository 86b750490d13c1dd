import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A file that could not be written; nothing was changed.
public struct AtomicFileError: Error, Sendable, CustomStringConvertible {
  /// What went wrong, naming the path.
  public var description: String
}

/// Writes one file all or nothing: into a private temporary file beside it,
/// flushed to disk, then moved into place in one step. An existing file is
/// refused (the move is a hard link, which fails if the name exists) unless
/// `overwrite`, when it is replaced by `rename`.
public enum AtomicFile {
  /// Writes `text` as the file `path`, whose folder must exist; refuses an
  /// existing file unless `overwrite`.
  public static func write(_ text: String, to path: String, overwrite: Bool) throws(AtomicFileError) {
    // `--out out/` or `--out out` for an existing folder: said as such, not
    // as "cannot write: No such file or directory" or "Is a directory".
    var info = stat()
    if stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR {
      let folder = path.hasSuffix("/") ? path : path + "/"
      throw AtomicFileError(
        description: "\(path) is a folder, not a file; name the file to write in it, such as \(folder)settings.csv")
    }
    if path.hasSuffix("/") {
      var file = path
      while file.count > 1 && file.hasSuffix("/") { file.removeLast() }
      throw AtomicFileError(
        description: "\(path) ends in /, which names a folder, not a file; to write the file, give \(file)")
    }
    if !overwrite, FileManager.default.fileExists(atPath: path) {
      throw AtomicFileError(description: "\(path) exists already; pass --force to replace it")
    }
    let url = URL(fileURLWithPath: overwrite ? try replaceable(path) : path)
    let folder = url.deletingLastPathComponent().path
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
      throw AtomicFileError(description: "\(path): the folder \(folder) does not exist")
    }
    var template = Array((folder + "/." + url.lastPathComponent + ".XXXXXX").utf8CString)
    let descriptor = template.withUnsafeMutableBufferPointer { buffer in
      buffer.baseAddress.map { mkstemp($0) } ?? -1
    }
    guard descriptor >= 0 else {
      throw AtomicFileError(description: "\(path): cannot create a file in \(folder): \(errorText())")
    }
    let temporary = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
    var written = true
    var bytes = Array(text.utf8)
    bytes.withUnsafeMutableBytes { buffer in
      var offset = 0
      while offset < buffer.count {
        let count = Glibc.write(descriptor, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
        if count < 0 && errno == EINTR { continue }
        guard count > 0 else {
          written = false
          return
        }
        offset += count
      }
    }
    let reason = errorText()
    let flushed = written && fchmod(descriptor, 0o644) == 0 && fsync(descriptor) == 0
    close(descriptor)
    guard flushed else {
      unlink(temporary)
      throw AtomicFileError(description: "\(path): cannot write: \(reason)")
    }
    let moved = overwrite ? rename(temporary, url.path) == 0 : link(temporary, path) == 0
    let moveError = errno
    let moveReason = errorText()
    if !overwrite || !moved { unlink(temporary) }
    guard moved else {
      throw AtomicFileError(
        description: moveError == EEXIST
          ? "\(path) exists already; pass --force to replace it" : "\(path): cannot write: \(moveReason)")
    }
  }

  /// The path `--force` may replace: `path` itself, or the file a link at
  /// `path` names (written through, as an output folder's link is, so the
  /// link stays). A pipe, socket or device is refused: replacing one (such
  /// as /dev/null, run as root) is never what `--force` asks for.
  private static func replaceable(_ path: String) throws(AtomicFileError) -> String {
    var info = stat()
    guard lstat(path, &info) == 0 else { return path }
    var target = path
    if info.st_mode & S_IFMT == S_IFLNK {
      guard stat(path, &info) == 0 else { return path }
      target = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
    }
    let kind = info.st_mode & S_IFMT
    guard kind == S_IFREG || kind == S_IFDIR else {
      throw AtomicFileError(
        description: "\(path) is a special file (a pipe, socket or device), not a file to replace; "
          + "choose another path")
    }
    return target
  }

  private static func errorText() -> String { String(cString: strerror(errno)) }
}
