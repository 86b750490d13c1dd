import Foundation
import PlacewiseTestSupport
import Testing

// The eighteenth hostile trial (issue 23, on 3be3554): the disclosures fixed
// after it. Each test here failed before its fix.

@Suite("A hostile user's trial, round eighteen")
struct HostileRoundEighteenTests {
  @Test("recommend: options place at most the pupils their places' ages admit")
  func optionsWithinTheirAges() throws {
    // Two new primary special schools (7 and 2 places); allocate's 8
    // primary children all unplaced, none left: 7 in one told the other's
    // `0-4` was 1.
    let scratch = try ScratchFolder()
    try scratch.write(
      "options.csv",
      "option,action,urn,name,kind,easting,northing,low_age,high_age,capacity,on_roll,capital_cost,note\n"
        + "pa,new_setting,NEW-A,New Primary Special A,special,450400,200000,4,11,7,0,900000,seven places\n"
        + "pb,new_setting,NEW-B,New Primary Special B,special,450500,200000,4,11,2,0,300000,two places\n")
    var pupils = "pupil_id,easting,northing,age,primary_need,provision\n"
    for (g, group) in [(20, 13, "mainstream"), (10, 13, "special"), (8, 7, "special")].enumerated() {
      for i in 0..<group.0 { pupils += "G\(g)P\(i),450100,200000,\(group.1),MLD,\(group.2)\n" }
    }
    let files = [
      "settings.csv": "urn,name,kind,easting,northing,low_age,high_age,capacity,on_roll\n"
        + "200002,Hill Secondary,mainstream,452000,200000,11,16,50,0\n"
        + "200003,Vale Special,special,453000,200000,11,19,30,0\n",
      "pupils.csv": pupils,
    ]
    let page = try publicPage(scratch, files, ["recommend", "@options.csv", "--budget", "5000000"])
    let table = try #require(
      page.components(separatedBy: "id=\"options-table\"").last?.components(separatedBy: "</table>").first)
    #expect(!(table.contains(">7<") && table.contains("0-4")), "\(table)")
  }

  @Test("allocate: a kind whose one setting has one free place shows the same whether the place is used or not")
  func kindOfOneSmallSetting() throws {
    // A resourced unit of 1 free place, the only one of its kind: its kind
    // row showed 0 when empty and 0-4 when used, and the cost table listed
    // the kind only when used.
    let scratch = try ScratchFolder()
    func files(unitUsed: Bool) -> [String: String] {
      var pupils = "pupil_id,easting,northing,age,primary_need,provision\n"
      for i in 0..<27 { pupils += "M\(i),450100,200000,7,MLD,mainstream\n" }
      if unitUsed { pupils += "U0,450500,200000,7,ASD,resourced\n" }
      return [
        "settings.csv": "urn,name,kind,easting,northing,low_age,high_age,capacity,on_roll,needs,cost_per_place\n"
          + "200001,Mead Primary,mainstream,450000,200000,4,11,30,0,,5000\n"
          + "300001,Tiny Unit,resourced,450500,200000,4,11,1,0,ASD,12000\n",
        "pupils.csv": pupils,
      ]
    }
    for used in [false, true] {
      let page = try publicPage(scratch, files(unitUsed: used), ["allocate"], caseName: used ? "used" : "empty")
      let kinds = try #require(
        page.components(separatedBy: "id=\"cost\"").last?.components(separatedBy: "</table>").first)
      #expect(kinds.contains("Resourced provisions and SEN units</td><td class=\"n\">0-4</td>"), "used: \(used)")
    }
  }
}
