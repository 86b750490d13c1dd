import Foundation
import PlacewiseTestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

// Issue 23's closing trial: a helper acting as a hostile user. Each test
// here failed before its fix.

private let extract = packageRoot + "/Data/import-sample/edubasealldata.csv"
private let forecastHand = packageRoot + "/Data/forecast-hand"

@Suite("A hostile user's trial, round four (issue 23)")
struct HostileRoundFourTests {
  @Test("import gias --force never replaces a FIFO or socket, and writes through a link, which stays")
  func forceKeepsSpecialFilesAndLinks() throws {
    let scratch = try ScratchFolder()
    let fifo = scratch.at("fifo.csv")
    try #require(mkfifo(fifo, 0o600) == 0)
    let arguments = ["import", "gias", extract, "--la", "886", "--missing-capacity", "skip", "--force", "--quiet"]
    let refused = try runPlacewise(arguments + ["--out", fifo], through: ["/usr/bin/timeout", "-s", "KILL", "20"])
    #expect(refused.status == 1, "\(refused.stderr)")
    #expect(refused.stderr.contains("special file"), "\(refused.stderr)")
    var info = stat()
    #expect(lstat(fifo, &info) == 0 && info.st_mode & S_IFMT == S_IFIFO, "the FIFO was replaced")

    let target = try scratch.write("mine.csv", "my own file\n")
    let link = scratch.at("link.csv")
    try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
    let through = try runPlacewise(arguments + ["--out", link])
    #expect(through.status == 0, "\(through.stderr)")
    #expect(lstat(link, &info) == 0 && info.st_mode & S_IFMT == S_IFLNK, "the link was replaced by a file")
    #expect(try String(contentsOfFile: target, encoding: .utf8).hasPrefix("urn,name,kind"))
  }

  @Test("a demand file whose rows add up to more than 100,000 new plans in a year is refused, not run for days")
  func demandYearTotalIsBounded() throws {
    let scratch = try ScratchFolder()
    let demand = try scratch.write(
      "demand.csv", "year,age,primary_need,new_plans\n1,5,ASD,60000\n2,5,ASD,60000\n1,12,ASD,60000\n")
    let out = scratch.at("out")
    let result = try runPlacewise(
      ["forecast", forecastHand, "--years", "2", "--demand", demand, "--out", out],
      through: ["/usr/bin/timeout", "-s", "KILL", "60"])
    #expect(result.status == 2, "\(result.stderr)")
    #expect(result.stderr.contains("line 4, column 4 (new_plans)"), "\(result.stderr)")
    #expect(result.stderr.contains("120,000 new plans in year 1"), "\(result.stderr)")
    #expect(!result.stderr.contains("line 3"), "year 2's rows are within the bound: \(result.stderr)")
    #expect(!FileManager.default.fileExists(atPath: out))
  }

