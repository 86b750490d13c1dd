/// The columns of `roll.csv` (case format 2): the pupils on roll at the
/// case's settings who are not in the batch.
enum RollColumn: Int, TableColumn {
  case pupilID, urn, easting, northing, age, primaryNeed, provision
  case sex, preferences, maxTravelMinutes, priority
  /// Not in case-format.md's roll.csv: the `pupils.csv` column, read where
  /// given, so that a pupil placed by a forecast keeps the settings the
  /// authority excluded through the years (decisions.md, "What the roll
  /// holds"; hostile trial, round twenty-seven).
  case excludedURNs

  var name: String {
    switch self {
    case .pupilID: "pupil_id"
    case .urn: "urn"
    case .easting: "easting"
    case .northing: "northing"
    case .age: "age"
    case .primaryNeed: "primary_need"
    case .provision: "provision"
    case .sex: "sex"
    case .preferences: "preferences"
    case .maxTravelMinutes: "max_travel_minutes"
    case .priority: "priority"
    case .excludedURNs: "excluded_urns"
    }
  }

  var isRequired: Bool {
    switch self {
    case .pupilID, .urn, .easting, .northing, .age, .primaryNeed, .provision: true
    default: false
    }
  }
}

extension CaseReading {
  // MARK: roll.csv

  /// Reads `roll.csv` with the same rules as `pupils.csv`: ids unique
  /// within the roll and absent from `pupils.csv`, each row naming a
  /// setting of the case, and no setting with more roll rows than its
  /// `on_roll`.
  mutating func readRoll(_ buffer: UnsafeMutableBufferPointer<UInt8>, settings: [Setting]) -> [RollPupil] {
    var table = TableReader<RollColumn>(file: "roll.csv", buffer: buffer, problems: problems, warnings: warnings)
    var roll: [RollPupil] = []
    var rollIndex = ByteKeyTable()
    var rollLines: [Int] = []
    var rollSpellings: [String: Int32] = [:]
    var perSetting = [Int](repeating: 0, count: settings.count)
    var unknownPreferences = UnknownURNTally(.preferences)
    var unknownExclusions = UnknownURNTally(.excludedURNs)
    var firstLine = [Int](repeating: 0, count: settings.count)
    let kindList = "setting kinds separated by ; (\(SettingKind.expectedList))"
    var tenDigits = NHSTally()
    while table.nextRow() {
      var id = Self.identifier(&table, .pupilID, index: &rollIndex, lines: &rollLines, spellings: &rollSpellings)
      tenDigits.add(id)
      if let known = id, pupilIndex.value(for: known) != nil || pupilSpellings[known] != nil {
        table.report(
          .pupilID,
          found: TableReader<RollColumn>.shown(Array(known.utf8), pupilFile: true) + ", a pupil of pupils.csv",
          expected: "a pupil on roll who is not in this batch (a pupil_id may not appear in both files)")
        id = nil
      }
      var setting: Int?
      if let urn = table.text(.urn, required: true, expected: "the urn of a setting in settings.csv") {
        if let s = settingNumber(urn), Int(s) < settingPositions.count {
          // A row of settings.csv refused for its own problem is not checked further.
          if settingPositions[Int(s)] >= 0 { setting = settingPositions[Int(s)] }
        } else if !settingsUnread {
          // Described, not quoted, where it looks like personal data (round twenty-five).
          table.report(
            .urn, found: TableReader<RollColumn>.shown(Array(urn.utf8), pupilFile: true),
            expected: "the urn of a setting in settings.csv")
        }
      }
      // Homes, as in pupils.csv: a bad value is described, never quoted.
      let easting = table.decimal(
        .easting, required: true, range: InputRange.easting, concealed: true, expected: Self.expectedEasting)
      let northing = table.decimal(
        .northing, required: true, range: InputRange.northing, concealed: true, expected: Self.expectedNorthing)
      let age = table.whole(.age, required: true, range: InputRange.age, expected: Self.expectedAge)
      let need = table.word(.primaryNeed, required: true, expected: "a primary-need code: " + NeedCode.expectedList) {
        NeedCode(code: $0)
      }
      let provision = table.wordSet(.provision, required: true, expected: kindList) { SettingKind(word: $0) }
      let sex = table.word(.sex, required: false, expected: "F, M or empty") { Sex(word: $0) }
      let preferences = Self.identifiers(&table, .preferences, list: true)?.map(URN.init) ?? []
      let limit = table.decimal(
        .maxTravelMinutes, required: false, range: InputRange.minutes,
        expected: "a journey limit in minutes \(InputRange.text(InputRange.minutes)) (or empty)")
      let priority = table.whole(
        .priority, required: false, range: InputRange.priority,
        expected: "a whole number \(InputRange.text(InputRange.priority)) (or empty for 1)")
      let excluded = Self.identifiers(&table, .excludedURNs, list: true)?.map(URN.init) ?? []
      // The settings of the case alone: the index holds the URNs plans open
      // by now, and each plan's warnings are counted again against its own
      // (round thirty: roll.csv's went missing wherever a plan opened one).
      func outside(_ urn: URN) -> Bool {
        settingNumber(urn.rawValue).map { Int($0) >= settingPositions.count } ?? true
      }
      for urn in preferences where outside(urn) { unknownPreferences.add(urn) }
      for urn in excluded where outside(urn) { unknownExclusions.add(urn) }
      // A row counts towards its setting's on_roll whatever else it has
      // wrong, so that problem is listed with the others (round
      // twenty-nine: it showed only once the row was mended).
      if let setting {
        if perSetting[setting] == 0 { firstLine[setting] = table.line }
        perSetting[setting] += 1
      }
      guard let id, let setting, let easting, let northing, let age, let need, let provision else { continue }
      var pupil = Pupil(
        id: PupilID(id), easting: easting, northing: northing, age: age, primaryNeed: need, provision: provision,
        sex: sex, preferences: preferences, maxTravelMinutes: limit, priority: priority ?? 1,
        currentURN: settings[setting].urn)
      pupil.excludedURNs = excluded
      roll.append(RollPupil(pupil: pupil, setting: setting))
    }
    for (s, count) in perSetting.enumerated() where count > settings[s].onRoll {
      table.problem(
        line: firstLine[s], column: table.columnNumber(.urn), field: "urn",
        found:
          "\(count) roll \(count == 1 ? "row" : "rows") at \(InputText.quoted(settings[s].urn.rawValue)), whose on_roll is \(settings[s].onRoll)",
        expected: "at most on_roll pupils on roll at each setting (settings.csv's on_roll counts them)")
    }
    tenDigits.report(&table, .pupilID)
    // As pupils.csv's (round twenty-eight: said for the batch only).
    table.warnings += Self.unknownURNWarnings(
      file: table.file, preferences: unknownPreferences, exclusions: unknownExclusions)
    (problems, warnings) = table.finish()
    return roll
  }
}
