import Placewise

extension HTMLReport {
  /// Requests under section 39 and pupils who could stay where they are:
  /// protected requests met and refused by need and by phase, the grounds
  /// in words, and pupils kept at or moved from their current setting.
  static func requestSection(
    _ figures: ReportFigures, summary s: AllocationSummary, counts: ReportCounts, level: ReportLevel
  ) -> String {
    var html = "<h2 id=\"requests\">Requests and continuity</h2>\n"
    guard s.requestsProtected > 0 || s.pupilsKeptAtCurrent + s.pupilsMovedFromCurrent > 0 else {
      return html + "<p>No protected request and no pupil with a current setting that could keep them.</p>\n"
    }
    html += "<p>A request (the parents', or from 16 the young person's) for a school the authority must name "
    html += "under section 39 of the Children and Families Act 2014 is refused only where the school is unsuitable "
    html += "or naming it would be incompatible with the efficient education of others (its places went to "
    html += "children who could go nowhere else, or who requested it too) or with the efficient use of resources. "
    html += "Placewise first leaves as little need unmet as it can, then refuses as few such requests as it can.</p>\n"
    if s.requestsProtected > 0 {
      html += requestTable(
        figures.byNeed, key: ReportCounts.Key.needRequests, counts: counts, level: level, heading: "By primary need",
        caption: "Need")
      html += requestTable(
        figures.byPhase, key: ReportCounts.Key.phaseRequests, counts: counts, level: level, heading: "By phase",
        caption: "Phase")
    }
    let d = [counts[.kept], counts[.moved], counts[.couldStay]]
    html += "<h3>Pupils who could stay at their current setting</h3>\n"
    html += HTMLPage.table(
      ["", "Pupils"], [["Kept there", d[0].html], ["Moved, or left without a place", d[1].html]], numeric: [1],
      footer: ["All who could stay", d[2].html])
    if s.requestsExceptedResources > 0 {
      let n = counts[.exceptedOnCost]
      html += "<p class=\"note\">\(n.html) further request(s) would cost more than the policy's margin above the "
      html += "least costly suitable setting, so they are not protected (efficient use of resources).</p>\n"
    }
    return html
  }

  /// One group table of protected requests met and refused.
  private static func requestTable(
    _ groups: [ReportFigures.Group], key: (Int, Int) -> ReportCounts.Key, counts: ReportCounts, level: ReportLevel,
    heading: String, caption: String
  ) -> String {
    // A public page lists every group of the batch: a row only where a
    // count is above 0 would tell that its `0-4` is not 0 (round thirty-five).
    let shownGroups = groups.indices.filter { level == .public || groups[$0].requests > 0 }
    let shown = shownGroups.map { groups[$0] }
    let n = shown.count
    var d: [Disclosed] = []
    for g in shownGroups { d += (0..<3).map { counts[key(g, $0)] } }
    d += (0..<3).map { counts[.requests($0)] }
    let rows = shown.indices.map { g in
      [HTMLPage.escape(shown[g].label), d[3 * g].html, d[3 * g + 1].html, d[3 * g + 2].html]
    }
    return "<h3>\(heading)</h3>\n<div class=\"keep\">"
      + HTMLPage.table(
        [caption, "Protected requests", "Met", "Refused"], rows, numeric: [1, 2, 3],
        footer: ["All", d[3 * n].html, d[3 * n + 1].html, d[3 * n + 2].html], attributes: " class=\"counts\"")
      + "</div>\n"
  }

  /// The year's money: places, transport and the children still without a
  /// place, in pounds a year, and the place cost by need; "costs not given"
  /// where the case gives none.
  static func moneySection(
    _ figures: ReportFigures, summary s: AllocationSummary, counts: ReportCounts, level: ReportLevel
  ) -> String {
    var html = "<h2 id=\"money\">Annual costs</h2>\n"
    guard s.costsGiven else {
      return html + "<p>Costs not given: the case has no cost_per_place, pounds_per_minute or unplaced_cost.</p>\n"
    }
    typealias F = NumberFormatting
    // The unplaced children's cost is a count times a constant: hidden where
    // the public report hides the count.
    let hidden = counts[.unplaced].value == nil && s.unplacedCostEach > 0
    // So are the place and transport costs of 1 to 4 placed children (a cost
    // over a known cost per place, or one child's journey).
    let fewPlaced = counts[.placed].value == nil
    // A cost of places over a setting whose count is withheld is withheld,
    // and so the total (see ReportCounts.placeCostShown).
    let placesHidden = fewPlaced || !counts.placeCostShown
    // Transport is `pounds_per_minute` times the journeys' total: withheld
    // where the total is (see ReportCounts.journeySumsShown).
    let transportHidden = fewPlaced || !counts.journeySumsShown
    let rows = [
      ["Places used (cost_per_place)", placesHidden ? "x" : F.pounds(s.annualPlaceCost)],
      [
        "Transport (pounds_per_minute times journey minutes)",
        transportHidden ? "x" : F.pounds(s.annualTransportCost),
      ],
      ["Children without a place (unplaced_cost each)", hidden ? "x" : F.pounds(s.annualUnplacedCost)],
    ]
    html += "<div class=\"keep\">"
    html += HTMLPage.table(
      ["Pounds a year", "Amount"], rows, numeric: [1],
      footer: ["In total", hidden || placesHidden || transportHidden ? "x" : F.pounds(s.annualTotalCost)])
    html += "</div>\n"
    // A public page lists every need of the batch, as the need table does:
    // a row only where a child is placed told that its `0-4` was not 0
    // (hostile trial, round thirty-five).
    let shown = figures.byNeed.indices.filter { level == .public || figures.byNeed[$0].placed > 0 }
    let needs = shown.map { figures.byNeed[$0] }
    guard !needs.isEmpty else { return html }
    // The same cells as the need table's, so the two tables agree.
    let d = shown.map { counts[.needPlaced($0)] } + [counts[.placed]]
    let needRows = needs.indices.map { k in
      [
        // A need's cost is its pupils' settings' costs per place: withheld
        // from a public page, as the settings' counts by need are.
        HTMLPage.escape(needs[k].label), d[k].html,
        d[k].value != nil && level == .internal ? F.pounds(needs[k].placeCost) : "x",
      ]
    }
    html += "<h3>Place cost by need</h3>\n<div class=\"keep\">"
    html += HTMLPage.table(
      ["Need", "Pupils placed", "Annual place cost"], needRows, numeric: [1, 2],
      footer: [
        "All needs", d[needs.count].html,
        d[needs.count].value != nil && !placesHidden ? F.pounds(s.annualPlaceCost) : "x",
      ])
    return html + "</div>\n"
  }
}
