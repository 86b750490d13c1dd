import Placewise

extension HTMLReport {
  /// A table of groups (needs or phases) with placed and unplaced, and its bar chart.
  static func groupTable(
    _ groups: [ReportFigures.Group], keys: (Int) -> [ReportCounts.Key],
    summary s: AllocationSummary, counts: ReportCounts, level: ReportLevel, heading: String, caption: String
  ) -> String {
    // Unmet need weighted by priority, less the unplaced, counts the
    // looked-after children among them (priority 2): not on a public page.
    func unmet(_ unplaced: Disclosed, _ value: Int) -> String {
      level == .public || unplaced.value == nil ? "x" : NumberFormatting.grouped(value)
    }
    // Cells: per group pupils, placed, unplaced; then the totals.
    var d: [Disclosed] = []
    for g in groups.indices { d += keys(g).map { counts[$0] } }
    let n = groups.count
    d += [counts[.pupils], counts[.placed], counts[.unplaced]]
    var rows: [[String]] = []
    var bars: [(label: String, segments: [Disclosed], total: Disclosed)] = []
    for (g, group) in groups.enumerated() {
      let share =
        d[3 * g + 1].value != nil && d[3 * g].value != nil
        ? NumberFormatting.percent(group.placed, of: group.pupils) : "x"
      rows.append([
        HTMLPage.escape(group.label), d[3 * g].html, d[3 * g + 1].html, share, d[3 * g + 2].html,
        unmet(d[3 * g + 2], group.unmetPriority),
      ])
      bars.append((group.short, [d[3 * g + 1], d[3 * g + 2]], d[3 * g]))
    }
    let footer = [
      "All pupils", d[3 * n].html, d[3 * n + 1].html,
      d[3 * n + 1].value != nil && d[3 * n].value != nil ? NumberFormatting.percent(s.placed, of: s.pupils) : "x",
      d[3 * n + 2].html,
      unmet(d[3 * n + 2], s.unmetPriority),
    ]
    var html = "<h3>\(heading)</h3>\n<div class=\"keep\">"
    html += HTMLPage.table(
      [caption, "Pupils", "Placed", "Placed share", "Unplaced", "Unmet need (priority)"], rows,
      numeric: [1, 2, 3, 4, 5], footer: footer, attributes: " class=\"counts\"")
    html += "<figure>"
    html += SVGCharts.stackedBars(
      rows: bars,
      series: [
        SVGCharts.Series("placed", SVGCharts.placedColour), SVGCharts.Series("unplaced", SVGCharts.unplacedColour),
      ], label: "\(heading): placed and unplaced")
    html += "<div class=\"legend\"><span><i class=\"swatch-placed\"></i>placed</span>"
    html += "<span><i class=\"swatch-unplaced\"></i>unplaced</span></div></figure></div>\n"
    return html
  }

  static func groups(_ figures: ReportFigures, summary: AllocationSummary, counts: ReportCounts, level: ReportLevel)
    -> String
  {
    var html = "<h2 id=\"pupils\">Placed and unplaced pupils</h2>\n"
    html += groupTable(
      figures.byNeed, keys: { [.needPupils($0), .needPlaced($0), .needUnplaced($0)] }, summary: summary,
      counts: counts, level: level, heading: "By primary need", caption: "Need")
    html += groupTable(
      figures.byPhase, keys: { [.phasePupils($0), .phasePlaced($0), .phaseUnplaced($0)] }, summary: summary,
      counts: counts, level: level, heading: "By phase", caption: "Phase")
    return html
  }

  /// The words for a kind of setting, plural.
  static func kindName(_ kind: SettingKind) -> String {
    switch kind {
    case .special: "Special schools"
    case .independent: "Independent and non-maintained special schools"
    case .resourced: "Resourced provisions and SEN units"
    case .mainstream: "Mainstream schools"
    case .ap: "Alternative provision"
    case .college: "Further education colleges"
    case .post16: "Special post-16 institutions"
    }
  }

