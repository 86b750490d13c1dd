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
    // out, and so is every need cap (its places used are a count by need at
    // one setting, which the page never shows: a cap of 9, all used, beside
    // a need of 10 with `<5` unplaced was 1; hostile trial, round sixteen).
    func publishable(_ row: PlaceValueRow) -> Bool {
      guard level == .public else { return true }
      guard row.need.isEmpty, let s = index[row.urn], counts[.used(s)].value != nil else { return false }
      return true
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
          + "used are withheld, and need caps, are left out here: what a place there is worth would tell how "
          + "full they are.</p>\n"
      }
      return html + "<p>One more place at any setting would change nothing: no pupil is kept out by a full "
        + "setting, and no journey would shorten.</p>\n"
    }
    let pounds = input.policy.costUnit == .pounds
    guard level == .internal else { return html + publicPlaceValues(valued, names: names) }
    html += "<p>The \(valued.count == 20 ? "20 places" : NumberFormatting.count(valued.count, "place")) worth most: "
    html += "the change in unmet need (priority-weighted) and in "
    html +=
      pounds
      ? "placement cost (places, transport and penalties, pounds a year)"
      : "journeys and missed preferences (minutes-equivalent)"
    html += " if the setting, or its cap for one need, had one more place. Exact: each is "
    html += "the optimum of the case re-solved with that place added.</p>\n"
    let tableRows = valued.map { row -> [String] in
      let used = NumberFormatting.grouped(row.placesUsed)
      return [
        HTMLPage.escape(names[row.urn] ?? row.urn), HTMLPage.escape(row.urn),
        row.need.isEmpty ? "all places" : HTMLPage.escape(row.need) + " cap", NumberFormatting.grouped(row.freePlaces),
        used, NumberFormatting.grouped(row.unmetPriorityChange),
        pounds
          ? NumberFormatting.pounds(row.placementCostChange)
          : NumberFormatting.decimal(row.placementCostChange, places: 1),
      ]
    }
    html += HTMLPage.table(
      [
        "Setting", "URN", "Place", "Free places", "Used", "Unmet need change",
        pounds ? "Cost change (£ a year)" : "Journey and preference change",
      ],
      tableRows, numeric: [3, 4, 5, 6], attributes: " id=\"place-value-table\"")
    return html
  }

  /// The public version of the place values: the settings only, in name
  /// order, with no figure and no word on what a place would do. A place's
  /// value rests on the one or few children who would take it: one child
  /// waiting near a full school made its journey change that child's
  /// journey to the minute (hostile trial, round sixteen), and "place a
  /// child now without one" at four full schools of disjoint ages was four
  /// children waiting, pinning a `<5` (round seventeen).
  private static func publicPlaceValues(_ valued: [PlaceValueRow], names: [String: String]) -> String {
    let rows = valued.sorted { (names[$0.urn] ?? $0.urn, $0.urn) < (names[$1.urn] ?? $1.urn, $1.urn) }
    var html = "<p>Settings where one more place would change the allocation (a child now without a place, "
    html += "shorter journeys or more preferences met; "
    html += rows.count == 20 ? "the 20 where it is worth most" : NumberFormatting.count(rows.count, "setting")
    html += "), in name order. What a place is worth, and what it would do, rest on the few children who would "
    html += "take it, so this public version gives neither; the SEND team's version gives the figures.</p>\n"
    let tableRows = rows.map { row -> [String] in
      [
        HTMLPage.escape(names[row.urn] ?? row.urn), HTMLPage.escape(row.urn), NumberFormatting.grouped(row.freePlaces),
      ]
    }
    return html
      + HTMLPage.table(
        ["Setting", "URN", "Free places"], tableRows, numeric: [2], attributes: " id=\"place-value-table\"")
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
