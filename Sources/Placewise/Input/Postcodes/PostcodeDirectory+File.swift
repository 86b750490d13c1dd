#if canImport(Glibc)
  import Glibc
#endif

extension PostcodeDirectory {
  /// Looks the `wanted` postcodes up in the file at `path`; problems name
  /// the file as `path` and never show a postcode.
  package static func lookup(path: String, wanted: Set<PostcodeKey>) -> Result<PostcodeLookup, InvalidCaseError> {
    // A FIFO with no writer blocks open() forever: what is not a regular
    // file is refused before opening, and the open itself does not wait
    // (O_NONBLOCK, in case the path changed since; a regular file ignores it).
    var before = stat()
    if stat(path, &before) == 0, before.st_mode & S_IFMT != S_IFREG {
      return .failure(
        InvalidCaseError(problems: [
          problem(path, line: nil, found: Self.notRegular(before.st_mode), expected: postcodeFileAdvice)
        ]))
    }
    let descriptor = open(path, O_RDONLY | O_NONBLOCK)
    guard descriptor >= 0 else {
      let reason = errno == ENOENT ? "no such file" : "a file that cannot be read (\(String(cString: strerror(errno))))"
      return .failure(
        InvalidCaseError(problems: [problem(path, line: nil, found: reason, expected: postcodeFileAdvice)]))
    }
    defer { close(descriptor) }
    var info = stat()
    if fstat(descriptor, &info) == 0, info.st_mode & S_IFMT != S_IFREG {
      return .failure(
        InvalidCaseError(problems: [
          problem(path, line: nil, found: Self.notRegular(info.st_mode), expected: postcodeFileAdvice)
        ]))
    }
    _ = posix_fadvise(descriptor, 0, 0, POSIX_FADV_SEQUENTIAL)
    return scan(file: path, wanted: wanted) { buffer in
      while true {
        let count = read(descriptor, buffer.baseAddress, buffer.count)
        if count < 0 && errno == EINTR { continue }
        return count
      }
    }
  }

  /// What a path that is not a regular file names, for the problem.
  private static func notRegular(_ mode: mode_t) -> String {
    mode & S_IFMT == S_IFDIR
      ? "a folder, not a regular file" : "a special file (a pipe, socket or device), not a regular file"
  }
}