  static func settingsSection(_ input: Case, figures: ReportFigures, counts: ReportCounts, level: ReportLevel)
    -> String
  {
    let kinds = SettingKind.allCases.filter { kind in input.settings.contains { $0.kind == kind } }
    func fill(_ used: Disclosed, free: Int) -> String {
      guard used.value != nil else { return "x" }
      return free == 0 ? "no free places" : NumberFormatting.percent(used.value ?? 0, of: free)
    }
    func spare(_ used: Disclosed, free: Int) -> String {
      used.value.map { NumberFormatting.grouped(free - $0) } ?? "x"
    }
    var html = "<h2 id=\"settings\">Settings</h2>\n"
    html += "<p>Free places are those left for this batch after pupils already on roll. "
    html +=
      level == .public
      ? "Settings are listed by kind, then by name (an order by fill would tell withheld counts).</p>\n"
      : "Settings are listed by kind, fullest first: the ones under most pressure lead.</p>\n"
    var summaryRows: [[String]] = []
    for kind in kinds {
      let members = input.settings.filter { $0.kind == kind }
      let free = members.reduce(0) { $0 + $1.freePlaces }
      summaryRows.append([
        kindName(kind), NumberFormatting.grouped(members.count), NumberFormatting.grouped(free),
        counts[.kind(kind.rawValue)].html, spare(counts[.kind(kind.rawValue)], free: free),
        fill(counts[.kind(kind.rawValue)], free: free),
      ])
    }
    html += "<div class=\"keep\">"
    html += HTMLPage.table(
      ["Kind", "Settings", "Free places", "Places used", "Places left", "Fill"], summaryRows, numeric: [1, 2, 3, 4, 5])
    html += "</div>\n"
    var rows: [[String]] = []
    for kind in kinds {
      let members = input.settings.indices.filter { input.settings[$0].kind == kind }
      // Pressure: places used over free places; a setting with none free counts as full.
      func pressure(_ s: Int) -> Double {
        let free = input.settings[s].freePlaces
        return free == 0 ? 1 : Double(figures.used[s]) / Double(free)
      }
      // A public report sorts on what it shows: by name, then URN.
      let sorted =
        level == .public
        ? members.sorted {
          (input.settings[$0].name, input.settings[$0].urn.rawValue)
            < (input.settings[$1].name, input.settings[$1].urn.rawValue)
        }
        : members.sorted {
          (-pressure($0), -figures.used[$0], input.settings[$0].urn) < (
            -pressure($1), -figures.used[$1], input.settings[$1].urn
          )
        }
      rows.append(["<tr class=\"group\"><td colspan=\"6\">\(kindName(kind))</td></tr>"])
      for s in sorted {
        let setting = input.settings[s]
        rows.append([
          HTMLPage.escape(setting.name), HTMLPage.escape(setting.urn.rawValue),
          NumberFormatting.grouped(setting.freePlaces), counts[.used(s)].html,
          spare(counts[.used(s)], free: setting.freePlaces), fill(counts[.used(s)], free: setting.freePlaces),
        ])
      }
    }
    var table = "<div class=\"scroll\"><table><thead><tr><th>Setting</th><th>URN</th><th class=\"n\">Free places</th>"
    table +=
      "<th class=\"n\">Places used</th><th class=\"n\">Places left</th><th class=\"n\">Fill</th></tr></thead>\n<tbody>\n"
    for row in rows {
      if row.count == 1 {
        table += row[0] + "\n"
      } else {
        table += "<tr><td>\(row[0])</td><td>\(row[1])</td><td class=\"n\">\(row[2])</td><td class=\"n\">\(row[3])</td>"
        table += "<td class=\"n\">\(row[4])</td><td class=\"n\">\(row[5])</td></tr>\n"
      }
    }
    table += "</tbody></table></div>\n"
    return html + "<h3>Every setting</h3>\n" + table
  }

