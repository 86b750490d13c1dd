import Foundation
import PlacewiseTestSupport
import Testing

// The tenth hostile trial (issue 23). Each test here failed before its fix.

/// A full school of 10 places and `pupils` pupils for it (rounds nine and ten).
func fullSchool(pupils: Int) -> [String: String] {
  [
    "settings.csv": "urn,name,kind,easting,northing,low_age,high_age,capacity,on_roll\n"
      + "1001,Alpha School,special,450000,200000,4,19,10,10\n",
    "pupils.csv": "pupil_id,easting,northing,age,primary_need,provision\n"
      + (0..<pupils).map { "X\($0),450500,200000,9,ASD,special\n" }.joined(),
  ]
}

@Suite("A hostile user's trial, round ten")
struct HostileRoundTenTests {
  @Test("recommend: no set over the capital budget, not by a penny of £500m")
  func budgetToThePenny() throws {
    // Two options of £250,000,000.20 were both taken within £500m: a
    // relative slack of 1e-9 let £0.40 over through.
    let scratch = try ScratchFolder()
    for (name, text) in fullSchool(pupils: 2) { try scratch.write("case/\(name)", text) }
    try scratch.write(
      "options.csv",
      "option,group,action,urn,places,capital_cost,annual_cost\n"
        + "o1,,add_places,1001,1,250000000.2,0\no2,,add_places,1001,1,250000000.2,0\n")
    let out = scratch.at("out")
    let result = try runPlacewise(
      ["recommend", scratch.at("case"), scratch.at("options.csv"), "--budget", "500m", "--quiet", "--out", out])
    #expect(result.status == 0, "\(result.stderr)")
    let rows = try String(contentsOfFile: out + "/recommendation.csv", encoding: .utf8)
    let chosen = rows.split(separator: "\n").filter { $0.contains(",yes,") || $0.hasSuffix(",yes") }
    #expect(chosen.count == 1, "\(rows)")
    // A penny more of budget takes both.
    let more = scratch.at("more")
    let wider = try runPlacewise(
      [
        "recommend", scratch.at("case"), scratch.at("options.csv"), "--budget", "500000000.40", "--quiet", "--out",
        more,
      ])
    #expect(wider.status == 0, "\(wider.stderr)")
    let both = try String(contentsOfFile: more + "/recommendation.csv", encoding: .utf8)
    #expect(both.split(separator: "\n").filter { $0.contains(",yes,") || $0.hasSuffix(",yes") }.count == 2, "\(both)")
  }

  @Test("forecast: a demand file refused for its yearly totals is not first made into pupils")
  func demandRefusedBeforeMade() throws {
    // 60 rows of 100,000 new plans a year: each row within range, each year
    // 6 million over the bound. They were made into pupils before the
    // errors were shown: a trap for want of memory (status 134). Under a
    // 2 GB address space the refusal must still come, with every year named.
    let scratch = try ScratchFolder()
    let rows = (1...2).flatMap { year in (0..<60).map { _ in "\(year),9,ASD,100000\n" } }
    try scratch.write("demand.csv", "year,age,primary_need,new_plans\n" + rows.joined())
    let result = try runPlacewise(
      [
        "forecast", packageRoot + "/Data/forecast-hand", "--years", "2", "--demand", scratch.at("demand.csv"),
        "--quiet", "--out",
        scratch.at("out"),
      ], through: ["/bin/sh", "-c", "ulimit -v 2000000 && exec \"$0\" \"$@\""])
    #expect(result.status == 2, "\(result.stderr.prefix(500))")
    #expect(result.stderr.contains("line 3, column 4 (new_plans): found 200,000 new plans in year 1 by this row"))
    #expect(result.stderr.contains("line 63, column 4 (new_plans): found 200,000 new plans in year 2 by this row"))
  }

  /// Alpha (ASD, full) and Beta (SLD, `betaFree` free places), with `asd`
  /// ASD and `sld` SLD pupils.
  static func twoNeeds(asd: Int, sld: Int, betaCapacity: Int = 10) -> [String: String] {
    [
      "settings.csv": "urn,name,kind,easting,northing,low_age,high_age,capacity,on_roll,needs\n"
        + "1001,Alpha School,special,450000,200000,4,19,10,10,ASD\n"
        + "1002,Beta School,special,452000,200000,4,19,\(betaCapacity),10,SLD\n",
      "pupils.csv": "pupil_id,easting,northing,age,primary_need,provision\n"
        + (0..<asd).map { "A\($0),450500,200000,9,ASD,special\n" }.joined()
        + (0..<sld).map { "S\($0),451500,200000,9,SLD,special\n" }.joined(),
    ]
  }

