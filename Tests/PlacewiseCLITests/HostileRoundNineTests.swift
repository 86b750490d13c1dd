import Foundation
import PlacewiseTestSupport
import Testing

// The ninth hostile trial (issue 23). Each test here failed before its fix.

@Suite("A hostile user's trial, round nine")
struct HostileRoundNineTests {
  @Test("compare: a <5 is no 0 in the public headline's gain or in the capital per child fewer")
  func smallIsNotZero() throws {
    // 5 pupils for a full school; a plan of 1 place: unplaced 5 against <5
    // read "about 5 less" and £20,000 a child, for a true 1 and £100,000.
    let scratch = try ScratchFolder()
    try scratch.write(
      "case/settings.csv",
      "urn,name,kind,easting,northing,low_age,high_age,capacity,on_roll,cost_per_place\n"
        + "1001,Alpha School,special,450000,200000,4,19,10,10,20000\n")
    try scratch.write(
      "case/pupils.csv",
      "pupil_id,easting,northing,age,primary_need,provision\n"
        + (0..<5).map { "X\($0),450500,200000,9,ASD,special\n" }.joined())
    try scratch.write("pA.csv", "action,urn,places,capital_cost\nadd_places,1001,1,100000\n")
    let out = scratch.at("out")
    let result = try runPlacewise(
      ["compare", scratch.at("case"), scratch.at("pA.csv"), "--report-level", "public", "--quiet", "--out", out])
    #expect(result.status == 0, "\(result.stderr)")
    let page = try String(contentsOfFile: out + "/report.html", encoding: .utf8)
    #expect(!page.contains("about 5 less"))
    #expect(!page.contains("£20,000"))
    #expect(page.contains("data-figure=\"capital_cost_per_extra_placement\" data-value=\"x\">x<"))
  }
}
