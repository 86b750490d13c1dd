import Foundation
import Placewise
import PlacewiseTestSupport
import Testing

@testable import PlacewiseReport

/// The public `report.html` of a case, with place values and explanations as
/// `allocate` writes them.
private func publicReport(_ input: Case) throws -> String {
  let run = try AllocationRun(case: input, options: AllocationOptions())
  let planning = PlanningOutputs(run)
  return HTMLReport.render(
    run, level: .public, placeValues: planning.placeValueRows, explanations: planning.explanationRows)
}

private func special(_ urn: String, _ name: String, places: Int, east: Double = 400_000, north: Double = 200_000)
  -> Setting
{
  Setting(
    urn: URN(urn), name: name, kind: .special, easting: east, northing: north, lowAge: 4, highAge: 19,
    capacity: places, costPerPlace: 20_000)
}

private func pupil(_ id: String, need: NeedCode = .mld, east: Double = 401_000, north: Double = 200_000) -> Pupil {
  Pupil(
    id: PupilID(id), easting: east, northing: north, age: 9, primaryNeed: need,
    provision: EnumSet([.special, .resourced]))
}

/// 36 pupils for 33 places: 3 unplaced, the issue's "placed 33 of 36".
private func thirtySixForThirtyThree() -> Case {
  let settings = [
    special("100001", "Oak School", places: 20), special("100002", "Ash School", places: 13, east: 403_000),
  ]
  let pupils = (0..<36).map { pupil("P\($0)", east: 400_000 + Double($0 % 6) * 700) }
  return Case(settings: settings, pupils: pupils)
}

/// Two resourced units equally far from four pupils' homes, one for ASD
/// and one for SLCN; `asd` of the four have autism, the rest SLCN. Thirty
/// pupils with MLD fill a special school. The pair `asd: 3` and `asd: 1`
/// differ only in counts the public report withholds, so their public
/// reports must be byte for byte the same.
private func twoUnits(asd: Int) -> Case {
  var settings = [special("100001", "Oak School", places: 30)]
  for (urn, name, need) in [
    ("100003", "Elm Primary (ASD base)", NeedCode.asd), ("100004", "Ash Primary (SLCN unit)", .slcn),
  ] {
    settings.append(
      Setting(
        urn: URN(urn), name: name, kind: .resourced, easting: urn == "100003" ? 405_000 : 407_000,
        northing: 200_000, lowAge: 4, highAge: 11, capacity: 3, needs: EnumSet([need]), costPerPlace: 15_000))
  }
  var pupils = (0..<30).map { pupil("M\($0)", east: 400_000 + Double($0 % 5) * 300) }
  for i in 0..<4 { pupils.append(pupil("R\(i)", need: i < asd ? .asd : .slcn, east: 406_000, north: 200_000)) }
  return Case(settings: settings, pupils: pupils)
}

/// The same thirty pupils and one more whose home is either 80 km north or
/// in town; journeys come from a travel matrix, so only the home moves.
private func onePupilAway(far: Bool) -> Case {
  let settings = [
    special("100001", "Oak School", places: 40), special("100002", "Ash School", places: 10, east: 404_000),
  ]
  var pupils = (0..<30).map { pupil("M\($0)", east: 400_000 + Double($0 % 3) * 300) }
  pupils.append(pupil("FAR", east: 402_500, north: far ? 280_000 : 203_500))
  var travel = TravelMatrix()
  for p in pupils.indices {
    for s in settings.indices { travel.append(pupil: p, setting: s, minutes: Double(10 + (p % 7) + 3 * s)) }
  }
  return Case(settings: settings, pupils: pupils, travel: travel)
}

@Suite("The public report lets no one work out a small count (issue 23, item 3)")
struct PublicReportCheckerTests {
  @Test("the sample county's public report: nothing to work out")
  func sample() throws {
    let run = try AllocationRun(folder: packageRoot + "/Data/sample-county")
    let planning = PlanningOutputs(run)
    let html = HTMLReport.render(
      run, level: .public, placeValues: planning.placeValueRows, explanations: planning.explanationRows)
    let findings = PublicReportChecker.findings(in: html)
    #expect(findings.isEmpty, "\(findings.map(\.description).joined(separator: "\n"))")
  }

