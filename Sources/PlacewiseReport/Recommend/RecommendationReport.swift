import Placewise

/// Renders the `report.html` of `recommend`: the chosen options and the
/// frontier of best sets by budget.
package enum RecommendationReport {
  /// The page, from `summary.json`'s figures, `recommendation.csv` and,
  /// when computed, `frontier.csv`.
  package static func render(
    summary: RecommendationSummary, options: [RecommendationOptionRow], frontier: [FrontierRow]?,
    level: ReportLevel = .internal, title: String = "Recommended options", identity: RunIdentity? = nil,
    details: [RecommendationOptionDetail]? = nil, frontierDetails: [[RecommendationOptionDetail]]? = nil,
    fewWaiting: [Bool]? = nil
  ) -> String {
    typealias F = NumberFormatting
    // A public page shows no unmet need: it is weighted by priority, whose
    // weights mark looked-after children (beside allocate's count of
    // children without a place it told that some were looked after; with
    // wide priorities, rounded to 5 as it was until round twenty-two, it
    // gave one child's priority to within 2). The options, budgets and
    // costs stay, and the audit of choices below still runs on the counts.
    func shownUnmet(_ value: Int) -> Disclosed {
      level == .public ? .hidden : ComparisonReport.rounded(value, level: level)
    }
    func unmet(_ value: Int) -> String { shownUnmet(value).text }
    let withheld =
      level == .public
      ? withheldChoices(
        summary: summary, options: options, frontier: frontier ?? [], details: details,
        frontierDetails: frontierDetails, fewWaiting: fewWaiting)
      : (main: false, rows: [])
    let chosen = options.filter(\.chosen)
    let capital = Pence.sum(chosen.map(\.capitalCost))
    let annual = Pence.sum(chosen.map(\.annualCost))
    var body = "<header class=\"top\"><div class=\"kicker\">Placewise</div><h1>\(HTMLPage.escape(title))"
    body += level == .public ? "<span class=\"badge public\">Public version</span>" : ""
    body += "</h1><p class=\"lede\">The best set of options within a capital budget of \(F.pounds(summary.budget))"
    if let annualBudget = summary.annualBudget { body += " and an annual budget of \(F.pounds(annualBudget))" }
    // The order of `planning.md`: unmet need, requests refused, then as
    // `--then` says, then annual cost (round twenty-six: the line left out
    // requests and gave `whole-life` the capital order).
    body += ": least unmet need first, then fewest requests refused, then "
    switch summary.then {
    case "travel": body += "shortest journeys, then least capital"
    case "whole-life": body += "least whole-life cost over \(F.count(summary.years, "year")), then least capital"
    default: body += "least capital, then shortest journeys"
    }
    body += ", then least annual cost.</p></header>\n"
    if let identity { body += HTMLReport.identityLine(identity) }
    // The page is made from a search with every priority 1 (the command
    // runs it): which options are best with the weights would tell that a
    // looked-after child waits (round twenty-five). Said on every public
    // page, so that saying it tells nothing.
    if level == .public {
      body += "<p class=\"note\">This public version ranks the options with every child weighted alike: the "
      body += "weights by priority mark looked-after children. The SEND team's recommendation, which weights them, "
      body += "is in the internal version and may name other options.</p>\n"
    }
    body += "<div class=\"figures\">"
    func card(_ key: String, _ label: String, _ shown: String, _ raw: String) -> String {
      "<div class=\"figure\"><span class=\"value\" data-figure=\"\(key)\" data-value=\"\(HTMLPage.escape(raw))\">"
        + "\(HTMLPage.escape(shown))</span><span class=\"label\">\(HTMLPage.escape(label))</span></div>"
    }
    if withheld.main {
      body += card("options_chosen", "options chosen", "x", "x")
      body += card("capital_cost", "capital cost", "x", "x")
      body += card("annual_cost", "annual cost", "x", "x")
    } else {
      body += card(
        "options_chosen", chosen.count == 1 ? "option chosen" : "options chosen", F.grouped(chosen.count),
        String(chosen.count))
      body += card("capital_cost", "capital cost", F.pounds(capital), NumberText.format(capital))
      body += card("annual_cost", "annual cost", F.pounds(annual), NumberText.format(annual))
    }
    let u = withheld.main ? Disclosed.confidential : shownUnmet(summary.unmetPriority)
    body += card(
      "unmet_priority", "unmet need, priority-weighted (baseline \(unmet(summary.baselineUnmetPriority)))",
      u.text, u.value.map { String($0) } ?? u.text)
    body += "</div>\n"
    body += optionsSection(options, details: details, level: level, choiceWithheld: withheld.main)
    if let frontier, !frontier.isEmpty {
      body += "<h2 id=\"frontier\">What each budget buys</h2>\n<p>For each capital budget, the least unmet need "
      body += "(priority-weighted) the best set of options reaches.</p>\n"
      if level == .public {
        body += "<p>Unmet need is weighted by priority, whose weights mark looked-after children: it is in the "
        body += "internal version only, with its chart.</p>\n"
      } else {
        body += "<figure class=\"keep\">"
        body += SVGCharts.stepChart(
          points: frontier.map { row in
            (
              row.budget, Double(row.unmetPriority),
              "\(F.pounds(row.budget)): unmet need \(F.grouped(row.unmetPriority))"
            )
          }, xLabel: "capital budget", yLabel: "unmet need", xText: { F.pounds($0) },
          xMaximum: frontier.map(\.budget).max() ?? 0)
        body += "</figure>\n"
      }
      let frontierRows = frontier.indices.map { r in
        let row = frontier[r]
        if withheld.rows.contains(r) {
          // Unmet need `x` as in every public row (round twenty-seven: `c`
          // here beside `x` in the others).
          return [F.pounds(row.budget), "x", "x", "x", "x", "withheld"]
        }
        return [
          // Level C is withheld from a public page: in pounds it holds the
          // places' costs per place (40,842 then 102,106 at £20,000 a place
          // was 2 placed, then 5), in minutes the policy's penalties.
          F.pounds(row.budget), HTMLPage.escape(unmet(row.unmetPriority)),
          level == .public ? "x" : F.decimal(row.placementCost, places: 0),
          F.pounds(row.capitalCost), F.pounds(row.annualCost), HTMLPage.escape(row.options.joined(separator: ", ")),
        ]
      }
      body += HTMLPage.table(
        ["Budget", "Unmet need", "Journeys and missed preferences", "Capital cost", "Annual cost", "Options"],
        frontierRows, numeric: [0, 1, 2, 3, 4], attributes: " id=\"frontier-table\"")
    }
    if let identity { body += HTMLReport.identitySection(identity, level: level) }
    body += "<footer>"
    if level == .public {
      body += "Public version: unmet need, weighted by priority, is withheld (x): its weights mark looked-after "
      body += "children. The children placed in each option's places are withheld (c): with the places, they "
      body += "would show how many stay empty, and so whether any child of the needs they admit still waits. "
      body += "Where the options chosen would give back a count of 1 to 4 (a chosen option holding 1 to 4 "
      body += "children, places for a need or age group with 1 to 4 children waiting before or after, or "
      body += "their places beside the baseline's unmet need), and wherever allocate's public page of the case "
      body += "withholds a count of children without a place (which options are taken and which are left "
      body += "bound how many wait), the choice and its costs are withheld (c, x): use the internal version. "
    }
    // A public page's figures are those of the search with every priority
    // 1, which recommendation.csv (weighted) need not share (round
    // twenty-six: the page said they were recommendation.csv's).
    if level == .public {
      body += "Made by Placewise from the search with every child weighted alike; recommendation.csv"
      body += frontier == nil ? " holds" : " and frontier.csv hold"
      body += " the SEND team's, weighted by priority."
    } else {
      body += "Made by Placewise; the figures are those of recommendation.csv"
      body += frontier == nil ? "." : " and frontier.csv."
    }
    body += "</footer>\n"
    return HTMLPage.document(title: title, level: level, body: body)
  }

  /// The public page of a changed case's allocation (a compare plan's, or
  /// the recommended options'), written in its place: beside allocate's
  /// public page of the case as given, two pages of exact counts whose
  /// batches differ by a plan give back by their difference counts of 1 to
  /// 4 (hostile trial, round twenty-four: Post-16 unplaced 9 on one and 6
  /// on the other, 3 newly placed; a need's placed `<5` was 1). `shownOn`
  /// says where a reader finds what changes.
  package static func changedAllocationPage(title: String, changedBy: String, shownOn: String) -> String {
    standIn(
      title: title,
      paragraph: "The allocation with \(changedBy) is not published page by page: beside allocate's public page of "
        + "the case as given, two pages of exact counts that differ by \(changedBy) would give back, by their "
        + "difference, counts of 1 to 4 children. \(shownOn); the internal version "
        + "(--report-level internal) has this page.")
  }

  /// The public page of the recommended allocation where the choice is
  /// withheld: the allocation's settings (their free places) would name it.
  package static func withheldAllocationPage(title: String) -> String {
    standIn(
      title: title,
      paragraph: "The allocation with the recommended options is withheld from this public version: its settings' "
        + "places would tell which options were chosen, which the recommendation's page withholds (they would "
        + "give back a count of 1 to 4 children). The internal version (--report-level internal) shows it.")
  }

  /// A public page standing in for one withheld whole: its title, and why.
  private static func standIn(title: String, paragraph: String) -> String {
    var body = "<header class=\"top\"><div class=\"kicker\">Placewise</div><h1>\(HTMLPage.escape(title))"
    body += "<span class=\"badge public\">Public version</span></h1></header>\n"
    body += "<h2 id=\"withheld\">Withheld</h2>\n<p>\(paragraph)</p>\n"
    return HTMLPage.document(title: title, level: .public, body: body)
  }

  /// Whether a public page withholds the recommendation's choice, and
  /// which frontier rows' choices it withholds.
  ///
  /// A reader who knows the options file knows the places each chosen
  /// option adds; at least cost, each option chosen places a child or more,
  /// and none places more children than its places. So the drop from the
  /// baseline's unmet need lies between the options chosen and their
  /// places, and a reader who also knows the baseline's count (allocate's
  /// public page shows 5 or more exactly, and every priority may be 1) can
  /// pin what is left: a baseline of `<5` and three 1-place options chosen
  /// is 3. The page audits each choice so (`IntervalAudit`) and withholds a
  /// choice, its costs and its unmet need where it pins a count of 1 to 4,
  /// until none does.
  package static func withheldChoices(
    summary: RecommendationSummary, options: [RecommendationOptionRow], frontier: [FrontierRow],
    details: [RecommendationOptionDetail]?, frontierDetails: [[RecommendationOptionDetail]]? = nil,
    fewWaiting: [Bool]? = nil
  ) -> (main: Bool, rows: Set<Int>) {
    let details = details.flatMap { $0.count == options.count ? $0 : nil }
    let index = Dictionary(options.indices.map { (options[$0].option, $0) }, uniquingKeysWith: { a, _ in a })
    // Each choice: its unmet need, and the drop's bounds (options adding
    // places, and their places; without details, no bound above).
    func bounds(_ chosen: [Int]) -> (lo: Double, hi: Double) {
      guard let details else { return (0, .infinity) }
      let adding = chosen.filter { details[$0].placesAdded > 0 }
      return (Double(adding.count), Double(adding.reduce(0) { $0 + details[$1].placesAdded }))
    }
    var choices: [(unmet: Int, drop: (lo: Double, hi: Double))] = [
      (summary.unmetPriority, bounds(options.indices.filter { options[$0].chosen }))
    ]
    for row in frontier { choices.append((row.unmetPriority, bounds(row.options.compactMap { index[$0] }))) }
    // A choice whose unmet need before or after, or whose drop, is 1 to 4 is
    // withheld outright: at least capital, the options it takes and leaves
    // tell the drop (from options of 1 to 4 places, the 3-place one taken
    // and the 4-place one left is a drop of 3; three of five affordable
    // 1-place options likewise), and so the count (hostile trial, round ten).
    var withheld = Set(
      choices.indices.filter { c in
        let drop = summary.baselineUnmetPriority - choices[c].unmet
        return [summary.baselineUnmetPriority, choices[c].unmet, drop].contains { (1...4).contains($0) }
      })
    // A choice in which a chosen option holds 1 to 4 children is withheld:
    // at least cost, what it was taken over, at its setting or at another
    // that takes the same children, or left beside it, pins them, and so
    // allocate's `<5` of their need (hostile trials: round twelve, a3 taken
    // over the cheaper a2 in its group; round twenty-seven, b and c over the
    // cheaper a at one SEMH school, 4; round twenty-eight, a at one SEMH
    // school over b at another, 3, and frontier rows likewise). Each
    // frontier row is judged by its own allocation; a row that names
    // options without one is withheld.
    let perChoice =
      [details]
      + frontier.indices.map { r in
        frontierDetails.flatMap { r < $0.count && $0[r].count == options.count ? $0[r] : nil }
      }
    for (c, choice) in perChoice.enumerated() {
      guard let choice else {
        if c > 0, !frontier[c - 1].options.isEmpty { withheld.insert(c) }
        continue
      }
      if choice.contains(where: { (1...4).contains($0.childrenPlaced ?? 0) }) { withheld.insert(c) }
    }
    // So is a choice whose places serve a need or phase with 1 to 4
    // children waiting, before it or after (`RecommendationDetails
    // .servesFewWaiting`), by choice: the recommendation, then each row.
    for (c, few) in (fewWaiting ?? []).enumerated() where few && c < choices.count { withheld.insert(c) }
    while true {
      var audit = IntervalAudit()
      let base = audit.add(Disclosure([summary.baselineUnmetPriority], level: .public).resolve()[0], rounded: false)
      var cells: [(choice: Int, cell: Int)] = []
      for (c, choice) in choices.enumerated() where !withheld.contains(c) {
        let after = audit.add(ComparisonReport.rounded(choice.unmet, level: .public), rounded: true)
        audit.relate([(base, 1), (after, -1)], choice.drop.lo, choice.drop.hi)
        cells.append((c, after))
      }
      // The recommendation's options, each with its children placed as the
      // page shows them: at least cost, a chosen option places one or more,
      // and no more than its places (a chosen option of 1 place shown `0-4`
      // placed 1: hostile trial, round thirteen).
      if !withheld.contains(0), let details {
        var optionCells: [Int] = []
        var childrenInAll = 0
        for o in options.indices where options[o].chosen && details[o].placesAdded > 0 {
          guard let placed = details[o].childrenPlaced else { continue }
          let places = details[o].placesAdded
          // Shown `c` (see `optionsSection`); what a reader knows of it is
          // still related below.
          let x = audit.add(.confidential, rounded: false)
          audit.relate([(x, 1)], 1, Double(places))
          cells.append((0, x))
          optionCells.append(x)
          childrenInAll += placed
        }
        // Together they place at least the drop, where that holds (every
        // school full: 10 waiting, none left, 6 in one option shown, so 4
        // in the other; hostile trial, round fourteen).
        let drop = summary.baselineUnmetPriority - summary.unmetPriority
        if !optionCells.isEmpty, childrenInAll >= drop, let after = cells.first(where: { $0.choice == 0 })?.cell {
          audit.relate(optionCells.map { ($0, 1) } + [(base, -1), (after, 1)], 0, .infinity)
        }
        // And at most the pupils their places could hold (options for SEMH
        // alone, with allocate's 8 SEMH children all unplaced and none left:
        // 8 in all, so 7 in one and `0-4` in the other was 1; hostile trial,
        // round seventeen; so for ages, round eighteen).
        let pupils = options.indices.first { options[$0].chosen }.flatMap { details[$0].pupilsTheChoiceCanHold }
        if !optionCells.isEmpty, let pupils, childrenInAll <= pupils {
          audit.relate(optionCells.map { ($0, 1) }, 0, Double(pupils))
        }
      }
      audit.propagate()
      if let hit = cells.first(where: { audit.pinned($0.cell) }) {
        withheld.insert(hit.choice)
      } else if audit.pinned(base),
        let widest = cells.min(by: { (choices[$0.choice].drop.hi, $0.choice) < (choices[$1.choice].drop.hi, $1.choice) }
        )
      {
        withheld.insert(widest.choice)
      } else {
        // A frontier row that is the recommendation itself (the run's own
        // budget, or any that chooses the same) is withheld with it: it
        // printed the options, capital and unmet need the cards withhold
        // (hostile trial, round twenty).
        var rows = Set(withheld.filter { $0 > 0 }.map { $0 - 1 })
        if withheld.contains(0) {
          let main = Set(options.filter(\.chosen).map(\.option))
          rows.formUnion(frontier.indices.filter { Set(frontier[$0].options) == main })
        }
        return (withheld.contains(0), rows)
      }
    }
  }
}
