/// Reads `policy.toml`: a flat table of the policy keys the case format
/// defines, each given at most once.
///
/// This is a strict subset of TOML, enough for that table and no more:
/// blank lines, `#` comments, and `key = value` lines where the key is bare
/// (`speed_kmh`) or quoted without escapes (`"speed_kmh"`) and the value is a
/// TOML integer (`45`, `+1_000`, `0x2D`) or float (`1.3`, `5e1`, `-0.0`).
/// Anything else TOML allows (strings, booleans, dates, arrays, inline
/// tables, `[table]` headers, dotted keys) is reported as an error with its
/// line and 1-based character column, as are unknown keys (a typo must not
/// pass silently), repeated keys, non-finite values and values out of range.
public enum PolicyReader {
  /// The keys `policy.toml` may set, in the order of the case format.
  public static let keys = [
    "max_travel_minutes_primary", "max_travel_minutes_secondary", "speed_kmh", "detour_factor",
    "preference_step", "unlisted_penalty", "preference_rule", "move_penalty", "cost", "pounds_per_minute",
    "resources_margin", "age_range", "leave_age", "unplaced_cost", "postcodes", "placement_start",
  ]

  /// The keys whose value is text: a path in quotes, a date.
  static let textKeys: Set<String> = [
    "postcodes", "placement_start", "preference_rule", "cost", "age_range",
  ]

  /// The policy `text` sets over the defaults, or every problem in it.
  ///
  /// - Parameters:
  ///   - text: the contents of a policy file.
  ///   - file: the file name to give in problems.
  public static func parse(_ text: String, file: String = "policy.toml") throws(InvalidCaseError) -> Policy {
    let (policy, problems) = read(Array(text.utf8), file: file)
    guard problems.isEmpty else { throw InvalidCaseError(problems: problems) }
    return policy
  }

  /// The policy `bytes` set over the defaults, and the problems found (the
  /// policy is meaningless when there are any).
  package static func read(_ bytes: [UInt8], file: String) -> (policy: Policy, problems: [InputProblem]) {
    // The parser works a line at a time in Characters; six keys need a few
    // hundred bytes, and a huge file is a wrong file, not a policy.
    guard bytes.count <= maxBytes else {
      let problem = InputProblem(
        file: file, line: nil, column: nil, field: nil, found: "a file of \(bytes.count) bytes",
        expected: "a policy file of a few short lines (at most \(maxBytes) bytes)")
      return (Policy(), [problem])
    }
    var parser = Parser(file: file)
    parser.parse(bytes)
    parser.checkTogether()
    return (parser.policy, parser.problems)
  }

  /// The largest policy file read.
  static let maxBytes = 1 << 20

  /// What each key may hold: a finite number in a plausible range.
  private struct Rule: Sendable {
    let what: String
    let range: ClosedRange<Double>
    var reason = ""
    /// Whether the value must be a whole number.
    var whole = false

    var expected: String { what + " " + InputRange.text(range) + reason }
    func allows(_ value: Double) -> Bool { range.contains(value) }
  }

  /// The ranges (the README's "Decisions" gives the reasons): journey limits
  /// within a day, like journeys; a speed from 1 to 300 km/h and a detour
  /// factor up to 10, so that an estimated journey across Great Britain
  /// stays below a million minutes; penalties within a week (a preference
  /// step) or ten weeks (an unlisted setting) of journeys. Every placement
  /// cost is then finite, and so is every sum of them.
  private static let rules: [String: Rule] = [
    "max_travel_minutes_primary": Rule(what: "a journey limit in minutes", range: InputRange.minutes),
    "max_travel_minutes_secondary": Rule(what: "a journey limit in minutes", range: InputRange.minutes),
    "speed_kmh": Rule(what: "a speed in km/h", range: 1...300),
    "detour_factor": Rule(
      what: "a factor", range: 1...10, reason: " (road distance is never shorter than the straight line)"),
    "preference_step": Rule(what: "minutes-equivalent", range: 0...10_000),
    "unlisted_penalty": Rule(what: "minutes-equivalent", range: 0...100_000),
    "move_penalty": Rule(what: "minutes-equivalent", range: 0...10_000),
    "pounds_per_minute": Rule(what: "pounds a year per minute of journey", range: 0...100_000),
    "resources_margin": Rule(what: "pounds a year", range: 0...10_000_000),
    "leave_age": Rule(what: "an age in whole years", range: 0...25, whole: true),
    "unplaced_cost": Rule(what: "pounds a year", range: 0...10_000_000),
  ]