  static func journeySection(summary s: AllocationSummary, policy: Policy, counts: ReportCounts, level: ReportLevel)
    -> String
  {
    let width = counts.binWidth
    let bins = (0..<counts.binCount).map { counts[.bin($0)] }
    var html = "<h2 id=\"journeys\">Journey times</h2>\n"
    html += "<p>One-way journeys of placed pupils, in bands of \(SVGCharts.number(width)) minutes"
    if level == .public {
      html += " (the last band holds every journey from its start on: the longest is one child's)"
    }
    html += ". The dashed lines "
    html += "are the policy's limits; a journey beyond them is to a school the parents asked for (exempt from "
    html += "the limit) or within a pupil's own limit.</p>\n<figure class=\"keep\">"
    var markers = [
      (
        policy.maxTravelMinutesPrimary,
        "primary limit \(NumberFormatting.hoursAndMinutes(policy.maxTravelMinutesPrimary))"
      ),
      (
        policy.maxTravelMinutesSecondary,
        "secondary limit \(NumberFormatting.hoursAndMinutes(policy.maxTravelMinutesSecondary))"
      ),
    ]
    if policy.maxTravelMinutesPrimary == policy.maxTravelMinutesSecondary {
      markers = [
        (policy.maxTravelMinutesPrimary, "limit \(NumberFormatting.hoursAndMinutes(policy.maxTravelMinutesPrimary))")
      ]
    }
    html += SVGCharts.histogram(bins: bins, binWidth: width, markers: markers, openEnded: level == .public)
    // The mean times the placed is the total, and the longest is one child's;
    // with fewer than 5 placed, the total is a few children's (one child's,
    // with one placed). The placed count may be withheld for another reason
    // (it would give back a smaller count by difference); and the total
    // beside a withheld band would pin that band (see
    // `ReportCounts.journeySumsShown`).
    if level == .public {
      html += "<figcaption>"
      if counts.journeySumsShown {
        html += "Mean \(NumberFormatting.hoursAndMinutes(s.meanTravelMinutes)), "
        html += "\(NumberFormatting.hoursAndMinutes(s.travelMinutes)) in total.</figcaption></figure>\n"
      } else if counts[.placed].value == nil {
        html += "Mean and total withheld, as the number of children placed is.</figcaption></figure>\n"
      } else {
        html += "Mean and total withheld, as a band's count is: with the band's bounds, they would give it back."
        html += "</figcaption></figure>\n"
      }
    } else {
      html += "<figcaption>Mean \(NumberFormatting.hoursAndMinutes(s.meanTravelMinutes)), longest "
      html += "\(NumberFormatting.hoursAndMinutes(s.longestJourneyMinutes)), "
      html += "\(NumberFormatting.hoursAndMinutes(s.travelMinutes)) in total.</figcaption></figure>\n"
    }
    return html
  }

  static func preferenceSection(
    _ figures: ReportFigures, summary s: AllocationSummary, counts: ReportCounts, level: ReportLevel
  ) -> String {
    var html = "<h2 id=\"preferences\">First preferences met</h2>\n"
    guard s.pupilsWithPreferences > 0 else {
      return html + "<p>No parent named a preference in this batch.</p>\n"
    }
    let d = (0..<4).map { counts[.preference($0)] } + [counts[.withPreferences]]
    let words = [
      "placed at their first preference", "placed at a later preference", "placed at a setting not listed",
      "unplaced",
    ]
    let rows = (0..<4).map { i in
      [
        words[i], d[i].html,
        // A share of a withheld total would give it back (5 at 83%: 6);
        // none of it is 0% whatever it is.
        d[i].value != nil && (d[4].value != nil || d[i].value == 0)
          ? NumberFormatting.percent(figures.preferenceOutcomes[i], of: s.pupilsWithPreferences) : "x",
      ]
    }
    html += HTMLPage.table(
      ["Pupils whose parents named a setting", "Pupils", "Share"], rows, numeric: [1, 2],
      footer: ["All with preferences", d[4].html, "100%"])
    html += "<figure class=\"keep\">"
    let colours = ["#1f4e79", "#6baed6", "#c6dbef", SVGCharts.unplacedColour]
    html += SVGCharts.stackedBars(
      rows: [("With preferences", Array(d[0..<4]), d[4])],
      series: (0..<4).map { SVGCharts.Series(words[$0], colours[$0]) }, label: "Preference outcomes",
      labelWidth: 130)
    html += "<div class=\"legend\">"
    for i in 0..<4 { html += "<span><i style=\"background:\(colours[i])\"></i>\(words[i])</span>" }
    html += "</div></figure>\n"
    return html
  }

