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
    // A public page rounds unmet need to the nearest 5, as compare's does:
    // the drop from the baseline is otherwise a count of children placed in
    // the new places, which an option of 1 to 4 places shows as 0-4 (12
    // unmet against 9 with one option of 3 places pinned it to 3).
    func shownUnmet(_ value: Int) -> Disclosed { ComparisonReport.rounded(value, level: level) }
    func unmet(_ value: Int) -> String { shownUnmet(value).text }
    let chosen = options.filter(\.chosen)
    let capital = chosen.reduce(0) { $0 + $1.capitalCost }
    let annual = chosen.reduce(0) { $0 + $1.annualCost }
    var body = "<header class=\"top\"><div class=\"kicker\">Placewise</div><h1>\(HTMLPage.escape(title))"
    body += level == .public ? "<span class=\"badge public\">Public version</span>" : ""
    body += "</h1><p class=\"lede\">The best set of options within a capital budget of \(F.pounds(summary.budget))"
    if let annualBudget = summary.annualBudget { body += " and an annual budget of \(F.pounds(annualBudget))" }
    body +=
      summary.then == "travel"
      ? ": least unmet need first, then shortest journeys, then least capital."
      : ": least unmet need first, then least capital, then shortest journeys."
    body += "</p></header>\n"
    if let identity { body += HTMLReport.identityLine(identity) }
    body += "<div class=\"figures\">"
    func card(_ key: String, _ label: String, _ shown: String, _ raw: String) -> String {
      "<div class=\"figure\"><span class=\"value\" data-figure=\"\(key)\" data-value=\"\(HTMLPage.escape(raw))\">"
        + "\(HTMLPage.escape(shown))</span><span class=\"label\">\(HTMLPage.escape(label))</span></div>"
    }
    body += card("options_chosen", "options chosen", F.grouped(chosen.count), String(chosen.count))
    body += card("capital_cost", "capital cost", F.pounds(capital), NumberText.format(capital))
    body += card("annual_cost", "annual cost", F.pounds(annual), NumberText.format(annual))
    let u = shownUnmet(summary.unmetPriority)
    body += card(
      "unmet_priority", "unmet need, priority-weighted (baseline \(unmet(summary.baselineUnmetPriority)))",
      u.text, u.value.map { String($0) } ?? u.text)
    body += "</div>\n"
    body += optionsSection(options, details: details, level: level)
    if let frontier, !frontier.isEmpty {
      body += "<h2 id=\"frontier\">What each budget buys</h2>\n<p>For each capital budget, the least unmet need "
      body += "(priority-weighted) the best set of options reaches.</p>\n"
      let drawn = frontier.filter { shownUnmet($0.unmetPriority).value != nil }
      body += "<figure class=\"keep\">"
      body += SVGCharts.stepChart(
        points: drawn.map { row in
          let shown = shownUnmet(row.unmetPriority).value ?? 0
          return (row.budget, Double(shown), "\(F.pounds(row.budget)): unmet need \(F.grouped(shown))")
        }, xLabel: "capital budget", yLabel: "unmet need", xText: { F.pounds($0) },
        xMaximum: frontier.map(\.budget).max() ?? 0)
      if drawn.count < frontier.count {
        body += "<figcaption>Budgets leaving an unmet need of 1 to 4 are not drawn in this public version."
        body += "</figcaption>"
      }
      body += "</figure>\n"
      let frontierRows = frontier.map { row in
        [
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
    if let identity { body += HTMLReport.identitySection(identity) }
    body += "<footer>"
    if level == .public {
      body += "Public version: unmet need is rounded to the nearest 5 (1 to 4 shown as &lt;5, 0 as 0), so that the "
      body += "drop it shows is no count of the children placed in the new places. "
    }
    body += "Made by Placewise; the figures are those of recommendation.csv"
    body += frontier == nil ? "." : " and frontier.csv."
    body += "</footer>\n"
    return HTMLPage.document(title: title, level: level, body: body)
  }
}
