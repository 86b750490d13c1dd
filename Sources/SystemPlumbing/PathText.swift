/// Paths taken apart by hand: Foundation's `deletingLastPathComponent`
/// traps on a path of one character (`--out o` crashed every command with
/// "Illegal instruction": hostile trial, round thirty-three).
enum PathText {
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
