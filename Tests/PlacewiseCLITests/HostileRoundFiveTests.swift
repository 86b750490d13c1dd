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
}
