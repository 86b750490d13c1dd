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
      // A slash then a combining mark: one character, two scalars (the review).
      ("/tmp/d/\u{301}x", "/tmp/d"),
    ])
  func parent(path: String, expected: String) {
    #expect(PathText.parent(path) == expected)
  }

  /// Beside Foundation, for paths of two characters or more (which it
  /// takes without trapping).
  @Test(
    "the parent of a path agrees with NSString's where it does not trap",
    arguments: ["a/b", "/a", "ab", "ab/", "/", "./o", "/x/y/", "a/o", "../a/bc", "/tmp/out/"])
  func parentAsFoundation(path: String) {
    #expect(PathText.parent(path) == (path as NSString).deletingLastPathComponent)
  }
}