  private struct Parser {
    let file: String
    var policy = Policy()
    var problems: [InputProblem] = []
    /// The line each key was set on.
    var seen: [String: Int] = [:]
    /// Set while skipping the continuation lines of a multi-line value that
    /// was already reported: the text that ends it.
    var skipUntil: String?

    init(file: String) { self.file = file }

    mutating func parse(_ bytes: [UInt8]) {
      var bytes = bytes[...]
      if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
      var lineNumber = 0
      for rawLine in bytes.split(separator: InputByte.lf, omittingEmptySubsequences: false) {
        lineNumber += 1
        var lineBytes = rawLine
        if lineBytes.last == InputByte.cr { lineBytes = lineBytes.dropLast() }
        let invalid = lineBytes.withUnsafeBufferPointer { CSVReader.firstInvalidUTF8Byte(in: $0) }
        if let invalid {
          let prefix = String(decoding: lineBytes.prefix(invalid), as: UTF8.self)
          let byte = lineBytes[lineBytes.startIndex + invalid]
          problem(
            line: lineNumber, column: prefix.count + 1, key: nil, found: InputText.notUTF8(byte),
            expected: InputText.utf8Advice)
          continue
        }
        parseLine(Array(String(decoding: lineBytes, as: UTF8.self)), number: lineNumber)
      }
    }

    mutating func parseLine(_ chars: [Character], number line: Int) {
      if let end = skipUntil {
        if String(chars).contains(end) { skipUntil = nil }
        return
      }
      var i = skipBlanks(chars, 0)
      if i == chars.count || chars[i] == "#" { return }
      if chars[i] == "[" {
        problem(
          line: line, column: i + 1, key: nil, found: "a table header",
          expected: "key = value lines only: policy.toml has no tables")
        return
      }

      // The key.
      let keyColumn = i + 1
      let key: String
      if chars[i] == "\"" || chars[i] == "'" {
        let quote = chars[i]
        guard let close = chars[(i + 1)...].firstIndex(of: quote) else {
          problem(
            line: line, column: keyColumn, key: nil, found: "a quoted key whose quote is never closed",
            expected: "a key such as speed_kmh")
          return
        }
        key = String(chars[(i + 1)..<close])
        i = close + 1
      } else {
        let start = i
        while i < chars.count, isBareKeyCharacter(chars[i]) { i += 1 }
        guard i > start else {
          problem(
            line: line, column: keyColumn, key: nil,
            found: "a line that does not start with a key " + PolicyReader.nameOf(chars[i]),
            expected: "a key such as speed_kmh")
          return
        }
        key = String(chars[start..<i])
      }
      i = skipBlanks(chars, i)
      if i < chars.count, chars[i] == "." {
        problem(
          line: line, column: keyColumn, key: nil, found: "a dotted key",
          expected: "a plain key: policy.toml has no tables")
        return
      }
      guard i < chars.count, chars[i] == "=" else {
        // Not a TOML line at all (perhaps a CSV file given as the policy):
        // described, never quoted, since it may hold anyone's data.
        problem(
          line: line, column: i + 1, key: PolicyReader.rules[key] == nil ? nil : key,
          found: i < chars.count
            ? "a line that is not key = value " + PolicyReader.nameOf(chars[i]) : "a key with no = and value after it",
          expected: "= and a value after the key")
        return
      }
      i = skipBlanks(chars, i + 1)

      // Which key: unknown and repeated keys are reported at the key.
      if PolicyReader.textKeys.contains(key) {
        if let first = seen[key] {
          problem(
            line: line, column: keyColumn, key: key, found: InputText.quoted(key) + " again",
            expected: "each key once (\(key) is set on line \(first))")
          return
        }
        seen[key] = line
        parseText(key, chars, from: i, line: line)
        return
      }
      guard let rule = PolicyReader.rules[key] else {
        var expected = "one of " + PolicyReader.keys.joined(separator: ", ")
        // A typo of a known key is shown; any other word is not (it may be
        // a pupil's id, from a CSV file given as the policy).
        let near = nearestKey(to: key)
        if let near { expected += " (did you mean \(near)?)" }
        problem(
          line: line, column: keyColumn, key: near == nil ? nil : key,
          found: near == nil ? "an unknown key" : "unknown key " + InputText.quoted(key), expected: expected)
        skipMultiLineValue(chars, from: i)
        return
      }
      if let first = seen[key] {
        problem(
          line: line, column: keyColumn, key: key, found: InputText.quoted(key) + " again",
          expected: "each key once (\(key) is set on line \(first))")
        skipMultiLineValue(chars, from: i)
        return
      }
      seen[key] = line

      // The value.
      let valueColumn = i + 1
      guard i < chars.count, chars[i] != "#" else {
        problem(line: line, column: valueColumn, key: key, found: "no value", expected: "a number: " + rule.expected)
        return
      }
      var end = i
      while end < chars.count, !chars[end].isWhitespace, chars[end] != "#" { end += 1 }
      let token = String(chars[i..<end])
      if let kind = nonNumberKind(chars, at: i) {
        problem(line: line, column: valueColumn, key: key, found: kind, expected: "a number: " + rule.expected)
        skipMultiLineValue(chars, from: i)
        return
      }
      let after = skipBlanks(chars, end)
      if after < chars.count, chars[after] != "#" {
        problem(
          line: line, column: after + 1, key: key,
          found: "more text after the value " + PolicyReader.nameOf(chars[after]),
          expected: "the end of the line or a # comment after the value")
        return
      }
      switch tomlNumber(token) {
      case .some(let value) where !value.isFinite:
        problem(
          line: line, column: valueColumn, key: key, found: InputText.quoted(token),
          expected: "a finite number: " + rule.expected)
      case .some(let value) where rule.whole && value != value.rounded():
        problem(
          line: line, column: valueColumn, key: key, found: InputText.quoted(token),
          expected: "a whole number: " + rule.expected)
      case .some(let value) where !rule.allows(value):
        problem(line: line, column: valueColumn, key: key, found: InputText.quoted(token), expected: rule.expected)
      case .some(let value):
        set(key, value)
      case .none:
        let numberLike =
          token.count <= InputText.maxQuoted && token.allSatisfy { isBareKeyCharacter($0) || $0 == "." || $0 == "+" }
        problem(
          line: line, column: valueColumn, key: key,
          found: numberLike ? InputText.quoted(token) : "a value that is not a number " + PolicyReader.nameOf(chars[i]),
          expected: "a TOML number such as 45 or 1.3: " + rule.expected)
      }
    }

