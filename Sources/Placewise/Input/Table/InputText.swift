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

  /// What a refused cell looks like where it may be personal data typed
  /// into the wrong column, as a message says it without showing it: a
  /// date in any common form (a time after it too), a UK postcode, a UK
  /// phone number, a pair of coordinates, a coordinate (a decimal of 4
  /// places or more), or words that read as a name or an address (two
  /// Title Case words, a comma beside a number, or two to four words of
  /// letters in any case that are not all the case format's own words);
  /// nil for anything else, which is quoted.
  /// The single coordinate and the words only where `pupilFile` (a
  /// school's name in settings.csv's `kind` is quoted).
  static func personalShape(_ text: String, pupilFile: Bool = true) -> String? {
    // A word of the format's own with an invisible character in it
    // (`spe\u{A0}cial`) is a typing error to show, escaped.
    let stripped = String(String.UnicodeScalarView(trimmed(text).unicodeScalars.filter { !invisible($0) }))
    if formatWords.contains(stripped.lowercased()) { return nil }
    let value = trimmed(spacesNormalised(text))
    // A phone number first: `020 7946 0018` reads as three numbers, as a date does.
    if looksLikePhoneNumber(value) { return "a number like a phone number (not shown: personal data)" }
    if CalendarDate(parsing: value) != nil || looksLikeDate(value) || looksLikeDateTime(value) {
      return "a date (not shown: it may be a date of birth)"
    }
    if looksLikePostcode(value) || looksLikePostcode(String(value.map { $0 == "-" ? " " : $0 })) {
      return "a postcode (not shown: personal data)"
    }
    if looksLikePhoneNumber(value) { return "a number like a phone number (not shown: personal data)" }
    if looksLikeCoordinatePair(value) { return "a pair of numbers like a location (not shown: it may be a home)" }
    guard pupilFile else { return nil }
    // Eight digits as a date (six would take 1 in 8 mistyped URNs for one:
    // the review of round thirty-seven); in a school's file, not at all.
    if looksLikeCompactDate(value) { return "a date (not shown: it may be a date of birth)" }
    if looksLikeCoordinate(value) { return "a decimal like a coordinate (not shown: it may be a home location)" }
    // Two words or more of letters alone, in any case (`jane smith`, round
    // thirty-five): in a file of pupils, a name as likely as a typing error.
    if looksLikeNameOrAddress(value) || looksLikeWords(value) {
      return "words like a name or an address (not shown: personal data)"
    }
    if value.contains("@") { return "a value like an email address (not shown: personal data)" }
    if looksLikePersonalNumber(value) {
      return "a value like a UPN, NHS or National Insurance number (not shown: personal data)"
    }
    // The rest of a file of pupils is quoted only where it cannot be
    // personal data: a word, a short number or code, the format's own
    // words. Shapes are endless (`(51.50123, -0.12345)`, `20150312`,
    // `J. Smith`, `jane_smith`: round thirty-six), so the safe side is
    // the one listed.
    return harmless(value)
      ? nil
      : "a value of \(value.count) character\(value.count == 1 ? "" : "s") (not shown: it may be personal data)"
  }

  /// A value of a file of pupils that cannot be personal data, quoted in a
  /// message: a word of letters (`ASDD`, `independant`, `Jones`), a number
  /// of at most 6 digits (`-5`, `1e3`, `12.5`, `100001`), a code of letters
  /// and at most 4 digits (`NEW-O3`), the case format's own words and
  /// numbers (`ASD SLCN`, `13 years`), or a `;` list of these.
  static func harmless(_ value: String) -> Bool {
    // An invisible character, a tab or a line break between letters is a
    // space (`Jane\u{200B}Smith`, `Jane\tSmith` are two words: the review
    // of round thirty-seven); a word of the format's own with one in it
    // (`AS\u{200B}D`) is read before, by `personalShape`.
    let value = String(
      String.UnicodeScalarView(
        spacesNormalised(value).unicodeScalars.map { invisible($0) || $0 == "\t" || $0 == "\n" ? " " : $0 }))
    if value.allSatisfy({ $0 == " " }) { return true }
    // Three characters tell nothing (`N/A`, `?`, `-`).
    if value.count <= 3 && value.allSatisfy({ $0.isASCII && !$0.isWhitespace }) { return true }
    guard value.count <= 40, !looksLikePostcode(String(value.map { $0 == "-" ? " " : $0 })),
      !looksLikeCompactDate(value), !looksLikeDate(value), !looksLikeNumericDate(value)
    else { return false }
    if value.contains(";") {
      return value.split(separator: ";", omittingEmptySubsequences: false).allSatisfy { harmless(trimmed($0)) }
    }
    func number(_ token: some StringProtocol) -> Bool {
      token.allSatisfy { $0.isASCII && ($0.isNumber || ".,+-eE".contains($0)) } && token.count(where: \.isNumber) <= 6
    }
    // A word of letters, hyphens within (`independant`, `Jones`); not Title
    // Case parts joined (`Jane-Smith`).
    if value.allSatisfy({ $0.isASCII && ($0.isLetter || $0 == "-") }) {
      let parts = value.split(separator: "-")
      let titled =
        parts.count >= 2
        && parts.allSatisfy { $0.first?.isUppercase == true && $0.dropFirst().allSatisfy(\.isLowercase) }
      return value.count <= 20 && !titled
    }
    if number(value) { return true }
    // A code of letters and at most 4 digits (`NEW-O3`, `NEW-ASD-1`);
    // `461000m` is a grid position.
    if value.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) {
      return value.count <= 12 && value.count(where: \.isNumber) <= 4
    }
    // Words of the format's own, with plain numbers among them, apart by
    // spaces or underscores, or format words by slashes (`ASD SLCN`, `13
    // years`, `add_place`, `ASD/SLCN`); `2015_03_12` and `M 12/03/15` are
    // dates.
    func known(_ token: Substring) -> Bool {
      token.split(separator: "/").allSatisfy { formatWords.contains($0.lowercased()) }
    }
    let parts = value.split(whereSeparator: { $0 == " " || $0 == "_" })
    return (parts.count > 1 || value.contains("/")) && parts.contains(where: known)
      && parts.allSatisfy { known($0) || ($0.allSatisfy { $0.isASCII && $0.isNumber } && $0.count <= 6) }
  }

  /// `text` with every Unicode space (a no-break or thin space, pasted
  /// from the web or Excel) written as U+0020.
  static func spacesNormalised(_ text: String) -> String {
    guard text.unicodeScalars.contains(where: { $0 != " " && $0.properties.generalCategory == .spaceSeparator })
    else { return text }
    return String(
      String.UnicodeScalarView(
        text.unicodeScalars.map { $0.properties.generalCategory == .spaceSeparator ? " " : $0 }))
  }

  /// Eight digits that read as a year, month and day or a day, month and
  /// year (`20150312`, `12032015`): a date of birth without separators.
  /// Six are not read so: 1 in 8 mistyped URNs would be.
  static func looksLikeCompactDate(_ value: String) -> Bool {
    let d = value.compactMap { $0.isASCII ? $0.wholeNumberValue : nil }
    guard d.count == value.count, d.count == 8 else { return false }
    func n(_ a: Int, _ b: Int) -> Int { d[a..<b].reduce(0) { $0 * 10 + $1 } }
    func valid(day: Int, month: Int) -> Bool { (1...31).contains(day) && (1...12).contains(month) }
    return ((1900...2100).contains(n(0, 4)) && valid(day: n(6, 8), month: n(4, 6)))
      || ((1900...2100).contains(n(4, 8)) && valid(day: n(0, 2), month: n(2, 4)))
  }

  /// A UPN, a National Insurance number (`looksLikeUPNOrInsurance`) or 10
  /// digits, an NHS number as one or as 3, 3 and 4, spaces aside.
  private static func looksLikePersonalNumber(_ value: String) -> Bool {
    let digits = value.filter { $0 != " " }
    return looksLikeUPNOrInsurance(value) || (digits.count == 10 && digits.allSatisfy { $0.isASCII && $0.isNumber })
  }

  /// A date with a time, as a spreadsheet or a database exports a date of
  /// birth: `2015-03-12T00:00`, `2015-03-12 00:00:00`, `12/03/2015 00:00`.
  private static func looksLikeDateTime(_ value: String) -> Bool {
    guard let cut = value.firstIndex(where: { $0 == "T" || $0 == " " }) else { return false }
    let date = String(value[..<cut])
    let time = value[value.index(after: cut)...]
    guard time.first?.isNumber == true, time.contains(":") else { return false }
    return CalendarDate(parsing: date) != nil || looksLikeDate(date)
  }

  /// A UK phone number: 10 or 11 digits from 0 and a digit 1 to 9, or 12
  /// from +44, spaces, dashes and brackets aside (`07700 900123`, `+44 7700
  /// 900123`); an id padded with zeros (`0001234567`) is not one.
  private static func looksLikePhoneNumber(_ value: String) -> Bool {
    guard value.allSatisfy({ $0.isASCII && ($0.isNumber || " -()+".contains($0)) }) else { return false }
    let digits = Array(value.filter(\.isNumber))
    if value.hasPrefix("+") { return digits.starts(with: ["4", "4"]) && (11...12).contains(digits.count) }
    return digits.count >= 2 && digits[0] == "0" && digits[1] != "0" && (10...11).contains(digits.count)
  }

  /// Two numbers that together place a home (round thirty-five: quoted in
  /// a fixed_urn, a roll's urn, a plan's places and a header): a latitude
  /// and a longitude, either way round, with a decimal point each
  /// (`51.50123, -0.12345`), or a grid easting and northing of 5 to 7
  /// digits each (`461000,250000`, `461000 250000`), separated by a comma
  /// or spaces (a semicolon separates the case format's lists: two URNs).
  private static func looksLikeCoordinatePair(_ value: String) -> Bool {
    let parts = value.split(whereSeparator: { $0 == "," || $0 == " " })
    guard parts.count == 2 else { return false }
    func number(_ part: Substring) -> (value: Double, decimal: Bool, digits: Int)? {
      let unsigned = part.hasPrefix("-") || part.hasPrefix("+") ? part.dropFirst() : part
      guard !unsigned.isEmpty, unsigned.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }),
        unsigned.filter({ $0 == "." }).count <= 1, let value = Double(part)
      else { return nil }
      let whole = unsigned.split(separator: ".", omittingEmptySubsequences: false)[0]
      return (value, unsigned.contains("."), whole.count)
    }
    guard let a = number(parts[0]), let b = number(parts[1]) else { return false }
    if a.decimal && b.decimal {
      let latLong = abs(a.value) <= 90 && abs(b.value) <= 180
      let longLat = abs(a.value) <= 180 && abs(b.value) <= 90
      if latLong || longLat { return true }
    }
    return (5...7).contains(a.digits) && (5...7).contains(b.digits) && a.value >= 0 && b.value >= 0
  }

  /// Two to four words of letters alone (a hyphen or an apostrophe within
  /// one), in any case: `jane smith`, `O'Neil-Brown JANE`; not where every
  /// word is one of the case format's own (`ASD SLCN`, `special
  /// independent`, `close setting`, `per minute`): a mistyped list or
  /// action, which quoted helps the planner.
  private static func looksLikeWords(_ value: String) -> Bool {
    let words = value.split(separator: " ")
    guard (2...4).contains(words.count) else { return false }
    let letters = words.allSatisfy { word in
      word.count >= 2 && word.first?.isLetter == true && word.allSatisfy { $0.isLetter || $0 == "-" || $0 == "'" }
    }
    return letters && !words.allSatisfy { formatWords.contains($0.lowercased()) }
  }

  /// The words the case format and its policy use, in lower case.
  private static let formatWords: Set<String> =
    Set(NeedCode.allCases.map { $0.code.lowercased() } + SettingKind.allCases.map(\.word)).union([
      "school", "schools", "unit", "provision", "place", "places", "add", "new", "close", "setting", "settings",
      "action", "need", "needs", "f", "m", "female", "male", "girl", "girls", "boy", "boys", "mixed", "not", "known",
      "unknown", "yes", "no", "none", "and", "or", "per", "minute", "minutes", "pound", "pounds", "gias",
      "inclusive", "weighted", "section", "as", "given", "cost", "travel", "capital", "whole", "life", "year",
      "years", "age", "primary", "secondary", "post", "sixth", "form", "resources", "margin", "penalty", "journey",
      "limit", "the", "of", "in", "at", "to", "option", "group", "urn", "urns", "pupil", "pupils", "id",
      "yrs", "yr", "mins", "min", "hrs", "hr", "hours", "km", "miles", "n", "a", "na", "tbc",
    ])

  /// A header cell's shape, where it looks like a pupil's data rather than a
  /// column name (a file whose first row is data): a date, a postcode, a
  /// decimal like a coordinate, or a house number before words (`12 High
  /// Street`). Two Title Case words are a column name as often as a name
  /// (`First Name`), so they are quoted (round thirty-four).
  ///
  /// In a file that may hold pupils' data (`pupilFile`), a header cell is
  /// quoted only where it reads as a column name: words of column names
  /// (`First Name`, `Date of Birth`, `school_name`), short numbers, known
  /// capitals (`UPN`, `KS2`) and misspellings one letter from a known word;
  /// else it is described (round thirty-six:
  /// `jane smith`, `Flat 3, 12 High St`, an email address and a UPN were
  /// quoted in the warning and in summary.json).
  static func headerShape(_ text: String, pupilFile: Bool = false) -> String? {
    let value = trimmed(text)
    if let shape = personalShape(value, pupilFile: false) { return shape }
    if looksLikeCoordinate(value) { return "a decimal like a coordinate (not shown: it may be a home location)" }
    let words = value.split(separator: " ")
    if words.count >= 2, let first = words.first, first.allSatisfy({ $0.isASCII && $0.isNumber }),
      words.dropFirst().allSatisfy({ $0.first?.isLetter == true })
    {
      return "words like an address (not shown: personal data)"
    }
    guard pupilFile, !looksLikeColumnName(value) else { return nil }
    return "words that may be personal data (not shown: \(value.count) characters)"
  }

  /// Words a column name is made of, apart by spaces, `_` or `-`: the
  /// format's words, the usual columns of a caseload export, numbers of up
  /// to 4 digits, the capitals of `abbreviations`, and a word of 5 letters
  /// or more one edit from one of these.
  private static func looksLikeColumnName(_ value: String) -> Bool {
    guard value.count <= 40, value.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || " _-()/.".contains($0)) })
    else { return false }
    let words = value.split(whereSeparator: { " _-()/.".contains($0) })
    return words.allSatisfy { word in
      let lower = word.lowercased()
      if formatWords.contains(lower) || columnWords.contains(lower) || abbreviations.contains(String(word)) {
        return true
      }
      if word.count <= 4 && word.allSatisfy(\.isNumber) { return true }
      // A misspelt word of 5 letters or more, one edit from a known one
      // (`capitol_cost`, `groups`, `priorty`); `jane_smith` is not.
      return word.count >= 5 && word.allSatisfy(\.isLetter)
        && knownWords.contains { editDistance(lower, $0, atMost: 1) != nil }
    }
  }

  /// The format's words and the column words together, for misspellings.
  private static let knownWords = formatWords.union(columnWords)

  /// Capitals a caseload's column names use.
  private static let abbreviations: Set<String> = [
    "UPN", "ULN", "NHS", "DOB", "SEN", "SEND", "EHC", "EHCP", "LA", "ID", "URN", "KS1", "KS2", "KS3", "KS4", "KS5",
    "FSM", "EAL", "SENCO", "NC", "YR", "LAC", "CIN", "CP", "PRU", "AP", "OT", "SALT", "UK", "GB", "OS",
  ]

  /// The usual words of a caseload's column names, in lower case.
  private static let columnWords: Set<String> = [
    "name", "names", "first", "last", "surname", "forename", "forenames", "given", "family", "middle", "full",
    "date", "dob", "birth", "notes", "note", "comment", "comments", "ref", "reference", "address", "line", "town",
    "city", "county", "postcode", "code", "gender", "number", "phone", "telephone", "mobile", "email", "parent",
    "carer", "guardian", "contact", "ethnicity", "language", "religion", "class", "tutor", "status", "type",
    "category", "start", "end", "plan", "send", "support", "distance", "km", "miles", "route", "lat", "lon",
    "long", "latitude", "longitude", "easting", "northing", "local", "authority", "ward", "district", "region",
    "area", "team", "officer", "caseworker", "review", "annual", "current", "previous", "placement", "placed",
    "provider", "funding", "band", "top", "up", "total", "fee", "fees", "preference", "preferences", "priority",
    "max", "min", "provision", "excluded", "fixed", "sex", "kind", "capacity", "roll", "on", "low", "high",
    "needs", "council", "establishment", "phase", "nc", "key", "stage", "x", "y", "lsoa", "imd", "score", "flag",
    "source", "extract", "updated", "created", "by", "for", "from", "with", "new", "old", "own", "requested",
    "home", "case", "mins", "minutes", "hours", "school", "travel", "worker", "social", "care",
  ]

  /// The shapes of personal data a pupil's id is refused for: a date, a UK
  /// postcode, words like a name or an address, an email address, a UPN,
  /// NHS or National Insurance number, a mobile number, a pair of
  /// coordinates, or a word of these. Looser shapes (`2024.0001`,
  /// `24-25-0017`, `Jan-0042`) pass: an id may be written so.
  static func personalIDShape(_ text: String) -> String? {
    // Every pupil's id passes here (500,000 in a national case): one of
    // ASCII letters and digits alone (`P000123`) can only be a postcode, a
    // UPN or National Insurance number, or a mobile's digits; every other
    // shape below needs a space or a separator (the whole scan took 4 s of
    // 7 in reading a national case).
    var digits = 0
    var plain = true
    for byte in text.utf8 {
      if (0x30...0x39).contains(byte) {
        digits += 1
      } else if !(0x41...0x5A).contains(byte) && !(0x61...0x7A).contains(byte) {
        plain = false
        break
      }
    }
    if plain {
      let count = text.utf8.count
      if (5...7).contains(count), digits > 0, digits < count, looksLikePostcode(text) {
        return "a postcode (not shown: personal data)"
      }
      if count == 9 || count == 13, looksLikeUPNOrInsurance(text) {
        return "a value like a UPN, NHS or National Insurance number (not shown: personal data)"
      }
      if count == 11, digits == 11, looksLikeMobileNumber(text) {
        return "a number like a phone number (not shown: personal data)"
      }
      return nil
    }
    let value = trimmed(idNormalised(text))
    let words = value.split(separator: " ")
    // `Child A`, `Pupil 12`, `Case C`: the pseudonyms of a tribunal bundle
    // pass the checks for names, and only those (the review of round
    // thirty-seven: `Pupil 12.03.2015` passed every check).
    let pseudonym =
      words.count == 2 && pseudonymWords.contains(words[0].lowercased())
      && (words[1].count <= 2 || words[1].allSatisfy(\.isNumber))
    if CalendarDate(parsing: value) != nil || looksLikeNumericDate(value) || looksLikeNamedDate(value) {
      return "a date (not shown: it may be a date of birth)"
    }
    if looksLikeMobileNumber(value) { return "a number like a phone number (not shown: personal data)" }
    if looksLikePostcode(value) || looksLikePostcode(String(value.map { "-_./".contains($0) ? " " : $0 }))
      || value.uppercased() == "GIR 0AA"
    {
      return "a postcode (not shown: personal data)"
    }
    // Round thirty-eight: an Ordnance Survey grid reference (`TQ 30080
    // 80160`) or degrees and minutes place a home too.
    if value.contains("°") || looksLikeGridReference(value) {
      return "a pair of numbers like a location (not shown: it may be a home)"
    }
    // Round thirty-seven: `jane smith`, `jane.smith`, `Mary-Jane Smith`.
    if !pseudonym
      && (looksLikeWords(value) || looksLikeJoinedName(value) || looksLikeNameOrAddress(value)
        || looksLikeInitialAndName(value))
    {
      return "words like a name or an address (not shown: personal data)"
    }
    // Round thirty-six: a UPN (the id a SEND team is likeliest to paste),
    // an email address, an NHS or National Insurance number, or a pair of
    // coordinates in brackets passed, and was printed in every output.
    if value.contains("@") { return "a value like an email address (not shown: personal data)" }
    if looksLikeUPNOrInsurance(value) || looksLikeNHSNumber(value) {
      return "a value like a UPN, NHS or National Insurance number (not shown: personal data)"
    }
    let unbracketed = String(value.filter { !"()[]{}".contains($0) })
    if looksLikeCoordinatePair(trimmed(unbracketed)) {
      return "a pair of numbers like a location (not shown: it may be a home)"
    }
    // A word of it so (`Child SW1A1AA`, `Pupil A123456789012`), or its
    // words before a number (`Smith J 2015`).
    if words.count >= 2, let shape = words.lazy.compactMap({ personalIDShape(String($0)) }).first { return shape }
    let named = words.prefix { !$0.allSatisfy(\.isNumber) }
    if named.count >= 2, named.count < words.count, let shape = personalIDShape(named.joined(separator: " ")) {
      return shape
    }
    return nil
  }

  /// An id as its shapes are read: full-width letters and digits as ASCII,
  /// dashes of any kind as `-`, `+` and `%20` as spaces, and a `tel:`
  /// prefix dropped (round thirty-eight: `１２/０３/２０１５`, `12–03–2015`,
  /// `Jane+Smith`, `Jane%20Smith`, `tel:07700900123` passed).
  private static func idNormalised(_ text: String) -> String {
    var value = spacesNormalised(text)
    if value.unicodeScalars.contains(where: { !$0.isASCII }) {
      value = String(
        String.UnicodeScalarView(
          value.unicodeScalars.map { scalar -> Unicode.Scalar in
            if (0xFF01...0xFF5E).contains(scalar.value) { return Unicode.Scalar(scalar.value - 0xFEE0) ?? scalar }
            if (0x2010...0x2015).contains(scalar.value) || scalar.value == 0x2212 { return "-" }
            return scalar
          }))
    }
    value = value.replacingPlusAndEncodedSpaces()
    if value.lowercased().hasPrefix("tel:") { value = String(value.dropFirst(4)) }
    return value
  }

  /// An Ordnance Survey grid reference: two letters and two groups of as
  /// many digits, 2 to 5 each (`TQ 30080 80160`, `TQ3008080160`).
  private static func looksLikeGridReference(_ value: String) -> Bool {
    let c = Array(value.uppercased().filter { $0 != " " })
    guard c.count >= 6, c.count <= 12, c[0].isLetter, c[1].isLetter, c.dropFirst(2).allSatisfy(\.isNumber)
    else { return false }
    let digits = c.count - 2
    return digits % 2 == 0 && (4...10).contains(digits) && value.contains(" ")
  }

  /// A pupil_id in a message (a repeat): its own shape if refused, else a
  /// shape no id rule refuses but a message does not quote (an NHS number
  /// alone, a coordinate, eight digits of a date), else quoted: the
  /// case's pseudonym, which messages name.
  static func idShown(_ text: String) -> String {
    let value = trimmed(spacesNormalised(text))
    if let shape = personalIDShape(value) { return shape }
    if value.count == 10 && value.allSatisfy({ $0.isASCII && $0.isNumber }) {
      return "a value like an NHS number (not shown: personal data)"
    }
    if looksLikeCoordinate(value) { return "a decimal like a coordinate (not shown: it may be a home location)" }
    if looksLikeCompactDate(value) { return "a date (not shown: it may be a date of birth)" }
    return quoted(text)
  }

  /// A mobile number (11 digits from 07, or +44 7), or any phone number
  /// written with spaces: an id of digits alone from 0 may be padded.
  private static func looksLikeMobileNumber(_ value: String) -> Bool {
    guard looksLikePhoneNumber(value) else { return false }
    let digits = value.filter(\.isNumber)
    return value.contains(" ") || value.hasPrefix("+") || (digits.count == 11 && digits.hasPrefix("07"))
  }

  /// A date with its month in words, in three parts: `12-Mar-15`, `12 March
  /// 2015`, `March 12, 2015` (`Jan-0042` is an id).
  private static func looksLikeNamedDate(_ value: String) -> Bool {
    // `12th March 2015`: an ordinal's letters dropped.
    let parts = value.split(whereSeparator: { ".-/ ,".contains($0) }).map { part -> Substring in
      let lower = part.lowercased()
      guard part.count >= 3, part.first?.isNumber == true, ["st", "nd", "rd", "th"].contains(where: lower.hasSuffix)
      else { return part }
      return part.dropLast(2)
    }
    // `Mar 2015`: a month and a year.
    if parts.count == 2, let year = Int(parts[1]), (1900...2100).contains(year), parts[1].count == 4 {
      let word = parts[0].lowercased()
      if word.count >= 3, word.allSatisfy(\.isLetter), months.contains(where: { word.hasPrefix($0) }) { return true }
    }
    guard parts.count == 3 else { return false }
    let named = parts.filter { part in
      let word = part.lowercased()
      return word.count >= 3 && word.allSatisfy(\.isLetter) && months.contains { word.hasPrefix($0) }
    }
    let numbers = parts.filter { $0.allSatisfy { $0.isASCII && $0.isNumber } }
    return named.count == 1 && numbers.count == 2
  }

  /// The first words of pseudonyms (`Child A`), in lower case.
  private static let pseudonymWords: Set<String> = ["child", "pupil", "case", "student", "learner", "yp", "person"]

  /// Three numbers that read as a day, a month and a year, either way
  /// round (`12.03.2015`, `2015/3/12`, `12-03-15`): a day and a month of 1
  /// or 2 digits, a year of 2 digits or 1900 to 2100 (`24-25-0017`,
  /// `2024-01-0003` and `24-09-0017` are ids).
  private static func looksLikeNumericDate(_ value: String) -> Bool {
    let parts = value.split(whereSeparator: { ".-/ ".contains($0) })
    guard parts.count == 3, parts.allSatisfy({ p in !p.isEmpty && p.allSatisfy { $0.isASCII && $0.isNumber } }),
      let a = Int(parts[0]), let b = Int(parts[1]), let c = Int(parts[2])
    else { return false }
    func day(_ x: Int, _ p: Substring) -> Bool { p.count <= 2 && (1...31).contains(x) }
    func month(_ x: Int, _ p: Substring) -> Bool { p.count <= 2 && (1...12).contains(x) }
    func year(_ x: Int, _ p: Substring) -> Bool { p.count == 2 || (p.count == 4 && (1900...2100).contains(x)) }
    let yearLast = year(c, parts[2]) && day(a, parts[0]) && month(b, parts[1])
    let yearFirst = parts[0].count == 4 && year(a, parts[0]) && month(b, parts[1]) && day(c, parts[2])
    return yearLast || yearFirst
  }

  /// Two words of letters joined by `.` or `_` (`jane.smith`), or a name
  /// of hyphenated Title Case words (`Mary-Jane Smith`).
  private static func looksLikeJoinedName(_ value: String) -> Bool {
    let joined = value.split(whereSeparator: { $0 == "." || $0 == "_" })
    if joined.count == 2, joined.allSatisfy({ $0.allSatisfy(\.isLetter) }), joined.contains(where: { $0.count >= 2 }),
      joined.allSatisfy({ !$0.isEmpty })
    {
      return true
    }
    let words = value.split(separator: " ")
    guard words.count >= 2 else { return false }
    return words.allSatisfy { word in
      let parts = word.split(separator: "-")
      return !parts.isEmpty
        && parts.allSatisfy {
          $0.count >= 2 && $0.first?.isUppercase == true && $0.dropFirst().allSatisfy(\.isLowercase)
        }
    }
  }

  /// An initial and a name: `J. Smith`, `Smith J`, `J Smith`, `Smith, J`.
  private static func looksLikeInitialAndName(_ value: String) -> Bool {
    let words = value.split(whereSeparator: { $0 == " " || $0 == "," })
    guard words.count == 2 else { return false }
    func initial(_ w: Substring) -> Bool {
      (w.count == 1 || (w.count == 2 && w.last == ".")) && w.first?.isUppercase == true
    }
    func name(_ w: Substring) -> Bool { w.count >= 2 && w.first?.isUppercase == true && w.allSatisfy(\.isLetter) }
    return (initial(words[0]) && name(words[1])) || (name(words[0]) && initial(words[1]))
  }

  /// A UPN (a letter and 12 digits, or a temporary one: a letter, 11
  /// digits and a letter) or a National Insurance number (2 letters, 6
  /// digits, a letter A to D), spaces aside.
  private static func looksLikeUPNOrInsurance(_ value: String) -> Bool {
    let c = Array(value.uppercased().filter { $0 != " " })
    guard c.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else { return false }
    let letters = c.count(where: \.isLetter)
    if c.count == 13, c[0].isLetter, letters == 1 || (letters == 2 && c[12].isLetter) { return true }
    return c.count == 9 && c[0].isLetter && c[1].isLetter && "ABCD".contains(c[8]) && letters == 3
  }

  /// An NHS number written as one, 3 3 4 digits (`943 476 5919`). Ten
  /// digits alone may be an authority's own ids: see `passesNHSCheck`.
  private static func looksLikeNHSNumber(_ value: String) -> Bool {
    let parts = value.split(whereSeparator: { $0 == " " || $0 == "-" })
    return parts.map(\.count) == [3, 3, 4] && parts.allSatisfy { $0.allSatisfy { $0.isASCII && $0.isNumber } }
  }

  /// Whether 10 digits end in the NHS number's modulus-11 check digit:
  /// every NHS number does, and 1 in 11 other 10-digit numbers.
  static func passesNHSCheck(_ value: String) -> Bool {
    let digits = value.compactMap { $0.isASCII ? $0.wholeNumberValue : nil }
    guard value.count == 10, digits.count == 10 else { return false }
    let sum = (0..<9).reduce(0) { $0 + digits[$1] * (10 - $1) }
    let check = (11 - sum % 11) % 11
    return check != 10 && check == digits[9]
  }

  /// A value of a file that may hold pupils' data, as a message shows it:
  /// described where it looks like personal data, else quoted.
  static func shownOrDescribed(_ text: String) -> String { personalShape(text) ?? quoted(text) }

  private static let months = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
  ]

  /// `12.03.2015`, `12-3-15`, `12 03 2015`, `12 March 2015`, `March 12, 2015`.
  private static func looksLikeDate(_ value: String) -> Bool {
    let parts = value.split(whereSeparator: { ".-/ ,".contains($0) })
    guard (2...4).contains(parts.count),
      parts.contains(where: { $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) })
    else { return false }
    let numeric = parts.allSatisfy { $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) && $0.count <= 4 }
    if numeric { return parts.count == 3 && parts.contains { $0.count == 4 || $0.count == 2 } }
    return parts.contains { part in
      let word = part.lowercased()
      return word.count >= 3 && months.contains { word.hasPrefix($0) }
    }
  }

  /// A UK postcode, with or without its space: `SW1A 1AA`, `M1 1AE`, `ME14 1XX`.
  private static func looksLikePostcode(_ value: String) -> Bool {
    let compact = Array(value.uppercased().filter { $0 != " " })
    guard (5...7).contains(compact.count), compact.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
      return false
    }
    // The inward code: a digit and two letters.
    let inward = compact.suffix(3)
    guard inward.first?.isNumber == true, inward.dropFirst().allSatisfy(\.isLetter) else { return false }
    // The outward code: one or two letters, a digit, then a letter or digit.
    let outward = Array(compact.dropLast(3))
    guard let firstDigit = outward.firstIndex(where: \.isNumber), (1...2).contains(firstDigit) else { return false }
    return outward[..<firstDigit].allSatisfy(\.isLetter) && outward.count - firstDigit <= 2
  }

  /// A decimal of 4 places or more (`51.5074`, `-0.1278`).
  private static func looksLikeCoordinate(_ value: String) -> Bool {
    let parts = value.split(separator: ".", omittingEmptySubsequences: false)
    guard parts.count == 2, parts[1].count >= 4, parts[1].allSatisfy({ $0.isASCII && $0.isNumber }) else {
      return false
    }
    // Any whole part: a latitude (51.5074) or a grid easting with its
    // decimals (412345.6789; round thirty-two quoted those).
    let whole = parts[0].hasPrefix("-") ? parts[0].dropFirst() : parts[0][...]
    return !whole.isEmpty && whole.count <= 7 && whole.allSatisfy { $0.isASCII && $0.isNumber }
  }

  /// Two Title Case words (`John Smith`), or a comma beside a number
  /// (`Flat 2, 3 Acacia Ave`).
  private static func looksLikeNameOrAddress(_ value: String) -> Bool {
    let words = value.split(whereSeparator: { $0 == " " || $0 == "," })
    let titled = words.count { word in
      guard let first = word.first, first.isUppercase else { return false }
      return word.count >= 2 && word.dropFirst().allSatisfy(\.isLowercase)
    }
    if titled >= 2 { return true }
    return value.contains(",") && value.contains(where: \.isNumber) && value.contains(where: \.isLetter)
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

extension String {
  /// `%20` as a space, and `+` between words (a name copied from a web
  /// form or a URL).
  fileprivate func replacingPlusAndEncodedSpaces() -> String {
    guard contains("+") || contains("%20") else { return self }
    let spaced = split(separator: "%20", omittingEmptySubsequences: false).joined(separator: " ")
    // A `+` between words; `+44 7700 900123` keeps its.
    guard spaced.contains(where: \.isLetter) else { return spaced }
    return String(spaced.map { $0 == "+" ? " " : $0 })
  }
}
