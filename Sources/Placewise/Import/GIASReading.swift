import Foundation

/// One establishment row kept for a closer look, with its unit figures.
struct GIASEstablishment {
  /// A resourced provision or SEN unit of the establishment.
  struct Unit {
    /// `RP` or `SU`.
    var suffix: String
    var label: String
    var capacity: Int?
    var onRoll: Int?
    /// The problem to list when the capacity is empty and the rule is `fail`.
    var missingCapacity: InputProblem?
  }

  var line: Int
  var urn: String
  var name: String
  var kind: SettingKind
  var la: String
  var lowAge: Int
  var highAge: Int
  var gender: SettingGender
  var easting: Double
  var northing: Double
  var capacity: Int?
  var onRoll: Int?
  var needs: EnumSet<NeedCode>
  /// The needs of the units: the host's SEN columns.
  var unitNeeds: EnumSet<NeedCode>
  var units: [Unit]
  var missingCapacity: InputProblem?
  /// `statutory_request` where it differs from the kind's default.
  var statutoryRequest: Bool?
  /// A college's blank ages taken as 16 to 25.
  var agesAssumed = false
  /// Unit capacities given beside a provision type that does not name the unit.
  var unitsUnnamed = 0
  /// Problems of the row (kept aside for schools of other LAs, which only
  /// count if the radius keeps them).
  var problems: [InputProblem]
  var isValid: Bool
}

/// The state of one GIAS import.
struct GIASReading {
  /// The case reader's range for places, in words.
  static let expectedPlaces = "a whole number of places " + InputRange.text(InputRange.places)
  /// The same range, for pupils on roll.
  static let expectedPupils = "a whole number of pupils " + InputRange.text(InputRange.places)

  let file: String
  let options: GIASImportOptions
  var problems = ProblemList(limit: CaseReader.problemLimit)
  var report = GIASImportReport()

  /// What the pass over the rows found.
  private struct Scan {
    var establishments: [GIASEstablishment] = []
    /// Special and independent schools of other LAs, for the radius.
    var candidates: [GIASEstablishment] = []
    var laSeen = Set<String>()
    var hasLAColumn = true
    var notOpen = 0
    var otherLA = 0
    /// Rows left out by their type, by the name they are counted under.
    var skippedTypes: [String: Int] = [:]
    /// Rows of a type this importer does not know, likewise.
    var unknownTypes: [String: Int] = [:]
  }

  init(file: String, options: GIASImportOptions) {
    self.file = file
    self.options = options
  }

  /// The error listing every problem, header names spelled as GIAS does.
  func finalError() -> InvalidCaseError {
    var error = problems.error()
    for i in error.problems.indices {
      guard let field = error.problems[i].field, let column = GIASColumn.allCases.first(where: { $0.name == field })
      else { continue }
      error.problems[i].field = column.gias
      error.problems[i].found = error.problems[i].found.replacingOccurrences(
        of: "\"\(field)\"", with: "\"\(column.gias)\"")
      error.problems[i].expected = error.problems[i].expected.replacingOccurrences(
        of: "named \(field)", with: "named \(column.gias)")
    }
    return error
  }

  mutating func problem(line: Int?, column: Int?, field: String?, found: String, expected: String) {
    problems.add(InputProblem(file: file, line: line, column: column, field: field, found: found, expected: expected))
  }

  mutating func read(_ raw: [UInt8]) -> GIASImport? {
    let named = checkedLocalAuthorities()
    guard var bytes = decoded(raw) else { return nil }
    var scan = Scan()
    bytes.withUnsafeMutableBufferPointer { buffer in
      var table = TableReader<GIASColumn>(file: file, buffer: buffer, problems: problems, warnings: [])
      // Without the column every LA would seem unknown: the header's problem says enough.
      scan.hasLAColumn = table.problems.total == problems.total
      while table.nextRow() {
        readRow(&table, named: named, into: &scan)
      }
      (problems, _) = table.finish()
    }
    for la in options.localAuthorities where scan.hasLAColumn && !scan.laSeen.contains(la) && Self.isLACode(la) {
      problem(
        line: nil, column: nil, field: GIASColumn.laCode.gias, found: "no establishment with LA (code) \(la)",
        expected: "the 3-digit code of an LA in this extract, as in its LA (code) column (886 is Kent)")
    }
    let (establishments, crossBorder, unlocated) = withinRadius(scan.establishments, scan.candidates)
    scan.otherLA += scan.candidates.count - crossBorder - unlocated

    let settings = makeSettings(establishments)
    report.crossBorder = crossBorder
    report.skipped.insert(("not open (closed, or proposed to open)", scan.notOpen), at: 0)
    report.skipped.insert(("in other LAs" + (options.radiusKm == nil ? "" : ", or too far away"), scan.otherLA), at: 1)
    report.skipped.insert(("special schools of other LAs without a readable location", unlocated), at: 2)
    for (name, count) in Self.byCount(scan.skippedTypes) {
      report.skipped.append(("of a type no pupil is placed at: \(name)", count))
    }
    for (name, count) in Self.byCount(scan.unknownTypes) {
      report.skipped.append(("of a type this importer does not know (check what it is): \(name)", count))
    }
    report.keptByKind = SettingKind.allCases.map { kind in (kind, settings.count { $0.kind == kind }) }
    guard problems.total == 0 else { return nil }
    return GIASImport(settings: settings, report: report)
  }

