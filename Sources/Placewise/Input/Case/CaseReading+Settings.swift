extension CaseReading {
  // MARK: settings.csv

  mutating func readSettings(_ buffer: UnsafeMutableBufferPointer<UInt8>) -> [Setting] {
    var table = TableReader<SettingColumn>(
      file: "settings.csv", buffer: buffer, problems: problems, warnings: warnings)
    var settings: [Setting] = []
    let needList = "primary-need codes separated by ; (\(NeedCode.expectedList))"
    while table.nextRow() {
      let urn = Self.identifier(&table, .urn, index: &settingIndex, lines: &settingLines)
      // Free text, but never a line break in an output.
      let name = table.text(.name, required: true, expected: "the setting's name").map(InputText.singleLine)
      let kind = table.word(.kind, required: true, expected: "one of " + SettingKind.expectedList) {
        SettingKind(word: $0)
      }
      let easting = table.decimal(
        .easting, required: true, range: InputRange.easting, expected: Self.expectedEasting)
      let northing = table.decimal(
        .northing, required: true, range: InputRange.northing, expected: Self.expectedNorthing)
      let lowAge = table.whole(.lowAge, required: true, range: InputRange.age, expected: Self.expectedAge)
      let highAge = table.whole(.highAge, required: true, range: InputRange.age, expected: Self.expectedAge)
      if let lowAge, let highAge, lowAge > highAge {
        table.report(.lowAge, found: "\(lowAge), above high_age \(highAge)", expected: "low_age <= high_age")
      }
      let places = "a whole number of places " + InputRange.text(InputRange.places)
      let capacity = table.whole(.capacity, required: true, range: InputRange.places, expected: places)
      let onRoll = table.whole(.onRoll, required: false, range: InputRange.places, expected: places)
      let gender = table.word(.gender, required: false, expected: "mixed, boys or girls (or empty for mixed)") {
        SettingGender(word: $0)
      }
      let needs = table.wordSet(.needs, required: false, expected: needList) { NeedCode(code: $0) }
      let needPlaces = Self.readNeedPlaces(&table)
      let cost = table.decimal(
        .costPerPlace, required: false, range: InputRange.costPerPlace,
        expected: "an annual cost in pounds \(InputRange.text(InputRange.costPerPlace)) (or empty)")
      let la = table.text(.la, required: false, expected: "")

      guard let urn, let name, let kind, let easting, let northing, let lowAge, let highAge, let capacity
      else { continue }
      settings.append(
        Setting(
          urn: URN(urn), name: name, kind: kind, easting: easting, northing: northing, lowAge: lowAge,
          highAge: highAge, capacity: capacity, onRoll: onRoll ?? 0, gender: gender ?? .mixed,
          needs: needs ?? EnumSet(), needPlaces: needPlaces, costPerPlace: cost, localAuthority: la))
    }
    (problems, warnings) = table.finish()
    return settings
  }

  /// The `need_places` caps: `CODE:N` items, each code at most once.
  private static func readNeedPlaces(_ table: inout TableReader<SettingColumn>) -> [NeedCode: Int] {
    let placesRange = InputRange.text(InputRange.places)
    let expected = "CODE:N caps separated by ; (e.g. ASD:4;SLCN:2), N a whole number \(placesRange)"
    guard let items = table.items(.needPlaces, required: false, expected: expected) else { return [:] }
    var caps: [NeedCode: Int] = [:]
    for item in items {
      let parts = item.split(separator: ":", omittingEmptySubsequences: false)
      guard parts.count == 2 else {
        table.report(.needPlaces, found: InputText.quoted(item), expected: expected)
        continue
      }
      let codeText = InputText.trimmed(parts[0])
      var countText = InputText.trimmed(parts[1])
      guard let code = NeedCode(code: codeText) else {
        table.report(
          .needPlaces, found: InputText.quoted(item),
          expected: "CODE:N with CODE a primary-need code (\(NeedCode.expectedList))")
        continue
      }
      let count = countText.withUTF8 { DecimalParser.wholeNumber($0) }
      guard let count, InputRange.places.contains(count) else {
        table.report(
          .needPlaces, found: InputText.quoted(item), expected: "CODE:N with N a whole number \(placesRange)")
        continue
      }
      guard caps[code] == nil else {
        table.report(
          .needPlaces, found: InputText.quoted(item),
          expected: "each code once in need_places (\(code) is capped already)")
        continue
      }
      caps[code] = count
    }
    return caps
  }

  static let expectedEasting =
    "an easting in metres \(InputRange.text(InputRange.easting)) (British National Grid)"
  static let expectedNorthing =
    "a northing in metres \(InputRange.text(InputRange.northing)) (British National Grid)"
  static let expectedAge = "an age in whole years \(InputRange.text(InputRange.age))"
}
