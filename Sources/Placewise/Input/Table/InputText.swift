/// Wording shared by the readers' problem reports.
enum InputText {
  /// At most this many characters of a value are quoted.
  static let maxQuoted = 40

  /// `value` in double quotes, control characters and quotes escaped,
  /// shortened with an ellipsis when long.
  static func quoted(_ value: some StringProtocol) -> String {
    "\"" + shortened(value, escapingQuotes: true) + "\""
  }

  /// `value` with control characters escaped (and quotes, if asked),
  /// shortened with an ellipsis when long.
  static func shortened(_ value: some StringProtocol, escapingQuotes: Bool = false) -> String {
    var text = ""
    var length = 0
    for character in value {
      if length == maxQuoted {
        text += "…"
        break
      }
      length += 1
      switch character {
      case "\"" where escapingQuotes: text += "\\\""
      case "\\" where escapingQuotes: text += "\\\\"
      case "\n": text += "\\n"
      case "\r": text += "\\r"
      case "\r\n": text += "\\r\\n"
      case "\t": text += "\\t"
      default:
        // Control and invisible characters (a zero-width space, a
        // non-breaking space, a byte-order mark, a direction mark) are
        // shown escaped: raw, "found ASD" beside "expected ASD" told nothing.
        guard character.unicodeScalars.contains(where: invisible) else {
          text.append(character)
          continue
        }
        for scalar in character.unicodeScalars {
          text += invisible(scalar) ? "\\u{\(String(scalar.value, radix: 16, uppercase: true))}" : String(scalar)
        }
      }
    }
    return text
  }

  /// `value`'s bytes in double quotes (they are valid UTF-8).
  static func quoted(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
    quoted(String(decoding: bytes, as: UTF8.self))
  }

  /// Whether a character is one a reader cannot see: a control or format
  /// character, a space other than U+0020, or one Unicode has a display
  /// ignore (a Hangul filler).
  static func invisible(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.properties.generalCategory {
    case .control, .format, .lineSeparator, .paragraphSeparator: true
    case .spaceSeparator: scalar != " "
    default: scalar.properties.isDefaultIgnorableCodePoint
    }
  }

  /// What was found where a byte is not UTF-8: the byte, and the character
  /// it would be in Windows-1252, the usual culprit (Excel's plain "CSV").
  static func notUTF8(_ byte: UInt8) -> String {
    let hex = "0x" + String(byte, radix: 16, uppercase: true)
    guard let character = windows1252(byte) else { return "byte \(hex), which is not UTF-8" }
    return "byte \(hex), which is not UTF-8 (\"\(character)\" in Windows-1252)"
  }

  /// What is expected instead of bytes that are not UTF-8.
  static let utf8Advice = "UTF-8 text (in Excel, save as \"CSV UTF-8\")"

  /// `text` without leading and trailing spaces and tabs.
  static func trimmed(_ text: some StringProtocol) -> String {
    let isBlank: (Character) -> Bool = { $0 == " " || $0 == "\t" }
    guard let first = text.firstIndex(where: { !isBlank($0) }), let last = text.lastIndex(where: { !isBlank($0) })
    else { return "" }
    return String(text[first...last])
  }

  /// The Windows-1252 character of a byte above 0x7F, if it has one.
  static func windows1252(_ byte: UInt8) -> Character? {
    if byte >= 0xA0 { return Character(Unicode.Scalar(byte)) }
    guard byte >= 0x80 else { return nil }
    let scalar = windows1252High[Int(byte - 0x80)]
    return scalar == 0 ? nil : Unicode.Scalar(scalar).map(Character.init)
  }

  /// 0x80 to 0x9F in Windows-1252; 0 where the code page has no character.
  private static let windows1252High: [UInt32] = [
    0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
    0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E,
    0x0178,
  ]

  /// The edit distance (insertions, deletions, substitutions of
  /// characters) between two short names, or nil when above `limit`: a
  /// misspelt column's nearest known name, for messages.
  static func editDistance(_ a: String, _ b: String, atMost limit: Int) -> Int? {
    let a = Array(a), b = Array(b)
    guard abs(a.count - b.count) <= limit, a.count < 200 else { return nil }
    guard !a.isEmpty, !b.isEmpty else { return max(a.count, b.count) }
    var previous = Array(0...b.count)
    for i in 1...a.count {
      var row = [i] + Array(repeating: 0, count: b.count)
      for j in 1...b.count {
        row[j] = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
      }
      previous = row
    }
    return previous[b.count] <= limit ? previous[b.count] : nil
  }
}
