extension GIASReading {
  /// Reads the current row as an establishment of `kind`; its problems are
  /// returned in it, not added to the table's list.
  static func establishment(
    _ table: inout TableReader<GIASColumn>, kind: SettingKind, la: String, statutoryRequest: Bool?
  ) -> GIASEstablishment {
    let saved = table.problems
    table.problems = ProblemList(limit: CaseReader.problemLimit)
    defer { table.problems = saved }

    let urn = Self.urn(&table)
    let name = Self.name(&table)
    // The case reader's ranges: what is imported must read back as a case.
    // GIAS gives colleges (and some special post-16 institutions) a high
    // age of 99: the end of an EHC plan, 25, is what counts. It leaves
    // some colleges' ages blank: 16 to 25 then, counted in the report
    // (hostile trial, round twenty-three: one such row failed the import).
    let post16 = kind == .college || kind == .post16
    let age = post16 ? "an age in whole years from 0 to 999 (above 25 read as 25), or empty" : CaseReading.expectedAge
    var lowAge = Self.whole(&table, .lowAge, required: !post16, range: InputRange.age, expected: age)
    var highAge = Self.whole(
      &table, .highAge, required: !post16, range: post16 ? 0...999 : InputRange.age, expected: age
    )
    .map { post16 ? min($0, InputRange.age.upperBound) : $0 }
    var agesAssumed = false
    if post16, Self.isEmpty(table, .lowAge) ?? true {
      lowAge = 16
      agesAssumed = true
    }
    if post16, Self.isEmpty(table, .highAge) ?? true {
      highAge = InputRange.age.upperBound
      agesAssumed = true
    }
    if let lowAge, let highAge, lowAge > highAge {
      table.report(.lowAge, found: "\(lowAge), above StatutoryHighAge \(highAge)", expected: "low age <= high age")
    }
    let gender = table.word(.genderName, required: false, expected: "Mixed, Boys, Girls or Not applicable") {
      GIASEstablishmentType.gender(of: Self.word($0))
    }
    let easting = table.decimal(
      .easting, required: true, range: InputRange.easting, expected: CaseReading.expectedEasting)
    let northing = table.decimal(
      .northing, required: true, range: InputRange.northing, expected: CaseReading.expectedNorthing)
    // 0, 0 is the grid's false origin, in the sea off the Scilly Isles: a
    // placeholder for no location, not a school's (round twenty-four: read
    // as one, every journey was hundreds of minutes and the school
    // reachable only by a parent's request, exempt from the limit).
    if easting == 0, northing == 0 {
      table.report(
        .easting, found: "0 and Northing 0 (the grid's origin, in the sea: no location)",
        expected: "the establishment's Easting and Northing")
    }
    let places = Self.expectedPlaces
    let capacity = Self.whole(&table, .schoolCapacity, required: false, range: InputRange.places, expected: places)
    let capacityEmpty = Self.isEmpty(table, .schoolCapacity) ?? false
    let onRoll = Self.whole(
      &table,
      .numberOfPupils, required: false, range: InputRange.places, expected: Self.expectedPupils)

    let needs = Self.needs(&table)

    var units: [GIASEstablishment.Unit] = []
    var unitsUnnamed = 0
    var missing: InputProblem?
    if capacityEmpty {
      missing = missingCapacity(&table, .schoolCapacity, what: "this establishment's")
    }
    if kind == .mainstream,
      let provision = table.word(
        .resourcedProvisionType, required: false,
        expected: "Resourced provision, SEN unit, Resourced provision and SEN unit, or Not applicable",
        { GIASEstablishmentType.units(of: Self.word($0)) })
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
      // A unit's capacity beside a type that does not name the unit: left
      // out, as the type says, and counted (round twenty-four: dropped
      // with nothing said).
      for (named, column) in [
        (provision.resourced, GIASColumn.resourcedProvisionCapacity), (provision.senUnit, .senUnitCapacity),
      ]
      where !named && !(Self.isEmpty(table, column) ?? true) {
        unitsUnnamed += 1
      }
    }
    let found = table.problems.keptInOrder
    return GIASEstablishment(
      line: table.line, urn: urn, name: name, kind: kind, la: la, lowAge: lowAge ?? 0, highAge: highAge ?? 0,
      gender: gender ?? .mixed, easting: easting ?? .nan, northing: northing ?? .nan, capacity: capacity,
      onRoll: onRoll, needs: kind == .mainstream ? EnumSet() : needs, unitNeeds: needs, units: units,
      missingCapacity: missing, statutoryRequest: statutoryRequest, agesAssumed: agesAssumed,
      unitsUnnamed: unitsUnnamed, problems: found, isValid: table.problems.total == 0)
  }

  /// The need codes of the SEN columns: the establishment's designations
  /// (a host's describe its units).
  private static func needs(_ table: inout TableReader<GIASColumn>) -> EnumSet<NeedCode> {
    var needs = EnumSet<NeedCode>()
    for column in GIASColumn.senColumns {
      guard let raw = table.text(column, required: false, expected: "") else { continue }
      let text = Self.word(raw)
      guard !text.isEmpty else { continue }
      guard let need = GIASEstablishmentType.need(of: text) else {
        table.report(
          column, found: InputText.quoted(text),
          expected: "a GIAS SEN type such as \"ASD - Autistic Spectrum Disorder\" (codes \(NeedCode.expectedList))")
        continue
      }
      needs.insert(need)
    }
    return needs
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
    // On one line and trimmed, as the case reader reads a name back from
    // settings.csv (a control character at an end becomes a blank there).
    let raw = table.text(.name, required: true, expected: "the establishment's name")
    let name = raw.map { InputText.trimmingBlanks(InputText.singleLine($0)) } ?? ""
    if let raw, name.isEmpty {
      table.report(
        .name, found: "a name of \(InputRange.text(raw.unicodeScalars.count)) control characters",
        expected: "the establishment's name")
      return name
    }
    let most = InputRange.nameLength - Self.longestLabel
    if name.utf16.count > most {
      table.report(
        .name, found: "a name of \(InputRange.text(name.utf16.count)) characters",
        expected: "a name of at most \(most) characters (a setting name is at most "
          + "\(InputRange.text(InputRange.nameLength)), a unit's label included)")
    }
    return name
  }

  /// A whole number, as `TableReader.whole` reads it, of a cell cleaned as
  /// `word` cleans one where it holds a character other than ASCII: a
  /// no-break space a spreadsheet leaves after "11" refused a school's
  /// ages (hostile trial, round twenty-two).
  private static func whole(
    _ table: inout TableReader<GIASColumn>, _ column: GIASColumn, required: Bool, range: ClosedRange<Int>,
    expected: String
  ) -> Int? {
    guard let bytes = table.cell(column), bytes.contains(where: { $0 >= 0x80 }) else {
      return table.whole(column, required: required, range: range, expected: expected)
    }
    let raw = String(decoding: bytes, as: UTF8.self)
    let cleaned = Array(word(raw).utf8)
    guard !cleaned.isEmpty else {
      if required { table.report(column, found: "an empty cell", expected: expected) }
      return nil
    }
    let value = cleaned.withUnsafeBufferPointer { DecimalParser.wholeNumber($0) }
    guard let value, range.contains(value) else {
      table.report(column, found: InputText.quoted(raw), expected: expected)
      return nil
    }
    return value
  }

  /// Whether a cell is empty once cleaned as `word` cleans one; nil when
  /// the column is absent.
  private static func isEmpty(_ table: borrowing TableReader<GIASColumn>, _ column: GIASColumn) -> Bool? {
    guard let bytes = table.cell(column) else { return nil }
    return bytes.isEmpty || (bytes.contains { $0 >= 0x80 } && word(String(decoding: bytes, as: UTF8.self)).isEmpty)
  }

  /// The most a unit's label adds to its host's name: ` (resourced provision)`.
  private static let longestLabel = " (resourced provision)".utf16.count

  private static func unit(
    _ table: inout TableReader<GIASColumn>, suffix: String, label: String, capacity: GIASColumn, onRoll: GIASColumn
  ) -> GIASEstablishment.Unit {
    let places = Self.whole(&table, capacity, required: false, range: InputRange.places, expected: Self.expectedPlaces)
    let empty = Self.isEmpty(table, capacity) ?? true
    let roll = Self.whole(&table, onRoll, required: false, range: InputRange.places, expected: Self.expectedPupils)
    let missing = empty ? missingCapacity(&table, capacity, what: "the \(label)'s") : nil
    return GIASEstablishment.Unit(
      suffix: suffix, label: label, capacity: places, onRoll: roll, missingCapacity: missing)
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

}