    /// A text key's value: `postcodes = "path"`; `placement_start =
    /// 2026-09-01` (a TOML local date) or the same in quotes.
    mutating func parseText(_ key: String, _ chars: [Character], from i: Int, line: Int) {
      let rest = trimmed(chars[min(i, chars.count)...])
      var value = rest
      var comment = ""
      if let hash = rest.firstIndex(of: "#"), !(rest.first == "\"" && rest[..<hash].filter { $0 == "\"" }.count == 1) {
        value = InputText.trimmed(rest[..<hash])
        comment = String(rest[hash...])
      }
      _ = comment
      let quoted = value.count >= 2 && value.first == "\"" && value.last == "\""
      let text = quoted ? String(value.dropFirst().dropLast()) : value
      switch key {
      case "postcodes":
        guard quoted, !text.isEmpty, !text.contains("\\"), !text.contains("\"") else {
          problem(
            line: line, column: i + 1, key: key, found: value.isEmpty ? "no value" : InputText.quoted(value),
            expected: "the postcode directory's path in double quotes, e.g. \"ONSPD_FEB_2025_UK.csv\"")
          return
        }
        policy.postcodesFile = text
      case "preference_rule", "cost", "age_range":
        parseWord(key, value: value, text: text, quoted: quoted, column: i + 1, line: line)
      default:
        guard let date = CalendarDate(parsing: text), !text.contains("/") || quoted else {
          problem(
            line: line, column: i + 1, key: key, found: value.isEmpty ? "no value" : InputText.quoted(value),
            expected: "a date such as 2026-09-01 (a real day)")
          return
        }
        policy.placementStart = date
      }
    }

    /// A word key's value, in double quotes: `preference_rule`, `cost`, `age_range`.
    mutating func parseWord(_ key: String, value: String, text: String, quoted: Bool, column: Int, line: Int) {
      func choose<Word: RawRepresentable & CaseIterable>(_: Word.Type) -> Word? where Word.RawValue == String {
        guard quoted, let word = Word(rawValue: text) else {
          let words = Word.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: " or ")
          problem(
            line: line, column: column, key: key, found: value.isEmpty ? "no value" : InputText.quoted(value),
            expected: words + ", in double quotes")
          return nil
        }
        return word
      }
      switch key {
      case "preference_rule": if let word = choose(PreferenceRule.self) { policy.preferenceRule = word }
      case "cost": if let word = choose(CostUnit.self) { policy.costUnit = word }
      default: if let word = choose(AgeRangeRule.self) { policy.ageRange = word }
      }
    }

