import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// The folder an `--out` path names, resolved before anything is written.
enum OutputPath {
  /// The absolute path the outputs go to.
  ///
  /// - An empty path is refused (it would mean the current folder).
  /// - The current folder, or a folder holding it, is refused: swapping it
  ///   away would leave the shell in a folder that no longer exists.
  /// - A symbolic link to a folder is written through: the outputs replace
  ///   the link's target, where the user pointed (an encrypted share, say),
  ///   and the link stays. A link to nothing is refused.
  static func resolve(_ path: String) throws(OutputError) -> String {
    guard !path.isEmpty else {
      throw OutputError("the output folder is an empty path; name a folder (an empty path would be the current one)")
    }
    let current = FileManager.default.currentDirectoryPath
    // By byte: "/" then a combining mark is one Character, so `hasPrefix("/")`
    // took such an absolute path for a relative one (round thirty-four).
    var absolute = (path.utf8.first == PathText.slash ? path : current + "/" + path)
    absolute = PathText.standardized(absolute, resolve: realPath)
    var status = stat()
    if lstat(absolute, &status) == 0, status.st_mode & S_IFMT == S_IFLNK {
      guard let real = realPath(absolute) else {
        throw OutputError("\(path): a symbolic link to nothing; point it at a folder or choose another output folder")
      }
      absolute = real
    } else if absolute != "/", let parent = realPath(PathText.parent(absolute)) {
      // Links above the output are followed as the system follows them.
      absolute = (parent == "/" ? "" : parent) + "/" + PathText.lastComponent(absolute)
    }
    let here = realPath(current) ?? current
    if absolute == "/" || here.utf8.elementsEqual(absolute.utf8) || here.utf8.starts(with: (absolute + "/").utf8) {
      throw OutputError(
        "\(path): the current folder or one holding it; outputs replace their folder, so choose a folder below it")
    }
    return absolute
  }

  /// The canonical path (links resolved), or nil when it does not exist.
  private static func realPath(_ path: String) -> String? {
    guard let resolved = realpath(path, nil) else { return nil }
    defer { free(resolved) }
    return String(cString: resolved)
  }
}
