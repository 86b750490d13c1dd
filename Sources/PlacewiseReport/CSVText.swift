import Foundation

/// Builds RFC 4180 CSV text: fields quoted only when they must be, LF line ends.
struct CSVText {
  private(set) var text = ""

  /// Appends one record.
  mutating func append(_ fields: [String]) {
    text += fields.map(Self.escape).joined(separator: ",")
    text += "\n"
  }

  static func escape(_ field: String) -> String {
    let field = FormulaGuard.neutralised(field)
    // ASCII without CR is one character per byte: tested on the bytes (most
    // fields), else by characters as before (CR LF is one character).
    if field.utf8.allSatisfy({ $0 < 0x80 && $0 != 13 }) {
      guard field.utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 10 }) else {
        return field
      }
    } else {
      guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
    }
    return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }
}

/// Numbers as written in every output: whole numbers without a fraction,
/// others with the shortest digits that read back to the same double
/// (unrounded, as the case format asks).
enum NumberText {
  static func format(_ value: Double) -> String {
    if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
    return "\(value)"
  }
}
