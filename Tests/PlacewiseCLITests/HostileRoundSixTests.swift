import Foundation
import PlacewiseTestSupport
import Testing

// The sixth hostile trial (issue 23): a helper acting as a hostile user.
// Each test here failed before its fix.

@Suite("A hostile user's trial, round six")
struct HostileRoundSixTests {
  @Test("a public page whose placed count is withheld by difference does not say fewer than 5 were placed")
  func withheldPlacedIsNotCalledFew() throws {
    // 12 pupils placed and 1 with no eligible setting: placed is withheld
    // so that the unplaced 1 cannot be worked out from the total; the
    // journey caption said "fewer than 5 children placed", which is false.
    let scratch = try ScratchFolder()
    try scratch.write(
      "case/settings.csv",
      "urn,name,kind,easting,northing,low_age,high_age,capacity,on_roll\n"
        + "S1,Alpha School,special,400000,300000,4,19,20,0\nS2,Beta School,special,405000,300000,4,19,20,0\n")
    let pupils = (1...12).map { "P\($0),400100,300100,9,ASD,special\n" }.joined()
    try scratch.write(
      "case/pupils.csv",
      "pupil_id,easting,northing,age,primary_need,provision\n" + pupils + "Q1,400200,300200,9,ASD,independent\n")
    let result = try runPlacewise(
      ["allocate", scratch.at("case"), "--report-level", "public", "--quiet", "--out", scratch.at("out")])
    #expect(result.status == 0, "\(result.stderr)")
    let page = try String(contentsOfFile: scratch.at("out") + "/report.html", encoding: .utf8)
    #expect(!page.contains("fewer than 5 children placed"))
    #expect(page.contains("Mean and total withheld, as the number of children placed is."))
  }
}