  static func costSection(
    _ input: Case, figures: ReportFigures, summary s: AllocationSummary, counts: ReportCounts, level: ReportLevel
  ) -> String {
    var html = "<h2 id=\"cost\">Annual place cost by kind</h2>\n"
    // A public page lists every kind the case has, placed or not: listing
    // only kinds with pupils told that a kind's one setting, shown `0-4`,
    // held one (hostile trial, round eighteen).
    let kinds = SettingKind.allCases.filter { kind in
      level == .public
        ? input.settings.contains { $0.kind == kind } : figures.placedByKind[kind.rawValue] > 0
    }
    guard !kinds.isEmpty, s.placed > 0 || level == .public else { return html + "<p>No pupil was placed.</p>\n" }
    let d = kinds.map { counts[.kind($0.rawValue)] } + [counts[.placed]]
    var rows: [[String]] = []
    var bars: [(label: String, value: Double, text: String)] = []
    // A kind's cost of places is withheld from a public page where one of
    // its settings' counts is (a school's cost per place would give it back).
    for (k, kind) in kinds.enumerated() {
      let cost = figures.costByKind[kind.rawValue]
      let shown = d[k].value != nil && counts.kindPlaceCostShown[kind.rawValue]
      let mean =
        shown && figures.placedByKind[kind.rawValue] > 0 ? cost / Double(figures.placedByKind[kind.rawValue]) : 0
      rows.append([
        kindName(kind), d[k].html, shown ? NumberFormatting.pounds(cost) : "x",
        shown ? NumberFormatting.pounds(mean) : "x",
      ])
      if shown { bars.append((kindName(kind), cost, NumberFormatting.pounds(cost))) }
    }
    let placeCost = counts.placeCostShown ? NumberFormatting.pounds(s.annualPlaceCost) : "x"
    html += HTMLPage.table(
      ["Kind", "Pupils placed", "Annual cost", "Mean per place"], rows, numeric: [1, 2, 3],
      footer: ["All kinds", d[kinds.count].html, d[kinds.count].value != nil ? placeCost : "x", ""])
    if level == .public && !counts.placeCostShown {
      html += "<p class=\"note\">x: a cost of places over a setting whose count is withheld is withheld too "
      html += "(a school's cost per place would give the count back).</p>\n"
    }
    // Drawn from the bars shown: on a public page, drawn by the total cost
    // it told that a withheld count was above 0 (the review of round
    // thirty-five).
    if level == .public ? bars.contains(where: { $0.value > 0 }) : s.annualPlaceCost > 0 {
      html += "<figure class=\"keep\">"
      html += SVGCharts.bars(rows: bars, colour: "#1f4e79", label: "Annual place cost by kind")
      html += "</figure>\n"
    }
    if level == .public {
      // Which settings have a pupil is withheld where fewer than 5 are
      // placed: count the settings without a cost, used or not.
      let uncosted = input.settings.count { $0.costPerPlace == nil }
      if uncosted > 0 {
        html += "<p class=\"note\">\(NumberFormatting.count(uncosted, "setting")) give no cost per place; "
        html += "places used there count as £0.</p>\n"
      }
      return html
    }
    let uncosted = input.settings.indices.filter { input.settings[$0].costPerPlace == nil && figures.used[$0] > 0 }
    if !uncosted.isEmpty {
      html += "<p class=\"note\">\(NumberFormatting.count(uncosted.count, "setting")) with pupils placed give no "
      html += "cost per place; their places count as £0.</p>\n"
    }
    return html
  }

