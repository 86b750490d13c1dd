import Geodesy

extension CaseReading {
  // MARK: pupils.csv

  mutating func readPupils(_ buffer: UnsafeMutableBufferPointer<UInt8>) -> [Pupil] {
    var table = TableReader<PupilColumn>(file: "pupils.csv", buffer: buffer, problems: problems, warnings: warnings)
    var pupils: [Pupil] = []
    var unknownPreferences = UnknownURNTally(.preferences)
    var unknownExclusions = UnknownURNTally(.excludedURNs)
    var unknownCurrent = UnknownURNTally(.currentURN)
    let kindList = "setting kinds separated by ; (\(SettingKind.expectedList))"
    var tenDigits = NHSTally()
    while table.nextRow() {
      let id = Self.identifier(&table, .pupilID, index: &pupilIndex, lines: &pupilLines, spellings: &pupilSpellings)
      tenDigits.add(id)
      let location = readLocation(&table, concealed: true)
      let (age, curriculumYear) = readAge(&table)
      let need = table.word(.primaryNeed, required: true, expected: "a primary-need code: " + NeedCode.expectedList) {
        NeedCode(code: $0)
      }
      let provision = table.wordSet(.provision, required: true, expected: kindList) { SettingKind(word: $0) }
      let sex = table.word(.sex, required: false, expected: "F, M or empty") { Sex(word: $0) }
      let preferences = Self.identifiers(&table, .preferences)?.map(URN.init) ?? []
      for urn in preferences where settingNumber(urn.rawValue) == nil { unknownPreferences.add(urn) }
      let limit = table.decimal(
        .maxTravelMinutes, required: false, range: InputRange.minutes,
        expected: "a journey limit in minutes \(InputRange.text(InputRange.minutes)) (or empty)")
      let priority = table.whole(
        .priority, required: false, range: InputRange.priority,
        expected: "a whole number \(InputRange.text(InputRange.priority)) (or empty for 1)")
      let current = Self.identifiers(&table, .currentURN)?.first
      if let current, settingNumber(current) == nil { unknownCurrent.add(URN(current)) }
      let fixed = Self.identifiers(&table, .fixedURN)?.first
      let excluded = Self.identifiers(&table, .excludedURNs)?.map(URN.init) ?? []
      if let fixed {
        if settingNumber(fixed) == nil {
          // Not checked against a settings.csv that could not be read.
          // Described, not quoted, where it looks like personal data (round twenty-five).
          if !settingsUnread {
            table.report(
              .fixedURN, found: TableReader<PupilColumn>.shown(Array(fixed.utf8), pupilFile: true),
              expected: "the urn of a setting in settings.csv")
          }
        } else if excluded.contains(URN(fixed)) {
          table.report(
            .fixedURN, found: InputText.quoted(fixed) + ", also in excluded_urns",
            expected: "an agreed placement the pupil's excluded_urns does not list")
        }
      }
      for urn in excluded where settingNumber(urn.rawValue) == nil { unknownExclusions.add(urn) }

      guard let id, let age, let need, let provision else {
        // The row's postcode is still looked up: its problems are listed now.
        if case .postcode(let key, let problem, let other) = location {
          locations.pending.append(PendingPostcode(target: .pupil(nil), key: key, problem: problem, other: other))
        }
        continue
      }
      let point: GridPoint
      switch location {
      case .invalid: continue
      case .point(let known): point = known
      case .postcode(let key, let problem, let other):
        locations.pending.append(
          PendingPostcode(target: .pupil(pupils.count), key: key, problem: problem, other: other))
        point = other ?? GridPoint(easting: .nan, northing: .nan)
      }
      var pupil = Pupil(
        id: PupilID(id), easting: point.easting, northing: point.northing, age: age, primaryNeed: need,
        provision: provision, sex: sex, preferences: preferences, maxTravelMinutes: limit,
        priority: priority ?? 1, currentURN: current.map(URN.init))
      pupil.curriculumYear = curriculumYear
      pupil.fixedURN = fixed.map(URN.init)
      pupil.excludedURNs = excluded
      pupils.append(pupil)
    }
    table.warnings += Self.unknownURNWarnings(
      file: table.file, preferences: unknownPreferences, exclusions: unknownExclusions)
    if let warning = unknownCurrent.warning(file: table.file) { table.warnings.append(warning) }
    if pupils.isEmpty {
      // A header alone is a valid, empty batch (a forecast's first year may
      // have none), but a planner allocating one has most likely saved the
      // wrong file: say so rather than report "Placed 0 of 0" in silence.
      table.warnings.append(
        InputWarning(file: table.file, message: "lists no pupils: the batch is empty", count: 0))
    }
    tenDigits.report(&table, .pupilID)
    (problems, warnings) = table.finish()
    return pupils
  }

