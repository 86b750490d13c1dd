import Foundation
import PlacewiseTestSupport
import Testing

@testable import Placewise

private typealias Row = GIASFixture.Row

/// A small county (LA 886) with one of each school kind, units, a closed
/// school, a general further-education college and schools of a
/// neighbouring LA (887).
private let county: [Row] = [
  Row(
    urn: "118001", la: "886", name: "St Mary’s Church of England Primary School", type: "Voluntary aided school",
    lowAge: "4", highAge: "11", easting: "575100", northing: "160200", capacity: "210", onRoll: "205",
    sen: ["ASD - Autistic Spectrum Disorder", "SLCN - Speech, language and Communication"],
    resourcedProvision: "Resourced provision and SEN unit", rpCapacity: "12", rpOnRoll: "10", suCapacity: "8",
    suOnRoll: "7"),
  Row(
    urn: "118002", la: "886", name: "Oakfield Community Special School", type: "Community special school",
    lowAge: "2", highAge: "19", easting: "566000", northing: "161000", capacity: "120", onRoll: "118",
    sen: ["SLD - Severe Learning Difficulty", "PMLD - Profound and Multiple Learning Difficulty"]),
  Row(
    urn: "118003", la: "886", name: "Weald Academy", type: "Academy special converter", lowAge: "11",
    highAge: "16", gender: "Boys", easting: "570000", northing: "150000", capacity: "80", onRoll: "80",
    sen: ["SEMH - Social, Emotional and Mental Health"]),
  Row(
    urn: "118004", la: "886", name: "Hollybush Independent School", type: "Other independent special school",
    lowAge: "7", highAge: "18", gender: "Girls", easting: "560000.5", northing: "155000.25", capacity: "40",
    onRoll: "31", sen: ["SpLD - Specific Learning Difficulty"]),
  Row(
    urn: "118005", la: "886", name: "Medway Pupil Referral Unit", type: "Pupil referral unit", lowAge: "11",
    highAge: "16", capacity: "30", onRoll: "22"),
  Row(
    urn: "118006", la: "886", name: "Kent College of Further Education", type: "Further education",
    lowAge: "16", highAge: "99", capacity: "3000", onRoll: "2400", furtherEducation: "General Further Education College"
  ),
  Row(
    urn: "118007", la: "886", name: "Old Road Primary", type: "Community school", status: "Closed",
    capacity: "", onRoll: ""),
  Row(
    urn: "118008", la: "886", name: "Riverside Secondary", type: "Academy converter",
    status: "Open, but proposed to close", lowAge: "11", highAge: "18", capacity: "1200", onRoll: "1010",
    sen: ["HI - Hearing Impairment"], resourcedProvision: "Not applicable"),
  Row(
    urn: "118009", la: "886", name: "New Free Primary", type: "Free schools", status: "Proposed to open",
    capacity: "", onRoll: ""),
  Row(
    urn: "119001", la: "887", name: "Near Special (Medway)", type: "Foundation special school", lowAge: "4",
    highAge: "19", easting: "585000", northing: "160200", capacity: "90", onRoll: "90",
    sen: ["ASD - Autistic Spectrum Disorder"]),
  Row(
    urn: "119002", la: "887", name: "Far Special (Medway)", type: "Community special school", lowAge: "4",
    highAge: "19", easting: "600000", northing: "160200", capacity: "90", onRoll: "90"),
  Row(
    urn: "119003", la: "887", name: "Near Primary (Medway)", type: "Community school", easting: "575200",
    northing: "160200", capacity: "300", onRoll: "280"),
]

private func importCounty(
  _ rows: [Row] = county, release: GIASFixture.Release = .newer, la: [String] = ["886"], radiusKm: Double? = nil,
  missingCapacity: MissingCapacity = .fail, omitting: Set<String> = []
) throws(InvalidCaseError) -> GIASImport {
  try GIASImporter.read(
    bytes: GIASFixture.bytes(rows, release: release, omitting: omitting), file: "edubasealldata.csv",
    options: GIASImportOptions(localAuthorities: la, radiusKm: radiusKm, missingCapacity: missingCapacity))
}

