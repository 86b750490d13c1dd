import Foundation
import Placewise
import Testing

/// A case that breaks one rule, and the one problem it must give.
struct InputRuleCase: Sendable, CustomTestStringConvertible {
  var file: String
  var column: String
  var value: String
  var found: String
  var expected: String
  /// Other cells of the same row to change.
  var also: [String: String] = [:]

  var testDescription: String { "\(file) \(column) = \(value)" }

  /// The case with this row as the only data row of its file.
  var files: InputCaseFiles {
    var row = also
    row[column] = value
    switch file {
    case "settings.csv": return InputCaseFiles.valid.with(file, InputCSVText.settings([row]))
    case "pupils.csv": return InputCaseFiles.valid.with(file, InputCSVText.pupils([row]))
    default:
      var cells = ["pupil_id": "P001", "urn": "100001", "minutes": "10"]
      cells[column] = value
      let header = ["pupil_id", "urn", "minutes"]
      return InputCaseFiles.valid.with(
        file, header.joined(separator: ",") + "\n" + header.map { cells[$0] ?? "" }.joined(separator: ",") + "\n")
    }
  }

  var header: [String] {
    switch file {
    case "settings.csv": InputCSVText.settingsHeader
    case "pupils.csv": InputCSVText.pupilsHeader
    default: ["pupil_id", "urn", "minutes"]
    }
  }
}

