import Foundation
import PlacewiseTestSupport
import Testing

@testable import Placewise

/// The problems of reading a case of these files.
private func problems(_ files: [String: String]) throws -> [InputProblem] {
  let scratch = try ScratchFolder()
  let folder = try scratch.writeCase("case", files: files)
  do {
    _ = try CaseReader.read(folder: folder)
    return []
  } catch {
    return error.problems
  }
}

/// The problems' text, a line each.
private func text(_ found: [InputProblem]) -> String { found.map(\.description).joined(separator: "\n") }

private let pupils = "pupil_id,easting,northing,age,primary_need,provision\nP1,575100,160100,9,ASD,special\n"

@Suite("Values shaped like personal data, described in every file")
struct PersonalShapeMessagesTests {
  /// Hostile trial, round thirty-two: a pupil list saved as settings.csv
  /// (a plausible swap) had its names, postcodes and "Smith, 5" quoted in
  /// the messages of settings.csv's number and code columns, and a postcode
  /// as policy.toml's `placement_start` was quoted. A number column never
  /// holds words, a postcode or a coordinate, and no case file's code holds
  /// a postcode: described there, in every file. A school's name in
  /// settings.csv's `kind` is still quoted.
  @Test("settings.csv and policy.toml describe postcodes, names and coordinates where a number or code belongs")
  func settingsAndPolicy() throws {
    let settings =
      "urn,name,kind,easting,northing,low_age,high_age,capacity,on_roll\n"
      + "100001,Oak,SW1A 1AA,575000,160000,2,19,\"Smith, 5\",John Smith\n"
      + "100002,Ash,Special School,575000.123456,160000,2,19,10,0\n"
    let said = text(try problems(["settings.csv": settings, "pupils.csv": pupils]))
    for personal in ["SW1A", "Smith", "575000.123456"] { #expect(!said.contains(personal), "\(said)") }
    #expect(said.contains("a postcode (not shown: personal data)"))
    #expect(said.contains("words like a name or an address (not shown: personal data)"))
    #expect(said.contains("\"Special School\""), "a school's words in kind, quoted: \(said)")
    let policy = try problems([
      "settings.csv":
        "urn,name,kind,easting,northing,low_age,high_age,capacity\n100001,Oak,special,575000,160000,2,19,10\n",
      "pupils.csv": pupils, "policy.toml": "placement_start = \"SW1A 1AA\"\nspeed_kmh = \"John Smith\"\n",
    ])
    let policyText = text(policy)
    #expect(policy.count == 2, "\(policyText)")
    #expect(!policyText.contains("SW1A") && !policyText.contains("Smith"), "\(policyText)")
  }

  /// Hostile trial, round thirty-five: a date of birth with a time, a name
  /// in lower case and a mobile number were quoted in pupils.csv's
  /// messages.
  @Test("a date with a time, a name in lower case and a phone number are described in pupils.csv")
  func dateTimesNamesAndPhones() throws {
    let rows =
      "pupil_id,easting,northing,age,primary_need,provision,max_travel_minutes\n"
      + "P1,575100,160100,2015-03-12T00:00,ASD,special,\n" + "P2,575100,160100,9,jane smith,special,\n"
      + "P3,575100,160100,9,ASD,special,07700 900123\n" + "P4,575100,160100,12/03/2015 00:00:00,ASD,special,\n"
      + "P5,575100,160100,9,ASD,special,+44 7700 900123\n" + "P6,575100,160100,9,O'Neil-Brown JANE,special,\n"
    let settings =
      "urn,name,kind,easting,northing,low_age,high_age,capacity\n100001,Oak,special,575000,160000,2,19,10\n"
    let found = try problems(["settings.csv": settings, "pupils.csv": rows])
    let said = text(found)
    #expect(found.count == 6, "\(said)")
    // A landline read as a phone number, not a date (round thirty-seven).
    let landline = try problems([
      "settings.csv": settings,
      "pupils.csv":
        "pupil_id,easting,northing,age,primary_need,provision\nP1,575100,160100,020 7946 0018,ASD,special\n",
    ])
    #expect(landline.first?.found.hasPrefix("a number like a phone number") == true, "\(text(landline))")
    for personal in ["2015", "jane", "smith", "07700", "900123", "Neil", "JANE"] {
      #expect(!said.contains(personal), "\(personal): \(said)")
    }
    // What is not personal is still quoted: a need code mistyped in one
    // word, two codes with a space for `;`, the format's own words, an
    // age in words, an action with a letter missing, two URNs (the review
    // of round thirty-five).
    let typo = try problems([
      "settings.csv": settings,
      "pupils.csv": "pupil_id,easting,northing,age,primary_need,provision,max_travel_minutes,fixed_urn\n"
        + "P1,575100,160100,9,ASDD,special,,\n" + "P2,575100,160100,9,ASD SLCN,special,,\n"
        + "P3,575100,160100,9,ASD,special independent,,\n" + "P4,575100,160100,13 years,ASD,special,,\n"
        + "P5,575100,160100,9,ASD,special,,100001;100002\n" + "P6,575100,160100,9,ASD,special_school,,\n"
        // Round thirty-seven: a local code, N/A, two codes by a slash, an age in words.
        + "P7,575100,160100,9,ASD,special,,NEW-ASD-1\n" + "P8,575100,160100,9,ASD,special,N/A,\n"
        + "P9,575100,160100,9,ASD/SLCN,special,,\n" + "P10,575100,160100,6 yrs,ASD,special,,\n",
    ])
    for quoted in [
      "\"ASDD\"", "\"ASD SLCN\"", "\"special independent\"", "\"13 years\"", "100002", "\"special_school\"",
      "\"NEW-ASD-1\"", "\"N/A\"", "\"ASD/SLCN\"", "\"6 yrs\"",
    ] {
      #expect(text(typo).contains(quoted), "\(quoted): \(text(typo))")
    }
  }

  /// Hostile trial, round thirty-six: coordinates in brackets or with
  /// units, a date without separators, an email address, UPN, NHS and
  /// National Insurance numbers, a name with an initial or an underscore
  /// were quoted in pupils.csv's number and code columns. A file of pupils
  /// now quotes only what cannot be personal data.
  @Test(
    "the shapes of personal data a file of pupils may hold are not shown in its messages",
    arguments: [
      "(51.50123, -0.12345)", "[461000 250000]", "51.50123N", "461000m", "51°30'N", "20150312",
      "jane.smith@example.com", "A123456789012", "a123456789012", "QQ123456C", "9434765919", "943 476 5919",
      "J. Smith", "Smith J", "jane_smith", "0001234567",
      // Round thirty-seven: other spaces, hyphenated postcodes, dates
      // without separators or joined by `_`, a grid pair in thousands.
      "Jane\u{A0}Smith", "SW1A\u{A0}1AA", "07700\u{2009}900123", "E1-6AN", "SW1A-1AA", "2015_03_12",
      "461 000 250 000",
      // The review of round thirty-seven.
      "Jane-Smith", "Jane\tSmith", "Jane\u{200B}Smith", "ASD;12-03-15", "M 12/03/15",
    ])
  func personalShapesNotQuoted(_ value: String) throws {
    let settings =
      "urn,name,kind,easting,northing,low_age,high_age,capacity\n100001,Oak,special,575000,160000,2,19,10\n"
    let cell = "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    for column in ["age", "primary_need", "max_travel_minutes"] {
      let header = "pupil_id,easting,northing,age,primary_need,provision,max_travel_minutes\n"
      let row = [
        "P1", "575100", "160100", column == "age" ? cell : "9", column == "primary_need" ? cell : "ASD",
        "special", column == "max_travel_minutes" ? cell : "",
      ]
      let found = try problems(["settings.csv": settings, "pupils.csv": header + row.joined(separator: ",") + "\n"])
      #expect(found.count == 1 && found[0].found.contains("not shown"), "\(column): \(text(found))")
      #expect(!text(found).contains(value), "\(column): \(text(found))")
    }
  }