  @Test("placed 33 of 36: the 3 unplaced cannot be worked out from any total on the page")
  func headline() throws {
    let findings = PublicReportChecker.findings(in: try publicReport(thirtySixForThirtyThree()))
    #expect(findings.isEmpty, "\(findings.map(\.description).joined(separator: "\n"))")
  }

  @Test("two resourced units whose counts swap give the same public page, byte for byte")
  func swappedSmallCounts() throws {
    let a = try publicReport(twoUnits(asd: 3))
    let b = try publicReport(twoUnits(asd: 1))
    #expect(PublicReportChecker.findings(in: a).isEmpty, "\(PublicReportChecker.findings(in: a))")
    let difference = PublicReportChecker.firstDifference(a, b)
    #expect(difference == nil, "\(difference ?? "")")
  }

  @Test("a pupil 80 km away moves neither the map's extent nor anything else on the public page")
  func isolatedPupil() throws {
    let far = try publicReport(onePupilAway(far: true))
    let near = try publicReport(onePupilAway(far: false))
    #expect(PublicReportChecker.findings(in: far).isEmpty, "\(PublicReportChecker.findings(in: far))")
    let difference = PublicReportChecker.firstDifference(far, near)
    #expect(difference == nil, "\(difference ?? "")")
  }

  /// Seeds 1 to 120 over the generators: medium and tiny cases, tied ones,
  /// and the law's (requests, current settings, costs).
  @Test("generated small cases: nothing to work out", arguments: 1...120)
  func generated(seed: UInt64) throws {
    let generators: [(UInt64) -> Case] = [
      RandomCases.medium, RandomCases.tiny, RandomCases.tiedMedium, RandomLawCases.tiny,
      RandomLawCases.contestedRequests, RandomCases.medium,
    ]
    let input = generators[Int(seed % UInt64(generators.count))](seed)
    let findings = PublicReportChecker.findings(in: try publicReport(input))
    #expect(findings.isEmpty, "seed \(seed):\n\(findings.map(\.description).joined(separator: "\n"))")
  }

  /// A baseline placing 80 of 100 and a plan placing `80 + newly` (its
  /// newly placed all ASD pupils), moving 8 others.
  private static func comparison(newly: Int) -> String {
    func row(_ plan: String, placed: Int, capital: Double, moved: Int) -> ComparisonRow {
      // Every place costs £20,000 a year, as a reader may know (published
      // place funding): the cost of places is 20,000 times the placed.
      var row = ComparisonRow(
        plan: plan, capitalCost: capital, annualCost: 0, pupils: 100, placed: placed, unplaced: 100 - placed,
        unmetPriority: 100 - placed, placementCost: 1500, travelMinutes: 1200, preferencePenalty: 300,
        firstPreferenceMet: 50, annualPlaceCost: Double(placed) * 20_000, pupilsMoved: moved)
      row.annualTotalCost = row.annualPlaceCost
      return row
    }
    let rows = [
      row("baseline", placed: 80, capital: 0, moved: 0),
      row("B", placed: 80 + newly, capital: 90_000, moved: 8 + newly),
    ]
    var byNeed: [ComparisonNeedRow] = []
    for (plan, unplaced) in [("baseline", 20), ("B", 20 - newly)] {
      byNeed.append(
        ComparisonNeedRow(
          plan: plan, primaryNeed: "ASD", pupils: 60, placed: 60 - unplaced, unplaced: unplaced,
          unmetPriority: unplaced))
      byNeed.append(
        ComparisonNeedRow(plan: plan, primaryNeed: "SEMH", pupils: 40, placed: 40, unplaced: 0, unmetPriority: 0))
    }
    let moves = (0..<(8 + newly)).map { (i: Int) -> MoveRow in
      let isNew = i < newly
      return MoveRow(
        plan: "B", pupilID: "M\(i)", baselineURN: isNew ? "" : "1", planURN: "2",
        baselineStatus: isNew ? "unplaced" : "placed", planStatus: "placed")
    }
    return ComparisonReport.render(rows: rows, byNeed: byNeed, moves: moves, level: .public)
  }

