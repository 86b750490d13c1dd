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
    func unmet(_ value: Int) -> String { level == .public && (1...4).contains(value) ? "<5" : F.grouped(value) }
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
    let u = unmet(summary.unmetPriority)
    body += card(
      "unmet_priority", "unmet need, priority-weighted (baseline \(unmet(summary.baselineUnmetPriority)))",
      u, u == "<5" ? u : String(summary.unmetPriority))
    body += "</div>\n"
    body += optionsSection(options, details: details, level: level)
    if let frontier, !frontier.isEmpty {
      body += "<h2 id=\"frontier\">What each budget buys</h2>\n<p>For each capital budget, the least unmet need "
      body += "(priority-weighted) the best set of options reaches.</p>\n"
      let drawn = frontier.filter { level == .internal || !(1...4).contains($0.unmetPriority) }
      body += "<figure class=\"keep\">"
      body += SVGCharts.stepChart(
        points: drawn.map { row in
          (row.budget, Double(row.unmetPriority), "\(F.pounds(row.budget)): unmet need \(F.grouped(row.unmetPriority))")
        }, xLabel: "capital budget", yLabel: "unmet need", xText: { F.pounds($0) })
      if drawn.count < frontier.count {
        body += "<figcaption>Budgets leaving an unmet need of 1 to 4 are not drawn in this public version."
        body += "</figcaption>"
      }
      body += "</figure>\n"
      let frontierRows = frontier.map { row in
        [
          F.pounds(row.budget), HTMLPage.escape(unmet(row.unmetPriority)), F.decimal(row.placementCost, places: 0),
          F.pounds(row.capitalCost), F.pounds(row.annualCost), HTMLPage.escape(row.options.joined(separator: ", ")),
        ]
      }
      body += HTMLPage.table(
        ["Budget", "Unmet need", "Journeys and missed preferences", "Capital cost", "Annual cost", "Options"],
        frontierRows, numeric: [0, 1, 2, 3, 4], attributes: " id=\"frontier-table\"")
    }
    if let identity { body += HTMLReport.identitySection(identity) }
    body += "<footer>Made by Placewise; the figures are those of recommendation.csv"
    body += frontier == nil ? "." : " and frontier.csv."
    body += "</footer>\n"
    return HTMLPage.document(title: title, level: level, body: body)
  }
}
