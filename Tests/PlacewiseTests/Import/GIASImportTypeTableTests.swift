import Foundation
import PlacewiseTestSupport
import Testing

@testable import Placewise

private typealias Row = GIASFixture.Row

/// Every combination of `TypeOfEstablishment (name)` and `FurtherEducationType
/// (name)` in the GIAS extract of 9 January 2025 (all statuses; an empty
/// further-education type is GIAS's `Not applicable`), and what the importer
/// makes of it. The table in docs/reference.md is this one.
private let combinations: [(type: String, furtherEducation: String, placement: GIASPlacement)] = [
  ("Community school", "", .kept(.mainstream)),
  ("Voluntary aided school", "", .kept(.mainstream)),
  ("Voluntary controlled school", "", .kept(.mainstream)),
  ("Foundation school", "", .kept(.mainstream)),
  ("City technology college", "", .kept(.mainstream)),
  ("Community special school", "", .kept(.special)),
  ("Non-maintained special school", "", .kept(.independent)),
  ("Other independent special school", "", .kept(.independent)),
  ("Other independent school", "", .skipped),
  ("Foundation special school", "", .kept(.special)),
  ("Pupil referral unit", "", .kept(.ap)),
  ("Local authority nursery school", "", .kept(.mainstream)),
  ("Further education", "", .kept(.college)),
  ("Further education", "Art, Design and Performing Arts College", .kept(.college)),
  ("Further education", "General Further Education College", .kept(.college)),
  ("Further education", "Land-Based College", .kept(.college)),
  ("Further education", "Sixth Form College (General)", .kept(.college)),
  ("Further education", "Sixth Form College (Voluntary Aided)", .kept(.college)),
  ("Further education", "Sixth Form College (Voluntary Controlled)", .kept(.college)),
  ("Further education", "Specialist Designated College", .kept(.college)),
  ("Further education", "Tertiary College", .kept(.college)),
  ("Secure units", "", .skipped),
  ("Offshore schools", "", .skipped),
  ("Service children's education", "", .skipped),
  ("Miscellaneous", "", .skipped),
  ("Miscellaneous", "Specialist Designated College", .kept(.college)),
  ("Academy sponsor led", "", .kept(.mainstream)),
  ("Higher education institutions", "", .skipped),
  ("Higher education institutions", "Art, Design and Performing Arts College", .skipped),
  ("Welsh establishment", "", .skipped),
  ("Sixth form centres", "", .skipped),
  ("Special post 16 institution", "", .kept(.post16)),
  ("Special post 16 institution", "Specialist Designated College", .kept(.post16)),
  ("Academy special sponsor led", "", .kept(.special)),
  ("Academy converter", "", .kept(.mainstream)),
  ("Free schools", "", .kept(.mainstream)),
  ("Free schools special", "", .kept(.special)),
  ("British schools overseas", "", .skipped),
  ("Free schools alternative provision", "", .kept(.ap)),
  ("Free schools 16 to 19", "", .kept(.mainstream)),
  ("University technical college", "", .kept(.mainstream)),
  ("Studio schools", "", .kept(.mainstream)),
  ("Academy alternative provision converter", "", .kept(.ap)),
  ("Academy alternative provision sponsor led", "", .kept(.ap)),
  ("Academy special converter", "", .kept(.special)),
  ("Academy 16-19 converter", "", .kept(.mainstream)),
  ("Academy 16 to 19 sponsor led", "", .kept(.mainstream)),
  ("Online provider", "", .skipped),
  ("Institution funded by other government department", "Specialist Designated College", .kept(.college)),
  ("Academy secure 16 to 19", "", .skipped),
]

private func importRows(_ rows: [Row]) throws(InvalidCaseError) -> GIASImport {
  try GIASImporter.read(
    bytes: GIASFixture.bytes(rows, release: .newer), file: "edubasealldata.csv",
    options: GIASImportOptions(localAuthorities: ["886"]))
}

private func row(_ urn: Int, type: String, furtherEducation: String, section41: String = "") -> Row {
  let fe = furtherEducation.isEmpty ? "Not applicable" : furtherEducation
  return Row(
    urn: String(urn), la: "886", name: "Establishment \(urn)", type: type, furtherEducation: fe,
    section41: section41.isEmpty ? "Not applicable" : section41)
}

@Suite("GIAS import: every type of establishment a current extract holds")
struct GIASImportTypeTableTests {
  @Test("The table holds the 50 combinations of January 2025, each once")
  func tableIsComplete() {
    #expect(combinations.count == 50)
    #expect(Set(combinations.map { $0.type + "|" + $0.furtherEducation }).count == 50)
    #expect(Set(combinations.map(\.type)).count == 39)
  }