  /// Hostile trial, round thirty-six: an unknown column of a file of
  /// pupils headed with a name in lower case, an address, a bracketed pair
  /// of coordinates, a date without separators, an email address or a UPN
  /// was quoted in the warning and in summary.json. A header that reads as
  /// a column name is still quoted.
  @Test("a file of pupils quotes an unknown column's header only where it reads as a column name")
  func unknownHeaders() throws {
    let personal = [
      "jane smith", "Dr Jane Ann Smith-Jones", "Flat 3, 12 High St", "(51.50123, -0.12345)", "20150312",
      "jane.smith@example.com", "A123456789012",
      // Round thirty-seven: names in capitals or joined.
      "MARY JONES", "MR J SMITH", "jane_smith", "Smith-Jones",
    ]
    let names = [
      "First Name", "Date of Birth", "school_name", "UPN", "notes", "Max Travel (mins)", "Home Postcode",
      "Case Officer",
      "capitol_cost",
    ]
    let settings =
      "urn,name,kind,easting,northing,low_age,high_age,capacity\n100001,Oak,special,575000,160000,2,19,10\n"
    let cells = (personal + names).map { "\"" + $0 + "\"" }
    let scratch = try ScratchFolder()
    let folder = try scratch.writeCase(
      "case",
      files: [
        "settings.csv": settings,
        "pupils.csv": "pupil_id,easting,northing,age,primary_need,provision," + cells.joined(separator: ",") + "\n"
          + "P1,575100,160100,9,ASD,special" + String(repeating: ",x", count: cells.count) + "\n",
      ])
    let warnings = try CaseReader.read(folder: folder).warnings.map(\.description).joined(separator: "\n")
    for value in personal { #expect(!warnings.contains(value), "\(value): \(warnings)") }
    for value in names { #expect(warnings.contains("\"\(value)\""), "\(value): \(warnings)") }
  }

  /// Hostile trial, round thirty-five: two numbers that place a home, a
  /// latitude and longitude or an easting and northing, were quoted in a
  /// header cell (and in a fixed_urn or a roll's urn: HostileInputTests).
  @Test(
    "a pair of coordinates as a header is described",
    arguments: ["51.50123, -0.12345", "461000,250000", "461000 250000", "51.5 -0.1"])
  func coordinatePairs(_ pair: String) throws {
    let settings =
      "urn,name,kind,easting,northing,low_age,high_age,capacity\n100001,Oak,special,575000,160000,2,19,10\n"
    let scratch = try ScratchFolder()
    let folder = try scratch.writeCase(
      "case",
      files: [
        "settings.csv": settings,
        "pupils.csv":
          "pupil_id,easting,northing,age,primary_need,provision,\"\(pair)\"\nP1,575100,160100,9,ASD,special,x\n",
      ])
    let warnings = try CaseReader.read(folder: folder).warnings.map(\.description).joined(separator: "\n")
    #expect(
      warnings.contains("headed with a pair of numbers like a location") && !warnings.contains(pair), "\(warnings)")
  }

  /// Hostile trial, round thirty-three: `need_places` quoted "SW1A 1AA"
  /// and "ASD:14/03/2015", and a header cell shaped like a postcode (a file
  /// whose first row is pupils' data) was quoted in the warning, in
  /// summary.json and in the workbook.
  @Test("need_places items and header cells shaped like a postcode or a date are described")
  func needPlacesAndHeaders() throws {
    let settings =
      "urn,name,kind,easting,northing,low_age,high_age,capacity,need_places\n"
      + "100001,Oak,special,575000,160000,2,19,10,SW1A 1AA\n"
      + "100002,Ash,special,575000,160000,2,19,10,ASD:14/03/2015\n"
    let found = try problems(["settings.csv": settings, "pupils.csv": pupils])
    #expect(found.count == 2 && !text(found).contains("SW1A") && !text(found).contains("14/03"), "\(text(found))")
    let scratch = try ScratchFolder()
    let folder = try scratch.writeCase(
      "case",
      files: [
        "settings.csv":
          "urn,name,kind,easting,northing,low_age,high_age,capacity\n100001,Oak,special,575000,160000,2,19,10\n",
        "pupils.csv":
          "pupil_id,easting,northing,age,primary_need,provision,SW1A 1AA,12/03/2015,51.50123,12 High Street\n"
          + "P1,575100,160100,9,ASD,special,x,y,z,w\n",
      ])
    let input = try CaseReader.read(folder: folder)
    let warnings = input.warnings.map(\.description).joined(separator: "\n")
    #expect(
      warnings.contains("column 7 headed with a postcode (not shown: personal data) is not part of the case format"),
      "\(warnings)")
    for shown in ["SW1A", "12/03", "51.50123", "High Street"] { #expect(!warnings.contains(shown), "\(warnings)") }
  }
}
