import Foundation
import Placewise
import PlacewiseTestSupport
import Testing

@testable import PlacewiseReport

/// A small allocated case whose setting names try to break out of HTML.
private func hostileCase() throws -> AllocationRun {
  let scratch = try ScratchFolder()
  let folder = try scratch.writeCase(
    "case",
    files: [
      "settings.csv": #"""
      urn,name,kind,easting,northing,low_age,high_age,capacity,on_roll,needs,cost_per_place
      100001,"<script>alert(1)</script> & ""Oak"" 'School'",special,400000,200000,4,19,3,1,ASD,24000
      100002,Elm Primary </td></table>,mainstream,401000,200000,4,11,30,10,,14000
      """#,
      "pupils.csv": """
      pupil_id,easting,northing,age,primary_need,provision,preferences,priority
      PX1,400500,200000,9,ASD,special,100001,2
      PX2,400000,200100,8,ASD,special;mainstream,100001;100002,1
      PX3,400000,200000,15,SEMH,special,,1
      PX4,402000,203000,12,ASD,special,100001,1
      """,
    ])
  return try AllocationRun(folder: folder)
}

/// The `data-value` of each `data-figure` in a page.
private func figures(_ html: String) -> [String: String] {
  var out: [String: String] = [:]
  for part in html.components(separatedBy: "data-figure=\"").dropFirst() {
    let key = String(part.prefix { $0 != "\"" })
    guard let range = part.range(of: "data-value=\"") else { continue }
    out[key] = String(part[range.upperBound...].prefix { $0 != "\"" })
  }
  return out
}

private func explanationRows(_ count: Int) -> [ExplanationRow] {
  (0..<count).map { i in
    ExplanationRow(
      pupilID: "Q\(i)", status: "placed", urn: "100002", preferenceRank: "2", firstPreference: "100001",
      firstPreferenceOutcome: "given to others", firstPreferenceUnmetChange: "1", firstPreferenceCostChange: "12.5",
      explanation: "Placed at Elm, 3 min away. </script><b>not bold</b> \u{2028}")
  }
}

@Suite("report.html, rendered")
struct HTMLReportTests {
  @Test("free text is escaped: a setting named <script> renders as text, and the page has only our script")
  func escaping() throws {
    let html = HTMLReport.render(try hostileCase())
    #expect(!html.contains("<script>alert"))
    #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Oak&quot; &#39;School&#39;"))
    #expect(!html.contains("Elm Primary </td>"))
    #expect(html.components(separatedBy: "<script").count - 1 == 1)
    #expect(HTMLPage.escape("a<b>&\"'") == "a&lt;b&gt;&amp;&quot;&#39;")
  }

  @Test("self-contained: no address, no file, no import; a CSP forbids any request")
  func selfContained() throws {
    let html = HTMLReport.render(try hostileCase(), placeValues: [], explanations: explanationRows(3))
    for forbidden in ["http:", "https:", "src=", "@import", "<link", "<iframe", "<img", "file:"] {
      #expect(!html.contains(forbidden), "found \(forbidden)")
    }
    // The only url() is the hatch pattern defined in the page; every href is an anchor.
    #expect(html.components(separatedBy: "url(").dropFirst().allSatisfy { $0.hasPrefix("#hatch)") })
    #expect(html.components(separatedBy: "href=\"").dropFirst().allSatisfy { $0.hasPrefix("#") })
    #expect(html.contains("default-src 'none'"))
  }

  @Test("headline figures carry summary.json's values")
  func headlineMatchesSummary() throws {
    let run = try hostileCase()
    let html = HTMLReport.render(run)
    let json = SummaryJSON.render(summary: run.summary, allocation: run.allocation, warnings: [])
    let found = figures(html)
    #expect(found.count == 8)
    for (key, value) in found {
      // The number exactly as summary.json writes it (JSONSerialization may
      // round the last digit on Linux, so the text is compared).
      let line = try #require(json.split(separator: "\n").first { $0.hasPrefix("  \"\(key)\": ") })
      let expected = line.dropFirst(key.count + 6).trimmingCharacters(in: CharacterSet(charactersIn: ","))
      #expect(value == expected, "\(key)")
    }
  }

  @Test("headline cards in words a director reads: children without a place, weighted by priority, journey limits")
  func headlineWords() throws {
    let run = try hostileCase()
    let html = HTMLReport.render(run)
    let figures = try #require(html.components(separatedBy: "<div class=\"figures\">").dropFirst().first)
    let cards = try #require(figures.components(separatedBy: "</div>\n").first)
    for label in [
      "children without a place", "children without a place, weighted by priority", "average journey",
      "children over their journey limit",
    ] {
      #expect(cards.contains("<span class=\"label\">\(label)</span>"), "\(label)")
    }
    #expect(!cards.contains("priority-weighted") && !cards.contains("in total") && !cards.contains(">unplaced<"))
    #expect(cards.contains("data-figure=\"placed_over_journey_limit\""))
  }

  @Test("the public level withholds 1 to 4 and names no pupil, the internal one shows counts")
  func publicLevel() throws {
    let run = try hostileCase()
    let open = figures(HTMLReport.render(run, explanations: explanationRows(4)))
    let html = HTMLReport.render(run, level: .public, explanations: explanationRows(4))
    let shared = figures(html)
    #expect(open["placed"] == String(run.summary.placed))
    // Each figure is itself, or withheld: 1 to 4 always (`<5`, or `c` where
    // even that is pinned, as the journey bands can pin the children over
    // their limit), others where they would give a small count back (`x`).
    for key in [
      "pupils", "placed", "unplaced", "unmet_priority", "first_preference_met", "placed_over_journey_limit",
    ] {
      let text = try #require(open[key])
      let value = try #require(Int(text))
      // (Unmet need, a priority-weighted count, is withheld with the unplaced.)
      let allowed =
        (1...4).contains(value) ? ["&lt;5", "c"] + (key == "unmet_priority" ? ["x"] : []) : [String(value), "x", "c"]
      #expect(allowed.contains(shared[key] ?? ""), "\(key)")
    }
    #expect(PublicReportChecker.findings(in: html).isEmpty)
    for id in ["PX1", "PX2", "PX3", "PX4", "Q0", "Q3"] { #expect(!html.contains(id), "\(id) in the public report") }
    #expect(!html.contains("explanation-data"))
    #expect(html.contains("placewise-report-level\" content=\"public\""))
  }

  @Test("place values: the 20 worth most, best first, (0, 0) rows left out")
  func placeValues() throws {
    let run = try hostileCase()
    var rows = (0..<25).map { i in
      PlaceValueRow(
        urn: "100002", need: i % 2 == 0 ? "" : "ASD", freePlaces: 20, placesUsed: 3, unmetPriorityChange: -(i % 3),
        placementCostChange: Double(i))
    }
    rows.append(
      PlaceValueRow(
        urn: "100001", need: "", freePlaces: 2, placesUsed: 2, unmetPriorityChange: 0, placementCostChange: 0))
    let html = HTMLReport.render(run, placeValues: rows)
    let table = try #require(html.components(separatedBy: "id=\"place-value-table\"").last)
    let body = table.components(separatedBy: "</table>")[0]
    let lines = body.components(separatedBy: "<tr>").dropFirst(2)
    #expect(lines.count == 20)
    // Sorted by ΔU then ΔC: rows with ΔU = -2 are i = 2, 5, 8, ..., 23 (8 rows), then ΔU = -1.
    let changes = lines.map { line in line.components(separatedBy: "<td class=\"n\">")[3].prefix { $0 != "<" } }
    #expect(changes.prefix(8).allSatisfy { $0 == "-2" })
    #expect(changes.dropFirst(8).allSatisfy { $0 == "-1" || $0 == "0" })
    #expect(!body.contains("100001"))
    #expect(HTMLReport.render(run, placeValues: [rows[25]]).contains("would change nothing"))
    // Public: places used below 5 withheld.
    #expect(HTMLReport.render(run, level: .public, placeValues: rows).contains("<td class=\"n\">&lt;5</td>"))
  }

  @Test("explanations: embedded as safe JSON up to the limit, a note beyond it")
  func explanations() throws {
    let run = try hostileCase()
    let html = HTMLReport.render(run, explanations: explanationRows(3))
    let data = try #require(
      html.components(separatedBy: "id=\"explanation-data\">").last?.components(separatedBy: "</script>").first)
    let parsed = try #require(try JSONSerialization.jsonObject(with: Data(data.utf8)) as? [[String]])
    #expect(parsed.count == 3 && parsed[2][0] == "Q2" && parsed[2][8].hasPrefix("Placed at Elm"))
    #expect(parsed[0][8].contains("</script><b>"))
    let many = HTMLReport.render(run, explanations: explanationRows(HTMLReport.maximumSearchablePupils + 1))
    #expect(!many.contains("explanation-data"))
    #expect(many.contains("explanations.csv"))
    #expect(!many.contains("Q20000"))
  }

  @Test("the same run renders the same bytes")
  func deterministic() throws {
    let run = try hostileCase()
    #expect(HTMLReport.render(run, level: .public) == HTMLReport.render(run, level: .public))
  }

  @Test("compare: plans side by side, unmet need by need and plan, moves counted with no pupil id")
  func comparison() {
    let rows = [
      ComparisonRow(
        plan: "baseline", capitalCost: 0, annualCost: 0, pupils: 100, placed: 80, unplaced: 20, unmetPriority: 25,
        placementCost: 1500, travelMinutes: 1200, preferencePenalty: 300, firstPreferenceMet: 50, annualPlaceCost: 1e6,
        pupilsMoved: 0),
      ComparisonRow(
        plan: "<b>more ASD</b>", capitalCost: 250_000, annualCost: 30_000, pupils: 100, placed: 88, unplaced: 12,
        unmetPriority: 14, placementCost: 1700, travelMinutes: 1350, preferencePenalty: 350, firstPreferenceMet: 52,
        annualPlaceCost: 1.1e6, pupilsMoved: 11),
    ]
    let byNeed = [
      ComparisonNeedRow(plan: "baseline", primaryNeed: "ASD", pupils: 60, placed: 43, unplaced: 17, unmetPriority: 21),
      ComparisonNeedRow(plan: "baseline", primaryNeed: "SEMH", pupils: 40, placed: 37, unplaced: 3, unmetPriority: 4),
      ComparisonNeedRow(
        plan: "<b>more ASD</b>", primaryNeed: "ASD", pupils: 60, placed: 51, unplaced: 9, unmetPriority: 10),
      ComparisonNeedRow(
        plan: "<b>more ASD</b>", primaryNeed: "SEMH", pupils: 40, placed: 37, unplaced: 3, unmetPriority: 4),
    ]
    let moves =
      (0..<8).map {
        MoveRow(
          plan: "<b>more ASD</b>", pupilID: "M\($0)", baselineURN: "", planURN: "1", baselineStatus: "unplaced",
          planStatus: "placed")
      }
      + (8..<11).map {
        MoveRow(
          plan: "<b>more ASD</b>", pupilID: "M\($0)", baselineURN: "1", planURN: "2", baselineStatus: "placed",
          planStatus: "placed")
      }
    let html = ComparisonReport.render(rows: rows, byNeed: byNeed, moves: moves)
    #expect(html.contains("&lt;b&gt;more ASD&lt;/b&gt;") && !html.contains("<b>more"))
    #expect(
      html.contains(
        "data-plan=\"&lt;b&gt;more ASD&lt;/b&gt;\" data-figure=\"unmet_priority_change\" data-value=\"-11\""))
    #expect(html.contains("data-figure=\"capital_cost_per_extra_placement\" data-value=\"31250\""))
    #expect(
      html.contains(
        "<td>&lt;b&gt;more ASD&lt;/b&gt;</td><td class=\"n\">8</td><td class=\"n\">3</td><td class=\"n\">0</td><td class=\"n\">11</td>"
      ))
    for id in ["M0", "M10"] { #expect(!html.contains(id)) }
    let shared = ComparisonReport.render(rows: rows, byNeed: byNeed, moves: moves, level: .public)
    // Public: counts rounded to the nearest 5 (a difference of two plans is
    // then no exact count), 1 to 4 as <5: SEMH's 3, ASD's 17; no unmet need
    // weighted by priority (round twenty-two: its weights mark looked-after
    // children).
    // Since round thirty-three the baseline's counts are withheld too.
    #expect(shared.contains("<td>SEMH</td><td class=\"n\">c</td>"))
    #expect(shared.contains("<td>ASD</td><td class=\"n\">c</td>"))
    #expect(shared.contains("Children without a place by primary need and plan"))
    // Moves: 8 newly placed, 3 placed elsewhere, 11 in all; a plan's
    // counts are withheld (round thirty-two).
    #expect(
      shared.contains(
        "<td>&lt;b&gt;more ASD&lt;/b&gt;</td><td class=\"n\">c</td><td class=\"n\">c</td><td class=\"n\">c</td>"
          + "<td class=\"n\">c</td>"))
    #expect(shared.contains("data-figure=\"unmet_priority_change\" data-value=\"x\""))
    #expect(shared.contains("data-figure=\"unmet_priority\" data-value=\"x\""))
    #expect(PublicReportChecker.findings(in: shared).isEmpty)
  }

  @Test("recommend: chosen options, totals and the frontier chart")
  func recommendation() {
    let options = [
      RecommendationOptionRow(option: "A8", group: "A", chosen: false, capitalCost: 100_000, annualCost: 5000),
      RecommendationOptionRow(option: "A16", group: "A", chosen: true, capitalCost: 180_000, annualCost: 9000),
      RecommendationOptionRow(option: "B", group: "", chosen: true, capitalCost: 50_000, annualCost: 0),
    ]
    let frontier = [0.0, 115_000, 230_000].enumerated().map { i, budget in
      FrontierRow(
        budget: budget, unmetPriority: [20, 12, 3][i], placementCost: 1000, capitalCost: budget, annualCost: 0,
        options: [[], ["A8"], ["A16", "B"]][i])
    }
    let summary = RecommendationSummary(
      budget: 230_000, annualBudget: nil, then: "capital", unmetPriority: 3, placementCost: 1000,
      baselineUnmetPriority: 20, baselinePlacementCost: 900)
    let html = RecommendationReport.render(summary: summary, options: options, frontier: frontier)
    #expect(html.contains("data-figure=\"capital_cost\" data-value=\"230000\">£230,000"))
    #expect(html.contains("data-figure=\"options_chosen\" data-value=\"2\""))
    #expect(html.components(separatedBy: "<circle").count - 1 == 3)
    #expect(html.contains("A16, B"))
    let shared = RecommendationReport.render(summary: summary, options: options, frontier: frontier, level: .public)
    // No unmet need on a public page, and so no frontier chart (round twenty-two).
    #expect(shared.components(separatedBy: "<circle").count - 1 == 0)
    #expect(shared.contains("internal version only, with its chart"))
    // 3 left of 20 is a count of 1 to 4: the choice is withheld (round ten).
    #expect(shared.contains("data-figure=\"unmet_priority\" data-value=\"c\""))
    #expect(shared.contains("data-figure=\"options_chosen\" data-value=\"x\""))
  }

  @Test("a recommendation's opening line gives planning.md's order for each --then")
  func recommendationOrder() {
    let options = [RecommendationOptionRow(option: "B", group: "", chosen: true, capitalCost: 50_000, annualCost: 0)]
    var summary = RecommendationSummary(
      budget: 50_000, annualBudget: nil, then: "capital", unmetPriority: 3, placementCost: 1000,
      baselineUnmetPriority: 20, baselinePlacementCost: 900)
    let requests = "least unmet need first, then fewest requests refused, then "
    let lines = [
      ("capital", "least capital, then shortest journeys, then least annual cost."),
      ("travel", "shortest journeys, then least capital, then least annual cost."),
      ("whole-life", "least whole-life cost over 5 years, then least capital, then least annual cost."),
    ]
    for (then, rest) in lines {
      summary.then = then
      let html = RecommendationReport.render(summary: summary, options: options, frontier: nil)
      #expect(html.contains(requests + rest), "\(then)")
    }
    #expect(
      RecommendationReport.render(summary: summary, options: options, frontier: nil).contains(
        "1</span><span class=\"label\">option chosen<"))
  }
}
