import Foundation
import PlacewiseTestSupport
import Testing

@testable import Placewise

// Issue 23 item 6: setting names bounded at read, and the GIAS importer
// writing only URNs and names that settings.csv accepts.

/// Settings.csv and pupils.csv of a one-setting case, the setting named `name`.
private func caseFiles(settingName name: String) -> [String: [UInt8]] {
  let settings = "urn,name,kind,easting,northing,low_age,high_age,capacity\nS1,\(name),special,1,1,4,19,5\n"
  let pupils = "pupil_id,easting,northing,age,primary_need,provision\nP1,1,1,9,ASD,special\n"
  return ["settings.csv": Array(settings.utf8), "pupils.csv": Array(pupils.utf8)]
}

@Suite("Setting names bounded, GIAS ids by the case rules (issue 23 item 6)")
struct NameAndImportRulesTests {
  @Test("a setting name over 1,000 characters is refused at read with file, line and column")
  func longSettingNames() throws {
    #expect(throws: Never.self) {
      try CaseReader.read(files: caseFiles(settingName: String(repeating: "n", count: 1000)))
    }
    let error = try #require(throws: InvalidCaseError.self) {
      try CaseReader.read(files: caseFiles(settingName: String(repeating: "n", count: 17_000)))
    }
    let problem = try #require(error.problems.first)
    #expect(problem.file == "settings.csv" && problem.line == 2 && problem.column == 2, "\(problem)")
    #expect(problem.found == "a name of 17,000 characters" && problem.expected.contains("1,000"), "\(problem)")
    // The same rule for a plan's new setting.
    let plan =
      "action,urn,name,kind,easting,northing,low_age,high_age,capacity\n"
      + "new_setting,N1,\(String(repeating: "n", count: 1001)),special,1,1,4,19,5\n"
    let found = planFileProblems(plan, options: false)
    #expect(found.count == 1 && found.first?.field == "name", "\(found)")
  }

  @Test(
    "import gias refuses a URN that settings.csv would refuse, naming line and column",
    arguments: ["1\u{00A0}2", "=1+2", "@SUM(1)", "-A1", "N\u{200B}1"])
  func giasURNs(_ urn: String) throws {
    let row = GIASFixture.Row(urn: urn, la: "886", name: "Hill End", type: "Community special school")
    let error = try #require(throws: InvalidCaseError.self) {
      try GIASImporter.read(
        bytes: Array(GIASFixture.text([row], release: .newer).utf8), file: "extract.csv",
        options: GIASImportOptions(localAuthorities: ["886"]))
    }
    let problem = try #require(error.problems.first)
    #expect(problem.field == "URN" && problem.line == 2 && problem.column != nil, "\(problem)")
    #expect(problem.expected.contains("not starting with ="), "\(problem)")
  }

  @Test("import gias puts a name on one line, as settings.csv reads it back")
  func giasNamesOnOneLine() throws {
    let row = GIASFixture.Row(
      urn: "200001", la: "886", name: "Hill\tEnd\u{1}School\u{2028}Annex", type: "Community special school")
    let imported = try GIASImporter.read(
      bytes: Array(GIASFixture.text([row], release: .newer).utf8), file: "extract.csv",
      options: GIASImportOptions(localAuthorities: ["886"]))
    #expect(imported.settings.map(\.name) == ["Hill End School Annex"])
  }

  @Test(
    "import gias trims a name whose ends were control characters, and refuses one of nothing else (fuzz crash c50efc2)",
    arguments: [("\u{1}Hill End\u{2028}", "Hill End"), ("Hill End\u{1}\t\u{7}", "Hill End"), ("\u{1}\u{2}", nil)])
  func giasNameEnds(_ name: String, _ expected: String?) throws {
    let row = GIASFixture.Row(urn: "200001", la: "886", name: name, type: "Community special school")
    let bytes = Array(GIASFixture.text([row], release: .newer).utf8)
    let options = GIASImportOptions(localAuthorities: ["886"])
    guard let expected else {
      let error = try #require(throws: InvalidCaseError.self) {
        try GIASImporter.read(bytes: bytes, file: "extract.csv", options: options)
      }
      let problem = try #require(error.problems.first)
      #expect(problem.field == "EstablishmentName" && problem.line == 2, "\(problem)")
      return
    }
    let imported = try GIASImporter.read(bytes: bytes, file: "extract.csv", options: options)
    #expect(imported.settings.map(\.name) == [expected])
  }

  @Test("import gias refuses a name too long for settings.csv once a unit's label is added")
  func giasLongNames() throws {
    let name = String(repeating: "n", count: 990)
    let row = GIASFixture.Row(urn: "200001", la: "886", name: name, type: "Community special school")
    let error = try #require(throws: InvalidCaseError.self) {
      try GIASImporter.read(
        bytes: Array(GIASFixture.text([row], release: .newer).utf8), file: "extract.csv",
        options: GIASImportOptions(localAuthorities: ["886"]))
    }
    #expect(error.problems.first?.field == "EstablishmentName", "\(error)")
  }
}