private func problems(_ body: () throws(InvalidCaseError) -> GIASImport) -> [InputProblem] {
  do {
    _ = try body()
    return []
  } catch {
    return error.problems
  }
}

@Suite("GIAS import")
struct GIASImportTests {
  @Test("Both column sets give the same settings; every field read by name", arguments: GIASFixture.Release.allCases)
  func readsACounty(release: GIASFixture.Release) throws {
    #expect(GIASFixture.columns(release).count >= 125)
    let result = try importCounty(release: release)
    let urns = result.settings.map(\.urn.rawValue)
    #expect(urns == ["118001", "118001-RP", "118001-SU", "118002", "118003", "118004", "118005", "118006", "118008"])

    let host = result.settings[0]
    #expect(host.name == "St Mary’s Church of England Primary School", "’ is 0x92 in Windows-1252")
    #expect(host.kind == .mainstream && host.needs.isEmpty, "the host takes any need")
    #expect(host.capacity == 210 && host.onRoll == 205 && host.lowAge == 4 && host.highAge == 11)
    #expect(host.easting == 575100 && host.northing == 160200 && host.localAuthority == "886")

    let rp = result.settings[1]
    #expect(rp.kind == .resourced && rp.name == host.name + " (resourced provision)")
    #expect(Array(rp.needs) == [.slcn, .asd], "the host's SEN columns describe its units")
    #expect(rp.capacity == 12 && rp.onRoll == 10 && rp.easting == 575100 && rp.lowAge == 4)
    let su = result.settings[2]
    #expect(su.kind == .resourced && su.capacity == 8 && su.onRoll == 7 && Array(su.needs) == [.slcn, .asd])

    #expect(result.settings[3].kind == .special && Array(result.settings[3].needs) == [.sld, .pmld])
    #expect(result.settings[4].kind == .special && result.settings[4].gender == .boys)
    let independent = result.settings[5]
    #expect(independent.kind == .independent && independent.gender == .girls && Array(independent.needs) == [.spld])
    #expect(independent.easting == 560000.5 && independent.northing == 155000.25)
    #expect(result.settings[6].kind == .ap && result.settings[6].needs.isEmpty)
    let college = result.settings[7]
    #expect(college.kind == .college && college.highAge == 25 && college.needs.isEmpty && college.capacity == 3000)
    let closing = result.settings[8]
    #expect(closing.kind == .mainstream && closing.needs.isEmpty, "a mainstream school without units takes any need")

    let report = result.report
    #expect(report.rowsRead == county.count)
    #expect(report.keptByKind.map(\.count) == [2, 1, 2, 2, 1, 1, 0])
    #expect(report.unitHosts == 1)
    let skipped = Dictionary(uniqueKeysWithValues: report.skipped.map { ($0.reason, $0.count) })
    #expect(skipped["not open (closed, or proposed to open)"] == 2)
    #expect(skipped["in other LAs"] == 3)
    #expect(skipped.keys.allSatisfy { !$0.hasPrefix("of a type") })
    #expect(report.encoding == "Windows-1252")
  }