  @Test("compare: a plan placing 3 more children than the baseline tells no one it is 3 (nor 4)")
  func compareSmallDifference() {
    let html = Self.comparison(newly: 3)
    let findings = PublicReportChecker.findings(in: html, knowing: .init(placeCost: 20_000))
    #expect(findings.isEmpty, "\(findings.map { $0.description }.joined(separator: "\n"))")
    #expect(!html.contains("£30,000"), "the capital per extra child gives the 3 back")
    let difference = PublicReportChecker.firstDifference(html, Self.comparison(newly: 4))
    #expect(difference == nil, "\(difference ?? "")")
  }

  @Test("Data/tiny's hand-worked cases: nothing to work out", arguments: PlanningRenderingTests.tinyCases)
  func tiny(name: String) throws {
    let run = try AllocationRun(folder: packageRoot + "/Data/tiny/" + name)
    let planning = PlanningOutputs(run)
    let html = HTMLReport.render(
      run, level: .public, placeValues: planning.placeValueRows, explanations: planning.explanationRows)
    let findings = PublicReportChecker.findings(in: html)
    #expect(findings.isEmpty, "\(findings.map { $0.description }.joined(separator: "\n"))")
  }

  @Test("the checker itself finds each kind of leak on hand-made pages")
  func checkerFindsLeaks() {
    // A headline total and a table footer give the unplaced back.
    let headline = """
      <p class="lede">36 pupils with EHC plans, 2 settings.</p>
      <span class="value" data-figure="unplaced" data-value="&lt;5">&lt;5</span>
      <table><thead><tr><th>Kind</th><th>Pupils placed</th></tr></thead>
      <tbody>
      <tr><td>Special schools</td><td class="n">33</td></tr>
      </tbody>
      <tfoot><tr><td>All kinds</td><td class="n">33</td></tr></tfoot></table>
      """
    #expect(PublicReportChecker.findings(in: headline).map(\.value) == [3])
    // A tooltip repeats a withheld count.
    let tooltip = """
      <table><thead><tr><th>Setting</th><th>URN</th><th>Free places</th><th>Places used</th></tr></thead><tbody>
      <tr><td>Elm</td><td>1</td><td>4</td><td>&lt;5</td></tr></tbody></table>
      <svg><circle cx="1" cy="1" r="1"><title>Elm (1), special: 2 of 4 free places used</title></circle></svg>
      """
    #expect(PublicReportChecker.findings(in: tooltip).map(\.value) == [2])
    // Fullest first: a withheld count above a full setting is full too.
    let order = """
      <h3>Every setting</h3><table><thead><tr><th>Setting</th><th>URN</th><th>Free places</th><th>Places used</th>
      <th>Places left</th><th>Fill</th></tr></thead><tbody>
      <tr class="group"><td colspan="6">Resourced</td></tr>
      <tr><td>Zed</td><td>2</td><td>3</td><td>&lt;5</td><td>x</td><td>x</td></tr>
      <tr><td>Ash</td><td>1</td><td>10</td><td>10</td><td>0</td><td>100%</td></tr>
      </tbody></table>
      """
    #expect(PublicReportChecker.findings(in: order).map(\.value) == [3])
    // Compare: a plan places 83 where the baseline placed 80, and moves no
    // one out: its newly placed `<5` are 3.
    func cell(_ plan: String, _ key: String, _ value: String) -> String {
      "<td class=\"n\" data-plan=\"\(plan)\" data-figure=\"\(key)\" data-value=\"\(value)\">\(value)</td>"
    }
    var compare = "<table id=\"comparison\"><tbody><tr><td>Pupils placed</td>"
    compare += cell("baseline", "placed", "80") + cell("B", "placed", "83") + "</tr>\n<tr><td>Pupils unplaced</td>"
    compare += cell("baseline", "unplaced", "20") + cell("B", "unplaced", "17") + "</tr>\n<tr><td>Displaced</td>"
    compare += cell("baseline", "displaced", "0") + cell("B", "displaced", "0") + "</tr></tbody></table>\n"
    compare += "<table><thead><tr><th>Plan</th><th>Newly placed</th><th>Placed elsewhere</th>"
    compare += "<th>No longer placed</th><th>All moves</th></tr></thead><tbody><tr><td>B</td><td>&lt;5</td>"
    compare += "<td>x</td><td>0</td><td>11</td></tr></tbody></table>"
    #expect(PublicReportChecker.findings(in: compare).map(\.value) == [3, 8])
    // A bar chart's segment repeats a withheld count.
    var bars = "<table><thead><tr><th>Need</th><th>Pupils</th><th>Placed</th><th>Unplaced</th></tr></thead><tbody>"
    bars += "<tr><td>SEMH: Social</td><td>40</td><td>x</td><td>&lt;5</td></tr></tbody></table>"
    bars += "<svg aria-label=\"By primary need: placed and unplaced\"><text x=\"1\" text-anchor=\"end\">SEMH</text>"
    bars += "<rect x=\"1\"><title>placed: 37</title></rect><rect x=\"2\"><title>unplaced: 3</title></rect>"
    bars += "<text x=\"3\">40</text></svg>"
    #expect(PublicReportChecker.findings(in: bars).map(\.value) == [37, 3])
    // One child's journey.
    #expect(!PublicReportChecker.findings(in: "<p>Mean 20 min, longest 3 min.</p>").isEmpty)
    // Pounds: a forecast's children without a place at unplaced_cost each,
    // where the card withholds their count (hostile trial, round six).
    var forecast = "<div class=\"figure\" data-plan=\"grow\"><span class=\"value\">&lt;5</span>"
    forecast += "<span class=\"label\">children without a place in year 2: grow</span></div>"
    forecast += "<h2 id=\"costs\">Costs a year</h2>\n<table><thead><tr><th>Plan</th><th>Year</th>"
    forecast += "<th>Children without a place</th></tr></thead><tbody><tr><td>grow</td><td>2</td>"
    forecast += "<td class=\"n\">£120,000</td></tr></tbody></table>"
    forecast += "<tr><td><code>unplaced_cost</code></td><td>60000</td></tr>"
    #expect(PublicReportChecker.findings(in: forecast).map(\.value) == [2])
    // A rounded comparison whose total a year gives the unplaced back:
    // £78,107,879 less places and transport is 243 children at £60,000.
    var pounds = "<p>counts are rounded to the nearest 5</p><table id=\"comparison\"><tbody><tr><td>Unplaced</td>"
    pounds += cell("baseline", "unplaced", "245") + "</tr><tr><td>Journeys</td>"
    pounds += cell("baseline", "travel_minutes", "66981.88050444819").replacingOccurrences(
      of: ">66981.88050444819<", with: ">1,116 h 22 min<")
    pounds += "</tr><tr><td>Places</td>" + cell("baseline", "annual_place_cost", "£41,825,750")
    pounds += "</tr><tr><td>Own</td>" + cell("baseline", "annual_cost", "0")
    pounds += "</tr><tr><td>Total</td>" + cell("baseline", "annual_total_cost", "£78,107,879") + "</tr></tbody></table>"
    pounds += "<tr><td><code>unplaced_cost</code></td><td>60000</td></tr>"
    pounds += "<tr><td><code>pounds_per_minute</code></td><td>324</td></tr>"
    #expect(PublicReportChecker.findings(in: pounds).map(\.value) == [243])
    // The same with the places and the total withheld, as the page now does: nothing.
    let withheld =
      pounds.replacingOccurrences(of: ">£41,825,750<", with: ">x<")
      .replacingOccurrences(of: ">£78,107,879<", with: ">x<")
    #expect(PublicReportChecker.findings(in: withheld).isEmpty)
  }
}
