import Foundation
import PlacewiseTestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

// The re-trial after issue 23's fixes: a helper acting as a hostile and
// careless user. Each test here failed before its fix.

private let forecastHand = packageRoot + "/Data/forecast-hand"
private let sampleCounty = packageRoot + "/Data/sample-county"

@Suite("A hostile user's trial, round five")
struct HostileRoundFiveTests {
  @Test("a public report whose valued settings are all withheld does not say one more place would change nothing")
  func publicPlaceValuesNeverClaimNothing() throws {
    // forecast-hand leaves one child without a place, every eligible
    // setting full: one more place at B1 or C1 places them. The public page
    // leaves those settings out (their counts are withheld), and then said
    // "no pupil is kept out by a full setting", beside "<5 with every
    // eligible setting full".
    let scratch = try ScratchFolder()
    let out = scratch.at("out")
    let result = try runPlacewise(["allocate", forecastHand, "--report-level", "public", "--quiet", "--out", out])
    try #require(result.status == 0, "\(result.stderr)")
    let html = try String(contentsOfFile: out + "/report.html", encoding: .utf8)
    #expect(!html.contains("no pupil is kept out by a full setting"))
    #expect(!html.contains("would change nothing: no pupil"))
  }

  @Test("an --out below a file is refused before the solve, not after it")
  func outputBelowAFileIsRefusedFirst() throws {
    // `--out notes.csv/out`: the folder can never be made. With a time
    // limit the solve cannot meet, the run stopped on the solver (status 3)
    // before it found that; refused first, it names the path (status 1).
    let scratch = try ScratchFolder()
    let file = try scratch.write("notes.csv", "mine\n")
    let result = try runPlacewise(
      ["allocate", sampleCounty, "--time-limit", "0.001", "--quiet", "--out", file + "/out"])
    #expect(result.status == 1, "\(result.stderr)")
    #expect(result.stderr.contains("notes.csv: cannot create a folder there (Not a directory)"), "\(result.stderr)")
    #expect(try String(contentsOfFile: file, encoding: .utf8) == "mine\n")
  }

  @Test("an --out in a folder this user cannot write in is refused before the solve")
  func unwritableParentIsRefusedFirst() throws {
    // root writes anywhere; the check is the system's own (access(2)).
    guard getuid() != 0 else { return }
    let scratch = try ScratchFolder()
    let locked = scratch.at("locked")
    try FileManager.default.createDirectory(atPath: locked, withIntermediateDirectories: false)
    chmod(locked, 0o555)
    defer { chmod(locked, 0o755) }
    let result = try runPlacewise(
      ["allocate", sampleCounty, "--time-limit", "0.001", "--quiet", "--out", locked + "/a/out"])
    #expect(result.status == 1, "\(result.stderr)")
    #expect(result.stderr.contains("locked: cannot create a folder there (Permission denied)"), "\(result.stderr)")
  }

