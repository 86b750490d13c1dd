extension CaseReading {
  // MARK: pupils.csv

  mutating func readPupils(_ buffer: UnsafeMutableBufferPointer<UInt8>) -> [Pupil] {
    var table = TableReader<PupilColumn>(file: "pupils.csv", buffer: buffer, problems: problems, warnings: warnings)
    var pupils: [Pupil] = []
    var unknownPreferences = 0
    let kindList = "setting kinds separated by ; (\(SettingKind.expectedList))"
    while table.nextRow() {
      let id = Self.identifier(&table, .pupilID, index: &pupilIndex, lines: &pupilLines)
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
      let preferences = Self.identifiers(&table, .preferences)?.map(URN.init) ?? []
      for urn in preferences where settingIndex.value(for: urn.rawValue) == nil { unknownPreferences += 1 }
      let limit = table.decimal(
        .maxTravelMinutes, required: false, range: InputRange.minutes,
        expected: "a journey limit in minutes \(InputRange.text(InputRange.minutes)) (or empty)")
      let priority = table.whole(
        .priority, required: false, range: InputRange.priority,
        expected: "a whole number \(InputRange.text(InputRange.priority)) (or empty for 1)")
      let current = Self.identifiers(&table, .currentURN)?.first

      guard let id, let easting, let northing, let age, let need, let provision else { continue }
      pupils.append(
        Pupil(
          id: PupilID(id), easting: easting, northing: northing, age: age, primaryNeed: need,
          provision: provision, sex: sex, preferences: preferences, maxTravelMinutes: limit,
          priority: priority ?? 1, currentURN: current.map(URN.init)))
    }
    if unknownPreferences > 0 {
      table.warnings.append(
        InputWarning(
          file: table.file,
          message: "\(unknownPreferences) preference\(unknownPreferences == 1 ? " names a URN" : "s name URNs") "
            + "not in settings.csv (out-of-area schools?); each keeps its rank but can never be met",
          count: unknownPreferences))
    }
    (problems, warnings) = table.finish()
    return pupils
  }

  /// The ids in a `;`-separated cell (one for `current_urn`), each checked
  /// like a urn; nil when absent or empty, or when one is refused.
  private static func identifiers(_ table: inout TableReader<PupilColumn>, _ column: PupilColumn) -> [String]? {
    let items =
      column == .preferences
      ? table.items(column, required: false, expected: "") : table.text(column, required: false, expected: "").map { [$0] }
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