    /// Rules that join two keys: pounds need a price for a minute.
    mutating func checkTogether() {
      guard policy.costUnit == .pounds, policy.poundsPerMinute <= 0, let line = seen["cost"] else { return }
      problem(
        line: line, column: 1, key: "cost",
        found: "cost = \"pounds\" with pounds_per_minute "
          + (seen["pounds_per_minute"] == nil ? "not set" : "0"),
        expected: "pounds_per_minute above 0 beside cost = \"pounds\" (the annual pounds of one minute of journey)")
    }

    mutating func set(_ key: String, _ value: Double) {
      switch key {
      case "move_penalty": policy.movePenalty = value
      case "pounds_per_minute": policy.poundsPerMinute = value
      case "resources_margin": policy.resourcesMargin = value
      case "unplaced_cost": policy.unplacedCost = value
      case "leave_age": policy.leaveAge = Int(value)
      case "max_travel_minutes_primary": policy.maxTravelMinutesPrimary = value
      case "max_travel_minutes_secondary": policy.maxTravelMinutesSecondary = value
      case "speed_kmh": policy.speedKmh = value
      case "detour_factor": policy.detourFactor = value
      case "preference_step": policy.preferenceStep = value
      case "unlisted_penalty": policy.unlistedPenalty = value
      default: assertionFailure("a key without a setter: \(key)")
      }
    }

    mutating func problem(line: Int, column: Int, key: String?, found: String, expected: String) {
      problems.append(
        InputProblem(file: file, line: line, column: column, field: key, found: found, expected: expected))
    }

    /// What TOML value other than a number starts at `i`, if any.
    func nonNumberKind(_ chars: [Character], at i: Int) -> String? {
      let rest = String(chars[i...])
      switch chars[i] {
      case "\"", "'": return "a string"
      case "[": return "an array"
      case "{": return "an inline table"
      default: break
      }
      for word in ["true", "false"] where rest.hasPrefix(word) {
        let next = i + word.count
        if next == chars.count || !isBareKeyCharacter(chars[next]) { return "a boolean" }
      }
      // 1979-05-27 or 07:32:00: TOML dates and times.
      if rest.count >= 5, chars[i].isASCII, chars[i].isNumber {
        let prefix = Array(rest.prefix(5))
        if prefix[4] == "-" && prefix[0...3].allSatisfy(\.isNumber) { return "a date" }
        if prefix[2] == ":" && prefix[0...1].allSatisfy(\.isNumber) { return "a time" }
      }
      return nil
    }

    /// After reporting a value, skips the lines an array or multi-line
    /// string continues on, so they are not reported as keys.
    mutating func skipMultiLineValue(_ chars: [Character], from i: Int) {
      let rest = String(chars[min(i, chars.count)...])
      for delimiter in ["\"\"\"", "'''"] where rest.hasPrefix(delimiter) {
        if !rest.dropFirst(3).contains(delimiter) { skipUntil = delimiter }
        return
      }
      if rest.hasPrefix("["), !rest.contains("]") { skipUntil = "]" }
    }

    /// The nearest known key, when `key` looks like a typo of it.
    func nearestKey(to key: String) -> String? {
      let lower = Array(key.lowercased())
      var best: (key: String, distance: Int)?
      for candidate in PolicyReader.keys {
        let limit = max(2, candidate.count / 4)
        // The distance is at least the difference in length: a long line
        // of junk must not cost a full table per key.
        guard abs(lower.count - candidate.count) <= limit else { continue }
        let distance = editDistance(lower, Array(candidate))
        if distance <= limit, distance < (best?.distance ?? .max) {
          best = (candidate, distance)
        }
      }
      return best?.key
    }
  }

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
  private static func digitsWithUnderscores(_ chars: ArraySlice<UInt8>, radix: Int) -> String? {
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

  /// `(starting with ",")`: one character, to place a problem without
  /// quoting the line around it.
  fileprivate static func nameOf(_ c: Character) -> String {
    let shown = c.isASCII && !c.isWhitespace && c.asciiValue.map { $0 >= 0x21 && $0 <= 0x7E } == true
    return shown ? "(starting with \"\(c)\")" : "(starting with a character that is not plain ASCII)"
  }

  private static func isBareKeyCharacter(_ c: Character) -> Bool {
    c.isASCII && (c.isLetter || c.isNumber || c == "_" || c == "-")
  }

  private static func skipBlanks(_ chars: [Character], _ start: Int) -> Int {
    var i = start
    while i < chars.count, chars[i] == " " || chars[i] == "\t" { i += 1 }
    return i
  }

  private static func trimmed(_ chars: ArraySlice<Character>) -> String {
    InputText.trimmed(String(chars))
  }

  /// Levenshtein distance.
  private static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
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
