import Foundation

/// Builds RFC 4180 CSV text as UTF-8 bytes: fields quoted only when they
/// must be, LF line ends, and no field a spreadsheet would run as a formula.
struct CSVText {
  /// The file so far.
  private(set) var bytes: [UInt8] = []

  /// The file so far, as text.
  var text: String { String(decoding: bytes, as: UTF8.self) }

  /// Makes room for `count` more bytes.
  mutating func reserve(_ count: Int) { bytes.reserveCapacity(bytes.count + count) }

  /// Appends one record.
  mutating func append(_ fields: [String]) {
    for (k, field) in fields.enumerated() {
      if k > 0 { bytes.append(UInt8(ascii: ",")) }
      let field = FormulaGuard.neutralised(field)
      guard Self.needsQuotes(field) else {
        bytes.append(contentsOf: field.utf8)
        continue
      }
      bytes.append(UInt8(ascii: "\""))
      for byte in field.utf8 {
        if byte == UInt8(ascii: "\"") { bytes.append(byte) }
        bytes.append(byte)
      }
      bytes.append(UInt8(ascii: "\""))
    }
    bytes.append(10)
  }

  /// A field as written: neutralised, then quoted when it must be.
  static func escape(_ field: String) -> String {
    let field = FormulaGuard.neutralised(field)
    guard needsQuotes(field) else { return field }
    return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }

  /// Whether a field holds a comma, a quote or a line end. ASCII without
  /// CR is one character per byte: tested on the bytes (most fields), else
  /// by characters (CR LF is one character).
  private static func needsQuotes(_ field: String) -> Bool {
    if field.utf8.allSatisfy({ $0 < 0x80 && $0 != 13 }) {
      return field.utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 10 }
    }
    return field.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }
  }
}
