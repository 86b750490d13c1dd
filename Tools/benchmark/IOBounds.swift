import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Issue 24 item 3's bounds: how fast the machine reads a case's inputs and
/// writes its outputs' bytes, against which `read` and `write` are measured.
///
/// - The read bound is `cat` of every input file (to /dev/null), the page
///   cache warm as it is for Placewise's read (the run just before read
///   them): the least any reader of those bytes can take.
/// - The write bound writes the output folder's bytes again, file by file,
///   from memory into a fresh folder, each file flushed (`fsync`) and the
///   folder too, as Placewise's output folder does: no formatting, no
///   compression, only the system's share of the write.
///
/// Each is the least of three runs, so that one slow run of the bound does
/// not flatter Placewise.
enum IOBounds {
  /// Seconds for `cat` of every regular file in `folder`, its output to
  /// /dev/null. Spawned and reaped directly (`posix_spawn`, `waitpid`):
  /// Foundation's `Process.waitUntilExit` added some 50 ms, more than `cat`
  /// of a 99 MB travel matrix takes.
  static func readSeconds(of folder: String) throws -> Double {
    let files = try regularFiles(under: folder).map(\.path)
    var best = Double.infinity
    for _ in 0..<3 {
      var actions = posix_spawn_file_actions_t()
      posix_spawn_file_actions_init(&actions)
      defer { posix_spawn_file_actions_destroy(&actions) }
      posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
      let arguments = ["cat"] + files
      var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
      defer { for pointer in argv { free(pointer) } }
      var pid: pid_t = 0
      let start = DispatchTime.now()
      guard posix_spawn(&pid, "/bin/cat", &actions, nil, &argv, environ) == 0 else {
        throw CocoaError(.executableLoad)
      }
      var status: Int32 = 0
      while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
      best = min(best, seconds(since: start))
    }
    return best
  }

  /// Seconds to write the bytes of every file under `folder` again, into a
  /// fresh folder beside it (removed after).
  static func writeSeconds(of folder: String) throws -> Double {
    let files = try regularFiles(under: folder).map {
      ($0.relative, try Data(contentsOf: URL(fileURLWithPath: $0.path)))
    }
    var best = Double.infinity
    for run in 0..<3 {
      let target = folder + ".write-bound-\(run)"
      try? FileManager.default.removeItem(atPath: target)
      let start = DispatchTime.now()
      for (relative, bytes) in files {
        let path = target + "/" + relative
        let parent = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard fd >= 0 else { throw CocoaError(.fileWriteUnknown) }
        var written = 0
        bytes.withUnsafeBytes { buffer in
          guard let base = buffer.baseAddress else { return }
          while written < buffer.count {
            let n = write(fd, base + written, buffer.count - written)
            if n <= 0 { break }
            written += n
          }
        }
        fsync(fd)
        close(fd)
      }
      let directory = open(target, O_RDONLY | O_DIRECTORY)
      if directory >= 0 {
        fsync(directory)
        close(directory)
      }
      best = min(best, seconds(since: start))
      try FileManager.default.removeItem(atPath: target)
    }
    return best
  }

  private static func seconds(since start: DispatchTime) -> Double {
    Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
  }

  /// Every regular file under `folder`, with its path relative to it, in name order.
  private static func regularFiles(under folder: String) throws -> [(path: String, relative: String)] {
    guard let walk = FileManager.default.enumerator(atPath: folder) else { return [] }
    var files: [(String, String)] = []
    while let relative = walk.nextObject() as? String {
      var isFolder: ObjCBool = false
      let path = folder + "/" + relative
      if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue {
        files.append((path, relative))
      }
    }
    return files.sorted { $0.1 < $1.1 }
  }
}