  /// The warnings of a pupil file (`pupils.csv`, `roll.csv`) whose
  /// preferences and exclusions name URNs outside the case, counted.
  static func unknownURNWarnings(
    file: String, preferences: UnknownURNTally, exclusions: UnknownURNTally
  ) -> [InputWarning] {
    [preferences.warning(file: file), exclusions.warning(file: file)].compactMap(\.self)
  }

  /// The ids in a `;`-separated cell (one for `current_urn`), each checked
  /// like a urn; nil when absent or empty, or when one is refused.
  private static func identifiers(_ table: inout TableReader<PupilColumn>, _ column: PupilColumn) -> [String]? {
    identifiers(&table, column, list: column == .preferences || column == .excludedURNs)
  }

  /// The ids in a cell of any table, `;`-separated where `list`, each
  /// checked like a urn (`roll.csv`'s preferences and exclusions are
  /// checked as `pupils.csv`'s: round twenty-eight found an invisible
  /// character in a roll exclusion let through, and the child placed
  /// where excluded); nil when absent or empty, or when one is refused.
  static func identifiers<Column: TableColumn>(_ table: inout TableReader<Column>, _ column: Column, list: Bool)
    -> [String]?
  {
    let items =
      list
      ? table.items(column, required: false, expected: "")
      : table.text(column, required: false, expected: "").map { [$0] }
    guard let items else { return nil }
    var valid = true
    for var item in items {
      let why = item.withUTF8 { IdentifierText.problem(in: $0) }
      if let why {
        table.report(column, found: why, expected: "urns of " + IdentifierText.expected)
        valid = false
      }
    }
    return valid ? items : nil
  }
}

/// Ids of 10 digits, and those that pass the NHS number's check digit:
/// every NHS number does, and 1 in 11 other 10-digit ids. Of 3 or more,
/// more passing than chance gives, by 4 standard deviations (all of 3, 5
/// of 9, 21 of 100), is a file of NHS numbers (round thirty-six pasted them
/// as ids; round thirty-seven mixed in ordinary ids, or used roll.csv).
struct NHSTally {
  var tenDigits = 0
  var passing = 0

  mutating func add(_ id: String?) {
    guard let id, id.count == 10, id.allSatisfy({ $0.isASCII && $0.isNumber }) else { return }
    tenDigits += 1
    if InputText.passesNHSCheck(id) { passing += 1 }
  }

  func report<Column: TableColumn>(_ table: inout TableReader<Column>, _ column: Column) {
    let n = Double(tenDigits)
    let p = 1.0 / 11
    let threshold = min(n, (n * p + 4 * (n * p * (1 - p)).squareRoot()).rounded(.up))
    guard tenDigits >= 3 && Double(passing) >= threshold else { return }
    table.problem(
      line: nil, column: table.columnNumber(column), field: column.name,
      found: "\(passing) of \(tenDigits) ids of 10 digits with the NHS number's check digit (not shown: NHS numbers?)",
      expected: "pseudonymised ids, never a pupil's NHS number (an id of the authority's own, P0123456789, will do)")
  }
}