  @Test("a demand.csv left in the case folder and not named by --demand is warned of, not ignored in silence")
  func unreadDemandFileIsWarnedOf() throws {
    let scratch = try ScratchFolder()
    let out = scratch.at("out")
    let result = try runPlacewise(["forecast", forecastHand, "--years", "2", "--out", out])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stderr.contains("demand.csv: in the case folder but not read"), "\(result.stderr)")
    let named = try runPlacewise(
      ["forecast", forecastHand, "--years", "2", "--demand", forecastHand + "/demand.csv", "--out", out + "2"])
    #expect(named.status == 0, "\(named.stderr)")
    #expect(!named.stderr.contains("not read"), "\(named.stderr)")
  }

  @Test("the public report counts no settings that have a pupil, and gives no journey total of fewer than 5")
  func publicCostNoteCountsNoPupils() throws {
    // forecast-hand places 3 pupils, one at each of its 3 settings (1 free
    // place each, none costed): "3 settings with pupils placed" told that
    // each took exactly one. A case placing one pupil must read the same.
    let scratch = try ScratchFolder()
    let one = try scratch.writeCase(
      "one",
      files: [
        "settings.csv": try String(contentsOfFile: forecastHand + "/settings.csv", encoding: .utf8),
        "pupils.csv": "pupil_id,easting,northing,age,primary_need,provision\nP1,400500,300500,5,ASD,special\n",
      ])
    var notes: [String] = []
    for (name, folder) in [("hand", forecastHand), ("one", one)] {
      let out = scratch.at("out-" + name)
      let result = try runPlacewise(["allocate", folder, "--report-level", "public", "--quiet", "--out", out])
      try #require(result.status == 0, "\(result.stderr)")
      let html = try String(contentsOfFile: out + "/report.html", encoding: .utf8)
      #expect(!html.contains("with pupils placed"))
      notes.append(html.components(separatedBy: "\n").filter { $0.contains("cost per place;") }.joined())
    }
    #expect(notes[0] == notes[1])
    #expect(notes[0].contains("3 settings give no cost per place"), "\(notes[0])")
    // With one child placed, the journeys' total was that child's journey.
    let onePage = try String(contentsOfFile: scratch.at("out-one") + "/report.html", encoding: .utf8)
    #expect(!onePage.contains("in total.</figcaption>"))
    #expect(onePage.contains("Mean and total withheld, as the number of children placed is."))
  }

  @Test("with 1 to 4 children placed, a public page withholds their journeys and costs, in allocate and compare")
  func fewPlacedWithholdsTheirJourneysAndCosts() throws {
    // One pupil at a setting costing £24,000 a place: "£24,000 of places
    // used" beside placed "<5" gives the count, and compare's journeys in
    // total were that one child's journey.
    let scratch = try ScratchFolder()
    let settings =
      try String(contentsOfFile: forecastHand + "/settings.csv", encoding: .utf8)
      .split(separator: "\n").enumerated().map {
        $0.offset == 0 ? $0.element + ",cost_per_place" : $0.element + ",24000"
      }
      .joined(separator: "\n") + "\n"
    let one = try scratch.writeCase(
      "one",
      files: [
        "settings.csv": settings,
        "pupils.csv": "pupil_id,easting,northing,age,primary_need,provision\nP1,400500,300500,5,ASD,special\n",
      ])
    let plan = try scratch.write(
      "plus.csv", "action,urn,places,need,capital_cost,annual_cost,note\nadd_places,A1,1,,1000,0,x\n")
    let allocated = scratch.at("allocated")
    let allocate = try runPlacewise(["allocate", one, "--report-level", "public", "--quiet", "--out", allocated])
    try #require(allocate.status == 0, "\(allocate.stderr)")
    let page = try String(contentsOfFile: allocated + "/report.html", encoding: .utf8)
    #expect(!page.contains("24,000"), "a one-child place cost is shown")
    #expect(!page.contains("data-value=\"24000\""))
    let compared = scratch.at("compared")
    let compare = try runPlacewise(["compare", one, plan, "--report-level", "public", "--quiet", "--out", compared])
    try #require(compare.status == 0, "\(compare.stderr)")
    let comparison = try String(contentsOfFile: compared + "/report.html", encoding: .utf8)
    for key in ["travel_minutes", "placement_cost", "annual_place_cost", "annual_total_cost"] {
      let cells = comparison.components(separatedBy: "data-figure=\"\(key)\"").dropFirst()
      #expect(!cells.isEmpty, "no \(key) row")
      for cell in cells { #expect(cell.hasPrefix(" data-value=\"x\""), "\(key): \(cell.prefix(60))") }
    }
    #expect(!comparison.contains("24,000"))
  }

  @Test("a usage error repeats what was typed with its escape sequences shown, not run")
  func usageErrorsShowEscapes() throws {
    let scratch = try ScratchFolder()
    let tiny = packageRoot + "/Data/tiny/capacity-contest"
    for arguments in [
      ["allocate", tiny, "--time-limit", "1\u{1B}[2J", "--out", scratch.at("a")],
      ["allocate", tiny, "--out", scratch.at("b"), "--bogus\u{1B}[2J"],
    ] {
      let result = try runPlacewise(arguments)
      #expect(result.status == 64, "\(result.stderr)")
      #expect(!result.stderr.contains("\u{1B}"), "a raw ESC reached the terminal: \(result.stderr)")
      #expect(result.stderr.contains("\\u{1B}[2J"), "\(result.stderr)")
    }
  }
}
