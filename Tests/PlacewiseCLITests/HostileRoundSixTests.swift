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

extension HostileRoundSixTests {
  @Test("a public recommendation shows the children placed in an option of 1 to 4 places as 0-4, never pinning 1")
  func optionOfOnePlaceDoesNotPinItsChild() throws {
    // An option adding 1 place with its child placed read "It adds 1 place;
    // <5 child is placed in them": `<5` in one place, and "child is", are 1.
    let scratch = try ScratchFolder()
    try scratch.write(
      "case/settings.csv",
      "urn,name,kind,easting,northing,low_age,high_age,capacity,on_roll,cost_per_place\n"
        + "S1,Alpha School,special,400000,300000,4,19,10,0,20000\n"
        + "S2,Beta School,mainstream,401000,300000,4,19,10,0,30000\n")
    let special = (1...13).map { "P\($0),400100,300100,\($0 < 4 ? 9 : 12),ASD,special,S1\n" }.joined()
    let mainstream = (1...5).map { "Q\($0),400100,300100,9,ASD,mainstream,\n" }.joined()
    try scratch.write(
      "case/pupils.csv", "pupil_id,easting,northing,age,primary_need,provision,preferences\n" + special + mainstream)
    try scratch.write("pounds.toml", "cost = \"pounds\"\npounds_per_minute = 324\nunplaced_cost = 60000\n")
    try scratch.write(
      "options.csv",
      "option,group,action,urn,places,need,capital_cost,annual_cost,note\n"
        + "plus1,g,add_places,S1,1,,100000,0,one\nplus2,g,add_places,S1,2,,150000,0,two\n")
    let result = try runPlacewise([
      "recommend", scratch.at("case"), scratch.at("options.csv"), "--budget", "120000", "--policy",
      scratch.at("pounds.toml"), "--report-level", "public", "--quiet", "--out", scratch.at("out"),
    ])
    #expect(result.status == 0, "\(result.stderr)")
    let page = try String(contentsOfFile: scratch.at("out") + "/report.html", encoding: .utf8)
    // Since round ten, a drop of 1 to 4 (here 3 to 2) withholds the choice itself.
    #expect(page.contains("Which options are chosen is withheld from this public version"), "\(page.count)")
    #expect(!page.contains("child is placed") && !page.contains("&lt;5 child"))
  }
}