  @Test("compare: a plan's need rows within the places it opens to the need pin nothing")
  func compareByNeed() throws {
    // ASD 7 unplaced (exact on allocate's page) and 3 ASD places: the
    // plan's ASD `<5` was 4.
    let scratch = try ScratchFolder()
    try scratch.write("three.csv", "action,urn,places,capital_cost\nadd_places,1001,3,300000\n")
    let page = try publicPage(scratch, Self.twoNeeds(asd: 7, sld: 30), ["compare", "@three.csv"])
    #expect(page.contains("data-plan=\"three\" data-figure=\"unplaced\" data-value=\"c\">c<"))
    #expect(!page.contains("&lt;5 (&lt;5)"), "the plan's ASD row")
    let findings = PublicReportChecker.findings(in: page)
    #expect(findings.isEmpty, "\(describe(findings))")
  }

  @Test("compare: a plan that leaves fewer than 5 free places shows none of its counts")
  func compareFreePlacesLeft() throws {
    // Beta's 20 free places less 19 leave 1 in the case: the plan's placed
    // `<5` was 1.
    let scratch = try ScratchFolder()
    try scratch.write("cut.csv", "action,urn,places\nadd_places,1002,-19\n")
    let page = try publicPage(scratch, Self.twoNeeds(asd: 9, sld: 10, betaCapacity: 30), ["compare", "@cut.csv"])
    #expect(page.contains("data-plan=\"cut\" data-figure=\"placed\" data-value=\"c\">c<"))
    let findings = PublicReportChecker.findings(in: page)
    #expect(findings.isEmpty, "\(describe(findings))")
  }

  @Test("compare: no plan is named best, nor the gain told, where a plan's counts are withheld")
  func compareHeadline() throws {
    // 5 unplaced for a full school and a plan of 1 place: "less than the
    // baseline" with its 1 place was 1 placed.
    let scratch = try ScratchFolder()
    try scratch.write("pA.csv", "action,urn,places,capital_cost\nadd_places,1001,1,100000\n")
    let page = try publicPage(scratch, fullSchool(pupils: 5), ["compare", "@pA.csv"])
    #expect(!page.contains("less than the baseline"))
    #expect(page.contains("What each plan changes is not told in this public version"))
  }

  @Test("compare: journeys in total are withheld from a public page, as allocate's are beside a withheld band")
  func compareJourneys() throws {
    // Allocate withheld 3 h 30 min beside bands x and <5; compare showed it.
    let scratch = try ScratchFolder()
    try scratch.write("none.csv", "action,urn,places,capital_cost\nadd_places,1001,1,1000\n")
    let files = HostileRoundNineTests.journeyCase
    let page = try publicPage(scratch, files, ["compare", "@none.csv"])
    #expect(page.contains("data-plan=\"baseline\" data-figure=\"travel_minutes\" data-value=\"x\">x<"))
    #expect(!page.contains("3 h 30 min"))
  }

  @Test("recommend: a choice that drops unmet need by 1 to 4 is withheld, and so is its allocation's public page")
  func recommendSmallDrop() throws {
    // Options of 1, 2, 3 and 4 places for 3 ASD children: the 3-place one
    // taken and the 4-place one left told the baseline's <5 was 3.
    let scratch = try ScratchFolder()
    try scratch.write(
      "options.csv",
      "option,group,action,urn,places,capital_cost,annual_cost\n"
        + (1...4).map { "o\($0),g,add_places,1001,\($0),\(10_000 * $0),0\n" }.joined())
    let files = Self.twoNeeds(asd: 3, sld: 12, betaCapacity: 40)
    let page = try publicPage(scratch, files, ["recommend", "@options.csv", "--budget", "1m", "--frontier", "4"])
    #expect(page.contains("Which options are chosen is withheld from this public version"))
    #expect(!page.contains("<strong>chosen</strong>"))
    let frontier = page.components(separatedBy: "id=\"frontier-table\"").last ?? ""
    #expect(page.contains("id=\"frontier-table\"") && !frontier.contains("<td>o3</td>"), "the frontier's choices")
    #expect(!page.contains("<strong>o3</strong>"), "a chosen option's name in bold")
    let allocation = try String(contentsOfFile: scratch.at("out-case") + "/allocation/report.html", encoding: .utf8)
    #expect(allocation.contains("The allocation with the recommended options is withheld from this public version"))
    #expect(!allocation.contains("Alpha School"))
  }