  static func mapSection(_ input: Case, figures: ReportFigures, counts: ReportCounts, level: ReportLevel) -> String {
    let minimum = level == .public ? 5 : 1
    let sites = input.settings.enumerated().map { s, setting in
      // The count as the settings table shows it, and no fill where it is withheld.
      let used = counts[.used(s)].text
      var site = SVGMap.Site(
        easting: setting.easting, northing: setting.northing, freePlaces: setting.freePlaces,
        fill: counts[.used(s)].value == nil
          ? SVGMap.withheldFill : SVGMap.fillClass(used: figures.used[s], free: setting.freePlaces, level: level),
        title: "\(setting.name) (\(setting.urn.rawValue)), \(setting.kind.word): \(used) of "
          + "\(NumberFormatting.grouped(setting.freePlaces)) free places used")
      site.name = setting.name
      return site
    }
    // A public map shows no homes: each square drawn, by its class, is a
    // least count of pupils (or of unplaced ones) that the tables' audit
    // did not hold, and beside them it told a count of 1 (a "10-19
    // unplaced" square beside Post-16's `<5` placed of 11: hostile trial,
    // round thirty-six).
    let homes = level == .public ? [] : figures.homes
    let unplaced = level == .public ? [] : figures.unplacedHomes
    var html = "<h2 id=\"map\">Map</h2>\n"
    html += "<p>Settings are circles sized by their free places and coloured by how full they are. "
    if level == .public {
      html += "This public version shows no pupils' homes: squares of homes, even of 5 or more, would count "
      html += "groups of children beside the tables. "
    } else {
      html += "Pupils' homes are shown only as counts in \(figures.squareKm) km squares of the British National "
      html += "Grid, never as single homes; unplaced pupils form a layer of their own. "
    }
    html += "The settings that matter most are named (up to \(SVGMap.maximumLabels); hover over a circle for any "
    html +=
      level == .public
      ? "other): full ones first. "
      : "other): full ones with unplaced pupils nearby first, then other full ones, then ones with free places "
        + "and unplaced pupils nearby. "
    html += "The scale bar is exact: the map is drawn in the grid's kilometres.</p>\n"
    html += "<div class=\"controls no-print\">"
    if level == .internal {
      html += "<label><input type=\"checkbox\" data-layer=\"layer-homes\" checked> pupils' homes</label>"
      html += "<label><input type=\"checkbox\" data-layer=\"layer-unplaced\" checked> unplaced pupils</label>"
    }
    html += "<label><input type=\"checkbox\" data-layer=\"layer-settings\" checked> settings</label>"
    html += "<label><input type=\"checkbox\" data-layer=\"layer-names\" checked> names</label></div>\n"
    html += "<figure class=\"keep\">"
    html += SVGMap.render(
      sites: sites, homes: homes, unplaced: unplaced, squareKm: figures.squareKm, minimumCount: minimum)
    html += "<div class=\"legend\">"
    // The withheld colour is listed where a setting wears it (the tables
    // already show which settings' counts are withheld).
    let anyWithheld = sites.contains { $0.fill == SVGMap.withheldFill }
    for fill in SVGMap.fillClasses.prefix(anyWithheld ? 6 : 5) {
      html += "<span><i style=\"background:\(fill.colour);border:1px solid #1f2933;border-radius:50%\"></i>"
      html += "\(fill.words)</span>"
    }
    html += "</div>"
    if level == .internal {
      html += "<div class=\"legend\">"
      for one in SVGMap.densityRanges(from: minimum) {
        html +=
          "<span><i style=\"background:\(one.colour)\"></i>\(one.range) \(one.range == "1" ? "pupil" : "pupils")</span>"
      }
      html += "<span><i style=\"background:#d9822b;border:1px solid #8a4b12\"></i>unplaced pupils</span></div>"
    }
    html += "</figure>\n"
    return html
  }
}
