/// What an id (`pupil_id`, `urn`, a preference, `current_urn`) may hold.
///
/// Ids are pseudonymised codes, written back into every output and matched
/// byte for byte: a character nobody can see (a NUL, a byte-order mark
/// inside the file, a zero-width or no-break space, a right-to-left
/// override, a line break) would make two ids that print alike different
/// pupils, or break a line of output. A leading `=`, `+`, `-` or `@` would
/// make a spreadsheet run the id as a formula when a planner opens an
/// output. Both are refused at input; a plain number (`-5`) is an id like
/// any other.
enum IdentifierText {
  /// Why `bytes` (a trimmed, non-empty, valid UTF-8 cell) cannot be an id,
  /// or nil when they can.
  static func problem(in bytes: UnsafeBufferPointer<UInt8>) -> String? {
    // The common case, printable ASCII not starting a formula, in one pass over bytes.
    var plainASCII = true
    for byte in bytes where byte < 0x20 || byte > 0x7E {
      plainASCII = false
      break
    }
    if plainASCII, let first = bytes.first, !startsFormula(first) { return nil }
    return slowProblem(String(decoding: bytes, as: UTF8.self), bytes: bytes)
  }

  /// Whether a cell starting with this byte is run as a formula by a
  /// spreadsheet (tab and carriage return included: Excel skips them).
  static func startsFormula(_ byte: UInt8) -> Bool {
    byte == UInt8(ascii: "=") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-")
      || byte == UInt8(ascii: "@") || byte == 0x09 || byte == 0x0D
  }

  private static func slowProblem(_ text: String, bytes: UnsafeBufferPointer<UInt8>) -> String? {
    for (position, scalar) in text.unicodeScalars.enumerated() where isInvisible(scalar) {
      return "\(describe(scalar)) at character \(position + 1)"
    }
    if let first = bytes.first, startsFormula(first), DecimalParser.parse(bytes) == nil {
      return "an id starting with \"\(Character(Unicode.Scalar(first)))\", which a spreadsheet runs as a formula"
    }
    return nil
  }

  /// The first invisible character of `text` (see `isInvisible`), and
  /// `text` without its invisible characters; nil when it has none.
  static func invisible(in text: String) -> (first: Unicode.Scalar, without: String)? {
    guard let first = text.unicodeScalars.first(where: isInvisible) else { return nil }
    var without = String.UnicodeScalarView()
    without.append(contentsOf: text.unicodeScalars.filter { !isInvisible($0) })
    return (first, String(without))
  }

  /// Control, format, private-use, unassigned and separator characters
  /// other than the plain space, and every character Unicode has a display
  /// ignore (a combining grapheme joiner, a Hangul filler: round
  /// twenty-two): nothing a person sees or types in a code.
  private static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.properties.generalCategory {
    case .control, .format, .surrogate, .privateUse, .unassigned, .lineSeparator, .paragraphSeparator: true
    case .spaceSeparator: scalar != " "
    default: scalar.properties.isDefaultIgnorableCodePoint
    }
  }

  /// `a format character (U+FEFF ZERO WIDTH NO-BREAK SPACE)`.
  static func describe(_ scalar: Unicode.Scalar) -> String {
    let hex = String(scalar.value, radix: 16, uppercase: true)
    let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    let name = scalar.properties.name ?? scalar.properties.nameAlias
    let what =
      switch scalar.properties.generalCategory {
      case .control: "a control character"
      case .format: "an invisible format character"
      case .spaceSeparator: "a space other than the plain space"
      case .lineSeparator, .paragraphSeparator: "a line break"
      default:
        scalar.properties.isDefaultIgnorableCodePoint ? "an invisible character" : "a character that is not printable"
      }
    return what + " (" + code + (name.map { " " + $0 } ?? "") + ")"
  }

  /// What an id must be, for messages.
  static let expected =
    "printable characters only (no control, invisible or non-breaking characters), "
    + "not starting with =, +, - or @ unless a plain number"
}

extension InputText {
  /// `text` without the spaces and tabs at its ends (the blanks a CSV
  /// reader trims from a cell).
  static func trimmingBlanks(_ text: String) -> String {
    let bytes = Array(text.utf8)
    guard let first = bytes.firstIndex(where: { !InputByte.isBlank($0) }) else { return "" }
    let last = bytes.lastIndex(where: { !InputByte.isBlank($0) }) ?? first
    guard first > 0 || last < bytes.count - 1 else { return text }
    return String(decoding: bytes[first...last], as: UTF8.self)
  }

  /// Free text as a spreadsheet means it: a leading apostrophe before `=`,
  /// `+`, `-` or `@` is the prefix spreadsheets (and Placewise's own CSV
  /// files) put before text that would otherwise run as a formula, not part
  /// of the text, so it is dropped (`'=Oak` is `=Oak`, which every output
  /// neutralises again). Decision: a name meant to start with an apostrophe
  /// and then one of those four characters loses the apostrophe.
  static func spreadsheetText(_ text: String) -> String {
    let bytes = text.utf8
    guard bytes.first == UInt8(ascii: "'"), let second = bytes.dropFirst().first,
      second == UInt8(ascii: "=") || second == UInt8(ascii: "+") || second == UInt8(ascii: "-")
        || second == UInt8(ascii: "@")
    else { return text }
    return String(text.dropFirst())
  }

  /// `text` on one line: every control character (line breaks, tabs, NUL)
  /// and Unicode line or paragraph separator becomes a space, so that free
  /// text such as a setting's name never breaks a line of output.
  static func singleLine(_ text: String) -> String {
    guard
      text.unicodeScalars.contains(where: {
        $0.properties.generalCategory == .control || $0 == "\u{2028}" || $0 == "\u{2029}"
      })
    else { return text }
    var out = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
      let breaks = scalar.properties.generalCategory == .control || scalar == "\u{2028}" || scalar == "\u{2029}"
      out.append(breaks ? " " : scalar)
    }
    return String(out)
  }
}
