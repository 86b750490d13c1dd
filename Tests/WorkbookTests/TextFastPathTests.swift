import Foundation
import Testing

@testable import Workbook

/// Random text built from pieces that matter to the fast paths: ASCII,
/// `_x` escapes, CR, LF and CR LF, combining marks, non-ASCII letters.
private func randomTexts(count: Int, seed: UInt64) -> [String] {
  let pieces = [
    "a", "Z", "0", " ", "_", "x", "_x", "_x0041_", "_X0041_", "\n", "\r", "\r\n", "\t", "é", "e\u{301}", "x\u{301}",
    "_\u{301}x", "–", "€", "😀", "\u{2028}", "Oak Tree School",
  ]
  var state = seed
  func next(_ bound: Int) -> Int {
    state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
    return Int((state >> 33) % UInt64(bound))
  }
  return (0..<count).map { _ in (0..<next(9)).map { _ in pieces[next(pieces.count)] }.joined() }
}

@Suite("Workbook text fast paths give what the general definitions give")
struct TextFastPathTests {
  /// `escapingEscapes` as first written, with Foundation's substring search.
  private func escapingEscapesByDefinition(_ text: String) -> String {
    guard text.contains("_x") else { return text }
    var out = ""
    var rest = Substring(text)
    while let start = rest.range(of: "_x") {
      out += rest[..<start.lowerBound]
      let after = rest[start.upperBound...]
      let isEscape =
        after.prefix(5).count == 5 && after.prefix(4).allSatisfy(\.isHexDigit) && after.dropFirst(4).first == "_"
      out += isEscape ? "_x005F_x" : "_x"
      rest = after
    }
    return out + rest
  }

  @Test("a text column's fitted width: ASCII by bytes, the rest by characters per line")
  func fittedWidthOfText() {
    for text in randomTexts(count: 3000, seed: 1) {
      let sheet = Sheet(name: "S", columns: [Column("c")], rows: [[.text(text)]], hasAutofilter: false)
      let longest = text.split(separator: "\n", omittingEmptySubsequences: false).map(\.count).max() ?? 0
      let expected = min(max(Double(max(1, longest)) + 1, Column.minimumWidth), Column.maximumWidth)
      #expect(sheet.fittedWidth(column: 0) == expected, "\(Array(text.unicodeScalars))")
    }
    // A width above the minimum, so that the count itself shows.
    let wide = Sheet(name: "S", columns: [Column("c")], rows: [[.text(String(repeating: "w", count: 40))]])
    #expect(wide.fittedWidth(column: 0) == 41)
  }

  @Test("_x escapes: the byte test finds every text Foundation's search finds")
  func escapes() {
    for text in randomTexts(count: 3000, seed: 2) {
      #expect(escapingEscapes(text) == escapingEscapesByDefinition(text), "\(Array(text.unicodeScalars))")
    }
  }
}