private let ruleCases: [InputRuleCase] = [
  // settings.csv
  InputRuleCase(file: "settings.csv", column: "urn", value: "", found: "an empty cell", expected: "urn"),
  InputRuleCase(file: "settings.csv", column: "name", value: " ", found: "an empty cell", expected: "name"),
  InputRuleCase(file: "settings.csv", column: "kind", value: "school", found: "\"school\"", expected: "special"),
  InputRuleCase(file: "settings.csv", column: "easting", value: "abc", found: "\"abc\"", expected: "easting"),
  InputRuleCase(file: "settings.csv", column: "easting", value: "1e400", found: "\"1e400\"", expected: "finite"),
  InputRuleCase(file: "settings.csv", column: "northing", value: "nan", found: "\"nan\"", expected: "northing"),
  InputRuleCase(file: "settings.csv", column: "northing", value: "0x1p3", found: "\"0x1p3\"", expected: "northing"),
  InputRuleCase(file: "settings.csv", column: "low_age", value: "-1", found: "\"-1\"", expected: "from 0 to 25"),
  InputRuleCase(file: "settings.csv", column: "low_age", value: "4.5", found: "\"4.5\"", expected: "whole"),
  InputRuleCase(file: "settings.csv", column: "high_age", value: "", found: "an empty cell", expected: "whole"),
  InputRuleCase(
    file: "settings.csv", column: "low_age", value: "12", found: "12, above high_age 5",
    expected: "low_age <= high_age",
    also: ["high_age": "5"]),
  InputRuleCase(file: "settings.csv", column: "capacity", value: "-1", found: "\"-1\"", expected: "from 0 to 100,000"),
  InputRuleCase(file: "settings.csv", column: "capacity", value: "3.5", found: "\"3.5\"", expected: "whole"),
  InputRuleCase(file: "settings.csv", column: "on_roll", value: "-2", found: "\"-2\"", expected: "from 0 to 100,000"),
  InputRuleCase(
    file: "settings.csv", column: "gender", value: "coed", found: "\"coed\"", expected: "mixed, boys or girls"),
  InputRuleCase(file: "settings.csv", column: "needs", value: "ASD; XYZ", found: "\"XYZ\"", expected: "SPLD"),
  InputRuleCase(file: "settings.csv", column: "need_places", value: "ASD", found: "\"ASD\"", expected: "CODE:N"),
  InputRuleCase(
    file: "settings.csv", column: "need_places", value: "ASD:2:3", found: "\"ASD:2:3\"", expected: "CODE:N"),
  InputRuleCase(file: "settings.csv", column: "need_places", value: "ASD:x", found: "\"ASD:x\"", expected: "whole"),
  InputRuleCase(
    file: "settings.csv", column: "need_places", value: "ASD:-1",
    found: "\"ASD:-1\"", expected: "from 0 to 100,000"),
  InputRuleCase(file: "settings.csv", column: "need_places", value: "FOO:2", found: "\"FOO:2\"", expected: "code"),
  InputRuleCase(
    file: "settings.csv", column: "need_places", value: "ASD:2; asd : 3", found: "\"asd : 3\"", expected: "once"),
  InputRuleCase(
    file: "settings.csv", column: "cost_per_place", value: "-5",
    found: "\"-5\"", expected: "from 0 to 10,000,000"),
  // pupils.csv
  InputRuleCase(file: "pupils.csv", column: "pupil_id", value: "", found: "an empty cell", expected: "pupil_id"),
  InputRuleCase(file: "pupils.csv", column: "easting", value: "", found: "an empty cell", expected: "easting"),
  InputRuleCase(
    file: "pupils.csv", column: "northing", value: "251 300",
    found: "a value that is not a finite number (not shown: part of a home location)", expected: "northing"),
  InputRuleCase(file: "pupils.csv", column: "age", value: "-3", found: "\"-3\"", expected: "from 0 to 25"),
  InputRuleCase(file: "pupils.csv", column: "age", value: "10.5", found: "\"10.5\"", expected: "whole"),
  InputRuleCase(file: "pupils.csv", column: "primary_need", value: "AUT", found: "\"AUT\"", expected: "ASD"),
  InputRuleCase(file: "pupils.csv", column: "provision", value: "", found: "an empty cell", expected: "kinds"),
  InputRuleCase(
    file: "pupils.csv", column: "provision", value: "special;school", found: "\"school\"", expected: "kinds"),
  InputRuleCase(file: "pupils.csv", column: "provision", value: " ; ", found: "\";\"", expected: "kinds"),
  InputRuleCase(file: "pupils.csv", column: "sex", value: "X", found: "\"X\"", expected: "F, M"),
  InputRuleCase(
    file: "pupils.csv", column: "max_travel_minutes", value: "-10",
    found: "\"-10\"", expected: "from 0 to 1,440"),
  InputRuleCase(file: "pupils.csv", column: "priority", value: "0", found: "\"0\"", expected: "from 1 to 1,000,000"),
  InputRuleCase(file: "pupils.csv", column: "priority", value: "1.5", found: "\"1.5\"", expected: "whole"),
  // travel.csv
  InputRuleCase(file: "travel.csv", column: "minutes", value: "-1", found: "\"-1\"", expected: "from 0 to 1,440"),
  InputRuleCase(file: "travel.csv", column: "minutes", value: "", found: "an empty cell", expected: "minutes"),
  InputRuleCase(file: "travel.csv", column: "minutes", value: "ten", found: "\"ten\"", expected: "minutes"),
  InputRuleCase(file: "travel.csv", column: "minutes", value: "inf", found: "\"inf\"", expected: "minutes"),
  InputRuleCase(file: "travel.csv", column: "pupil_id", value: "", found: "an empty cell", expected: "pupil_id"),
]

@Suite("Case reader: invalid input")
struct InputCaseReaderInvalidTests {
  @Test(
    "each rule gives one problem naming file, line, column, header, value and what was expected", arguments: ruleCases)
  func rule(_ rule: InputRuleCase) throws {
    let error = try rule.files.failure()
    #expect(error.totalCount == 1, "\(error)")
    let problem = try #require(error.problems.first)
    #expect(problem.file == rule.file)
    #expect(problem.line == 2)
    #expect(problem.column == InputCSVText.column(rule.column, in: rule.header))
    #expect(problem.field == rule.column)
    #expect(problem.found == rule.found)
    #expect(problem.expected.contains(rule.expected), "\(problem.expected)")
  }

