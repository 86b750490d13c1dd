import Geodesy

extension CaseReading {
  // MARK: settings.csv

  mutating func readSettings(_ buffer: UnsafeMutableBufferPointer<UInt8>) -> [Setting] {
    var table = TableReader<SettingColumn>(
      file: "settings.csv", buffer: buffer, problems: problems, warnings: warnings)
    var settings: [Setting] = []
    while table.nextRow() {
      let urn = Self.identifier(&table, .urn, index: &settingIndex, lines: &settingLines, spellings: &settingSpellings)
      let location = readLocation(&table, concealed: false)
      guard var setting = Self.settingFields(&table, urn: urn, { $0 }, readsGrid: false) else {
        // The row's postcode is still looked up: its problems are listed now.
        if case .postcode(let key, let problem, let other) = location {
          locations.pending.append(PendingPostcode(target: .setting(nil), key: key, problem: problem, other: other))
        }
        continue
      }
      switch location {
      case .invalid: continue
      case .point(let point):
        setting.easting = point.easting
        setting.northing = point.northing
      case .postcode(let key, let problem, let other):
        locations.pending.append(
          PendingPostcode(target: .setting(settings.count), key: key, problem: problem, other: other))
        setting.easting = other?.easting ?? .nan
        setting.northing = other?.northing ?? .nan
      }
      settings.append(setting)
    }
    (problems, warnings) = table.finish()
    return settings
  }

  /// The setting a row describes, its `urn` already read: every cell of
  /// the settings.csv columns checked, each problem reported; nil when any
  /// is missing or bad. `column` names the table's column for each settings
  /// column, so that a plan's `new_setting` rows are checked by the same rules.
  /// Without `readsGrid` the position is left not-a-number for the caller,
  /// which reads settings.csv's location forms (``readLocation(_:concealed:)``).
  static func settingFields<Column: TableColumn>(
    _ table: inout TableReader<Column>, urn: String?, _ column: (SettingColumn) -> Column, readsGrid: Bool = true
  ) -> Setting? {
    let needList = "primary-need codes separated by ; (\(NeedCode.expectedList))"
    // Free text, but never a line break in an output.
    var name = table.text(column(.name), required: true, expected: "the setting's name").map {
      InputText.spreadsheetText(InputText.singleLine($0))
    }
    if let long = name, long.utf16.count > InputRange.nameLength {
      table.report(
        column(.name), found: "a name of \(InputRange.text(long.utf16.count)) characters",
        expected: "a setting name of at most \(InputRange.text(InputRange.nameLength)) characters")
      name = nil
    }
    let kind = table.word(column(.kind), required: true, expected: "one of " + SettingKind.expectedList) {
      SettingKind(word: $0)
    }
    var easting: Double? = .nan
    var northing: Double? = .nan
    if readsGrid {
      // A plan's new setting is placed by easting and northing only.
      for form in [SettingColumn.postcode, .latitude, .longitude] where !(table.cell(column(form))?.isEmpty ?? true) {
        table.report(
          column(form), found: "a \(form.name) for a new setting",
          expected: "easting and northing (a plan's new_setting rows are placed by grid position only)")
      }
      easting = table.decimal(
        column(.easting), required: true, range: InputRange.easting, expected: Self.expectedEasting)
      northing = table.decimal(
        column(.northing), required: true, range: InputRange.northing, expected: Self.expectedNorthing)
    }
    let lowAge = table.whole(column(.lowAge), required: true, range: InputRange.age, expected: Self.expectedAge)
    // case-format.md: "GIAS gives colleges a high age of 99: read it as 25,
    // the end of an EHC plan" (round thirty-five: a college's 99 was refused).
    let college = kind == .college || kind == .post16
    let collegeAge = Self.expectedAge + " (or 99 for a college, as GIAS gives it, read as 25)"
    var highAge = table.whole(
      column(.highAge), required: true, range: college ? 0...99 : InputRange.age,
      expected: college ? collegeAge : Self.expectedAge)
    if college, let given = highAge, given > InputRange.age.upperBound {
      if given == 99 {
        highAge = InputRange.age.upperBound
      } else {
        table.report(column(.highAge), found: InputText.quoted(String(given)), expected: collegeAge)
        highAge = nil
      }
    }
    if let lowAge, let highAge, lowAge > highAge {
      table.report(column(.lowAge), found: "\(lowAge), above high_age \(highAge)", expected: "low_age <= high_age")
    }
    let places = "a whole number of places " + InputRange.text(InputRange.places)
    let capacity = table.whole(column(.capacity), required: true, range: InputRange.places, expected: places)
    let onRoll = table.whole(column(.onRoll), required: false, range: InputRange.places, expected: places)
    let gender = table.word(column(.gender), required: false, expected: "mixed, boys or girls (or empty for mixed)") {
      SettingGender(word: $0)
    }
    let needs = table.wordSet(column(.needs), required: false, expected: needList) { NeedCode(code: $0) }
    let (needPlaces, capOrder) = Self.readNeedPlaces(&table, column(.needPlaces))
    let cost = table.decimal(
      column(.costPerPlace), required: false, range: InputRange.costPerPlace,
      expected: "an annual cost in pounds \(InputRange.text(InputRange.costPerPlace)) (or empty)")
    let la = table.text(column(.la), required: false, expected: "")
    let statutory = table.word(
      column(.statutoryRequest), required: false,
      expected: "yes or no (or empty for the default of the setting's kind)"
    ) { word -> Bool? in
      switch word.lowercased() {
      case "yes": true
      case "no": false
      default: nil
      }
    }

    guard let urn, let name, let kind, let easting, let northing, let lowAge, let highAge, let capacity
    else { return nil }
    return Setting(
      urn: URN(urn), name: name, kind: kind, easting: easting, northing: northing, lowAge: lowAge,
      highAge: highAge, capacity: capacity, onRoll: onRoll ?? 0, gender: gender ?? .mixed,
      needs: needs ?? EnumSet(), needPlaces: needPlaces, costPerPlace: cost, localAuthority: la,
      needPlacesOrder: capOrder, statutoryRequest: statutory)
  }

