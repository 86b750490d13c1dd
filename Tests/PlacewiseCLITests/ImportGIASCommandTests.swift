import Foundation
import PlacewiseTestSupport
import Testing

private let rows = [
  GIASFixture.Row(
    urn: "200001", la: "886", name: "Hill’s End Special School", type: "Community special school", lowAge: "4",
    highAge: "19", capacity: "60", onRoll: "55", sen: ["ASD - Autistic Spectrum Disorder"]),
  GIASFixture.Row(
    urn: "200002", la: "886", name: "Brook Primary, Ashford", type: "Community school",
    resourcedProvision: "SEN unit", suCapacity: "10", suOnRoll: "4"),
]

@Suite("placewise import gias, end to end")
struct ImportGIASCommandTests {
  @Test("writes a settings.csv that validates as part of a case, and reports counts on standard error")
  func writesSettings() throws {
    let scratch = try ScratchFolder()
    let extract = scratch.at("edubasealldata.csv")
    try Data(GIASFixture.bytes(rows, release: .newer)).write(to: URL(fileURLWithPath: extract))
    let out = scratch.at("case/settings.csv")
    try FileManager.default.createDirectory(atPath: scratch.at("case"), withIntermediateDirectories: true)
    let result = try runPlacewise(["import", "gias", extract, "--la", "886", "--out", out])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.isEmpty)
    #expect(result.stderr.contains("import gias: kept 3 settings: 1 special, 1 resourced, 1 mainstream"))
    let text = try String(contentsOfFile: out, encoding: .utf8)
    #expect(
      text == """
        urn,name,kind,easting,northing,low_age,high_age,capacity,on_roll,gender,needs,la
        200001,Hill’s End Special School,special,575000,160000,4,19,60,55,mixed,ASD,886
        200002,"Brook Primary, Ashford",mainstream,575000,160000,4,11,200,150,mixed,,886
        200002-SU,"Brook Primary, Ashford (SEN unit)",resourced,575000,160000,4,11,10,4,mixed,,886

        """)
    try scratch.write(
      "case/pupils.csv", "pupil_id,easting,northing,age,primary_need,provision\nP1,575000,160000,9,ASD,special\n")
    let validate = try runPlacewise(["validate", scratch.at("case")])
    #expect(validate.status == 0, "\(validate.stderr)")
  }

  @Test("refuses to replace a file unless --force; an invalid extract writes nothing and exits 2")
  func safeWriting() throws {
    let scratch = try ScratchFolder()
    let extract = scratch.at("edubasealldata.csv")
    try Data(GIASFixture.bytes(rows, release: .older)).write(to: URL(fileURLWithPath: extract))
    let out = try scratch.write("settings.csv", "keep me\n")
    let refused = try runPlacewise(["import", "gias", extract, "--la", "886", "--out", out])
    #expect(refused.status == 1)
    #expect(refused.stderr.contains("exists already; pass --force"))
    #expect(try String(contentsOfFile: out, encoding: .utf8) == "keep me\n")

    let invalid = try runPlacewise(["import", "gias", extract, "--la", "999", "--out", out, "--force"])
    #expect(invalid.status == 2)
    #expect(invalid.stderr.contains("no establishment with LA (code) 999"))
    #expect(try String(contentsOfFile: out, encoding: .utf8) == "keep me\n")

    let forced = try runPlacewise(["import", "gias", extract, "--la", "886", "--out", out, "--force"])
    #expect(forced.status == 0, "\(forced.stderr)")
    #expect(try String(contentsOfFile: out, encoding: .utf8).hasPrefix("urn,name,kind"))
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: scratch.path).filter { $0.hasPrefix(".") }
    #expect(leftovers.isEmpty, "no temporary file is left behind")
  }
}

@Suite("placewise import gias writes statutory_request only where a setting needs it")
struct ImportGIASStatutoryRequestTests {
  @Test("a non-maintained special school adds the column, yes on its row and empty elsewhere; the case validates")
  func statutoryColumn() throws {
    let scratch = try ScratchFolder()
    let extract = scratch.at("edubasealldata.csv")
    let more =
      rows + [
        GIASFixture.Row(
          urn: "200003", la: "886", name: "Royal School for the Deaf", type: "Non-maintained special school",
          lowAge: "5", highAge: "19", capacity: "90", onRoll: "84", sen: ["HI - Hearing Impairment"]),
        GIASFixture.Row(
          urn: "200004", la: "886", name: "Mid Kent College", type: "Further education", lowAge: "16", highAge: "99",
          capacity: "3000", onRoll: "2400", furtherEducation: "General Further Education College"),
      ]
    try Data(GIASFixture.bytes(more, release: .newer)).write(to: URL(fileURLWithPath: extract))
    try FileManager.default.createDirectory(atPath: scratch.at("case"), withIntermediateDirectories: true)
    let out = scratch.at("case/settings.csv")
    let result = try runPlacewise(["import", "gias", extract, "--la", "886", "--out", out])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stderr.contains("1 independent") && result.stderr.contains("1 college"))
    let lines = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n")
    #expect(lines.first?.hasSuffix(",needs,la,statutory_request") == true)
    #expect(
      lines.first { $0.hasPrefix("200003,") }?.hasSuffix(",independent,575000,160000,5,19,90,84,mixed,HI,886,yes")
        == true)
    #expect(
      lines.first { $0.hasPrefix("200004,") }?.hasSuffix(",college,575000,160000,16,25,3000,2400,mixed,,886,") == true)
    #expect(lines.first { $0.hasPrefix("200001,") }?.hasSuffix(",886,") == true)
    try scratch.write(
      "case/pupils.csv",
      "pupil_id,easting,northing,age,primary_need,provision,preferences\nP1,575000,160000,9,HI,independent,200003\n")
    let validate = try runPlacewise(["validate", scratch.at("case")])
    #expect(validate.status == 0, "\(validate.stderr)")
  }

  /// Round twenty-four: a malformed --la exited 2 where a bad --radius-km
  /// exited 64; both are a wrong command line now. A well-formed code with
  /// no establishment in the extract is still 2 (the data).
  @Test("a malformed --la is status 64; a code the extract lacks is 2")
  func malformedLA() throws {
    let scratch = try ScratchFolder()
    let extract = scratch.at("edubasealldata.csv")
    try Data(GIASFixture.bytes(rows, release: .newer)).write(to: URL(fileURLWithPath: extract))
    let out = scratch.at("settings.csv")
    for codes in ["88", "abc", "0886", "886,,887"] {
      let result = try runPlacewise(["import", "gias", extract, "--la", codes, "--out", out])
      #expect(result.status == 64, "--la \(codes): \(result.stderr)")
      #expect(result.stderr.contains("--la needs 3-digit LA codes"), "\(result.stderr)")
    }
    let missing = try runPlacewise(["import", "gias", extract, "--la", "886,999", "--out", out])
    #expect(missing.status == 2, "\(missing.stderr)")
    #expect(!FileManager.default.fileExists(atPath: out))
  }
}
