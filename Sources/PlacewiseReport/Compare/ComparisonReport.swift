import Placewise

/// Renders the `report.html` of `compare`: the plans side by side, unmet
/// need by need and plan, and the pupils each plan moves.
package enum ComparisonReport {
  /// The page, from the rows of `comparison.csv`, `comparison-by-need.csv`
  /// and `moves.csv` (baseline first). Moves are only counted: no pupil id
  /// reaches the page at either level.
  package static func render(
    rows: [ComparisonRow], byNeed: [ComparisonNeedRow], moves: [MoveRow], level: ReportLevel = .internal,
    title: String = "Plan comparison", identity: RunIdentity? = nil, allocatePage: AllocatePage? = nil
  ) -> String {
    typealias F = NumberFormatting
    var body = "<header class=\"top\"><div class=\"kicker\">Placewise</div><h1>\(HTMLPage.escape(title))"
    body += level == .public ? "<span class=\"badge public\">Public version</span>" : ""
    body += "</h1><p class=\"lede\">\(F.count(max(0, rows.count - 1), "plan")) compared with the baseline "
    body += "(the case as given); each plan is applied on its own and allocated exactly.</p></header>\n"
    if let identity { body += HTMLReport.identityLine(identity) }

    let kept =
      level == .public ? withheld(rows, byNeed: byNeed, moves: moves, allocatePage: allocatePage) : Withheld()
    let hidden = kept.plans
    body += bestPlan(rows, level: level, hidden: hidden)
    body += sideBySide(rows, level: level, hidden: hidden)
    body += unmetByNeed(rows: rows, byNeed: byNeed, level: level, hidden: hidden, needs: kept.needs)
    body += movesSection(rows: rows, moves: moves, level: level, hidden: hidden)
    if let identity { body += HTMLReport.identitySection(identity, level: level) }
    body += "<footer>"
    if level == .public {
      body += "Public version: no pupil-level data; counts of pupils are rounded to the nearest 5 (so totals "
      body += "may not add up), counts of 1 to 4 are shown as &lt;5 and 0 as 0; x withholds a figure from which a "
      body += "small count could be worked out; c withholds every count of a plan whose places (those it adds or "
      body += "takes away, which bound the children it places or unplaces) would give one back, and a count of the "
      body += "baseline's, or a need's in every plan, that would give one back read beside allocate's public page of "
      body += "the same case. "
      body +=
        "The capital cost per child fewer without a place is worked out from the rounded counts, as a range where "
      body += "their difference is under 20 (each is within 2 of its count). "
      body += "Costs of places, the annual total, journeys in total, and journeys and missed preferences are "
      body += "withheld (x): a school's cost per place, the policy's penalties, or a journey band's bounds, divided "
      body += "into them would give back counts this page rounds. "
    }
    body += "Made by Placewise; the figures are those of comparison.csv.</footer>\n"
    return HTMLPage.document(title: title, level: level, body: body)
  }

  /// The plan that leaves the least need unmet, in a sentence.
  private static func bestPlan(_ rows: [ComparisonRow], level: ReportLevel, hidden: Set<Int>) -> String {
    typealias F = NumberFormatting
    var body = ""
    // A plan whose counts are withheld is in no sentence: "less than the
    // baseline" beside its places pinned it (one place, and the baseline's
    // 0 placed, is 1 placed). Where any is withheld, no plan is named best,
    // so that which is best tells nothing of one withheld.
    if !hidden.isEmpty {
      return "<p>Which plan leaves the least need unmet is not told in this public version: some plans' counts "
        + "are withheld (c).</p>\n"
    }
    // Unmet need is weighted by priority, whose weights mark looked-after
    // children: which plan leaves least of it, and by how much, is not on
    // a public page (round twenty-two). Its counts of children are.
    if level == .public {
      return "<p>Which plan leaves the least need unmet, weighted by priority, is told in the internal version "
        + "only: the weights mark looked-after children. Children without a place are shown for every plan.</p>\n"
    }
    if let baseline = rows.first, let best = bestIndex(rows).map({ rows[$0] }) {
      let gain = baseline.unmetPriority - best.unmetPriority
      body += "<p>"
      // Never better on placements where more children are left without a place.
      if gain > 0 && best.unplaced <= baseline.unplaced {
        // In a public page, the difference of the figures shown (rounded):
        // the exact one, beside them, could pin them. A `<5` is no 0: where
        // either figure is one, the gain is not told (a plan of one place
        // read "about 5 less" beside 5 and <5).
        let base = rounded(baseline.unmetPriority, level: level).value
        let mine = rounded(best.unmetPriority, level: level).value
        let roundedGain = base.flatMap { b in mine.map { b - $0 } }
        // Each rounded figure is within 2 of its count, so their difference
        // is within 4: "about 5" could be 1 (hostile trial, round
        // seventeen), so a small one is given as the range it stands for.
        let told = roundedGain.map { gain -> String in
          if gain < 5 { return "fewer than 5" }
          if gain < 20 { return "between \(F.grouped(max(1, gain - 4))) and \(F.grouped(gain + 4))" }
          return "about " + F.grouped(gain)
        }
        let shownGain = level == .internal ? F.grouped(gain) : told ?? "an amount withheld here,"
        body += "<strong>\(HTMLPage.escape(best.plan))</strong> leaves the least need unmet: "
        body += "\(shownGain) less than the baseline "
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
    // Each plan's counts: pupils, placed, unplaced, first preferences, moved.
    // A public page rounds them to the nearest 5: a difference between two
    // plans (the children one more plan places) would otherwise be a count
    // of its own, below 5 as often as not.
    // A plan the audit withholds shows none of its counts (`c`).
    func disclosed(_ i: Int, _ figure: KeyPath<ComparisonRow, Int>) -> Disclosed {
      hidden.contains(i) ? .confidential : rounded(rows[i][keyPath: figure], level: level)
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
      // In a public page, the change between the figures shown (rounded).
      guard let mine = disclosed(i, \.unmetPriority).value, let theirs = disclosed(0, \.unmetPriority).value
      else { return ("x", "x") }
      let change = mine - theirs
      return (i == 0 ? "-" : F.grouped(change), String(change))
    }
    // Journeys over 1 to 4 children are a figure drawn from a few children
    // (one child's journey): withheld from a public page, as the count is.
    func fewPlaced(_ r: ComparisonRow) -> Bool { level == .public && (1...4).contains(r.placed) }
    // Sums over children whose shares a reader may know (a school's cost
    // per place; the policy's penalties, on the page) are counts in another
    // unit: withheld from a public page, whose counts are rounded. Rounded
    // too, a sum near a band's edge beside a rounded count pinned it (15
    // placed and £100,000 of places at £11,000 a place was 13).
    let withheld = level == .public
    func money(_ value: Double) -> (shown: String, raw: String) {
      withheld ? ("x", "x") : (F.pounds(value), NumberText.format(value))
    }
    // Journeys in total are a sum over children too: allocate's public page
    // withholds the total beside a withheld band, which this page gave back
    // (hostile trial, round ten).
    line("Journeys in total", key: "travel_minutes") { _, r in
      withheld || fewPlaced(r)
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
      // Capital over the cost per child gives the children: in a public
      // page, the children fewer of the rounded counts shown (the exact
      // difference, beside them, pinned them: 302 and 258 shown as 300 and
      // 260, and 44 fewer), withheld below 5. Whether there are any is
      // decided from those counts too: decided from the exact ones (`x` for
      // fewer, `-` for none), it told of a plan of one place, withheld as
      // `c`, that it placed one child (hostile trial, round twenty).
      var fewer = base.unplaced - r.unplaced
      if level == .public {
        // Withheld where either count is <5 (no 0: a plan of one place read
        // £20,000 a child, five times too little, beside 5 and <5) or `c`.
        guard let theirs = disclosed(0, \.unplaced).value, let mine = disclosed(i, \.unplaced).value else {
          return ("x", "x")
        }
        fewer = theirs - mine
        if fewer <= 0 { return ("-", "") }
        if fewer < 5 { return ("x", "x") }
        // The rounded difference is within 4 of the true one: where that is
        // a large share of it, the cost per child is a range (a plan placing
        // 1 child read "£100,000 a child" from a rounded 5, against £500,000).
        if fewer < 20 {
          let low = r.capitalCost / Double(fewer + 4)
          let high = r.capitalCost / Double(max(1, fewer - 4))
          return ("\(F.pounds(low)) to \(F.pounds(high))", "")
        }
      } else if fewer <= 0 {
        return ("-", "")
      }
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
    rows: [ComparisonRow], byNeed: [ComparisonNeedRow], level: ReportLevel, hidden: Set<Int>,
    needs hiddenNeeds: Set<String>
  ) -> String {
    let needs = byNeed.reduce(into: [String]()) { if !$0.contains($1.primaryNeed) { $0.append($1.primaryNeed) } }
    let plans = rows.map(\.plan)
    // Per plan, the need rows' unplaced counts sum to the plan's unplaced.
    var values: [[Disclosed]] = Array(repeating: Array(repeating: .shown(0), count: plans.count), count: needs.count)
    var unplacedCells: [[Disclosed]] = values
    for (p, plan) in plans.enumerated() {
      let mine = needs.map { need in byNeed.first { $0.plan == plan && $0.primaryNeed == need } }
      for n in needs.indices {
        let withheld = hidden.contains(p) || hiddenNeeds.contains(needs[n])
        unplacedCells[n][p] = withheld ? .confidential : rounded(mine[n]?.unplaced ?? 0, level: level)
        values[n][p] = withheld ? .confidential : rounded(mine[n]?.unmetPriority ?? 0, level: level)
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
      let d = moveCounts(plan, moves).map { hidden.contains(i + 1) ? .confidential : rounded($0, level: level) }
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

  /// What a public page withholds: every count of some plans (by index in
  /// `rows`; 0, the baseline's column, too), and the children without a
  /// place of some needs, in every plan.
  struct Withheld: Equatable {
    var plans: Set<Int> = []
    var needs: Set<String> = []
  }

  /// What a public page withholds (`Withheld`).
  ///
  /// A reader who knows a plan (the places it adds and takes away, the
  /// pupils its closures displace) knows its unplaced lie within those
  /// places of the baseline's; and has allocate's public page of the same
  /// batch (`allocatePage`; without it, taken to show each of the
  /// baseline's counts of 5 or more exactly). Beside rounded counts, that
  /// pinned one: the baseline's 5 and a plan of one place's `<5` is 4. So
  /// the page audits what such a reader works out (`IntervalAudit`): the
  /// plan's unplaced against the baseline's, and its moves (newly placed
  /// less those who lose their place is the change in the case's own
  /// placed), and withholds every count of a plan that pins one, until none
  /// does. Decision: the whole plan, not one cell, as its other counts (by
  /// need, its moves) sum back to the one withheld.
  ///
  /// The baseline's own column, rounded, narrows what allocate's page
  /// withholds: allocate's SLCN of 9, placed `<5`, beside the baseline's
  /// SLCN of 10 without a place (8 to 12) was 1 placed (hostile trial,
  /// round twenty-two). What this page tells of the baseline's counts is
  /// handed to allocate's page (`AllocatePage.pinsBeside`): where the
  /// column alone pins a count there, a need whose row it narrows is
  /// withheld in every plan, else the baseline's column; where the plans
  /// do, the plan of fewest places, as above.
  static func withheld(
    _ rows: [ComparisonRow], byNeed: [ComparisonNeedRow], moves: [MoveRow], allocatePage: AllocatePage? = nil
  ) -> Withheld {
    guard let base = rows.first else { return Withheld() }
    var withheld = Withheld()
    // A plan that cuts or closes a setting whose places used allocate's
    // page withholds: how many lose their place there (children of one sex
    // or age range, who can go nowhere else) tells how many it held (round
    // thirty-one: 7 of a girls' school's 10 free places cut showed ASD
    // "0 → <5", so its `<5` girls were 4). Decided from allocate's page and
    // the plan alone.
    if let allocatePage {
      let cut = rows.reduce(into: Set<Int>()) { $0.formUnion($1.places.cutSettings) }.sorted()
      let ranges = allocatePage.ranges(cut.map { .settingUsed($0) })
      let hidden = Set(zip(cut, ranges).filter { $0.1.map { $0.hi - $0.lo > 0.5 } ?? false }.map(\.0))
      for i in rows.indices.dropFirst() where !rows[i].places.cutSettings.isDisjoint(with: hidden) {
        withheld.plans.insert(i)
      }
    }
    // Counted once: moves are a row per pupil moved, per plan.
    let counted = rows.map { Self.moveCounts($0.plan, moves) }
    // The baseline's counts that allocate's page has too: its unplaced,
    // placed, pupils, first preferences met, requests refused, then its
    // children without a place by need.
    let baseNeedRows = byNeed.filter { $0.plan == base.plan && NeedCode(code: $0.primaryNeed) != nil }
    let figures: [AllocatePage.Figure] =
      [.unplaced, .placed, .pupils, .firstPreferenceMet, .requestsRefused]
      + baseNeedRows.compactMap { NeedCode(code: $0.primaryNeed).map { .needUnplaced($0) } }
    let values =
      [base.unplaced, base.placed, base.pupils, base.firstPreferenceMet, base.requestsRefused]
      + baseNeedRows.map(\.unplaced)
    let needsFrom = 5
    let pageRanges = allocatePage?.ranges(figures) ?? []
    func fromAllocate(_ k: Int) -> (lo: Double, hi: Double) {
      if k < pageRanges.count, let range = pageRanges[k] { return range }
      let value = Double(values[k])
      return values[k] == 0 || values[k] >= 5 ? (value, value) : (1, 4)
    }
    // Whether what `audit` tells of the baseline's counts pins a count on
    // allocate's page that it alone leaves open; and the needs whose
    // children without a place it narrows.
    func pinsAllocate(_ audit: IntervalAudit, _ baseline: [Int]) -> (pins: Bool, needs: [String]) {
      guard let allocatePage else { return (false, []) }
      var knowing: [AllocatePage.Figure: (lo: Double, hi: Double)] = [:]
      var needs: [String] = []
      for k in baseline.indices {
        let known = fromAllocate(k)
        let now = audit.range(baseline[k])
        guard now.lo > known.lo + 0.5 || now.hi < known.hi - 0.5 else { continue }
        knowing[figures[k]] = now
        if k >= needsFrom { needs.append(baseNeedRows[k - needsFrom].primaryNeed) }
      }
      return knowing.isEmpty ? (false, []) : (allocatePage.pinsBeside(knowing: knowing), needs)
    }
    // A plan's unplaced by need, as the page rounds them (or withholds
    // them), sum to its unplaced.
    func needCells(_ plan: String, total: Int, _ audit: inout IntervalAudit) -> [(String, Int)] {
      let cells = byNeed.filter { $0.plan == plan }.map { row in
        let shown =
          withheld.needs.contains(row.primaryNeed) ? .confidential : rounded(row.unplaced, level: .public)
        return (row.primaryNeed, audit.add(shown, rounded: true))
      }
      if !cells.isEmpty { audit.relate(cells.map { ($0.1, 1) } + [(total, -1)], 0, 0) }
      return cells
    }
    while true {
      var audit = IntervalAudit()
      // The baseline's counts: as allocate's page gives them, and as this
      // page rounds them (its pupils it does not show), unless withheld.
      let baseShown = !withheld.plans.contains(0)
      let baseline = values.indices.map { k -> Int in
        let known = fromAllocate(k)
        let figure = audit.add(known.lo, known.hi, exact: known.lo == known.hi)
        let needHidden = k >= needsFrom && withheld.needs.contains(baseNeedRows[k - needsFrom].primaryNeed)
        if baseShown, k != 2, !needHidden {
          let shown = audit.add(rounded(values[k], level: .public), rounded: true)
          audit.relate([(figure, 1), (shown, -1)], 0, 0)
        }
        return figure
      }
      let u0 = baseline[0]
      audit.relate([(baseline[1], 1), (u0, 1), (baseline[2], -1)], 0, 0)
      let baseNeeds = zip(baseNeedRows.map(\.primaryNeed), baseline[needsFrom...]).map { ($0, $1) }
      if !baseNeeds.isEmpty { audit.relate(baseNeeds.map { ($0.1, 1) } + [(u0, -1)], 0, 0) }
      // The baseline's column alone, beside allocate's page.
      if allocatePage != nil, baseShown {
        audit.propagate()
        let beside = pinsAllocate(audit, baseline)
        if beside.pins {
          if let need = beside.needs.first(where: { !withheld.needs.contains($0) }) {
            withheld.needs.insert(need)
          } else {
            withheld.plans.insert(0)
          }
          continue
        }
      }
      var plans: [(index: Int, cells: [Int], change: Int, reach: Int)] = []
      var totals: [Int] = []
      for i in rows.indices.dropFirst() where !withheld.plans.contains(i) {
        let row = rows[i]
        let u = audit.add(rounded(row.unplaced, level: .public), rounded: true)
        // Its change from the baseline, a figure of its own (a count too), so
        // that what bounds it narrows it: bounds on `u - u0` alone leave the
        // difference of two ranges (10 against 10, "fewer", with 1 place, is
        // 1 fewer: hostile trial, round twelve).
        let changes = audit.differences(u, u0)
        audit.bound(
          changes[0], Double(-row.places.added), Double(row.places.removed + row.displaced),
          truth: Double(row.unplaced - base.unplaced))
        // Its placed and unplaced sum to its pupils (the baseline's, as
        // allocate's page gives them, and those its closures displace); it
        // places no more children than its free places.
        let q = audit.add(rounded(row.placed, level: .public), rounded: true)
        audit.relate([(q, 1), (u, 1), (baseline[2], -1)], Double(row.displaced), Double(row.displaced))
        audit.relate([(q, 1)], 0, Double(row.places.freePlaces))
        let m = counted[i].map { audit.add(rounded($0, level: .public), rounded: true) }
        let (newly, elsewhere, lost, all) = (m[0], m[1], m[2], m[3])
        audit.relate([(all, 1), (newly, -1), (elsewhere, -1), (lost, -1)], 0, 0)
        // The case's own pupils placed, plan less baseline, is newly placed
        // less those who lose their place; the plan's placed also count
        // displaced pupils it places (0 to all of them).
        audit.relate([(newly, 1), (lost, -1), (changes[0], 1)], 0, Double(row.displaced))
        audit.relate([(u0, 1), (newly, -1)], 0, .infinity)
        // Places added where every eligible setting was full are used, up
        // to the children so placed: a reader told there is one school
        // (and 5 without a place there) takes a plan's 3 places there as 3
        // newly placed (hostile trial, round twelve). The audit takes it
        // wherever it holds.
        let used = min(row.places.added, base.unplacedSettingsFull)
        if counted[i][0] >= used { audit.relate([(newly, 1)], Double(used), .infinity) }
        if row.unplaced - base.unplaced <= -used { audit.relate([(changes[0], 1)], -.infinity, Double(-used)) }
        audit.relate([(u, 1), (lost, -1)], 0, .infinity)
        // A pupil it does not move keeps the baseline's place, and with it
        // the baseline's first preference and request outcome: so its first
        // preferences met, requests refused and each need's children
        // without a place differ from the baseline's by no more than the
        // pupils it moves (those its closures displace adding theirs). A
        // plan that moves nobody shows the baseline's figures (hostile
        // trial, round twenty-three: its "requests refused 35" beside
        // allocate's requests by phase was Secondary met 4). Taken only
        // where it holds (a plan may change a request's protection).
        func withinMoves(_ change: Int, _ drop: Int) {
          let moved = counted[i][3]
          if drop >= -moved { audit.relate([(change, 1), (all, 1)], 0, .infinity) }
          if drop <= moved + row.displaced {
            audit.relate([(change, 1), (all, -1)], -.infinity, Double(row.displaced))
          }
        }
        var outcomes: [Int] = []
        for (k, value) in [(3, row.firstPreferenceMet), (4, row.requestsRefused)] {
          let mine = audit.add(rounded(value, level: .public), rounded: true)
          let change = audit.differences(mine, baseline[k])
          withinMoves(change[0], value - values[k])
          outcomes += [mine] + change
        }
        let needs = needCells(row.plan, total: u, &audit)
        // Need by need, within the places it opens to the need (more places,
        // or a designation) and takes from it, of the baseline's. The
        // differences are counts too: 14 and 12 MLD is 2 newly placed
        // (hostile trial, round eleven).
        var differences = changes
        for (need, cell) in needs {
          guard let theirs = baseNeeds.first(where: { $0.0 == need })?.1 else { continue }
          let code = NeedCode(code: need)
          let change = audit.differences(cell, theirs)
          let opened = code.flatMap { row.places.addedByNeed[$0] } ?? row.places.added
          let taken = (code.flatMap { row.places.removedByNeed[$0] } ?? row.places.removed) + row.displaced
          let was = byNeed.first { $0.plan == base.plan && $0.primaryNeed == need }?.unplaced ?? 0
          let now = byNeed.first { $0.plan == row.plan && $0.primaryNeed == need }?.unplaced ?? 0
          // Taken only where it holds: a chain of moves can break it (an
          // MLD child leaving a mixed school for new MLD places frees a
          // place there for an ASD child), and then the plan's places in all.
          let drop = now - was
          audit.bound(
            change[0], Double(drop >= -opened ? -opened : -row.places.added),
            Double(drop <= taken ? taken : row.places.removed + row.displaced), truth: Double(drop))
          // The places open to the need are used, up to its children without
          // a place, wherever that holds (3 ASD places and 20 MLD places for
          // 5 ASD and 6 MLD children: ASD 2; hostile trial, round thirteen).
          let used = min(opened, was)
          if used > 0, now - was <= -used { audit.relate([(change[0], 1)], -.infinity, Double(-used)) }
          withinMoves(change[0], drop)
          differences += change
        }
        // Its difference from each plan before it is a count too (plans of
        // 7 and 10 places for 20 children waiting, shown 15 and 10, are 13
        // and 10, so 3 apart; hostile trial, round fourteen).
        let apart = totals.flatMap { audit.differences(u, $0) }
        totals.append(u)
        plans.append(
          (
            i, [u, q] + m + outcomes + needs.map(\.1) + differences + apart, changes[0],
            row.places.added + row.places.removed + row.displaced
          ))
      }
      // With no plan withheld, the headline names the best: less need unmet
      // than the baseline (so, every priority 1, fewer unplaced), or no
      // plan with less (none with fewer).
      if withheld.plans.isEmpty, let best = bestIndex(rows) {
        let gain = rows[best].unmetPriority < base.unmetPriority && rows[best].unplaced <= base.unplaced
        for plan in plans where plan.index == best || !gain {
          let (lo, hi): (Double, Double) = gain ? (-.infinity, -1) : (0, .infinity)
          audit.relate([(plan.change, 1)], lo, hi)
        }
      }
      audit.propagate()
      if let plan = plans.first(where: { $0.cells.contains(where: audit.pinned) }) {
        withheld.plans.insert(plan.index)
        continue
      }
      // The baseline's counts pinned, here or on allocate's page, by the
      // plans: the plan of fewest places withheld.
      guard baseline.contains(where: audit.pinned) || (!plans.isEmpty && pinsAllocate(audit, baseline).pins) else {
        return withheld
      }
      if let plan = plans.min(by: { ($0.reach, $0.index) < ($1.reach, $1.index) }) {
        withheld.plans.insert(plan.index)
      } else if baseShown {
        withheld.plans.insert(0)
      } else {
        return withheld
      }
    }
  }

  /// A count as the page shows it: itself in an internal page; in a public
  /// one 0, `<5` for 1 to 4, else rounded to the nearest 5 (the ONS's
  /// rounding, so that no difference of two figures is an exact count).
  static func rounded(_ value: Int, level: ReportLevel) -> Disclosed {
    guard level == .public, value > 0 else { return .shown(value) }
    if value < 5 { return .small }
    return .shown((value + 2) / 5 * 5)
  }
}
