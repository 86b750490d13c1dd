import Foundation
import PlacewiseTestSupport
import Testing
import XLSXTestSupport

// `recommend` from the command line: refused options files, the output
// folder's files, and the chosen plan checked again through `compare`.

private let tinyCase = packageRoot + "/Data/tiny/capacity-contest"

/// One free place at Oakfield, two pupils wanting it: options that add
/// places there (one group), and a free option that changes nothing.
private let options = """
  option,group,action,urn,places,capital_cost,annual_cost,note
  one-place,oakfield,add_places,140001,1,50000,1000,one more place
  two-places,oakfield,add_places,140001,2,40000,500,two more places
  elm-park,,add_places,140002,5,0,0,changes nothing: Elm Park has room

  """

@Suite("recommend on the command line")
struct RecommendCommandTests {
  /// Round twenty-one: `--years 10` without `--then whole-life` was taken,
  /// written to summary.json, and changed nothing.
  @Test("--years is refused without --then whole-life, and counted with it")
  func yearsNeedWholeLife() throws {
    let scratch = try ScratchFolder()
    let file = try scratch.write("options.csv", options)
    let refused = try runPlacewise([
      "recommend", tinyCase, file, "--budget", "45000", "--years", "10", "--out", scratch.at("refused"),
    ])
    #expect(refused.status == 64, "\(refused.stderr)")
    #expect(refused.stderr.contains("--years counts running costs for --then whole-life only"), "\(refused.stderr)")
    #expect(!FileManager.default.fileExists(atPath: scratch.at("refused")))
    let policy = try scratch.write("pounds.toml", "cost = \"pounds\"\npounds_per_minute = 1\n")
    let counted = try runPlacewise([
      "recommend", tinyCase, file, "--budget", "45000", "--then", "whole-life", "--years", "10", "--policy", policy,
      "--out", scratch.at("out"), "--quiet",
    ])
    #expect(counted.status == 0, "\(counted.stderr)")
    let summary = try String(contentsOfFile: scratch.at("out") + "/summary.json", encoding: .utf8)
    #expect(summary.contains("\"years\": 10"), "\(summary)")
  }

