/// Paths taken apart by hand: Foundation's `deletingLastPathComponent`
/// traps on a path of one character (`--out o` crashed every command with
/// "Illegal instruction": hostile trial, round thirty-three).
enum PathText {
  /// The byte of `/`.
  static let slash = UInt8(ascii: "/")

  /// The parts of `path` between slashes, by Unicode scalar.
  private static func parts(_ path: String) -> [String] {
    path.unicodeScalars.split(separator: "/", omittingEmptySubsequences: false).map {
      var text = String.UnicodeScalarView()
      text.append(contentsOf: $0)
      return String(text)
    }
  }

  /// The last part of `path`, trailing slashes aside (`a/b/` is `b`, `/` is
  /// `/`), as `NSString.lastPathComponent` gives it, by Unicode scalar.
  static func lastComponent(_ path: String) -> String {
    let named = parts(path).filter { !$0.isEmpty }
    return named.last ?? (path.isEmpty ? "" : "/")
  }

  /// An absolute path with empty and `.` parts dropped and each `..` taking
  /// away the folder the path so far names, links followed where it exists
  /// (`resolve`, the system's `realpath`), as the system reads `..` and as
  /// `NSString.standardizingPath` does, by Unicode scalar.
  static func standardized(_ absolute: String, resolve: (String) -> String?) -> String {
    var kept: [String] = []
    for part in parts(absolute) where !part.isEmpty && part != "." {
      if part == ".." {
        if let real = resolve("/" + kept.joined(separator: "/")) { kept = parts(real).filter { !$0.isEmpty } }
        if !kept.isEmpty { kept.removeLast() }
      } else {
        kept.append(part)
      }
    }
    return "/" + kept.joined(separator: "/")
  }

  /// The folder that holds `path`, as `NSString.deletingLastPathComponent`
  /// gives it: `a/b` is `a`, `/a` is `/`, `a` and `a/` are empty, `/` is `/`.
  /// Taken apart by Unicode scalar, not by character: a slash followed by a
  /// combining mark is one character, and still a slash to the system.
  static func parent(_ path: String) -> String {
    var scalars = Array(path.unicodeScalars)
    func trimSlashes() { while scalars.count > 1, scalars.last == "/" { scalars.removeLast() } }
    trimSlashes()
    if scalars == ["/"] { return "/" }
    guard let slash = scalars.lastIndex(of: "/") else { return "" }
    scalars.removeSubrange(slash...)
    trimSlashes()
    if scalars.isEmpty { return "/" }
    var text = String.UnicodeScalarView()
    text.append(contentsOf: scalars)
    return String(text)
  }
}
