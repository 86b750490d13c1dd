import Placewise

/// Renders the `report.html` of `compare`: the plans side by side, unmet
/// need by need and plan, and the pupils each plan moves.
package enum ComparisonReport {
  /// The page, from the rows of `comparison.csv`, `comparison-by-need.csv`
  /// and `moves.csv` (baseline first). Moves are only counted: no pupil id
  /// reaches the page at either level.
  package static func render(
    rows: [ComparisonRow], byNeed: [ComparisonNeedRow], moves: [MoveRow], level: ReportLevel = .internal,
    title: String = "Plan comparison", identity: RunIdentity? = nil
  ) -> String {
    typealias F = NumberFormatting
    var body = "<header class=\"top\"><div class=\"kicker\">Placewise</div><h1>\(HTMLPage.escape(title))"
    body += level == .public ? "<span class=\"badge public\">Public version</span>" : ""
    body += "</h1><p class=\"lede\">\(F.count(max(0, rows.count - 1), "plan")) compared with the baseline "
    body += "(the case as given); each plan is applied on its own and allocated exactly.</p></header>\n"
    if let identity { body += HTMLReport.identityLine(identity, level: level) }

    let hidden = level == .public ? withheld(rows) : []
    body += bestPlan(rows, level: level)
    body += sideBySide(rows, level: level, hidden: hidden)
    body += unmetByNeed(rows: rows, byNeed: byNeed, level: level, hidden: hidden)
    body += movesSection(rows: rows, moves: moves, level: level, hidden: hidden)
    if let identity { body += HTMLReport.identitySection(identity, level: level) }
    body += "<footer>"
    if level == .public {
      body += "Public version: no pupil-level data; c withholds every count of children, of every plan (a plan's "
      body += "places pick out the children they can serve, by need, age, sex or distance, so what it places would "
      body += "count a group of children allocate's page shows whole) and of the baseline (the case as given is on "
      body += "allocate's public page, plans/baseline/report.html); x withholds a figure drawn from them. "
      body += "Costs of places, the annual total, journeys in total, and journeys and missed preferences are "
      body += "withheld (x): a school's cost per place, the policy's penalties, or a journey band's bounds, divided "
      body += "into them would give back counts. "
    }
    body += "Made by Placewise; the figures are those of comparison.csv.</footer>\n"
    return HTMLPage.document(title: title, level: level, body: body)
  }

  /// The plan that leaves the least need unmet, in a sentence.
  private static func bestPlan(_ rows: [ComparisonRow], level: ReportLevel) -> String {
    typealias F = NumberFormatting
    var body = ""
    // A public page names no plan best: its counts are withheld (see
    // `withheld`), and unmet need is weighted by priority, whose weights
    // mark looked-after children (round twenty-two).
    if level == .public {
      return "<p>What each plan changes is not told in this public version: every count of children is withheld "
        + "(c), the plans' and the baseline's. A plan's places pick out the children they can serve, so what it "
        + "places would count a group of children that allocate's page shows only whole. The case as given is on "
        + "allocate's public page (plans/baseline/report.html); the plans and their costs are shown here; their "
        + "outcomes are in the internal version.</p>\n"
    }
    if let baseline = rows.first, let best = bestIndex(rows).map({ rows[$0] }) {
      let gain = baseline.unmetPriority - best.unmetPriority
      body += "<p>"
      // Never better on placements where more children are left without a place.
      if gain > 0 && best.unplaced <= baseline.unplaced {
        body += "<strong>\(HTMLPage.escape(best.plan))</strong> leaves the least need unmet: "
        body += "\(F.grouped(gain)) less than the baseline "
        body +=
          "(priority-weighted), for \(F.pounds(best.capitalCost)) of capital and \(F.pounds(best.annualCost)) a year."
      } else {
        body += "No plan leaves less need unmet than the baseline."
      }
      body += "</p>\n"
    }
    return body
  }

  /// The plans side by side, a figure a line.
  private static func sideBySide(_ rows: [ComparisonRow], level: ReportLevel, hidden: Set<Int>) -> String {
    typealias F = NumberFormatting
    let baseline = rows.first
    // Each plan's counts: pupils, placed, unplaced, first preferences,
    // moved; a public page withholds them all (`c`: see `withheld`).
    func disclosed(_ i: Int, _ figure: KeyPath<ComparisonRow, Int>) -> Disclosed {
      hidden.contains(i) ? .confidential : .shown(rows[i][keyPath: figure])
    }
    var body = "<h2 id=\"plans\">The plans side by side</h2>\n"
    var table = "<div class=\"scroll\"><table id=\"comparison\"><thead><tr><th></th>"
    for row in rows { table += "<th class=\"n\">\(HTMLPage.escape(row.plan))</th>" }
    table += "</tr></thead>\n<tbody>\n"
    func line(_ label: String, key: String, _ value: (Int, ComparisonRow) -> (shown: String, raw: String)) {
      table += "<tr><td>\(label)</td>"
      for (i, row) in rows.enumerated() {
        let cell = value(i, row)
        table += "<td class=\"n\" data-plan=\"\(HTMLPage.escape(row.plan))\" data-figure=\"\(key)\" "
        table += "data-value=\"\(HTMLPage.escape(cell.raw))\">\(HTMLPage.escape(cell.shown))</td>"
      }
      table += "</tr>\n"
    }
    func count(_ figure: KeyPath<ComparisonRow, Int>) -> (Int, ComparisonRow) -> (shown: String, raw: String) {
      { i, _ in
        let shown = disclosed(i, figure)
        return (shown.text, shown.value.map { String($0) } ?? shown.text)
      }
    }
    line("Capital cost", key: "capital_cost") { _, r in (F.pounds(r.capitalCost), NumberText.format(r.capitalCost)) }
    line("Annual cost", key: "annual_cost") { _, r in (F.pounds(r.annualCost), NumberText.format(r.annualCost)) }
    line("Pupils placed", key: "placed", count(\.placed))
    line("Pupils unplaced", key: "unplaced", count(\.unplaced))
    // Not on a public page: less the unplaced, the weighted figure counts
    // looked-after children (round twenty-two).
    line("Unmet need, priority-weighted", key: "unmet_priority") { i, row in
      level == .public ? ("x", "x") : count(\.unmetPriority)(i, row)
    }
    line("Change in unmet need", key: "unmet_priority_change") { i, _ in
      guard baseline != nil else { return ("", "") }
      guard level == .internal else { return ("x", "x") }
      guard let mine = disclosed(i, \.unmetPriority).value, let theirs = disclosed(0, \.unmetPriority).value
      else { return ("x", "x") }
      let change = mine - theirs
      return (i == 0 ? "-" : F.grouped(change), String(change))
    }
    // Sums over children whose shares a reader may know (a school's cost
    // per place; the policy's penalties, on the page) are counts in another
    // unit: withheld from a public page, as the counts are (15 placed and
    // £100,000 of places at £11,000 a place was 13, when counts were
    // rounded: hostile trial, round eight).
    let withheld = level == .public
    func money(_ value: Double) -> (shown: String, raw: String) {
      withheld ? ("x", "x") : (F.pounds(value), NumberText.format(value))
    }
    // Journeys in total are a sum over children too: allocate's public page
    // withholds the total beside a withheld band, which this page gave back
    // (hostile trial, round ten).
    line("Journeys in total", key: "travel_minutes") { _, r in
      withheld
        ? ("x", "x") : (F.hoursAndMinutes(r.travelMinutes), NumberText.format(r.travelMinutes))
    }
    let inPounds = rows.contains { $0.placementCostInPounds }
    let levelC =
      inPounds
      ? "Places, journeys and missed preferences (£-equivalent a year)"
      : "Journeys and missed preferences (minutes-equivalent)"
    line(levelC, key: "placement_cost") { _, r in
      if withheld { return ("x", "x") }
      return inPounds
        ? money(r.placementCost) : (F.decimal(r.placementCost, places: 0), NumberText.format(r.placementCost))
    }
    line("First preferences met", key: "first_preference_met", count(\.firstPreferenceMet))
    line("Annual cost of places used", key: "annual_place_cost") { _, r in
      money(r.annualPlaceCost)
    }
    line("Capital cost per child fewer without a place", key: "capital_cost_per_extra_placement") { i, r in
      guard let base = baseline, i > 0 else { return ("-", "") }
      // Capital over the cost per child gives the children: a public page
      // shows no plan's counts, so no cost per child either.
      guard level == .internal else { return ("x", "x") }
      let fewer = base.unplaced - r.unplaced
      guard fewer > 0 else { return ("-", "") }
      let each = r.capitalCost / Double(fewer)
      return (F.pounds(each), NumberText.format(each))
    }
    line("Pupils moved against the baseline", key: "pupils_moved", count(\.pupilsMoved))
    line("Children displaced by closures", key: "displaced", count(\.displaced))
    line("Protected requests refused", key: "requests_refused", count(\.requestsRefused))
    line("Annual cost in total (£ a year)", key: "annual_total_cost") { _, r in
      guard r.costsGiven else { return ("costs not given", "") }
      return money(r.annualTotalCost)
    }
    table += "</tbody></table></div>\n"
    body += table
    return body
  }

  private static func unmetByNeed(
    rows: [ComparisonRow], byNeed: [ComparisonNeedRow], level: ReportLevel, hidden: Set<Int>
  ) -> String {
    // At the public level, the baseline's needs: a need only a plan's batch
    // holds (its closures' displaced pupils) would tell that it holds any.
    let listed = level == .public ? byNeed.filter { $0.plan == rows.first?.plan } : byNeed
    let needs = listed.reduce(into: [String]()) { if !$0.contains($1.primaryNeed) { $0.append($1.primaryNeed) } }
    let plans = rows.map(\.plan)
    // Per plan, the need rows' unplaced counts sum to the plan's unplaced.
    var values: [[Disclosed]] = Array(repeating: Array(repeating: .shown(0), count: plans.count), count: needs.count)
    var unplacedCells: [[Disclosed]] = values
    for (p, plan) in plans.enumerated() {
      let mine = needs.map { need in byNeed.first { $0.plan == plan && $0.primaryNeed == need } }
      for n in needs.indices {
        let withheld = hidden.contains(p)
        unplacedCells[n][p] = withheld ? .confidential : .shown(mine[n]?.unplaced ?? 0)
        values[n][p] = withheld ? .confidential : .shown(mine[n]?.unmetPriority ?? 0)
      }
    }
    // A public page shows children without a place, not their weighted
    // sum: beside allocate's count it gave the looked-after children among
    // them ("DS 10 (15)" beside allocate's DS 12: round twenty-two), and
    // with wide priorities one child's priority.
    if level == .public { values = unplacedCells }
    let subject = level == .public ? "Children without a place" : "Unmet need"
    var html = "<h2 id=\"by-need\">\(subject) by primary need and plan</h2>\n"
    html +=
      level == .public
      ? "<p>Children without a place, by need. Unmet need weighted by priority is in the internal version only: "
        + "its weights mark looked-after children.</p>\n"
      : "<p>Unmet need is priority-weighted: the sum of priority over the pupils of each need left unplaced.</p>\n"
    html += "<figure class=\"keep\">"
    let series = plans.enumerated().map {
      SVGCharts.Series($1, SVGCharts.planColours[$0 % SVGCharts.planColours.count])
    }
    html += SVGCharts.groupedBars(
      categories: needs, series: series, values: values, label: "\(subject) by need and plan")
    html += "<div class=\"legend\">"
    for one in series { html += "<span><i style=\"background:\(one.colour)\"></i>\(HTMLPage.escape(one.name))</span>" }
    html += "</div></figure>\n"
    let tableRows = needs.indices.map { n in
      [HTMLPage.escape(needs[n])]
        + plans.indices.map { p in
          level == .public ? unplacedCells[n][p].html : "\(unplacedCells[n][p].html) (\(values[n][p].html))"
        }
    }
    html += HTMLPage.table(
      [level == .public ? "Need: unplaced" : "Need: unplaced (unmet need)"] + plans.map(HTMLPage.escape), tableRows,
      numeric: Set(1...max(1, plans.count)))
    return html
  }

  private static func movesSection(
    rows: [ComparisonRow], moves: [MoveRow], level: ReportLevel, hidden: Set<Int>
  ) -> String {
    let plans = rows.dropFirst().map(\.plan)
    var html = "<h2 id=\"moves\">Pupils each plan moves</h2>\n"
    guard !plans.isEmpty else { return html + "<p>No plan given.</p>\n" }
    html += "<p>Against the baseline: pupils newly placed, pupils placed at another setting, and pupils who lose "
    html += "their place.</p>\n"
    var tableRows: [[String]] = []
    var bars: [(label: String, value: Double, text: String)] = []
    for (i, plan) in plans.enumerated() {
      let d = moveCounts(plan, moves).map { hidden.contains(i + 1) ? Disclosed.confidential : .shown($0) }
      tableRows.append([HTMLPage.escape(plan), d[0].html, d[1].html, d[2].html, d[3].html])
      if let total = d[3].value { bars.append((plan, Double(total), NumberFormatting.grouped(total))) }
    }
    html += HTMLPage.table(
      ["Plan", "Newly placed", "Placed elsewhere", "No longer placed", "All moves"], tableRows, numeric: [1, 2, 3, 4])
    if !bars.isEmpty {
      html +=
        "<figure class=\"keep\">\(SVGCharts.bars(rows: bars, colour: "#1f4e79", label: "Moves per plan"))</figure>\n"
    }
    return html
  }
}

