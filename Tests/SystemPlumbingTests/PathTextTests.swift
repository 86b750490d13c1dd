import Foundation
import Testing

@testable import SystemPlumbing

@Suite("Paths taken apart by hand")
struct PathTextTests {
  /// `NSString.deletingLastPathComponent`'s answers, for the paths it can
  /// take; one-character names, which trap it (round thirty-three: `--out o`
  /// crashed every command), by its rule.
  @Test(
    "the parent of a path",
    arguments: [
      ("a/b", "a"), ("/a", "/"), ("ab", ""), ("ab/", ""), ("/", "/"), ("a//b", "a"), ("./o", "."), ("/x/y/", "/x"),
      ("o", ""), ("é", ""), ("o/", ""), ("a/o", "a"), ("//", "/"), ("", ""),
    ])
  func parent(path: String, expected: String) {
    #expect(PathText.parent(path) == expected)
  }
}