  /// Hostile trial, round twenty-one: a no-break space after "886" or
  /// "Open" (a spreadsheet leaves them) dropped the school, counted as of
  /// another LA or not open.
  @Test(
    "No-break spaces in the LA code, status and type are spaces: the same settings",
    arguments: GIASFixture.Release.allCases)
  func noBreakSpacesInClassifyingCells(release: GIASFixture.Release) throws {
    var rows = county
    rows[0].cells["LA (code)"] = "886\u{00A0}"
    rows[1].cells["EstablishmentStatus (name)"] = "\u{00A0}Open\u{00A0}"
    rows[1].cells["TypeOfEstablishment (name)"] = "Community\u{00A0}special school\u{00A0}"
    // Round twenty-two: doubled spaces inside a type.
    rows[2].cells["TypeOfEstablishment (name)"] = "Academy  special converter"
    let result = try importCounty(rows, release: release)
    #expect(
      result.settings.map(\.urn.rawValue)
        == ["118001", "118001-RP", "118001-SU", "118002", "118003", "118004", "118005", "118006", "118008"])
    #expect(result.settings[3].kind == .special)
  }

  /// Round twenty-two: a no-break space in a school's ages, gender,
  /// capacity, roll, SEN type or provision type refused the row.
  @Test(
    "No-break spaces in ages, gender, capacities, rolls and SEN types: the same settings",
    arguments: GIASFixture.Release.allCases)
  func noBreakSpacesInOtherCells(release: GIASFixture.Release) throws {
    let reference = try importCounty(county, release: release)
    let columns = [
      "StatutoryLowAge", "StatutoryHighAge", "Gender (name)", "SchoolCapacity", "NumberOfPupils", "SEN1 (name)",
      "SEN2 (name)", "TypeOfResourcedProvision (name)", "ResourcedProvisionCapacity", "ResourcedProvisionOnRoll",
      "SenUnitCapacity", "SenUnitOnRoll",
    ]
    var rows = county
    for r in rows.indices {
      for column in columns {
        guard let value = rows[r].cells[column], !value.isEmpty else { continue }
        rows[r].cells[column] = r.isMultiple(of: 2) ? value + "\u{00A0}" : "\u{00A0}" + value
      }
    }
    let result = try importCounty(rows, release: release)
    // Every field, as Swift prints the value.
    #expect(result.settings.map { "\($0)" } == reference.settings.map { "\($0)" })
    #expect(result.settings.count == 9)
  }

  /// Round twenty-three: a further-education college with blank statutory
  /// ages failed the whole import (and the message gave 0 to 25, though a
  /// college's 99 is read). A post-16 setting's blank ages are 16 to 25,
  /// counted in the report; a school's stay an error.
  @Test("A college's blank statutory ages are 16 to 25, counted; a school's are an error")
  func collegeBlankAges() throws {
    var rows = county
    let college = try #require(rows.firstIndex { $0.cells["URN"] == "118006" })
    rows[college].cells["StatutoryLowAge"] = ""
    rows[college].cells["StatutoryHighAge"] = ""
    let result = try importCounty(rows)
    let imported = try #require(result.settings.first { $0.urn.rawValue == "118006" })
    #expect(imported.lowAge == 16 && imported.highAge == 25)
    #expect(result.report.collegeAgesAssumed == 1)
    #expect(result.report.description.contains("1 post-16 setting with blank statutory ages taken as 16 to 25"))
    #expect(try importCounty().report.collegeAgesAssumed == 0)
    var school = county
    let first = try #require(school.firstIndex { $0.cells["URN"] == "118001" })
    school[first].cells["StatutoryHighAge"] = ""
    let found = problems { () throws(InvalidCaseError) in try importCounty(school) }
    #expect(found.map(\.field) == ["StatutoryHighAge"], "\(found)")
  }

  /// Round twenty-four: a special school of 160 places with a blank
  /// NumberOfPupils was written 0 on roll (160 free places) with nothing
  /// said. It still is (GIAS leaves new schools' rolls blank), and the
  /// report counts and names them.
  @Test("A capacity beside a blank number on roll is counted and named in the report")
  func blankOnRollIsSaid() throws {
    #expect(try importCounty().report.onRollMissing == 0)
    var rows = county
    let special = try #require(rows.firstIndex { $0.cells["URN"] == "118002" })
    rows[special].cells["NumberOfPupils"] = ""
    let result = try importCounty(rows)
    #expect(result.report.onRollMissing == 1 && result.report.onRollMissingURNs == ["118002"])
    #expect(result.report.description.contains("1 setting with a capacity but no number on roll in GIAS"))
    #expect(result.settings.first { $0.urn.rawValue == "118002" }?.onRoll == 0)
  }

  /// Round twenty-four: Easting and Northing 0, 0 (the grid's origin, in
  /// the sea) were written as a school's location.
  @Test("Easting and Northing 0, 0 are no location: an error naming the row")
  func zeroGridPosition() throws {
    var rows = county
    let special = try #require(rows.firstIndex { $0.cells["URN"] == "118002" })
    rows[special].cells["Easting"] = "0"
    rows[special].cells["Northing"] = "0"
    let found = problems { () throws(InvalidCaseError) in try importCounty(rows) }
    #expect(found.map(\.field) == ["Easting"], "\(found)")
    #expect(found.first?.found.contains("the grid's origin") == true)
  }

  /// Round twenty-four: an SEN unit's capacity beside a provision type of
  /// "Resourced provision" alone was dropped with nothing said. It is still
  /// left out (the type says there is no unit), and counted.
  @Test("A unit's capacity beside a type that does not name the unit is left out and counted")
  func unitCapacityBesideOtherType() throws {
    #expect(try importCounty().report.unitsUnnamed == 0)
    var rows = county
    let host = try #require(rows.firstIndex { $0.cells["URN"] == "118001" })
    rows[host].cells["TypeOfResourcedProvision (name)"] = "Resourced provision"
    let result = try importCounty(rows)
    #expect(result.report.unitsUnnamed == 1)
    #expect(!result.settings.contains { $0.urn.rawValue == "118001-SU" })
    #expect(result.report.description.contains("1 unit capacity left out"))
  }

  @Test("Columns are found by name: shuffled columns give the same settings")
  func columnsByName() throws {
    let reference = try importCounty()
    let text = GIASFixture.text(county, release: .newer)
    let lines = text.split(separator: "\r\n").map { line in
      // No cell of the kept rows' quoted fields holds a comma-free quote issue; split on the CSV.
      csvFields(String(line))
    }
    let order = Array(lines[0].indices.reversed())
    let shuffled = lines.map { fields in order.map { quote(fields[$0]) }.joined(separator: ",") }
      .joined(separator: "\r\n")
    let bytes = try #require(Windows1252.encode(shuffled))
    let result = try GIASImporter.read(
      bytes: bytes, file: "x.csv", options: GIASImportOptions(localAuthorities: ["886"]))
    #expect(result.settings.map(\.urn) == reference.settings.map(\.urn))
    #expect(result.settings.map(\.capacity) == reference.settings.map(\.capacity))
    #expect(result.settings.map(\.needs) == reference.settings.map(\.needs))
  }

  @Test(
    "SEN names map to need codes",
    arguments: [
      ("ASD - Autistic Spectrum Disorder", NeedCode.asd), ("SpLD - Specific Learning Difficulty", .spld),
      ("MLD - Moderate Learning Difficulty", .mld), ("VI - Visual Impairment", .vi),
      ("MSI - Multi-Sensory Impairment", .msi), ("PD - Physical Disability", .pd),
      ("OTH - Other Difficulty/Disability", .oth), ("BESD - Behaviour, Emotional and Social Difficulties", .semh),
    ])
  func senMapping(name: String, need: NeedCode) throws {
    let result = try importCounty([Row(urn: "1", la: "886", name: "A", type: "Community special school", sen: [name])])
    #expect(Array(try #require(result.settings.first).needs) == [need])
  }

  @Test("--radius-km keeps other LAs' special schools within the distance of a kept setting, and no others")
  func radius() throws {
    // 119001 is 9.9 km from 118001 (575100 -> 585000), its nearest; 119002 is 25 km from the nearest.
    let within = try importCounty(radiusKm: 9.9)
    #expect(within.settings.contains { $0.urn.rawValue == "119001" && $0.localAuthority == "887" })
    #expect(!within.settings.contains { $0.urn.rawValue == "119002" || $0.urn.rawValue == "119003" })
    #expect(within.report.crossBorder == 1)
    let short = try importCounty(radiusKm: 9.8999)
    #expect(!short.settings.contains { $0.urn.rawValue == "119001" })
    let wide = try importCounty(radiusKm: 30)
    #expect(wide.settings.filter { $0.localAuthority == "887" }.map(\.urn.rawValue) == ["119001", "119002"])
    // Two LAs named: all their establishments, no radius needed.
    let both = try importCounty(la: ["886", "887"])
    #expect(both.settings.filter { $0.localAuthority == "887" }.count == 3)
  }

  @Test("A missing capacity fails by default, listing each; skip leaves it out; on-roll uses the number on roll")
  func missingCapacity() throws {
    var rows = county
    rows[1].cells["SchoolCapacity"] = ""
    rows[0].cells["SenUnitCapacity"] = ""
    let found = problems { () throws(InvalidCaseError) in try importCounty(rows) }
    #expect(found.count == 2)
    #expect(found.map(\.line) == [2, 3])
    #expect(found.map(\.field) == ["SenUnitCapacity", "SchoolCapacity"])
    #expect(found.allSatisfy { $0.expected.contains("--missing-capacity") && $0.column != nil })

    let skipped = try importCounty(rows, missingCapacity: .skip)
    #expect(!skipped.settings.contains { $0.urn.rawValue == "118002" || $0.urn.rawValue == "118001-SU" })
    #expect(skipped.report.skipped.contains { $0.reason.contains("skip") && $0.count == 2 })

    let onRoll = try importCounty(rows, missingCapacity: .onRoll)
    let special = try #require(onRoll.settings.first { $0.urn.rawValue == "118002" })
    #expect(special.capacity == 118 && special.onRoll == 118 && special.freePlaces == 0)
    let unit = try #require(onRoll.settings.first { $0.urn.rawValue == "118001-SU" })
    #expect(unit.capacity == 7)
    #expect(onRoll.report.capacityFromOnRoll == 2)

    rows[1].cells["NumberOfPupils"] = ""
    let neither = problems { () throws(InvalidCaseError) in try importCounty(rows, missingCapacity: .onRoll) }
    #expect(neither.count == 1 && neither[0].found.contains("no number on roll"))
  }

  @Test("Missing columns are named as GIAS spells them", arguments: GIASFixture.Release.allCases)
  func missingColumns(release: GIASFixture.Release) {
    let found = problems { () throws(InvalidCaseError) in
      try importCounty(release: release, omitting: ["LA (code)", "SchoolCapacity", "Easting"])
    }
    #expect(found.map(\.field) == ["LA (code)", "Easting", "SchoolCapacity"])
    #expect(found.allSatisfy { $0.line == 1 && $0.found.hasPrefix("no column \"") })
    #expect(found[0].found == "no column \"LA (code)\"")
  }

  @Test("Optional columns may be absent: no gender means mixed, no unit columns means no units")
  func optionalColumns() throws {
    let result = try importCounty(
      omitting: [
        "Gender (name)", "TypeOfResourcedProvision (name)", "SEN13 (name)", "SenUnitCapacity", "SenUnitOnRoll",
      ])
    #expect(result.settings.allSatisfy { $0.gender == .mixed && $0.kind != .resourced })
  }

  @Test("An LA with no establishment in the file, and a code that is not 3 digits, are refused")
  func unknownLA() {
    let found = problems { () throws(InvalidCaseError) in try importCounty(la: ["886", "999", "88", "Kent"]) }
    #expect(found.count == 3)
    #expect(found.contains { $0.found == "no establishment with LA (code) 999" })
    #expect(found.filter { $0.file == "--la" }.map(\.found) == ["\"88\"", "\"Kent\""])
  }

  @Test("Bad values in kept rows are listed with line and column; other LAs' rows are not checked")
  func badValues() {
    var rows = county
    rows[1].cells["StatutoryLowAge"] = "two"
    rows[2].cells["StatutoryLowAge"] = "17"
    rows[3].cells["SEN2 (name)"] = "XYZ - Unknown"
    rows[4].cells["Easting"] = "n/a"
    rows[4].cells["Gender (name)"] = "Other"
    rows[10].cells["Easting"] = "junk"  // LA 887, not kept
    let found = problems { () throws(InvalidCaseError) in try importCounty(rows) }
    #expect(found.map(\.line) == [3, 4, 5, 6, 6])
    #expect(found.map(\.field) == ["StatutoryLowAge", "StatutoryLowAge", "SEN2 (name)", "Gender (name)", "Easting"])
    #expect(found.allSatisfy { $0.file == "edubasealldata.csv" && $0.column != nil })
    #expect(found[1].found == "17, above StatutoryHighAge 16")
  }

  @Test("Values outside the case reader's ranges are refused at import, so what is written reads back")
  func valuesOutsideTheCaseRanges() {
    var rows = county
    rows[1].cells["SchoolCapacity"] = "200000"
    rows[2].cells["StatutoryHighAge"] = "99"
    rows[3].cells["Northing"] = "9999999"
    let found = problems { () throws(InvalidCaseError) in try importCounty(rows) }
    #expect(found.map(\.field) == ["SchoolCapacity", "StatutoryHighAge", "Northing"])
    #expect(found[0].expected.contains("100,000") && found[1].expected.contains("25"))
  }

  @Test("A file re-saved as UTF-8 is read as UTF-8; UTF-16 is refused")
  func encodings() throws {
    let utf8 = Array(GIASFixture.text(county, release: .older).utf8)
    let result = try GIASImporter.read(
      bytes: utf8, file: "resaved.csv", options: GIASImportOptions(localAuthorities: ["886"]))
    #expect(result.settings[0].name == "St Mary’s Church of England Primary School")
    #expect(result.report.encoding.hasPrefix("UTF-8"))

    let units = GIASFixture.text(county, release: .older).utf16
    let utf16: [UInt8] = [0xFF, 0xFE] + units.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
    let found = problems { () throws(InvalidCaseError) in
      try GIASImporter.read(bytes: utf16, file: "u16.csv", options: GIASImportOptions(localAuthorities: ["886"]))
    }
    #expect(found.count == 1 && found[0].found.contains("UTF-16") && found[0].line == 1)
  }

  @Test("A byte Windows-1252 leaves undefined is located by line and column")
  func undefinedByte() {
    var bytes = GIASFixture.bytes(county, release: .newer)
    let name = Array("Oakfield".utf8)
    let at = bytes.indices.first { bytes[$0...].starts(with: name) } ?? 0
    bytes[at] = 0x81
    let found = problems { () throws(InvalidCaseError) in
      try GIASImporter.read(bytes: bytes, file: "bad.csv", options: GIASImportOptions(localAuthorities: ["886"]))
    }
    #expect(found.count == 1)
    #expect(found.first?.line == 3 && found.first?.column == 5)
    #expect(found.first?.found == "byte 0x81, which Windows-1252 does not define")
  }
}

/// The fields of one CSV line (quotes handled; no line breaks inside).
private func csvFields(_ line: String) -> [String] {
  var fields: [String] = []
  var field = ""
  var inQuotes = false
  var characters = Array(line)[...]
  while let c = characters.popFirst() {
    if inQuotes {
      if c == "\"" {
        if characters.first == "\"" {
          field.append("\"")
          characters.removeFirst()
        } else {
          inQuotes = false
        }
      } else {
        field.append(c)
      }
    } else if c == "\"" {
      inQuotes = true
    } else if c == "," {
      fields.append(field)
      field = ""
    } else {
      field.append(c)
    }
  }
  fields.append(field)
  return fields
}

private func quote(_ cell: String) -> String {
  guard cell.contains(where: { $0 == "," || $0 == "\"" }) else { return cell }
  return "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
}
