import Foundation
import Testing

@testable import PlacewiseReport

/// Random fields built from the characters the escapes treat apart, and
/// their neighbours: quotes, commas, CR, LF and CR LF, `<>&\`, controls,
/// U+2028/2029 and other characters whose UTF-8 starts E2, combining marks.
private func randomFields(count: Int, seed: UInt64) -> [String] {
  let pieces = [
    "a", "Z", "0", " ", ",", "\"", "\n", "\r", "\r\n", "\t", "\u{1}", "\u{1F}", "\u{7F}", "<", ">", "&", "\\", "/",
    "\u{2028}", "\u{2029}", "\u{2027}", "\u{202A}", "–", "€", "é", "e\u{301}", ",\u{301}", "\"\u{301}", "😀", "=",
    "-", "+", "@", "1", ".", "Placed at Oak School, 7 minutes from home.",
  ]
  var state = seed
  func next(_ bound: Int) -> Int {
    state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
    return Int((state >> 33) % UInt64(bound))
  }
  return (0..<count).map { _ in (0..<next(8)).map { _ in pieces[next(pieces.count)] }.joined() }
}

@Suite("CSV and JSON escapes on bytes give what the character definitions give")
struct EscapingFastPathTests {
  /// `HTMLPage.jsonString` as first written, scalar by scalar.
  private func jsonStringByScalars(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "<": out += "\\u003c"
      case ">": out += "\\u003e"
      case "&": out += "\\u0026"
      case "\u{2028}": out += "\\u2028"
      case "\u{2029}": out += "\\u2029"
      case let c where c.value < 0x20:
        let hex = String(c.value, radix: 16)
        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out + "\""
  }

  /// `CSVText.escape` as first written, character by character.
  private func csvEscapeByCharacters(_ field: String) -> String {
    let field = FormulaGuard.neutralised(field)
    guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
    return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }

  @Test("HTMLPage.jsonString equals the scalar-by-scalar escape")
  func jsonString() {
    for field in randomFields(count: 5000, seed: 3) {
      #expect(HTMLPage.jsonString(field) == jsonStringByScalars(field), "\(Array(field.unicodeScalars))")
    }
    #expect(HTMLPage.jsonString("a\u{2028}b</script>\u{1}") == "\"a\\u2028b\\u003c/script\\u003e\\u0001\"")
  }

  @Test("CSVText.escape equals the character-by-character escape")
  func csvEscape() {
    for field in randomFields(count: 5000, seed: 4) {
      #expect(CSVText.escape(field) == csvEscapeByCharacters(field), "\(Array(field.unicodeScalars))")
    }
  }
}
