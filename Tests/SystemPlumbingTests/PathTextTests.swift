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

  /// Round thirty-four: "/" then a combining mark is one Character, so an
  /// absolute `--out` of that shape was taken for a relative one, and the
  /// run replaced another folder (its own input). By Unicode scalar, as
  /// the system reads the path.
  @Test("last component and standardized path, by Unicode scalar")
  func byScalar() {
    #expect(PathText.lastComponent("/tmp/d/\u{301}x") == "\u{301}x")
    let none: (String) -> String? = { _ in nil }
    #expect(PathText.standardized("/tmp/d/\u{301}x/../y/./z//", resolve: none) == "/tmp/d/y/z")
    #expect(PathText.standardized("/\u{301}", resolve: none) == "/\u{301}")
    for path in ["/a/b/", "/a/./b/../c", "/..", "/", "/x//y"] {
      #expect(PathText.standardized(path, resolve: none) == (path as NSString).standardizingPath, "\(path)")
    }
    // `..` after a link is the folder above the link's target, as the
    // system reads it (and as NSString's standardizingPath gives it).
    let links = { (path: String) in path == "/t/link" ? "/t/real/sub" : nil }
    #expect(PathText.standardized("/t/link/../out", resolve: links) == "/t/real/out")
    for path in ["a/b", "/a", "ab/", "/", "./o", "a/bc/"] {
      #expect(PathText.lastComponent(path) == (path as NSString).lastPathComponent, "\(path)")
    }
  }

  /// The review of round thirty-four: the bug was a leading "/" followed
  /// by a combining mark, which no test can create at the root; resolved
  /// (not created), it stays at the root.
  @Test("an output path whose leading slash carries a combining mark resolves at the root")
  func leadingCombiningMark() throws {
    #expect(try OutputPath.resolve("/\u{301}placewise-test") == "/\u{301}placewise-test")
    #expect(!OutputFolder.isSafeRelativePath("/\u{301}x"))
    #expect(!OutputFolder.isSafeRelativePath("a/\u{301}/.."))
    #expect(OutputFolder.isSafeRelativePath("a/\u{301}b"))
  }
}
