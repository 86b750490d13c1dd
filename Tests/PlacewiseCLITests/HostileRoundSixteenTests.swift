import Foundation
import PlacewiseTestSupport
import Testing

// The sixteenth hostile trial (issue 23, on 368debe): the defects fixed
// after it. Each test here failed before its fix.

/// A settings.csv of `rows` (urn, name, kind, easting, low age, high age,
/// capacity, needs, need places), all at northing 200000 with none on roll.
private func settings(_ rows: [(String, String, String, Int, Int, Int, Int, String, String)]) -> String {
  "urn,name,kind,easting,northing,low_age,high_age,capacity,on_roll,needs,need_places\n"
    + rows.map { "\($0.0),\($0.1),\($0.2),\($0.3),200000,\($0.4),\($0.5),\($0.6),0,\($0.7),\($0.8)\n" }.joined()
}

/// A pupils.csv of groups (count, easting, age, need, provision, current_urn),
/// each pupil 10 m east of the last.
private func pupils(_ groups: [(Int, Int, Int, String, String, String)]) -> String {
  var text = "pupil_id,easting,northing,age,primary_need,provision,current_urn\n"
  for (g, group) in groups.enumerated() {
    for i in 0..<group.0 {
      text += "G\(g)P\(i),\(group.1 + 10 * i),200100,\(group.2),\(group.3),\(group.4),\(group.5)\n"
    }
  }
  return text
}

/// Allocate's public page of `files`, which the checker must find nothing on.
@discardableResult
private func checkedPage(_ scratch: ScratchFolder, _ files: [String: String]) throws -> String {
  let page = try publicPage(scratch, files, ["allocate"])
  let findings = PublicReportChecker.findings(in: page)
  #expect(findings.isEmpty, "\(describe(findings))")
  return page
}

@Suite("A hostile user's trial, round sixteen")
struct HostileRoundSixteenTests {
  @Test("allocate: children kept at their current setting are decided with the settings' places used")
  func keptThere() throws {
    // Schools of 40, 40, 40, 10, 6 and 40 free places; 25 kept at each of
    // the first three, 4 at School 4, 6 at School 5, 7 with nowhere: kept 85
    // beside 25, 25, 25, `<5`, 6 and 0 was 4 at School 4.
    let scratch = try ScratchFolder()
    let files = [
      "settings.csv": settings(
        [40, 40, 40, 10, 6, 40].enumerated().map {
          (
            "10000\($0.offset + 1)", "School \($0.offset + 1)", "mainstream", 445_000 + 5000 * $0.offset, 4, 16,
            $0.element,
            "", ""
          )
        }),
      "pupils.csv": pupils([
        (25, 445_000, 7, "ASD", "mainstream", "100001"), (25, 450_000, 8, "SLCN", "mainstream", "100002"),
        (25, 455_000, 12, "MLD", "mainstream", "100003"), (4, 460_000, 13, "HI", "mainstream", "100004"),
        (6, 465_000, 13, "ASD", "mainstream", "100005"), (7, 460_000, 13, "SEMH", "special", ""),
      ]),
    ]
    try checkedPage(scratch, files)
  }

  @Test("allocate: a need cap's places used are not shown on a public page")
  func capUsed() throws {
    // HI 10 pupils, `<5` unplaced, beside "HI cap 9, used 9": HI placed at
    // least 9, so 1 unplaced.
    let scratch = try ScratchFolder()
    let files = [
      "settings.csv": settings([
        ("100001", "Xavier Special", "special", 450_000, 4, 19, 40, "ASD;HI", "HI:9"),
        ("100002", "Mead Primary", "mainstream", 452_000, 4, 11, 40, "", ""),
      ]),
      "pupils.csv": pupils([
        (20, 450_110, 7, "ASD", "special", ""), (10, 450_310, 7, "HI", "special", ""),
        (15, 450_410, 7, "SLCN", "mainstream", ""), (7, 450_560, 7, "SEMH", "special", ""),
        (12, 450_630, 13, "MLD", "special", ""), (6, 450_750, 13, "SLD", "special", ""),
      ]),
    ]
    let page = try checkedPage(scratch, files)
    #expect(!page.contains("HI cap"))
  }

  @Test("allocate: no place value on a public page is one child's journey; the internal page gives them")
  func oneChildsJourney() throws {
    // One child waits near a full Alpha: Alpha's journey change, 18.3, was
    // that child's journey.
    let scratch = try ScratchFolder()
    var files = [
      "settings.csv": settings([
        ("100001", "Alpha School", "mainstream", 450_000, 4, 11, 10, "", ""),
        ("100002", "Beta School", "mainstream", 500_000, 4, 11, 10, "", ""),
      ]),
      "pupils.csv": pupils([
        (10, 450_100, 7, "ASD", "mainstream", ""), (10, 500_100, 7, "ASD", "mainstream", ""),
        (5, 502_000, 7, "ASD", "mainstream", ""),
      ]),
    ]
    files["pupils.csv", default: ""] += "N999,456123,203456,7,ASD,mainstream,\n"
    let page = try publicPage(scratch, files, ["allocate"])
    let table = try #require(
      page.components(separatedBy: "id=\"place-value-table\"").last?.components(separatedBy: "</table>").first)
    #expect(table.contains("Alpha School"))
    #expect(!table.contains("18.3") && !table.contains("Journey and preference change"))
    let out = scratch.at("internal")
    let team = try runPlacewise(["allocate", scratch.at("case"), "--quiet", "--out", out])
    try #require(team.status == 0, "\(team.stderr)")
    #expect(try String(contentsOfFile: out + "/report.html", encoding: .utf8).contains("18.3"))
  }

  @Test("allocate with costs in pounds: the place values are labelled pounds a year")
  func poundsLabel() throws {
    let scratch = try ScratchFolder()
    let sample = packageRoot + "/Data/sample-county"
    let out = scratch.at("out")
    let result = try runPlacewise([
      "allocate", sample, "--policy", sample + "/policy-pounds.toml", "--quiet", "--no-explain", "--out", out,
    ])
    try #require(result.status == 0, "\(result.stderr)")
    let page = try String(contentsOfFile: out + "/report.html", encoding: .utf8)
    let section = try #require(page.components(separatedBy: "id=\"place-values\"").last)
    #expect(section.contains("placement cost (places, transport and penalties, pounds a year)"))
    #expect(section.contains("Cost change (£ a year)") && !section.contains("minutes-equivalent"))
  }

  @Test("validate: a current_urn that names no setting of the case is warned about, counted")
  func unknownCurrent() throws {
    let scratch = try ScratchFolder()
    try scratch.write(
      "case/settings.csv", settings([("100001", "Alpha School", "mainstream", 450_000, 4, 11, 10, "", "")]))
    try scratch.write(
      "case/pupils.csv",
      pupils([(1, 450_100, 7, "ASD", "mainstream", "100001"), (1, 450_100, 7, "ASD", "mainstream", "10001")]))
    let result = try runPlacewise(["validate", scratch.at("case")])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(
      result.stderr.contains(
        "pupils.csv: 1 current_urn value names a URN not in settings.csv (a setting outside the case?); that pupil "
          + "cannot stay there"), "\(result.stderr)")
  }
}