  @Test(
    "Each combination becomes a setting of its kind, or is skipped and counted under its type",
    arguments: combinations)
  func combination(type: String, furtherEducation: String, placement: GIASPlacement) throws {
    let result = try importRows([row(1, type: type, furtherEducation: furtherEducation)])
    #expect(
      GIASEstablishmentType.placement(type: type, furtherEducation: furtherEducation, section41Approved: false)
        == placement)
    switch placement {
    case .kept(let kind):
      #expect(result.settings.map(\.kind) == [kind])
      #expect(!result.report.skipped.contains { $0.count > 0 })
    case .skipped, .unknown:
      #expect(result.settings.isEmpty)
      let counted = result.report.skipped.filter { $0.count > 0 }
      #expect(counted.count == 1)
      #expect(counted.first?.reason == "of a type no pupil is placed at: \(type)" && counted.first?.count == 1)
    }
  }

  @Test("A whole extract of every combination: kept and skipped add up to the rows, none unknown")
  func nothingFallsThrough() throws {
    let rows = combinations.enumerated().map {
      row(100 + $0.offset, type: $0.element.type, furtherEducation: $0.element.furtherEducation)
    }
    let result = try importRows(rows)
    let kept = result.report.keptByKind.reduce(0) { $0 + $1.count }
    let skipped = result.report.skipped.reduce(0) { $0 + $1.count }
    #expect(result.report.rowsRead == 50 && kept + skipped == 50)
    #expect(kept == combinations.count { if case .kept = $0.placement { true } else { false } })
    #expect(!result.report.skipped.contains { $0.reason.contains("does not know") && $0.count > 0 })
    #expect(result.report.description.contains("of a type no pupil is placed at: Secure units"))
    let kinds = Dictionary(uniqueKeysWithValues: result.report.keptByKind.map { ($0.kind, $0.count) })
    #expect(kinds[.college] == 11 && kinds[.post16] == 2 && kinds[.mainstream] == 14)
  }

  @Test("A type, or a further-education type, the importer does not know is skipped and counted apart")
  func unknownTypes() throws {
    let result = try importRows([
      row(1, type: "Children's centre", furtherEducation: ""),
      row(2, type: "Further education", furtherEducation: "Private Training Provider"),
      row(3, type: "Further education", furtherEducation: "Private Training Provider"),
    ])
    #expect(result.settings.isEmpty)
    let counted = Dictionary(uniqueKeysWithValues: result.report.skipped.map { ($0.reason, $0.count) })
    let unknown = "of a type this importer does not know (check what it is): "
    #expect(counted[unknown + "Children's centre"] == 1)
    #expect(counted[unknown + "Further education (Private Training Provider)"] == 2)
  }

  @Test("An older spelling: LA nursery school is a local authority nursery school (mainstream)")
  func olderNurseryName() throws {
    let result = try importRows([row(1, type: "LA nursery school", furtherEducation: "")])
    #expect(result.settings.map(\.kind) == [.mainstream])
  }

  @Test("An independent school approved under section 41 is kept as independent; one not approved is skipped")
  func approvedIndependentSchool() throws {
    let result = try importRows([
      row(1, type: "Other independent school", furtherEducation: "", section41: "Approved"),
      row(2, type: "Other independent school", furtherEducation: "", section41: "Not approved"),
    ])
    #expect(result.settings.map(\.urn.rawValue) == ["1"])
    #expect(result.settings.first?.kind == .independent && result.settings.first?.statutoryRequest == true)
    #expect(result.report.skipped.contains { $0.reason.hasSuffix(": Other independent school") && $0.count == 1 })
  }

  @Test("The table of types in docs/reference.md is this table")
  func referenceTable() throws {
    let reference = try String(contentsOfFile: packageRoot + "/docs/reference.md", encoding: .utf8)
    let section = try #require(reference.components(separatedBy: "### Every GIAS type").dropFirst().first)
    let rows = section.split(separator: "\n").prefix { !$0.hasPrefix("Only `Approved`") }.filter {
      $0.hasPrefix("| ") && !$0.hasPrefix("| `") && !$0.hasPrefix("| ---")
    }
    let cells = rows.map { $0.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) } }
    #expect(cells.count == combinations.count)
    for (cell, expected) in zip(cells, combinations) {
      #expect(
        cell[0] == expected.type && cell[1] == (expected.furtherEducation.isEmpty ? "-" : expected.furtherEducation))
      switch expected.placement {
      case .kept(let kind): #expect(cell[2].hasPrefix("`\(kind.word)`"), "\(cell)")
      case .skipped, .unknown: #expect(cell[2].hasPrefix("skipped"), "\(cell)")
      }
    }
  }
}
