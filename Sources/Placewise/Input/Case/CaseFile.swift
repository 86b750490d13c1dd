import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// One file of a case as found, before it is parsed: where reading the
/// disk ends and parsing begins, so a case can also be read from memory.
enum CaseFile {
  /// No such file.
  case missing
  /// A folder where the file should be.
  case folder
  /// Something that exists but cannot be read as a file: what it is.
  case unreadable(String)
  /// The file's bytes.
  case contents(Data)

  /// The file at `path`.
  init(atPath path: String) {
    let fileManager = FileManager.default
    var isFolder: ObjCBool = false
    if !fileManager.fileExists(atPath: path, isDirectory: &isFolder) {
      // A link whose target is gone (or that loops) is there but cannot
      // be followed: "no such file" would send the planner looking for
      // a file they can see.
      let isLink = (try? fileManager.attributesOfItem(atPath: path))?[.type] as? FileAttributeType == .typeSymbolicLink
      self = isLink ? .unreadable("a symbolic link to a file that does not exist (or a loop of links)") : .missing
    } else if isFolder.boolValue {
      self = .folder
    } else if !Self.isRegularFile(path) {
      // A FIFO, socket or device: reading it could block or never end.
      self = .unreadable("a special file (a pipe, socket or device), not a regular file")
    } else if (try? fileManager.attributesOfItem(atPath: path))?[.size] as? UInt64 == 0,
      fileManager.isReadableFile(atPath: path)
    {
      // Not read: on Linux, contents(atPath:) leaks a 4 KB buffer for an
      // empty file (swift-foundation's readDataFromFile drops it unfreed).
      self = .contents(Data())
    } else if let head = Self.head(path),
      head.prefix(2).contains(0) || head.starts(with: [0xFF, 0xFE])
        || head.starts(with: [0xFE, 0xFF])
    {
      // UTF-16, or not text at all: its readers refuse it from these first
      // bytes, so the rest is not read (a 3 GB file of NUL bytes took 20 s
      // and 3.2 GB of memory to refuse: hostile trial, round thirty).
      self = .contents(head)
    } else if let data = fileManager.contents(atPath: path) {
      self = .contents(data)
    } else {
      self = .unreadable("a file that cannot be read")
    }
  }

  /// The first two bytes of the file at `path` (fewer in a shorter file);
  /// nil when it cannot be opened (reading it whole will say why).
  private static func head(_ path: String) -> Data? {
    guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
    defer { try? handle.close() }
    return try? handle.read(upToCount: 2)
  }

  /// Whether `path`, links followed, is a regular file (true when that
  /// cannot be told: reading it will then say what is wrong).
  private static func isRegularFile(_ path: String) -> Bool {
    var info = stat()
    guard stat(path, &info) == 0 else { return true }
    return info.st_mode & S_IFMT == S_IFREG
  }
}