  @Test("a missing folder is one problem naming it")
  func missingFolder() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("placewise-none-\(UUID().uuidString)").path
    let error = #expect(throws: InvalidCaseError.self) { try CaseReader.read(folder: path) }
    let problem = try #require(error?.problems.first)
    #expect(problem.file == path)
    #expect(problem.found == "no such folder")
  }

  @Test("missing required files are each reported; missing optional files are not")
  func missingFiles() throws {
    let error = try InputCaseFiles(["travel.csv": "pupil_id,urn,minutes\n"]).failure()
    #expect(error.problems.map(\.file) == ["settings.csv", "pupils.csv"])
    #expect(error.problems.allSatisfy { $0.found == "no such file" && $0.line == nil })
  }

  @Test("a folder where a file belongs is reported as such")
  func folderInsteadOfFile() throws {
    var files = InputCaseFiles.valid.without("pupils.csv").without("policy.toml")
    files.folders = ["pupils.csv", "policy.toml"]
    let error = try files.failure()
    #expect(error.problems.map(\.file) == ["pupils.csv", "policy.toml"])
    #expect(error.problems.allSatisfy { $0.found == "a folder" })
  }

  @Test("a missing policy file given by path is reported under that path")
  func missingPolicyOverride() throws {
    try InputCaseFiles.valid.withFolder { folder in
      let error = #expect(throws: InvalidCaseError.self) {
        try CaseReader.read(folder: folder, policyFile: "no/such/policy.toml")
      }
      #expect(error?.problems.map(\.file) == ["no/such/policy.toml"])
    }
  }

  @Test("problems in a policy file given by path are reported under that path")
  func badPolicyOverride() throws {
    try InputCaseFiles.valid.withFolder { folder in
      let policyPath = folder + "/strict.toml"
      try Data("speed_kmh = \"fast\"\n".utf8).write(to: URL(fileURLWithPath: policyPath))
      let error = #expect(throws: InvalidCaseError.self) { try CaseReader.read(folder: folder, policyFile: policyPath) }
      let problem = try #require(error?.problems.first)
      #expect(problem.file == policyPath)
      #expect(problem.field == "speed_kmh")
    }
  }

  @Test("an empty file has no header")
  func emptyFile() throws {
    let error = try InputCaseFiles.valid.with("settings.csv", "").failure()
    let problem = try #require(error.problems.first)
    #expect(problem.file == "settings.csv" && problem.line == 1)
    #expect(problem.found == "an empty file")
    // The required columns first, the optional ones apart (round thirty-five).
    let pupils = try #require(try InputCaseFiles.valid.with("pupils.csv", "").failure().problems.first)
    #expect(pupils.expected.hasPrefix("a header line naming the columns pupil_id, "), "\(pupils)")
    let optional = try #require(pupils.expected.range(of: " (and any of "), "\(pupils)")
    #expect(pupils.expected[optional.upperBound...].contains("fixed_urn"), "\(pupils)")
    #expect(!pupils.expected[..<optional.lowerBound].contains("fixed_urn"), "\(pupils)")
  }

  @Test("missing required columns, a column named twice and an empty column name are header problems")
  func headerProblems() throws {
    let settings = "urn,Name,kind,NAME,easting,northing,,capacity\n1,a,special,b,1,2,,3\n"
    let error = try InputCaseFiles.valid.with("settings.csv", settings).failure()
    let problems = error.problems.filter { $0.file == "settings.csv" }
    #expect(problems.allSatisfy { $0.line == 1 })
    #expect(
      problems.map(\.field) == ["low_age", "high_age", "NAME", nil],
      "whole-line problems first, then by column")
    #expect(problems[0].found == "no column \"low_age\"" && problems[0].column == nil)
    #expect(problems[2].column == 4 && problems[2].found == "\"NAME\" again")
    #expect(problems[2].expected.contains("column 2"))
    #expect(problems[3].column == 7 && problems[3].found == "an empty column name")
  }

  @Test("rows with too few or too many fields are reported and not checked further")
  func fieldCounts() throws {
    let travel = "pupil_id,urn,minutes\nP001,100001\nP002,100002,5,\nP003,Oak, Leeds,-4\n"
    let error = try InputCaseFiles.valid.with("travel.csv", travel).failure()
    #expect(error.problems.map(\.line) == [2, 3, 4])
    #expect(error.problems.map(\.column) == [nil, 4, 4])
    #expect(error.problems.map(\.found) == ["2 fields", "4 fields", "4 fields"])
    #expect(error.problems.allSatisfy { $0.expected.hasPrefix("3 fields") })
  }

  @Test("an unterminated quote is reported at the line and column where it opened")
  func unterminatedQuote() throws {
    let settings = InputCSVText.settings([[:]]) + "100009,\"Ash School,special,1,2,4,11,5,,,,,,\n100010,x\n"
    let error = try InputCaseFiles.valid.with("settings.csv", settings).failure()
    let problem = try #require(error.problems.first)
    #expect(error.totalCount == 1)
    #expect(problem.line == 3 && problem.column == 2 && problem.field == "name")
    #expect(problem.found == "a quote that is never closed")
  }

  @Test("a stray quote in an unquoted cell is reported without quoting the row")
  func strayQuote() throws {
    let pupils = InputCSVText.pupils([[:], ["pupil_id": "P\"2"]])
    let error = try InputCaseFiles.valid.with("pupils.csv", pupils).failure()
    let problem = try #require(error.problems.first)
    #expect(problem.line == 3 && problem.column == 1 && problem.field == "pupil_id")
    #expect(!problem.found.contains("P\""))
  }

  @Test("line numbers after a quoted cell with line breaks are the file's lines")
  func linesAfterMultiLineCell() throws {
    let settings = InputCSVText.settings([["name": "\"Oak\nSpecial\r\nSchool\""], ["urn": "100002", "capacity": "-1"]])
    let error = try InputCaseFiles.valid.with("settings.csv", settings).failure()
    #expect(error.problems.map(\.line) == [5])
  }

  @Test("Windows-1252 bytes are reported at their line and column, naming the byte and the character")
  func windows1252() throws {
    var bytes = Array(InputCSVText.settings([[:]]).utf8)
    bytes += Array("100002,Caf".utf8) + [0xE9] + Array(" School,special,1,2,4,11,5,,,,,,\n".utf8)
    let error = try InputCaseFiles.valid.with("settings.csv", bytes: bytes).failure()
    let problem = try #require(error.problems.first)
    #expect(error.totalCount == 1)
    #expect(problem.line == 3 && problem.column == 2 && problem.field == "name")
    #expect(problem.found == "byte 0xE9, which is not UTF-8 (\"é\" in Windows-1252)")
    #expect(problem.expected.contains("UTF-8"))
  }

  @Test("a UTF-16 file is one problem, not one per byte")
  func utf16() throws {
    let bytes: [UInt8] = [0xFF, 0xFE] + Array("urn".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
    let error = try InputCaseFiles.valid.with("settings.csv", bytes: bytes).failure()
    #expect(error.problems.filter { $0.file == "settings.csv" }.count == 1)
    #expect(error.problems.first?.found.contains("UTF-16") == true)
  }

  @Test("a duplicate id is reported at its second row, naming the first")
  func duplicateIDs() throws {
    let settings = InputCSVText.settings([[:], ["urn": "100002"], ["urn": " 100001 "]])
    let pupils = InputCSVText.pupils([[:], ["pupil_id": "P001"]])
    let error = try InputCaseFiles.valid.with("settings.csv", settings).with("pupils.csv", pupils).failure()
    #expect(error.problems.count == 2)
    #expect(error.problems[0].file == "settings.csv" && error.problems[0].line == 4 && error.problems[0].column == 1)
    #expect(error.problems[0].found == "\"100001\" again")
    #expect(error.problems[0].expected.contains("line 2"))
    #expect(error.problems[1].file == "pupils.csv" && error.problems[1].line == 3)
  }

  @Test("ids are case-sensitive: P001 and p001 are two pupils")
  func idCase() throws {
    let pupils = InputCSVText.pupils([[:], ["pupil_id": "p001"]])
    let input = try InputCaseFiles.valid.with("pupils.csv", pupils).without("travel.csv").read()
    #expect(input.pupils.count == 2)
  }

  @Test("a (pupil, setting) pair listed twice in travel.csv is reported, naming the first line")
  func duplicatePair() throws {
    let travel = "pupil_id,urn,minutes\nP001,100001,10\nP002,100001,12\nP001 , 100001,11\n"
    let error = try InputCaseFiles.valid.with("travel.csv", travel).failure()
    let problem = try #require(error.problems.first)
    #expect(error.totalCount == 1)
    #expect(problem.file == "travel.csv" && problem.line == 4 && problem.column == 2)
    #expect(problem.found == "pupil_id \"P001\" with urn \"100001\" again")
    #expect(problem.expected.contains("line 2"))
  }

  @Test("every problem in every file is reported in one pass, in file and line order")
  func allProblemsAtOnce() throws {
    let settings = InputCSVText.settings([["capacity": "-1", "kind": "school"], ["urn": "100002", "gender": "x"]])
    let pupils = InputCSVText.pupils([["age": "old"]])
    let travel = "pupil_id,urn,minutes\nP001,100001,-5\n"
    let files = InputCaseFiles.valid.with("settings.csv", settings).with("pupils.csv", pupils)
      .with("travel.csv", travel).with("policy.toml", "speed_kmh = 0\n")
    let error = try files.failure()
    let located = error.problems.map { "\($0.file):\($0.line ?? 0):\($0.column ?? 0)" }
    #expect(
      located == [
        "settings.csv:2:3", "settings.csv:2:8", "settings.csv:3:10", "pupils.csv:2:4", "travel.csv:2:3",
        "policy.toml:1:13",
      ])
    #expect(error.totalCount == 6)
  }

  @Test("at most 200 problems are listed, all are counted")
  func problemCap() throws {
    let rows = (1...150).map { ["pupil_id": "X\($0)", "age": "-1", "sex": "?"] }
    let error = try InputCaseFiles.valid.with("pupils.csv", InputCSVText.pupils(rows)).without("travel.csv").failure()
    #expect(error.problems.count == CaseReader.problemLimit)
    #expect(error.totalCount == 300)
    #expect(error.description.hasSuffix("... and 100 more problems"))
    #expect(error.problems.last?.line == 101)
  }

  @Test("a long value is shortened in the message; in a file of pupils it is not shown")
  func longValue() throws {
    let settings = InputCSVText.settings([["kind": String(repeating: "A", count: 100)]])
    let error = try InputCaseFiles.valid.with("settings.csv", settings).failure()
    let problem = try #require(error.problems.first)
    #expect(problem.found == "\"" + String(repeating: "A", count: 40) + "…\"")
    // Round thirty-six: a file of pupils quotes only what cannot be
    // personal data, and 100 letters might be.
    let pupils = InputCSVText.pupils([["primary_need": String(repeating: "A", count: 100)]])
    let pupil = try #require(try InputCaseFiles.valid.with("pupils.csv", pupils).failure().problems.first)
    #expect(pupil.found == "a value of 100 characters (not shown: it may be personal data)", "\(pupil)")
  }

  @Test("the description of a problem reads file, line, column, field, found and expected")
  func description() throws {
    let error = try InputRuleCase(file: "pupils.csv", column: "age", value: "-3", found: "", expected: "").files
      .failure()
    #expect(
      error.description == "pupils.csv, line 2, column 4 (age): found \"-3\"; "
        + "expected an age in whole years from 0 to 25")
  }
}
