extension PolicyReader {
  /// The value of a TOML integer or float, nil when `token` is not one.
  /// `inf` and `nan` are TOML floats and come back non-finite.
  static func tomlNumber(_ token: String) -> Double? {
    var chars = Array(token.utf8)
    var sign: [UInt8] = []
    if let first = chars.first, first == InputByte.plus || first == InputByte.minus {
      sign = [first]
      chars.removeFirst()
    }
    switch String(decoding: chars, as: UTF8.self) {
    case "inf": return sign == [InputByte.minus] ? -.infinity : .infinity
    case "nan": return .nan
    default: break
    }
    // 0x, 0o, 0b integers: TOML allows no sign on them.
    if chars.count > 2, chars[0] == InputByte.zero, sign.isEmpty {
      let radix: Int? =
        switch chars[1] {
        case UInt8(ascii: "x"): 16
        case UInt8(ascii: "o"): 8
        case UInt8(ascii: "b"): 2
        default: nil
        }
      if let radix {
        guard let digits = digitsWithUnderscores(chars[2...], radix: radix), let value = Int64(digits, radix: radix)
        else { return nil }
        return Double(value)
      }
    }

    // Split into integer part, fraction and exponent.
    let exponentAt = chars.firstIndex { $0 == InputByte.lowerE || $0 == InputByte.upperE }
    let mantissa = chars[..<(exponentAt ?? chars.count)]
    let dotAt = mantissa.firstIndex(of: InputByte.dot)
    let integerPart = mantissa[..<(dotAt ?? mantissa.endIndex)]
    guard let integer = digitsWithUnderscores(integerPart, radix: 10) else { return nil }
    // No leading zeros in TOML: 0, 7 and 0.5 but not 07.
    guard integer == "0" || !integer.hasPrefix("0") else { return nil }
    var text = String(decoding: sign, as: UTF8.self) + integer
    if let dotAt {
      guard let fraction = digitsWithUnderscores(mantissa[(dotAt + 1)...], radix: 10) else { return nil }
      text += "." + fraction
    }
    if let exponentAt {
      var exponent = chars[(exponentAt + 1)...]
      var exponentSign = ""
      if let first = exponent.first, first == InputByte.plus || first == InputByte.minus {
        exponentSign = first == InputByte.minus ? "-" : "+"
        exponent = exponent.dropFirst()
      }
      guard let digits = digitsWithUnderscores(exponent, radix: 10) else { return nil }
      text += "e" + exponentSign + digits
    }
    if dotAt == nil && exponentAt == nil {
      // A TOML integer is 64-bit.
      guard Int64(text) != nil else { return nil }
    }
    return DecimalParser.parse(text)
  }

  /// The digits of `chars` with TOML's underscores removed, or nil when
  /// there are none, a character is not a digit, or an underscore is not
  /// between two digits.
  static func digitsWithUnderscores(_ chars: ArraySlice<UInt8>, radix: Int) -> String? {
    var digits: [UInt8] = []
    var previousWasDigit = false
    for c in chars {
      if c == UInt8(ascii: "_") {
        guard previousWasDigit else { return nil }
        previousWasDigit = false
        continue
      }
      guard let character = Character(Unicode.Scalar(c)).hexDigitValue, character < radix else { return nil }
      digits.append(c)
      previousWasDigit = true
    }
    guard previousWasDigit else { return nil }
    return String(decoding: digits, as: UTF8.self)
  }

  /// A value as a problem shows it: described where it looks like personal
  /// data (a postcode, a date, a name or an address, a coordinate: a pupils
  /// file's line pasted into the policy), its quotes aside; else quoted.
  static func found(_ value: String) -> String {
    let quoted = value.count >= 2 && value.first == "\"" && value.last == "\""
    return InputText.personalShape(quoted ? String(value.dropFirst().dropLast()) : value) ?? InputText.quoted(value)
  }

  /// `(starting with ",")`: one character, to place a problem without
  /// quoting the line around it.
  static func nameOf(_ c: Character) -> String {
    let shown = c.isASCII && !c.isWhitespace && c.asciiValue.map { $0 >= 0x21 && $0 <= 0x7E } == true
    return shown ? "(starting with \"\(c)\")" : "(starting with a character that is not plain ASCII)"
  }

  static func isBareKeyCharacter(_ c: Character) -> Bool {
    c.isASCII && (c.isLetter || c.isNumber || c == "_" || c == "-")
  }

  static func skipBlanks(_ chars: [Character], _ start: Int) -> Int {
    var i = start
    while i < chars.count, chars[i] == " " || chars[i] == "\t" { i += 1 }
    return i
  }

  static func trimmed(_ chars: ArraySlice<Character>) -> String {
    InputText.trimmed(String(chars))
  }

  /// Levenshtein distance.
  static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
    var previous = Array(0...b.count)
    for (i, x) in a.enumerated() {
      var current = [i + 1]
      for (j, y) in b.enumerated() {
        current.append(Swift.min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1)))
      }
      previous = current
    }
    return previous[b.count]
  }
}