extension ComparisonReport {
  /// The index of the plan that leaves the least need unmet (then refuses
  /// fewest requests, then costs least); nil with no plan.
  static func bestIndex(_ rows: [ComparisonRow]) -> Int? {
    rows.indices.dropFirst().min {
      (rows[$0].unmetPriority, rows[$0].requestsRefused, rows[$0].placementCost, $0)
        < (rows[$1].unmetPriority, rows[$1].requestsRefused, rows[$1].placementCost, $1)
    }
  }

  /// A plan's moves: newly placed, placed elsewhere, no longer placed, all.
  static func moveCounts(_ plan: String, _ moves: [MoveRow]) -> [Int] {
    let mine = moves.filter { $0.plan == plan }
    let placed = mine.filter { $0.baselineStatus == "unplaced" && $0.planStatus == "placed" }.count
    let lost = mine.filter { $0.baselineStatus == "placed" && $0.planStatus == "unplaced" }.count
    return [placed, mine.count - placed - lost, lost, mine.count]
  }

  /// What a public page withholds: every count, of every plan and of the
  /// baseline, whatever the counts.
  ///
  /// Decisions (hostile trials, rounds thirty-two and thirty-three). A plan
  /// is a query the planner writes, as an options file is (see recommend's
  /// page): places added at a girls' and at a boys' school, or an infant
  /// and a junior school, place the waiting children of each part of a
  /// need that allocate's page shows whole, and two such plans gave back 4
  /// girls. The baseline's column, rounded and audited beside allocate's
  /// page, was withheld only where it would pin a count there, decided on
  /// the exact counts, so its `c` told the split (round thirty-three:
  /// "unplaced 10" at 1 to 3 girls, `c` at 4). The baseline is allocate's
  /// allocation of the same case, whose public page (plans/baseline/) is
  /// audited as a whole: this page adds nothing to it but ways to read it.
  static func withheld(_ rows: [ComparisonRow]) -> Set<Int> { Set(rows.indices) }

}
