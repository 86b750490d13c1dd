import Placewise

extension HTMLReport {
  static func placeValueSection(_ rows: [PlaceValueRow], input: Case, counts: ReportCounts, level: ReportLevel)
    -> String
  {
    var names: [String: String] = [:]
    var index: [String: Int] = [:]
    for (s, setting) in input.settings.enumerated() where names[setting.urn.rawValue] == nil {
      names[setting.urn.rawValue] = setting.name
      index[setting.urn.rawValue] = s
    }
    // A place worth something is a full setting (or cap): in a public report
    // that gives its count back, so a setting whose count is withheld is left
    // out, and so is a cap holding 1 to 4 pupils.
    func publishable(_ row: PlaceValueRow) -> Bool {
      guard level == .public else { return true }
      if let s = index[row.urn], counts[.used(s)].value == nil { return false }
      return !(1...4).contains(row.placesUsed)
    }
    let valued = rows.enumerated()
      .filter {
        ($0.element.unmetPriorityChange != 0 || $0.element.placementCostChange != 0) && publishable($0.element)
      }
      .sorted {
        ($0.element.unmetPriorityChange, $0.element.placementCostChange, $0.offset)
          < ($1.element.unmetPriorityChange, $1.element.placementCostChange, $1.offset)
      }
      .prefix(20).map(\.element)
    var html = "<h2 id=\"place-values\">What one more place is worth</h2>\n"
    guard !valued.isEmpty else {
      // In public the settings left out may be worth a place: saying that
      // none is would be false, and saying that some is would tell how full
      // a withheld setting is; the same words whatever they hold.
      guard level == .internal else {
        return html + "<p>No setting shown on this page would gain from one more place. Settings whose places "
          + "used are withheld, and need caps holding fewer than 5 pupils, are left out here: what a place there "
          + "is worth would tell how full they are.</p>\n"
      }
      return html + "<p>One more place at any setting would change nothing: no pupil is kept out by a full "
        + "setting, and no journey would shorten.</p>\n"
    }
    html += "<p>The \(valued.count == 20 ? "20 places" : NumberFormatting.count(valued.count, "place")) worth most: "
    html += "the change in unmet need (priority-weighted) and in journeys and missed preferences "
    html += "(minutes-equivalent) if the setting, or its cap for one need, had one more place. Exact: each is "
    html += "the optimum of the case re-solved with that place added.</p>\n"
    let tableRows = valued.map { row -> [String] in
      let used = NumberFormatting.grouped(row.placesUsed)
      return [
        HTMLPage.escape(names[row.urn] ?? row.urn), HTMLPage.escape(row.urn),
        row.need.isEmpty ? "all places" : HTMLPage.escape(row.need) + " cap", NumberFormatting.grouped(row.freePlaces),
        used, NumberFormatting.grouped(row.unmetPriorityChange),
        NumberFormatting.decimal(row.placementCostChange, places: 1),
      ]
    }
    html += HTMLPage.table(
      ["Setting", "URN", "Place", "Free places", "Used", "Unmet need change", "Journey and preference change"],
      tableRows, numeric: [3, 4, 5, 6], attributes: " id=\"place-value-table\"")
    return html
  }

  /// The search box over explanations, and its script; a note instead when
  /// the report is public or the batch too large.
  static func explanationSection(_ rows: [ExplanationRow], level: ReportLevel) -> (String, String) {
    var html = "<h2 id=\"explanations\">Why each pupil was placed where they were</h2>\n"
    guard level == .internal else {
      html += "<p>Explanations are given pupil by pupil, so they are not part of this public version. The SEND "
      html += "team holds them in explanations.csv.</p>\n"
      return (html, "")
    }
    guard rows.count <= maximumSearchablePupils else {
      html += "<p>This batch has \(NumberFormatting.count(rows.count, "pupil")), more than the "
      html += "\(NumberFormatting.grouped(maximumSearchablePupils)) this page can search. Each pupil's explanation "
      html += "is in explanations.csv in this folder (one row per pupil, in input order).</p>\n"
      return (html, "")
    }
    html += "<p>Type a pupil's id to read why they were placed where they were (the same words as "
    html += "explanations.csv).</p>\n<div class=\"search no-print\"><input id=\"pupil-search\" type=\"search\" "
    html += "placeholder=\"pupil id\" aria-label=\"pupil id\" autocomplete=\"off\">"
    html += "<button id=\"pupil-search-go\" type=\"button\">Find</button></div>\n"
    html += "<div id=\"explanation-result\" aria-live=\"polite\"></div>\n"
    html += "<script type=\"application/json\" id=\"explanation-data\">["
    html += rows.map { row in
      "["
        + [
          row.pupilID, row.status, row.urn, row.preferenceRank, row.firstPreference, row.firstPreferenceOutcome,
          row.firstPreferenceUnmetChange, row.firstPreferenceCostChange, row.explanation,
        ].map(HTMLPage.jsonString).joined(separator: ",") + "]"
    }.joined(separator: ",\n")
    html += "]</script>\n"
    return (html, searchScript)
  }
}