  @Test("a bad home coordinate in roll.csv is described, not quoted, as in pupils.csv")
  func rollCoordinatesAreNotQuoted() throws {
    // "575 400" is a home's easting typed with a space; "5754001" one with
    // a digit too many: quoted, the message gave the home away.
    let scratch = try ScratchFolder()
    var files: [String: String] = [:]
    for name in ["settings.csv", "pupils.csv", "policy.toml"] {
      files[name] = try String(contentsOfFile: forecastHand + "/" + name, encoding: .utf8)
    }
    files["roll.csv"] =
      "pupil_id,urn,easting,northing,age,primary_need,provision\n"
      + "R1,A1,575 400,160900,10,ASD,special\nR2,A1,400500,3009001,6,ASD,special\n"
    let folder = try scratch.writeCase("hand", files: files)
    for arguments in [["validate", folder], ["allocate", folder, "--out", scratch.at("out")]] {
      let result = try runPlacewise(arguments)
      #expect(result.status == 2, "\(result.stderr)")
      #expect(!result.stderr.contains("575 400") && !result.stderr.contains("3009001"), "\(result.stderr)")
      #expect(
        result.stderr.contains(
          "roll.csv, line 2, column 3 (easting): found a value that is not a finite number (not shown: part of a home location)"
        ), "\(result.stderr)")
      #expect(
        result.stderr.contains(
          "roll.csv, line 3, column 4 (northing): found a value outside that range (not shown: part of a home location)"
        ), "\(result.stderr)")
    }
  }

  @Test("import gias shows the escape sequences of a file's name, as the other commands do, not sends them")
  func importShowsEscapesInPaths() throws {
    let scratch = try ScratchFolder()
    let extract = packageRoot + "/Data/import-sample/edubasealldata.csv"
    let missing = try runPlacewise(
      ["import", "gias", scratch.at("gone\u{1B}]0;x\u{07}.csv"), "--la", "886", "--out", scratch.at("a.csv")])
    #expect(missing.status == 2, "\(missing.stderr)")
    #expect(!missing.stderr.contains("\u{1B}"), "a raw ESC reached the terminal: \(missing.stderr)")
    #expect(missing.stderr.contains("gone\\u{1B}]0;x\\u{7}.csv"), "\(missing.stderr)")
    // An --out holding an escape is refused since round twenty-one (status
    // 64, nothing written), its character named, never sent.
    let written = try runPlacewise(
      ["import", "gias", extract, "--la", "886", "--missing-capacity", "skip", "--out", scratch.at("s\u{1B}[2J.csv")])
    #expect(written.status == 64, "\(written.stderr)")
    #expect(!written.stderr.contains("\u{1B}"), "a raw ESC reached the terminal: \(written.stderr)")
    #expect(written.stderr.contains("U+001B"), "\(written.stderr)")
    #expect(!FileManager.default.fileExists(atPath: scratch.at("s\u{1B}[2J.csv")))
  }

  @Test("import gias --out naming a folder says so, and what to give instead")
  func importOutNamingAFolder() throws {
    let scratch = try ScratchFolder()
    let extract = packageRoot + "/Data/import-sample/edubasealldata.csv"
    let arguments = ["import", "gias", extract, "--la", "886", "--missing-capacity", "skip", "--force", "--out"]
    let slash = try runPlacewise(arguments + ["x.csv/"], in: scratch.path)
    #expect(slash.status == 1, "\(slash.stderr)")
    #expect(slash.stderr.contains("x.csv/ ends in /, which names a folder, not a file; to write the file, give x.csv"))
    let folder = try runPlacewise(arguments + ["."], in: scratch.path)
    #expect(folder.status == 1, "\(folder.stderr)")
    #expect(folder.stderr.contains(". is a folder, not a file; name the file to write in it, such as ./settings.csv"))
    #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path).isEmpty)
  }

  @Test("a refused plan, demand or policy file is named in the heading, not called the case")
  func invalidFilesAreNamedByKind() throws {
    let scratch = try ScratchFolder()
    let demand = try scratch.write("demand.csv", "year,age,primary_need,new_plans\n1,5,ASD,-1\n")
    let plan = try scratch.write("grow.csv", "action,urn,places\nadd_places,ZZ,1\n")
    let forecast = try runPlacewise(
      ["forecast", forecastHand, plan, "--years", "2", "--demand", demand, "--out", scratch.at("out")])
    #expect(forecast.status == 2, "\(forecast.stderr)")
    #expect(
      forecast.stderr.hasPrefix(
        "placewise: the plan file \(plan) and the demand file \(demand) are invalid; nothing was written.\n"),
      "\(forecast.stderr)")
    let policy = try scratch.write("policy.toml", "speed_kmh = 0\n")
    let validate = try runPlacewise(["validate", forecastHand, "--policy", policy])
    #expect(validate.stderr.hasPrefix("placewise: the policy file \(policy) is invalid.\n"), "\(validate.stderr)")
  }
}
