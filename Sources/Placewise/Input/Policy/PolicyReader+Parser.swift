extension PolicyReader {
  /// The parser of one policy file: a line at a time, collecting every
  /// problem rather than stopping at the first.
  struct Parser {
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
      let first = skipBlanks(chars, 0)
      if first == chars.count || chars[first] == "#" { return }
      if chars[first] == "[" {
        problem(
          line: line, column: first + 1, key: nil, found: "a table header",
          expected: "key = value lines only: policy.toml has no tables")
        return
      }

      guard let (key, keyColumn, afterKey) = readKey(chars, from: first, line: line),
        let i = readEquals(chars, from: afterKey, key: key, keyColumn: keyColumn, line: line)
      else { return }

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
      parseNumber(key, rule: rule, chars, from: i, line: line)
    }

    /// The key at `i` (bare or quoted): the key, its 1-based column and
    /// where the line goes on after it; nil once its problem is reported.
    mutating func readKey(_ chars: [Character], from start: Int, line: Int) -> (String, Int, Int)? {
      var i = start
      let keyColumn = i + 1
      let key: String
      if chars[i] == "\"" || chars[i] == "'" {
        let quote = chars[i]
        guard let close = chars[(i + 1)...].firstIndex(of: quote) else {
          problem(
            line: line, column: keyColumn, key: nil, found: "a quoted key whose quote is never closed",
            expected: "a key such as speed_kmh")
          return nil
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
          return nil
        }
        key = String(chars[start..<i])
      }
      return (key, keyColumn, i)
    }

    /// After the key: blanks, `=`, blanks; where the value starts, or nil
    /// once the line's problem is reported.
    mutating func readEquals(_ chars: [Character], from start: Int, key: String, keyColumn: Int, line: Int) -> Int? {
      let i = skipBlanks(chars, start)
      if i < chars.count, chars[i] == "." {
        problem(
          line: line, column: keyColumn, key: nil, found: "a dotted key",
          expected: "a plain key: policy.toml has no tables")
        return nil
      }
      guard i < chars.count, chars[i] == "=" else {
        // Not a TOML line at all (perhaps a CSV file given as the policy):
        // described, never quoted, since it may hold anyone's data.
        problem(
          line: line, column: i + 1, key: PolicyReader.rules[key] == nil ? nil : key,
          found: i < chars.count
            ? "a line that is not key = value " + PolicyReader.nameOf(chars[i]) : "a key with no = and value after it",
          expected: "= and a value after the key")
        return nil
      }
      return skipBlanks(chars, i + 1)
    }

    /// A number key's value at `i`, checked against its rule.
    mutating func parseNumber(_ key: String, rule: Rule, _ chars: [Character], from i: Int, line: Int) {
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
          line: line, column: valueColumn, key: key, found: PolicyReader.found(token),
          expected: "a finite number: " + rule.expected)
      case .some(let value) where rule.whole && value != value.rounded():
        problem(
          line: line, column: valueColumn, key: key, found: PolicyReader.found(token),
          expected: "a whole number: " + rule.expected)
      case .some(let value) where !rule.allows(value):
        problem(line: line, column: valueColumn, key: key, found: PolicyReader.found(token), expected: rule.expected)
      case .some(let value):
        set(key, value)
      case .none:
        let numberLike =
          token.count <= InputText.maxQuoted && token.allSatisfy { isBareKeyCharacter($0) || $0 == "." || $0 == "+" }
        problem(
          line: line, column: valueColumn, key: key,
          found: numberLike
            ? PolicyReader.found(token) : "a value that is not a number " + PolicyReader.nameOf(chars[i]),
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
            line: line, column: i + 1, key: key, found: value.isEmpty ? "no value" : PolicyReader.found(value),
            expected: "the postcode directory's path in double quotes, e.g. \"ONSPD_FEB_2025_UK.csv\"")
          return
        }
        policy.postcodesFile = text
      case "preference_rule", "cost", "age_range":
        parseWord(key, value: value, text: text, quoted: quoted, column: i + 1, line: line)
      default:
        // A school year's start: from 1900 to 2999 (a date of birth may be
        // older, to be told it gives an age over 25).
        guard let date = CalendarDate(parsing: text), !text.contains("/") || quoted, (1900...2999).contains(date.year)
        else {
          problem(
            line: line, column: i + 1, key: key, found: value.isEmpty ? "no value" : PolicyReader.found(value),
            expected: "a date such as 2026-09-01 (a real day, from 1900 to 2999)")
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
            line: line, column: column, key: key, found: value.isEmpty ? "no value" : PolicyReader.found(value),
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
      // A pounds_per_minute already refused has its own error: not a second.
      let refused = problems.contains { $0.field == "pounds_per_minute" }
      guard policy.costUnit == .pounds, policy.poundsPerMinute <= 0, !refused, let line = seen["cost"] else { return }
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
}