  /// The extract as UTF-8 bytes, or nil (with the problem) when it cannot be.
  private mutating func decoded(_ raw: [UInt8]) -> [UInt8]? {
    switch ExtractEncoding.detect(raw) {
    case .utf16:
      problem(
        line: 1, column: nil, field: nil, found: "a UTF-16 file (\"Unicode text\"), or not text at all",
        expected: "the GIAS extract as downloaded (Windows-1252 text)")
      return nil
    case .utf8:
      report.encoding = "UTF-8: the file was re-saved; GIAS serves Windows-1252"
      return raw
    case .windows1252:
      let (utf8, undefined) = Windows1252.decode(raw)
      for byte in undefined {
        problem(
          line: byte.line, column: byte.column, field: nil,
          found: "byte 0x" + String(byte.byte, radix: 16, uppercase: true) + ", which Windows-1252 does not define",
          expected: "Windows-1252 text, as GIAS serves it (was the file converted or damaged?)")
      }
      return utf8
    }
  }

  /// Sorts the current row: not open, skipped or unknown by type, of
  /// another LA, or read as an establishment.
  private mutating func readRow(_ table: inout TableReader<GIASColumn>, named: Set<String>, into scan: inout Scan) {
    report.rowsRead += 1
    let la = Self.word(&table, .laCode)
    scan.laSeen.insert(la)
    let status = Self.word(&table, .statusName)
    guard GIASEstablishmentType.isOpen(status) else {
      scan.notOpen += 1
      return
    }
    let type = Self.word(&table, .typeName)
    let furtherEducation = Self.word(&table, .furtherEducationTypeName)
    let approved = GIASEstablishmentType.isSection41Approved(Self.word(&table, .section41Name))
    let placement = GIASEstablishmentType.placement(
      type: type, furtherEducation: furtherEducation, section41Approved: approved)
    let kind: SettingKind? = if case .kept(let kind) = placement { kind } else { nil }
    let statutory = kind.flatMap {
      GIASEstablishmentType.statutoryRequest(
        type: type, furtherEducation: furtherEducation, kind: $0, section41Approved: approved)
    }
    if named.contains(la) {
      guard let kind else {
        let name = GIASEstablishmentType.countedName(type: type, furtherEducation: furtherEducation)
        if placement == .unknown {
          scan.unknownTypes[name, default: 0] += 1
        } else {
          scan.skippedTypes[name, default: 0] += 1
        }
        return
      }
      let row = Self.establishment(&table, kind: kind, la: la, statutoryRequest: statutory)
      for found in row.problems { table.problems.add(found) }
      scan.establishments.append(row)
    } else if options.radiusKm != nil, kind == .special || kind == .independent, let kind {
      scan.candidates.append(Self.establishment(&table, kind: kind, la: la, statutoryRequest: statutory))
    } else {
      scan.otherLA += 1
    }
  }

  /// A cell that sorts the row (its LA, status or type), as a word: no-break
  /// and other wide spaces read as spaces, zero-width characters dropped,
  /// spaces collapsed and trimmed. A no-break space, which a spreadsheet
  /// leaves after "886" or "Open", made a school of the LA one of another
  /// LA's, or not open, and dropped it with only a count changing (hostile
  /// trial, round twenty-one).
  static func word(_ table: inout TableReader<GIASColumn>, _ column: GIASColumn) -> String {
    guard let text = table.text(column, required: false, expected: "") else { return "" }
    // Doubled spaces inside ("Community  special school") too: round twenty-two.
    guard text.unicodeScalars.contains(where: { !$0.isASCII }) || text.contains("  ") else { return text }
    return word(text)
  }

  /// `word`'s cleaning of a text.
  static func word(_ text: String) -> String {
    var scalars = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
      switch scalar.value {
      case 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF: continue
      default: scalars.append(scalar.properties.isWhitespace ? " " : scalar)
      }
    }
    return String(scalars).split(separator: " ").joined(separator: " ")
  }

  private static func byCount(_ counts: [String: Int]) -> [(String, Int)] {
    counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map { ($0.key, $0.value) }
  }

  /// The LA codes asked for, each checked: three digits.
  private mutating func checkedLocalAuthorities() -> Set<String> {
    var codes = Set<String>()
    for code in options.localAuthorities {
      if Self.isLACode(code) {
        codes.insert(code)
      } else {
        problems.add(
          InputProblem(
            file: "--la", line: nil, column: nil, field: nil, found: InputText.quoted(code),
            expected: "3-digit LA codes separated by commas, as in GIAS's LA (code) column (886 is Kent)"))
      }
    }
    return codes
  }

  private static func isLACode(_ code: String) -> Bool {
    code.utf8.count == 3 && code.utf8.allSatisfy { InputByte.isDigit($0) }
  }
}
