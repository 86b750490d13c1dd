/// Paths taken apart by hand: Foundation's `deletingLastPathComponent`
/// traps on a path of one character (`--out o` crashed every command with
/// "Illegal instruction": hostile trial, round thirty-three).
enum PathText {
  /// The folder that holds `path`, as `NSString.deletingLastPathComponent`
  /// gives it: `a/b` is `a`, `/a` is `/`, `a` and `a/` are empty, `/` is `/`.
  static func parent(_ path: String) -> String {
    var path = path
    while path.count > 1, path.hasSuffix("/") { path.removeLast() }
    if path == "/" { return "/" }
    guard let slash = path.lastIndex(of: "/") else { return "" }
    var head = String(path[..<slash])
    while head.count > 1, head.hasSuffix("/") { head.removeLast() }
    return head.isEmpty ? "/" : head
  }
}
