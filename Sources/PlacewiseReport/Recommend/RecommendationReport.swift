import Placewise

/// Renders the `report.html` of `recommend`: the chosen options and the
/// frontier of best sets by budget.
package enum RecommendationReport {
  /// The page, from `summary.json`'s figures, `recommendation.csv` and,
  /// when computed, `frontier.csv`.
  package static func render(
    summary: RecommendationSummary, options: [RecommendationOptionRow], frontier: [FrontierRow]?,
    level: ReportLevel = .internal, title: String = "Recommended options", identity: RunIdentity? = nil,
    details: [RecommendationOptionDetail]? = nil
  ) -> String {
    typealias F = NumberFormatting
    // A public page shows no unmet need: it is weighted by priority, whose
    // weights mark looked-after children (beside allocate's count of
    // children without a place it told that some were looked after; with
    // wide priorities, rounded to 5 as it was until round twenty-two, it
    // gave one child's priority to within 2). The options, budgets and
    // costs stay; the choice itself is never named there (`choiceShown`).
    func shownUnmet(_ value: Int) -> Disclosed {
      level == .public ? .hidden : .shown(value)
    }
    func unmet(_ value: Int) -> String { shownUnmet(value).text }
    // A public page names no choice (see `choiceShown`).
    let withheld = (main: !choiceShown(level), rows: choiceShown(level) ? [] : Set((frontier ?? []).indices))
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
    if let identity { body += HTMLReport.identityLine(identity, level: level) }
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
      body += "Public version: which options are chosen, their costs, the unmet need and the children placed "
      body += "are withheld (c, x), at every budget. Which options are taken and which are left answer how many "
      body += "children wait among those the options could serve, and two such answers (two options files, or two "
      body += "budgets) can leave a group of 1 to 4. The options, their places and costs are the options file's. "
      body += "Use the internal version. "
    }
    if level == .public {
      body += "Made by Placewise; recommendation.csv"
      body += frontier == nil ? " holds" : " and frontier.csv hold"
      body += " the choice."
    } else {
      body += "Made by Placewise; the figures are those of recommendation.csv"
      body += frontier == nil ? "." : " and frontier.csv."
    }
    body += "</footer>\n"
    return HTMLPage.document(title: title, level: level, body: body)
  }

  /// The public page of the recommended allocation where the choice is
  /// withheld: the allocation's settings (their free places) would name it.
  package static func withheldAllocationPage(title: String) -> String {
    WithheldPage.render(
      title: title,
      paragraph: "The allocation with the recommended options is withheld from this public version: its settings' "
        + "places would tell which options were chosen, and a public version names no choice (see the "
        + "recommendation's page). The internal version (--report-level internal) shows it.")
  }

  /// Whether a page names the options chosen: an internal one only.
  ///
  /// A public page once showed a choice where an audit found no count of 1
  /// to 4 it gave back. Each hostile trial from round ten to round
  /// thirty-one found a reading the audit missed: which options are taken
  /// and which are left answer how many children wait among those the
  /// options could serve (by need, by age range, by sex, by journey), and a
  /// planner chooses the options file. c9 taken over c8 with c10 left was
  /// 9 waiting (round twenty-nine); options removing places at a girls'
  /// school whose count allocate's page withholds pinned it (round
  /// thirty-one); two options files, at ages 7 to 11 and 9 to 11, left 3
  /// children aged 7 or 8 (round thirty-one). Like any answer to a query
  /// the user writes, the choice cannot be audited against every other
  /// query, so a public page withholds it, whatever the counts.
  static func choiceShown(_ level: ReportLevel) -> Bool { level == .internal }
}
