/// Keeps spreadsheets from running output cells as formulas.
///
/// Excel, LibreOffice and Google Sheets treat a cell that starts with `=`,
/// `+`, `-` or `@` as a formula (and skip a leading tab or carriage return
/// first), so a setting named `=HYPERLINK(...)` would run when a planner
/// opens the file. Ids cannot start so (the readers refuse them); free text
/// such as a name is neutralised here with a leading apostrophe, the
/// prefix spreadsheets themselves use for "text, not a formula", as OWASP
/// advises. A plain number (`-2`, `+1.5`) stays as it is.
enum FormulaGuard {
  /// `field`, with `'` in front when a spreadsheet would run it.
  static func neutralised(_ field: String) -> String {
    guard let first = field.utf8.first, startsFormula(first), !isPlainNumber(field) else { return field }
    return "'" + field
  }

  static func startsFormula(_ byte: UInt8) -> Bool {
    byte == UInt8(ascii: "=") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-")
      || byte == UInt8(ascii: "@") || byte == 0x09 || byte == 0x0D
  }

  /// `[+|-] digits [. digits] [e [+|-] digits]`: what a spreadsheet reads as
  /// a number, not a formula.
  static func isPlainNumber(_ text: String) -> Bool {
    let bytes = Array(text.utf8)
    var i = 0
    func digits() -> Int {
      let start = i
      while i < bytes.count, bytes[i] >= UInt8(ascii: "0"), bytes[i] <= UInt8(ascii: "9") { i += 1 }
      return i - start
    }
    if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
    var count = digits()
    if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
      i += 1
      count += digits()
    }
    guard count > 0 else { return false }
    if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
      i += 1
      if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
      guard digits() > 0 else { return false }
    }
    return i == bytes.count
  }
}