  @Test("writes every file; the chosen plan, run through compare, gives the summary's figures")
  func outputs() throws {
    let scratch = try ScratchFolder()
    let file = try scratch.write("options.csv", options)
    let out = scratch.at("out")
    let result = try runPlacewise(["recommend", tinyCase, file, "--budget", "45000", "--frontier", "2", "--out", out])
    #expect(result.status == 0, "\(result.stderr)")
    let names = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
    #expect(
      names == [
        "allocation", "frontier.csv", "manifest.json", "placewise.xlsx", "plan.csv", "recommendation.csv",
        "report.html", "summary.json",
      ])
    func text(_ name: String) throws -> String { try String(contentsOfFile: out + "/" + name, encoding: .utf8) }
    // Both Oakfield options place the second pupil; two-places costs less
    // capital; elm-park ties with leaving it out, and the tie rule leaves it out.
    #expect(
      try text("recommendation.csv")
        == """
        option,group,chosen,capital_cost,annual_cost
        one-place,oakfield,no,50000,1000
        two-places,oakfield,yes,40000,500
        elm-park,,no,0,0

        """)
    let summary = try text("summary.json")
    #expect(summary.contains("\"options_chosen\": [\"two-places\"]"), "\(summary)")
    #expect(summary.contains("\"unmet_priority\": 0,") && summary.contains("\"baseline_unmet_priority\": 1,"))
    #expect(summary.contains("\"annual_budget\": null") && summary.contains("\"then\": \"capital\""))
    let frontier = try text("frontier.csv").split(separator: "\n")
    #expect(frontier.count == 4)
    #expect(frontier[1].hasPrefix("0,1,") && frontier[1].hasSuffix(",0,0,,0"), "\(frontier)")
    #expect(frontier[2].hasPrefix("22500,1,"), "\(frontier)")
    #expect(frontier[3].hasPrefix("45000,0,") && frontier[3].hasSuffix(",40000,500,two-places,0"), "\(frontier)")
    let allocation = try text("allocation/summary.json")
    #expect(allocation.contains("\"unmet_priority\": 0,"))
    #expect(try text("report.html").contains("two-places"))
    // The workbook holds recommendation.csv and frontier.csv as sheets, row for row.
    let book = try XLSXFile(bytes: [UInt8](try Data(contentsOf: URL(fileURLWithPath: out + "/placewise.xlsx"))))
    #expect(book.sheets.map(\.name) == ["Recommendation", "Frontier"])
    let sheet = try book.sheet("Recommendation")
    #expect(sheet.rowCount == 4)
    #expect(sheet.cell(2, 0) == .text("two-places") && sheet.cell(2, 2) == .text("yes"))
    #expect(try book.sheet("Frontier").rowCount == frontier.count)

    // plan.csv is a plan file: compare reads it and reaches the same optimum.
    let compared = scratch.at("compared")
    let compare = try runPlacewise(["compare", tinyCase, out + "/plan.csv", "--out", compared, "--quiet"])
    #expect(compare.status == 0, "\(compare.stderr)")
    let rows = try String(contentsOfFile: compared + "/comparison.csv", encoding: .utf8).split(separator: "\n")
    let planRow = rows[2].split(separator: ",", omittingEmptySubsequences: false)
    #expect(planRow[0] == "plan" && planRow[1] == "40000" && planRow[6] == "0", "\(rows)")
    #expect(
      try Data(contentsOf: URL(fileURLWithPath: compared + "/plans/plan/placements.csv"))
        == Data(contentsOf: URL(fileURLWithPath: out + "/allocation/placements.csv")))

    // --then travel, a budget that binds, an annual budget.
    let tight = try runPlacewise([
      "recommend", tinyCase, file, "--budget", "60000", "--annual-budget", "600", "--then", "travel", "--out", out,
      "--quiet",
    ])
    #expect(tight.status == 0, "\(tight.stderr)")
    #expect(try text("summary.json").contains("\"annual_budget\": 600,"))
    #expect(try text("recommendation.csv").contains("two-places,oakfield,yes"))
    #expect(!FileManager.default.fileExists(atPath: out + "/frontier.csv"))
  }

  @Test("refuses an invalid options file with every problem located, writing nothing")
  func invalid() throws {
    let scratch = try ScratchFolder()
    let file = try scratch.write(
      "options.csv",
      """
      option,group,action,urn,places,capital_cost
      a,g1,add_places,140001,0,100
      b,g1,add_places,999999,2,-5
      c,,close_setting,140002,,0
      d,g2,add_places,140002,1,0

      """)
    let noOption = try scratch.write("plain.csv", "action,urn,places\nadd_places,140001,1\n")
    let out = scratch.at("out")
    let result = try runPlacewise(["recommend", tinyCase, file, "--budget", "1000", "--out", out])
    #expect(result.status == 2, "\(result.stderr)")
    let stderr = result.stderr
    #expect(stderr.hasPrefix("placewise: the options file \(file) is invalid; nothing was written.\n"), "\(stderr)")
    for fragment in ["line 2", "places", "line 3", "capital_cost", "line 4", "closed by option \"c\""] {
      #expect(stderr.contains(fragment), "missing \(fragment)\n\(stderr)")
    }
    let missing = try runPlacewise(["recommend", tinyCase, noOption, "--budget", "1000", "--out", out])
    #expect(missing.status == 2)
    #expect(missing.stderr.contains("option"), "\(missing.stderr)")
    #expect(!FileManager.default.fileExists(atPath: out))
  }

  /// Hostile trial, round thirty-one: an option opening a setting with
  /// `statutory_request` = `no` lost the column in plan.csv, so compare
  /// read the new special school as statutory, protected P2's request for
  /// it and moved both pupils (78 minutes of travel against 0).
  @Test("plan.csv keeps statutory_request: compare of it allocates as recommend did")
  func planKeepsStatutoryRequest() throws {
    let scratch = try ScratchFolder()
    let folder = try scratch.writeCase(
      "case",
      files: [
        "settings.csv": "urn,name,kind,easting,northing,low_age,high_age,capacity,on_roll\n"
          + "S1,One,special,400000,300000,4,19,5,0\n",
        "pupils.csv": "pupil_id,easting,northing,age,primary_need,provision,preferences\n"
          + "P2,400000,300000,10,ASD,special,NEW2\nP3,415000,300000,10,ASD,special,\n",
        "policy.toml": "placement_start = 2027-09-01\n",
      ])
    let options = try scratch.write(
      "options.csv",
      "option,action,urn,name,kind,easting,northing,low_age,high_age,capacity,on_roll,statutory_request,capital_cost\n"
        + "openNEW2,new_setting,NEW2,New2,special,415000,300000,4,19,1,0,no,1000\n")
    let out = scratch.at("out")
    let result = try runPlacewise([
      "recommend", folder, options, "--budget", "1000", "--then", "travel", "--out", out, "--quiet",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    let plan = try csvRecords(out + "/plan.csv")
    #expect(plan.map { $0["statutory_request"] } == ["no"], "\(plan)")
    let compared = scratch.at("compared")
    let compare = try runPlacewise(["compare", folder, out + "/plan.csv", "--out", compared, "--quiet"])
    #expect(compare.status == 0, "\(compare.stderr)")
    #expect(
      try Data(contentsOf: URL(fileURLWithPath: compared + "/plans/plan/placements.csv"))
        == Data(contentsOf: URL(fileURLWithPath: out + "/allocation/placements.csv")))
  }
}
