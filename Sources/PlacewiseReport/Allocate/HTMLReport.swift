package import Placewise

/// Renders `report.html`: one self-contained page a SEND planner can open
/// offline, print on A4, or (at the public level) share.
///
/// Every figure marked `data-figure` carries, in `data-value`, the same text
/// `summary.json` holds for it (or `<5`/`x` where the public report
/// withholds it), so that tests can check the page against the file.
package enum HTMLReport {
  /// The most pupils whose explanations the page embeds for its search box;
  /// beyond this the page points to `explanations.csv`.
  package static let maximumSearchablePupils = 20_000

  /// The report of an allocation run.
  package static func render(
    _ run: AllocationRun, level: ReportLevel = .internal, title: String = "Allocation report",
    placeValues: [PlaceValueRow]? = nil, explanations: [ExplanationRow]? = nil, identity: RunIdentity? = nil
  ) -> String {
    render(
      case: run.input, candidates: run.candidates, allocation: run.allocation, summary: run.summary, level: level,
      title: title, placeValues: placeValues, explanations: explanations, identity: identity)
  }

  /// The report of an allocation of a case.
  package static func render(
    case input: Case, candidates: CandidateSet, allocation: Allocation, summary: AllocationSummary,
    level: ReportLevel = .internal, title: String = "Allocation report", placeValues: [PlaceValueRow]? = nil,
    explanations: [ExplanationRow]? = nil, identity: RunIdentity? = nil
  ) -> String {
    let figures = ReportFigures(case: input, candidates: candidates, allocation: allocation)
    let counts = ReportCounts(case: input, figures: figures, summary: summary, level: level)
    var body = header(title: title, level: level, input: input, counts: counts)
    if let identity { body += identityLine(identity, level: level) }
    body += headline(summary, counts: counts, level: level)
    body += groups(figures, summary: summary, counts: counts, level: level)
    body += settingsSection(input, figures: figures, counts: counts, level: level)
    body += journeySection(summary: summary, policy: input.policy, counts: counts, level: level)
    body += preferenceSection(figures, summary: summary, counts: counts, level: level)
    body += requestSection(figures, summary: summary, counts: counts, level: level)
    body += costSection(input, figures: figures, summary: summary, counts: counts, level: level)
    body += moneySection(figures, summary: summary, counts: counts, level: level)
    body += mapSection(input, figures: figures, counts: counts, level: level)
    if let placeValues {
      body += placeValueSection(placeValues, input: input, counts: counts, level: level)
    }
    var script = mapScript
    if let explanations {
      let (html, search) = explanationSection(explanations, level: level)
      body += html
      script += search
    }
    if let identity { body += identitySection(identity, level: level) }
    body += footer(level: level)
    return HTMLPage.document(title: title, level: level, body: body, script: script)
  }

  // MARK: - Sections

  static func header(title: String, level: ReportLevel, input: Case, counts: ReportCounts) -> String {
    let badge =
      level == .public
      ? "<span class=\"badge public\">Public version</span>"
      : "<span class=\"badge\">Internal: SEND team only</span>"
    var html = "<header class=\"top\"><div class=\"kicker\">Placewise</div>"
    html += "<h1>\(HTMLPage.escape(title))\(badge)</h1>"
    let pupils = counts[.pupils]
    html += "<p class=\"lede\">\(pupils.html) \(pupils.value == 1 ? "pupil" : "pupils") with EHC plans, "
    html += "\(NumberFormatting.count(input.settings.count, "setting")). Journey limits: "
    html += "\(NumberFormatting.hoursAndMinutes(input.policy.maxTravelMinutesPrimary)) up to age 10, "
    html += "\(NumberFormatting.hoursAndMinutes(input.policy.maxTravelMinutesSecondary)) from 11 "
    html += "(a parent's preference is exempt). "
    html += input.travel == nil ? "Journeys estimated from coordinates." : "Journeys from travel.csv."
    html += "</p></header>\n"
    return html
  }

  /// One headline figure: its words, its value as shown, and the raw text
  /// `summary.json` has for it.
  static func card(_ key: String, label: String, shown: String, raw: String, sub: String?, alert: Bool = false)
    -> String
  {
    var html = "<div class=\"figure\(alert ? " alert" : "")\">"
    html += "<span class=\"value\" data-figure=\"\(key)\" data-value=\"\(HTMLPage.escape(raw))\">"
    html += "\(HTMLPage.escape(shown))</span><span class=\"label\">\(HTMLPage.escape(label))</span>"
    if let sub { html += "<span class=\"sub\">\(HTMLPage.escape(sub))</span>" }
    return html + "</div>"
  }

  /// Whether a card is styled as an alert: by the figure as shown, never by
  /// a withheld count (`c` and `0-4` admit 0; the style would tell).
  static func alert(_ figure: Disclosed) -> Bool {
    switch figure {
    case .shown(let value): value > 0
    case .small, .hidden: true
    case .upToFour, .confidential: false
    }
  }

  static func headline(_ s: AllocationSummary, counts: ReportCounts, level: ReportLevel) -> String {
    let pupils = counts[.pupils]
    let placed = counts[.placed]
    let unplaced = counts[.unplaced]
    let withPreferences = counts[.withPreferences]
    let firstMet = counts[.preference(0)]
    // Unmet need is a priority-weighted count of the unplaced: shown where
    // their count is (at least 5 of them, or none), withheld with it. Not
    // on a public page: less the unplaced, it counts the looked-after
    // children among them (11 beside 10 was one child: round twenty-one).
    let unmet: Disclosed = level == .public || unplaced.value == nil ? .hidden : .shown(s.unmetPriority)
    // Children over their journey limit: bounded by the journey bands.
    let overLimit = counts[.overLimit]
    func raw(_ d: Disclosed) -> String { d.value.map { String($0) } ?? d.text }
    let placedShare =
      placed.value != nil && pupils.value != nil ? NumberFormatting.percent(s.placed, of: s.pupils) + " of pupils" : nil
    var html = "<h2 id=\"figures\">Headline figures</h2>\n<div class=\"figures\">"
    html += card("pupils", label: "pupils in the batch", shown: pupils.text, raw: raw(pupils), sub: nil)
    html += card("placed", label: "placed", shown: placed.text, raw: raw(placed), sub: placedShare)
    html += card(
      "unplaced", label: "children without a place", shown: unplaced.text, raw: raw(unplaced),
      sub:
        "\(counts[.noEligibleSetting].text) with no eligible setting, \(counts[.settingsFull].text) with every eligible "
        + "setting full",
      alert: Self.alert(unplaced))
    html += card(
      "unmet_priority", label: "children without a place, weighted by priority", shown: unmet.text, raw: raw(unmet),
      sub: level == .public
        ? "in the internal version only: its weights mark looked-after children"
        : "each child counted by their priority (a looked-after child's is higher)", alert: Self.alert(unplaced))
    let firstShare =
      firstMet.value != nil && withPreferences.value != nil
      ? "of \(withPreferences.text) with preferences (\(NumberFormatting.percent(s.firstPreferenceMet, of: s.pupilsWithPreferences)))"
      : "of \(withPreferences.text) with preferences"
    html += card(
      "first_preference_met", label: "first preferences met", shown: firstMet.text, raw: raw(firstMet), sub: firstShare)
    // The mean times the placed is the total: withheld where the placed are,
    // or a journey band is (see `ReportCounts.journeySumsShown`). The
    // longest journey is one child's: not in a public report.
    let meanShown = level == .internal || counts.journeySumsShown
    html += card(
      "mean_travel_minutes", label: "average journey",
      shown: meanShown ? NumberFormatting.hoursAndMinutes(s.meanTravelMinutes) : "x",
      raw: meanShown ? NumberText.format(s.meanTravelMinutes) : "x",
      sub: level == .public
        ? "one way, placed children"
        : "one way, placed children; longest \(NumberFormatting.hoursAndMinutes(s.longestJourneyMinutes))")
    html += card(
      "placed_over_journey_limit", label: "children over their journey limit", shown: overLimit.text,
      raw: raw(overLimit),
      sub: "placed where the limit does not bar them: a preference, their current setting or an agreed placement",
      alert: Self.alert(overLimit))
    // A cost of 1 to 4 placed children over a known cost per place is a
    // count: withheld where the count is.
    // So is a cost of places over a setting whose count is withheld.
    let costShown = placed.value != nil && counts.placeCostShown
    html += card(
      "annual_place_cost", label: "annual cost of places used",
      shown: costShown ? NumberFormatting.pounds(s.annualPlaceCost) : "x",
      raw: costShown ? NumberText.format(s.annualPlaceCost) : "x", sub: "where settings give a cost per place")
    html += "</div>\n"
    // The same in a sentence, for readers who skip the boxes.
    var words = "<p>Placewise placed <strong>\(placed.html)</strong> of \(pupils.html) pupils"
    words += unplaced.value == 0 ? ", every one of them. " : "; \(unplaced.html) could not be placed. "
    words += meanShown ? "The average journey is \(NumberFormatting.hoursAndMinutes(s.meanTravelMinutes)). " : ""
    words +=
      overLimit.value == 0
      ? "No child's journey is over their limit. "
      : "\(overLimit.html) \(overLimit.value == 1 ? "child's journey is" : "children's journeys are") over their limit. "
    if s.pupilsWithPreferences > 0 {
      words +=
        "\(firstMet.html) of \(withPreferences.html) pupils whose parents named a school got their first preference.</p>\n"
    } else {
      words += "No parent named a preference.</p>\n"
    }
    return html + words
  }

  static func footer(level: ReportLevel) -> String {
    var html = "<footer>"
    if level == .public {
      html += "Public version: no pupil-level data. Counts of 1 to 4 pupils are shown as &lt;5 and 0 as 0; "
      html += "0-4 is the count of a setting with fewer than 5 free places; x hides a larger count, or a figure "
      html += "drawn from counts, from which a small one could be worked out; c hides a count of any size that the "
      html += "free places would otherwise pin down. No figure is one child's. "
    } else {
      html += "Internal version for the SEND team: the explanation search holds pupils' ids. Share the public "
      html += "version (placewise allocate --report-level public) beyond the team. "
    }
    html += "Made by Placewise from the case's files; the figures are those of summary.json.</footer>\n"
    return html
  }

  // MARK: - Scripts (inline; they fetch nothing)

  static let mapScript = """
    document.querySelectorAll('input[data-layer]').forEach(function (box) {
      box.addEventListener('change', function () {
        var layer = document.getElementById(box.getAttribute('data-layer'));
        if (layer) { layer.style.display = box.checked ? '' : 'none'; }
      });
    });

    """

  static let searchScript = """
    (function () {
      var data = JSON.parse(document.getElementById('explanation-data').textContent);
      var byId = new Map();
      data.forEach(function (row) { byId.set(row[0], row); });
      var input = document.getElementById('pupil-search');
      var result = document.getElementById('explanation-result');
      var labels = ['Pupil', 'Status', 'Setting (URN)', 'Preference rank', 'First preference',
        'First preference outcome', 'Unmet need change to honour it', 'Journey and preference change to honour it',
        'Explanation'];
      function show() {
        result.textContent = '';
        var id = input.value.trim();
        if (id === '') { return; }
        var row = byId.get(id);
        if (!row) {
          result.textContent = 'No pupil with id ' + id + ' in this batch (ids are case-sensitive).';
          return;
        }
        var list = document.createElement('dl');
        row.forEach(function (value, i) {
          if (value === '' && i > 0 && i < 8) { return; }
          var term = document.createElement('dt');
          term.textContent = labels[i];
          var detail = document.createElement('dd');
          detail.textContent = value;
          list.appendChild(term);
          list.appendChild(detail);
        });
        result.appendChild(list);
      }
      document.getElementById('pupil-search-go').addEventListener('click', show);
      input.addEventListener('keydown', function (event) { if (event.key === 'Enter') { show(); } });
    })();

    """
}