  /// The `need_places` caps: `CODE:N` items, each code at most once, and
  /// the codes in the order written.
  private static func readNeedPlaces<Column: TableColumn>(
    _ table: inout TableReader<Column>, _ needPlaces: Column
  ) -> ([NeedCode: Int], [NeedCode]) {
    let placesRange = InputRange.text(InputRange.places)
    let expected = "CODE:N caps separated by ; (e.g. ASD:4;SLCN:2), N a whole number \(placesRange)"
    guard let items = table.items(needPlaces, required: false, expected: expected) else { return ([:], []) }
    var caps: [NeedCode: Int] = [:]
    var order: [NeedCode] = []
    // An item, or either side of its colon, shaped like personal data is
    // described, not quoted (round thirty-three: "SW1A 1AA" and
    // "ASD:14/03/2015" were quoted).
    func shown(_ item: String) -> String {
      for part in [item] + item.split(separator: ":").map(String.init) {
        if let shape = InputText.personalShape(part, pupilFile: false) { return "an item holding " + shape }
      }
      return InputText.quoted(item)
    }
    for item in items {
      let parts = item.split(separator: ":", omittingEmptySubsequences: false)
      guard parts.count == 2 else {
        table.report(needPlaces, found: shown(item), expected: expected)
        continue
      }
      let codeText = InputText.trimmed(parts[0])
      var countText = InputText.trimmed(parts[1])
      guard let code = NeedCode(code: codeText) else {
        table.report(
          needPlaces, found: shown(item),
          expected: "CODE:N with CODE a primary-need code (\(NeedCode.expectedList))")
        continue
      }
      let count = countText.withUTF8 { DecimalParser.wholeNumber($0) }
      guard let count, InputRange.places.contains(count) else {
        table.report(
          needPlaces, found: shown(item), expected: "CODE:N with N a whole number \(placesRange)")
        continue
      }
      guard caps[code] == nil else {
        table.report(
          needPlaces, found: shown(item),
          expected: "each code once in need_places (\(code) is capped already)")
        continue
      }
      caps[code] = count
      order.append(code)
    }
    return (caps, order)
  }

  static let expectedEasting =
    "an easting in metres \(InputRange.text(InputRange.easting)) (British National Grid)"
  static let expectedNorthing =
    "a northing in metres \(InputRange.text(InputRange.northing)) (British National Grid)"
  static let expectedAge = "an age in whole years \(InputRange.text(InputRange.age))"
}
