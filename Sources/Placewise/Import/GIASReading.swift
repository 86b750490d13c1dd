import Foundation

/// One establishment row kept for a closer look, with its unit figures.
private struct Establishment {
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
  private var report = GIASImportReport()

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

  private mutating func problem(line: Int?, column: Int?, field: String?, found: String, expected: String) {
    problems.add(InputProblem(file: file, line: line, column: column, field: field, found: found, expected: expected))
  }

  mutating func read(_ raw: [UInt8]) -> GIASImport? {
    let named = checkedLocalAuthorities()
    var bytes: [UInt8]
    switch ExtractEncoding.detect(raw) {
    case .utf16:
      problem(
        line: 1, column: nil, field: nil, found: "a UTF-16 file (\"Unicode text\"), or not text at all",
        expected: "the GIAS extract as downloaded (Windows-1252 text)")
      return nil
    case .utf8:
      report.encoding = "UTF-8: the file was re-saved; GIAS serves Windows-1252"
      bytes = raw
    case .windows1252:
      let (utf8, undefined) = Windows1252.decode(raw)
      bytes = utf8
      for byte in undefined {
        problem(
          line: byte.line, column: byte.column, field: nil,
          found: "byte 0x" + String(byte.byte, radix: 16, uppercase: true) + ", which Windows-1252 does not define",
          expected: "Windows-1252 text, as GIAS serves it (was the file converted or damaged?)")
      }
    }

    var establishments: [Establishment] = []
    var candidates: [Establishment] = []
    var laSeen = Set<String>()
    var hasLAColumn = true
    var notOpen = 0
    var otherLA = 0
    var skippedTypes: [String: Int] = [:]
    bytes.withUnsafeMutableBufferPointer { buffer in
      var table = TableReader<GIASColumn>(file: file, buffer: buffer, problems: problems, warnings: [])
      // Without the column every LA would seem unknown: the header's problem says enough.
      hasLAColumn = table.problems.total == problems.total
      while table.nextRow() {
        report.rowsRead += 1
        let la = table.text(.laCode, required: false, expected: "") ?? ""
        laSeen.insert(la)
        let status = table.text(.statusName, required: false, expected: "") ?? ""
        guard GIASEstablishmentType.isOpen(status) else {
          notOpen += 1
          continue
        }
        let typeName = table.text(.typeName, required: false, expected: "") ?? ""
        let kind = GIASEstablishmentType.kind(of: typeName)
        if named.contains(la) {
          guard let kind else {
            skippedTypes[typeName.isEmpty ? "(empty)" : typeName, default: 0] += 1
            continue
          }
          let row = Self.establishment(&table, kind: kind, la: la)
          for found in row.problems { table.problems.add(found) }
          establishments.append(row)
        } else if options.radiusKm != nil, kind == .special || kind == .independent, let kind {
          candidates.append(Self.establishment(&table, kind: kind, la: la))
        } else {
          otherLA += 1
        }
      }
      (problems, _) = table.finish()
    }
    for la in options.localAuthorities where hasLAColumn && !laSeen.contains(la) && Self.isLACode(la) {
      problem(
        line: nil, column: nil, field: GIASColumn.laCode.gias, found: "no establishment with LA (code) \(la)",
        expected: "the 3-digit code of an LA in this extract, as in its LA (code) column (886 is Kent)")
    }

    // Schools of other LAs near a kept setting, in file order among the rest.
    // A school of another LA is checked only if it is near: one with no
    // readable location cannot be placed against the radius, and is counted.
    var crossBorder = 0
    var unlocated = 0
    if let radius = options.radiusKm {
      let anchors = establishments.filter(\.isValid).map { ($0.easting, $0.northing) }
      let limit = radius * 1000
      for candidate in candidates {
        guard candidate.easting.isFinite, candidate.northing.isFinite else {
          unlocated += 1
          continue
        }
        guard anchors.contains(where: { hypot($0.0 - candidate.easting, $0.1 - candidate.northing) <= limit }) else {
          otherLA += 1
          continue
        }
        for found in candidate.problems { problems.add(found) }
        crossBorder += 1
        establishments.append(candidate)
      }
      establishments.sort { $0.line < $1.line }
    }

    let settings = makeSettings(establishments)
    report.crossBorder = crossBorder
    report.skipped.insert(("not open (closed, or proposed to open)", notOpen), at: 0)
    report.skipped.insert(("in other LAs" + (options.radiusKm == nil ? "" : ", or too far away"), otherLA), at: 1)
    report.skipped.insert(("special schools of other LAs without a readable location", unlocated), at: 2)
    let types = skippedTypes.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
    for (name, count) in types { report.skipped.append(("of a type no pupil is placed at: \(name)", count)) }
    report.keptByKind = SettingKind.allCases.map { kind in (kind, settings.count { $0.kind == kind }) }
    guard problems.total == 0 else { return nil }
    return GIASImport(settings: settings, report: report)
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

  // MARK: One row

  /// Reads the current row as an establishment of `kind`; its problems are
  /// returned in it, not added to the table's list.
  private static func establishment(_ table: inout TableReader<GIASColumn>, kind: SettingKind, la: String)
    -> Establishment
  {
    let saved = table.problems
    table.problems = ProblemList(limit: CaseReader.problemLimit)
    defer { table.problems = saved }

    let urn = Self.urn(&table)
    let name = Self.name(&table)
    // The case reader's ranges: what is imported must read back as a case.
    let age = CaseReading.expectedAge
    let lowAge = table.whole(.lowAge, required: true, range: InputRange.age, expected: age)
    let highAge = table.whole(.highAge, required: true, range: InputRange.age, expected: age)
    if let lowAge, let highAge, lowAge > highAge {
      table.report(.lowAge, found: "\(lowAge), above StatutoryHighAge \(highAge)", expected: "low age <= high age")
    }
    let gender = table.word(.genderName, required: false, expected: "Mixed, Boys, Girls or Not applicable") {
      GIASEstablishmentType.gender(of: $0)
    }
    let easting = table.decimal(
      .easting, required: true, range: InputRange.easting, expected: CaseReading.expectedEasting)
    let northing = table.decimal(
      .northing, required: true, range: InputRange.northing, expected: CaseReading.expectedNorthing)
    let places = Self.expectedPlaces
    let capacity = table.whole(.schoolCapacity, required: false, range: InputRange.places, expected: places)
    let capacityEmpty = table.cell(.schoolCapacity)?.isEmpty ?? false
    let onRoll = table.whole(
      .numberOfPupils, required: false, range: InputRange.places, expected: Self.expectedPupils)

    var needs = EnumSet<NeedCode>()
    for column in GIASColumn.senColumns {
      guard let text = table.text(column, required: false, expected: "") else { continue }
      guard let need = GIASEstablishmentType.need(of: text) else {
        table.report(
          column, found: InputText.quoted(text),
          expected: "a GIAS SEN type such as \"ASD - Autistic Spectrum Disorder\" (codes \(NeedCode.expectedList))")
        continue
      }
      needs.insert(need)
    }

    var units: [Establishment.Unit] = []
    var missing: InputProblem?
    if capacityEmpty {
      missing = missingCapacity(&table, .schoolCapacity, what: "this establishment's")
    }
    if kind == .mainstream,
      let provision = table.word(
        .resourcedProvisionType, required: false,
        expected: "Resourced provision, SEN unit, Resourced provision and SEN unit, or Not applicable",
        { GIASEstablishmentType.units(of: $0) })
    {
      if provision.resourced {
        units.append(
          unit(
            &table, suffix: "RP", label: "resourced provision", capacity: .resourcedProvisionCapacity,
            onRoll: .resourcedProvisionOnRoll))
      }
      if provision.senUnit {
        units.append(
          unit(&table, suffix: "SU", label: "SEN unit", capacity: .senUnitCapacity, onRoll: .senUnitOnRoll))
      }
    }
    let found = table.problems.keptInOrder
    return Establishment(
      line: table.line, urn: urn, name: name, kind: kind, la: la, lowAge: lowAge ?? 0, highAge: highAge ?? 0,
      gender: gender ?? .mixed, easting: easting ?? .nan, northing: northing ?? .nan, capacity: capacity,
      onRoll: onRoll, needs: kind == .mainstream ? EnumSet() : needs, unitNeeds: needs, units: units,
      missingCapacity: missing, problems: found, isValid: table.problems.total == 0)
  }

  /// The URN, checked by the case reader's id rules (and with room for a
  /// unit's `-RP` or `-SU`), so that settings.csv reads back as written.
  private static func urn(_ table: inout TableReader<GIASColumn>) -> String {
    guard let bytes = table.cell(.urn), !bytes.isEmpty else {
      _ = table.text(.urn, required: true, expected: "the establishment's URN")
      return ""
    }
    let most = ByteKeyTable.maxKeyLength - 3
    if bytes.count > most {
      table.report(.urn, found: "a URN of \(bytes.count) bytes", expected: "a URN of at most \(most) bytes")
    } else if let why = IdentifierText.problem(in: bytes) {
      table.report(.urn, found: why, expected: "a URN of " + IdentifierText.expected)
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// The name, short enough for settings.csv with a unit's label added.
  private static func name(_ table: inout TableReader<GIASColumn>) -> String {
    let name = table.text(.name, required: true, expected: "the establishment's name") ?? ""
    let most = InputRange.nameLength - Self.longestLabel
    if name.utf16.count > most {
      table.report(
        .name, found: "a name of \(InputRange.text(name.utf16.count)) characters",
        expected: "a name of at most \(most) characters (a setting name is at most "
          + "\(InputRange.text(InputRange.nameLength)), a unit's label included)")
    }
    return name
  }

  /// The most a unit's label adds to its host's name: ` (resourced provision)`.
  private static let longestLabel = " (resourced provision)".utf16.count

  private static func unit(
    _ table: inout TableReader<GIASColumn>, suffix: String, label: String, capacity: GIASColumn, onRoll: GIASColumn
  ) -> Establishment.Unit {
    let places = table.whole(capacity, required: false, range: InputRange.places, expected: Self.expectedPlaces)
    let empty = table.cell(capacity).map(\.isEmpty) ?? true
    let roll = table.whole(onRoll, required: false, range: InputRange.places, expected: Self.expectedPupils)
    let missing = empty ? missingCapacity(&table, capacity, what: "the \(label)'s") : nil
    return Establishment.Unit(suffix: suffix, label: label, capacity: places, onRoll: roll, missingCapacity: missing)
  }

  /// The problem listed for an empty capacity under `--missing-capacity fail`
  /// (made now, while the row is current, and added only if the rule is fail).
  private static func missingCapacity(_ table: inout TableReader<GIASColumn>, _ column: GIASColumn, what: String)
    -> InputProblem?
  {
    let saved = table.problems
    table.problems = ProblemList(limit: 1)
    table.report(
      column, found: "an empty cell (GIAS has no capacity for \(what) places)",
      expected: "a capacity; or choose --missing-capacity on-roll (use the number on roll: no free places) "
        + "or skip (leave it out)")
    let made = table.problems.keptInOrder.first
    table.problems = saved
    return made
  }

  // MARK: Settings

  private mutating func makeSettings(_ establishments: [Establishment]) -> [Setting] {
    var settings: [Setting] = []
    var urns: [String: Int] = [:]
    var noCapacity = 0
    var unitHosts = 0
    for row in establishments where row.isValid {
      if let first = urns[row.urn] {
        problem(
          line: row.line, column: nil, field: GIASColumn.urn.gias, found: InputText.quoted(row.urn) + " again",
          expected: "each URN once (it is on line \(first) already)")
        continue
      }
      urns[row.urn] = row.line
      if let capacity = resolvedCapacity(row.capacity, onRoll: row.onRoll, missing: row.missingCapacity) {
        settings.append(
          Setting(
            urn: URN(row.urn), name: row.name, kind: row.kind, easting: row.easting, northing: row.northing,
            lowAge: row.lowAge, highAge: row.highAge, capacity: capacity, onRoll: row.onRoll ?? 0,
            gender: row.gender, needs: row.needs, localAuthority: row.la))
      } else if options.missingCapacity == .skip {
        noCapacity += 1
      }
      var madeUnit = false
      for unit in row.units {
        guard let capacity = resolvedCapacity(unit.capacity, onRoll: unit.onRoll, missing: unit.missingCapacity)
        else {
          if options.missingCapacity == .skip { noCapacity += 1 }
          continue
        }
        madeUnit = true
        settings.append(
          Setting(
            urn: URN(row.urn + "-" + unit.suffix), name: row.name + " (\(unit.label))", kind: .resourced,
            easting: row.easting, northing: row.northing, lowAge: row.lowAge, highAge: row.highAge,
            capacity: capacity, onRoll: unit.onRoll ?? 0, gender: row.gender, needs: row.unitNeeds,
            localAuthority: row.la))
      }
      if madeUnit { unitHosts += 1 }
    }
    report.unitHosts = unitHosts
    report.skipped.append(("left out for want of a capacity (--missing-capacity skip)", noCapacity))
    return settings
  }

  /// The capacity to write, or nil when the row is left out (or refused:
  /// the problem is added).
  private mutating func resolvedCapacity(_ capacity: Int?, onRoll: Int?, missing: InputProblem?) -> Int? {
    guard let missing else { return capacity }
    switch options.missingCapacity {
    case .fail:
      problems.add(missing)
      return nil
    case .skip:
      return nil
    case .onRoll:
      guard let onRoll else {
        var both = missing
        both.found = "an empty cell, and no number on roll either"
        both.expected = "a capacity, or a number on roll for --missing-capacity on-roll; or --missing-capacity skip"
        problems.add(both)
        return nil
      }
      report.capacityFromOnRoll += 1
      return onRoll
    }
  }
}