  @Test("forecast: a plan-year whose places would pin a count below 5 shows none of its counts")
  func forecastPlanPlaces() throws {
    // Baseline 7 ASD without a place and a plan of 3 ASD places: its `<5`
    // was 4.
    let scratch = try ScratchFolder()
    try scratch.write("three.csv", "action,urn,places,capital_cost\nadd_places,1001,3,300000\n")
    var files = Self.twoNeeds(asd: 7, sld: 10, betaCapacity: 30)
    files["roll.csv"] = "pupil_id,urn,easting,northing,age,primary_need,provision\n"
    let page = try publicPage(scratch, files, ["forecast", "@three.csv", "--years", "1"])
    #expect(!page.contains("&lt;5 without a place"), "the plan's first short year")
    #expect(
      page.contains("<span class=\"value\">c</span><span class=\"label\">children without a place in year 1: three"))
    #expect(page.contains("Counts of children are not told in this public version"))
    let findings = PublicReportChecker.findings(in: page)
    #expect(findings.isEmpty, "\(describe(findings))")
  }

  // Round eleven (a helper acting as a hostile user, on dbd6a31).

  /// Ash (ASD, 10 places, full) and Beech (MLD, 10 places, full), with
  /// `asd` and `mld` pupils.
  static func ashAndBeech(asd: Int, mld: Int) -> [String: String] {
    [
      "settings.csv": "urn,name,kind,easting,northing,low_age,high_age,capacity,on_roll,needs\n"
        + "500001,Ash ASD School,special,450000,200000,4,19,10,0,ASD\n"
        + "500002,Beech MLD School,special,452000,200000,4,19,10,0,MLD\n",
      "pupils.csv": "pupil_id,easting,northing,age,primary_need,provision\n"
        + (0..<asd).map { "A\($0),450500,200000,9,ASD,special\n" }.joined()
        + (0..<mld).map { "M\($0),451500,200000,9,MLD,special\n" }.joined(),
    ]
  }

  @Test("compare: a need's drop of 1 to 4, worked out from rounded rows beside exact ones, withholds the plan")
  func compareNeedDrop() throws {
    // ASD 13 and MLD 14 unplaced (exact on allocate's page), 6 ASD and 2
    // MLD places: the plan's rounded MLD 10 was 12, so 2 newly placed.
    let scratch = try ScratchFolder()
    try scratch.write(
      "plan.csv",
      "action,urn,places,need,capital_cost\nadd_places,500001,6,ASD,600000\nadd_places,500002,2,MLD,200000\n")
    let page = try publicPage(scratch, Self.ashAndBeech(asd: 23, mld: 24), ["compare", "@plan.csv"])
    #expect(page.contains("data-plan=\"plan\" data-figure=\"unplaced\" data-value=\"c\">c<"))
  }

  @Test(
    "recommend: the chosen options' total of children placed, and a choice with an option of 3 children, are withheld")
  func recommendChosenTotal() throws {
    // 10 and 0-4 children placed in two options, 13 in all: 3.
    let scratch = try ScratchFolder()
    try scratch.write(
      "options.csv",
      "option,group,action,urn,places,capital_cost\nB,g1,add_places,500001,10,1000000\n"
        + "C,g2,add_places,500002,3,300000\n")
    let page = try publicPage(
      scratch, Self.ashAndBeech(asd: 30, mld: 13), ["recommend", "@options.csv", "--budget", "2m"])
    // Since round twenty-six a public page withholds every option's, and
    // since round twenty-eight a choice with an option of 1 to 4 children.
    #expect(page.contains("Which options are chosen is withheld from this public version"))
  }

  @Test("forecast: transport of a batch is withheld from a public page in every year, not only where 1 to 4 are placed")
  func forecastTransport() throws {
    // An `x` only where 1 to 4 were placed told that they were, though
    // transport was £0 whatever the count.
    var files = Self.twoNeeds(asd: 7, sld: 10, betaCapacity: 30)
    files["roll.csv"] = "pupil_id,urn,easting,northing,age,primary_need,provision\n"
    files["policy.toml"] = "pounds_per_minute = 1\nunplaced_cost = 0\n"
    let page = try publicPage(ScratchFolder(), files, ["forecast", "--years", "2"])
    for year in 1...2 {
      #expect(
        page.contains("<tr><td>baseline</td><td class=\"n\">\(year)</td><td class=\"n\">x</td><td class=\"n\">x</td>"))
    }
  }

  @Test("forecast: a public page rounds its counts, so a plan's difference from the baseline is no exact count")
  func forecastRounded() throws {
    // 7 against 10 with no plan (3 fewer): a plan of 3 places' exact effect.
    let scratch = try ScratchFolder()
    try scratch.write(
      "plan.csv", "action,urn,places,need,year,capital_cost\nadd_places,700001,3,ASD,2,300000\n")
    try scratch.write("demand.csv", "year,age,primary_need,new_plans\n2,8,ASD,2\n3,8,ASD,1\n")
    let files = [
      "settings.csv": "urn,name,kind,easting,northing,low_age,high_age,capacity,on_roll,needs\n"
        + "700001,Ash ASD School,special,450000,200000,4,19,15,5,ASD\n"
        + "700002,Beech MLD School,special,452000,200000,4,19,10,0,MLD\n",
      "pupils.csv": "pupil_id,easting,northing,age,primary_need,provision\n"
        + (0..<17).map { "A\($0),450500,200000,8,ASD,special\n" }.joined()
        + (0..<8).map { "M\($0),451500,200000,8,MLD,special\n" }.joined(),
      "roll.csv": "pupil_id,urn,easting,northing,age,primary_need,provision\n"
        + (0..<5).map { "R\($0),700001,450500,200000,12,ASD,special\n" }.joined(),
    ]
    let page = try publicPage(
      scratch, files, ["forecast", "@plan.csv", "--demand", scratch.at("demand.csv"), "--years", "3"])
    #expect(page.contains("Counts of children are not told in this public version"))
    #expect(!page.contains("3 fewer"))
    #expect(!page.contains("7 short"), "a count shown exactly")
    let findings = PublicReportChecker.findings(in: page)
    #expect(findings.isEmpty, "\(describe(findings))")
  }

  // Round twelve (on 77b897c).

  @Test("forecast: 'fewest' beside equal rounded figures and a plan of 1 place names no plan")
  func forecastHeadlineTie() throws {
    // 12 without a place every year, and a plan of 1 place: "10, against
    // 10 with no plan", named fewest, was 1 fewer.
    let scratch = try ScratchFolder()
    try scratch.write("one.csv", "action,urn,places,year\nadd_places,1001,1,1\n")
    var files = fullSchool(pupils: 12)
    files["roll.csv"] = "pupil_id,urn,easting,northing,age,primary_need,provision\n"
    let page = try publicPage(scratch, files, ["forecast", "@one.csv", "--years", "3"])
    #expect(!page.contains("<strong>one</strong> leaves the fewest"))
    #expect(page.contains("Counts of children are not told in this public version"))
  }

  @Test("forecast: a plan that leaves fewer free places than the year's batch is audited against them")
  func forecastFreePlaces() throws {
    // 5 pupils and the only school's 5 free places, less 2: the plan's
    // `<5` unplaced in year 1 was 2.
    let scratch = try ScratchFolder()
    try scratch.write("minus2.csv", "action,urn,places,year\nadd_places,1001,-2,1\n")
    let files = [
      "settings.csv": "urn,name,kind,easting,northing,low_age,high_age,capacity,on_roll\n"
        + "1001,Alpha School,special,450000,200000,4,19,10,5\n",
      "pupils.csv": "pupil_id,easting,northing,age,primary_need,provision\n"
        + (0..<5).map { "X\($0),450500,200000,9,ASD,special\n" }.joined(),
      "roll.csv": "pupil_id,urn,easting,northing,age,primary_need,provision\n",
    ]
    let page = try publicPage(scratch, files, ["forecast", "@minus2.csv", "--years", "3"])
    #expect(!page.contains("year 1 (&lt;5 without a place)"), "the plan's first short year")
    #expect(page.contains("<title>minus2, Year 1: c</title>") || !page.contains("<title>minus2, Year 1:"))
  }
}
