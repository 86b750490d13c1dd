package import Placewise

/// `forecast`'s `report.html`: read by a director in a minute. Children
/// without a place by year for every plan in one chart, the first year
/// each plan falls short by need, and demand against places by need and
/// phase, year by year. At the public level every count of children is
/// rounded to the nearest 5 (1 to 4 as `<5`), every plan's counts are
/// withheld (`c`), and sums over children are withheld (`x`).
package enum ForecastReport {
  /// The page (`outcomes`: the baseline first).
  package static func render<R>(
    _ outcomes: [ForecastOutcome<R>], years: Int, level: ReportLevel = .internal, title: String = "Forecast",
    identity: RunIdentity? = nil
  ) -> String {
    // Each plan-year's counts without a place, decided once for the page;
    // at the public level, every plan-year is withheld whole (see
    // `withheldPlanYears`).
    let withheld = level == .public ? withheldPlanYears(outcomes) : Withheld()
    let hidden = withheld.whole
    let shown = outcomes.indices.map { p in
      outcomes[p].years.indices.map { y in
        let key = PlanYear(plan: p, year: y)
        return YearDisclosure(
          outcomes[p].years[y], level: level, withheld: hidden.contains(key),
          crossWithheld: (withheld.cross[y] ?? []).union(withheld.crossNeeds),
          crossPhasesWithheld: withheld.crossPhases, totalsWithheld: withheld.firstYearTotals)
      }
    }
    var body = top(outcomes, years: years, level: level, title: title, identity: identity, shown: shown)
    body +=
      hidden.isEmpty
      ? Self.headline(outcomes, years: years, shown: shown.map { $0.last?.total }, level: level)
      : "<p>What each plan changes is not told in this public version: every plan's counts are withheld (c). "
        + "A plan's places pick out the children they can serve, so what it places would count a group of children "
        + "this page and allocate's show only whole. The plans' places and costs are shown; their outcomes are in "
        + "the internal version.</p>\n"
    body += byYear(outcomes, years: years, shown: shown)
    // At the public level, the baseline's needs: which needs a plan's years
    // hold is the plan's to tell, and its counts are withheld.
    let listed = level == .public ? Array(outcomes.prefix(1)) : outcomes
    let needs = NeedCode.allCases.filter { need in
      listed.contains { $0.years.contains { $0.byNeed.contains { $0.need == need } } }
    }
    body += firstShort(outcomes, years: years, needs: needs, shown: shown)
    body += demand(
      outcomes, years: years, needs: needs, level: level, shown: shown, caseloadWithheld: withheld.caseload,
      caseloadPhasesWithheld: withheld.caseloadPhases)
    body += costs(outcomes, level: level)
    if let identity { body += HTMLReport.identitySection(identity, level: level) }
    if level == .public {
      body += "<footer>Public version: no pupil-level data; counts of children are rounded to the nearest 5 (so "
      body += "totals may not add up), counts of 1 to 4 are shown as &lt;5 and 0 as 0, so that a plan's difference "
      body += "from the baseline is no exact count; c withholds every count of every plan (a plan's places pick "
      body += "out the children they can serve, by need, age, sex or distance), and in the table by need and phase "
      body += "a need's counts by phase in a year where, beside their totals and allocate's public page, they "
      body += "would give one back; x withholds a sum over children. "
      body += "Made by Placewise; the figures are those of forecast-summary.csv.</footer>\n"
    }
    return HTMLPage.document(title: title, level: level, body: body)
  }

  /// The page's top: its title, what it holds, and each plan's figure.
  private static func top<R>(
    _ outcomes: [ForecastOutcome<R>], years: Int, level: ReportLevel, title: String, identity: RunIdentity?,
    shown: [[YearDisclosure]]
  ) -> String {
    typealias F = NumberFormatting
    var body = "<header class=\"top\"><div class=\"kicker\">Placewise forecast</div><h1>\(HTMLPage.escape(title))"
    body += level == .public ? "<span class=\"badge public\">Public version</span>" : ""
    body += "</h1><p class=\"lede\">\(F.count(years, "year")) ahead, the baseline"
    body += outcomes.count > 1 ? " and \(F.count(outcomes.count - 1, "plan")) each on its own" : ""
    body += ": every year's batch allocated exactly, the placed joining the roll, the unplaced carried over, "
    body += "everyone a year older.</p></header>\n"
    if let identity { body += HTMLReport.identityLine(identity) }

    body += "<section class=\"figures\" id=\"figures\">"
    for (p, outcome) in outcomes.enumerated() {
      // Taken from the counts shown: from the exact ones, "never short"
      // beside a year withheld as `c` told its 0 (hostile trial, round twenty).
      let last = shown[p].last?.total ?? .shown(0)
      let first = firstShortYear(shown[p].map(\.total))
      body +=
        "<div class=\"figure\(last != .shown(0) ? " alert" : "")\" data-plan=\"\(HTMLPage.escape(outcome.name))\">"
      body += "<span class=\"value\">\(last.html)</span><span class=\"label\">"
      body += "children without a place in "
      body += "year \(years): \(HTMLPage.escape(outcome.name))</span><span class=\"sub\">"
      switch first {
      case .year(let y): body += "first short in year \(y + 1)"
      case .withheld: body += "first year short withheld"
      case .never: body += "never short"
      }
      body += "</span></div>"
    }
    body += "</section>\n"

    return body
  }

  /// Children without a place by year, every plan in one chart.
  private static func byYear<R>(_ outcomes: [ForecastOutcome<R>], years: Int, shown: [[YearDisclosure]]) -> String {
    var body = "<h2 id=\"by-year\">Children without a place, by year</h2>\n"
    let series = outcomes.enumerated().map { i, outcome in
      SVGCharts.Series(outcome.name, SVGCharts.planColours[i % SVGCharts.planColours.count])
    }
    let values = shown.map { years in years.map { $0.total.value.map(Double.init) } }
    body += "<figure class=\"chart\">"
    body += SVGCharts.lines(
      xLabels: (1...max(1, years)).map { "Year \($0)" }, series: series, values: values,
      yLabel: "children without a place")
    body += "<figcaption class=\"legend\">"
    body += series.map { "<span><i style=\"background:\($0.colour)\"></i>\(HTMLPage.escape($0.name))</span>" }
      .joined()
    body += "</figcaption></figure>\n"

    return body
  }

  /// The first year a plan falls short, as the counts shown tell it.
  private enum FirstShort {
    case year(Int)
    case withheld
    case never
  }

  /// The first year a plan falls short, read from a count shown for each
  /// year: the first not shown as 0, unless it admits 0 (`c`, `0-4`), when
  /// whether that year is short is not told.
  private static func firstShortYear(_ counts: [Disclosed]) -> FirstShort {
    guard let y = counts.firstIndex(where: { $0 != .shown(0) }) else { return .never }
    switch counts[y] {
    case .confidential, .upToFour: return .withheld
    default: return .year(y)
    }
  }

  /// The first year each plan falls short, by need.
  private static func firstShort<R>(
    _ outcomes: [ForecastOutcome<R>], years: Int, needs: [NeedCode], shown: [[YearDisclosure]]
  ) -> String {
    typealias F = NumberFormatting
    var body = "<h2 id=\"first-short\">The first year each plan falls short, by need</h2>\n"
    let shortRows = needs.map { need in
      [HTMLPage.escape(need.code)]
        + outcomes.indices.map { p in
          switch firstShortYear(shown[p].map { $0.needTotal[need.rawValue] }) {
          case .year(let y): "year \(y + 1) (\(shown[p][y].needTotal[need.rawValue].html) without a place)"
          case .withheld: "withheld"
          case .never: "not within \(F.count(years, "year"))"
          }
        }
    }
    body += HTMLPage.table(
      ["Primary need"] + outcomes.map { HTMLPage.escape($0.name) }, shortRows, numeric: [],
      attributes: " id=\"first-short-table\"")

    return body
  }

  /// Demand against places by need and phase, year by year, a table per plan.
  private static func demand<R>(
    _ outcomes: [ForecastOutcome<R>], years: Int, needs: [NeedCode], level: ReportLevel, shown: [[YearDisclosure]],
    caseloadWithheld: Set<NeedCode> = [], caseloadPhasesWithheld: Set<SchoolPhase> = []
  ) -> String {
    typealias F = NumberFormatting
    func count(_ value: Int) -> String { ComparisonReport.rounded(value, level: level).html }
    var body = "<h2 id=\"demand\">Demand against places, by need and phase</h2>\n"
    body += "<p>Each cell: the children of that need and phase in the caseload that year, then how many "
    body += "of them are without a place.</p>\n"
    for (p, outcome) in outcomes.enumerated() {
      // The baseline open; each plan a click away (a long page otherwise).
      body += "<details\(p == 0 ? " open" : "")><summary><strong>\(HTMLPage.escape(outcome.name))</strong></summary>\n"
      if level == .public && p > 0 {
        // A plan's caseload after its first year holds the children it
        // left without a place the year before, and which rows it has
        // tells which cells hold any: withheld with its counts.
        body += "<p>Withheld in this public version (c), as every count of a plan is.</p>\n</details>\n"
        continue
      }
      var rows: [[String]] = []
      for need in needs {
        for phase in SchoolPhase.allCases {
          let cells = outcome.years.map { $0.byPhase[need.rawValue][phase.rawValue] }
          guard cells.contains(where: { $0.caseload > 0 }) else { continue }
          rows.append(
            [HTMLPage.escape(need.code), phase.label]
              + cells.indices.map { y in
                let f = cells[y]
                let withheldCaseload = caseloadWithheld.contains(need) || caseloadPhasesWithheld.contains(phase)
                // A withheld caseload is `c` where it is 0 too: `-` beside
                // `c` told which years held none (the review of round
                // thirty-one's rule).
                guard f.caseload > 0 || withheldCaseload else { return "-" }
                let caseload = withheldCaseload ? Disclosed.confidential.html : count(f.caseload)
                // From the count shown: a `c` reads "c short" whatever it
                // holds, 0 too (from the exact count, "short" beside `c`
                // told it was 1 or more: hostile trial, round twenty).
                let short = shown[p][y].cell(need, phase)
                // A withheld caseload says its short too ("c, 0 short"):
                // "c" alone would read as a shortfall withheld.
                return short == .shown(0) && !withheldCaseload ? caseload : "\(caseload), \(short.html) short"
              })
        }
      }
      body += HTMLPage.table(
        ["Need", "Phase"] + (1...max(1, years)).map { "Year \($0)" }, rows, numeric: Set(2..<(2 + years)))
      body += "</details>\n"
    }

    return body
  }

  /// Costs a year, where the case gives any. At the public level every
  /// cost summed over children is withheld (`x`), in every year: the roll's
  /// places (each school's roll times its cost per place, which a reader may
  /// know; beside the caseload it gave the unplaced back), transport (an `x`
  /// only where 1 to 4 were placed told that they were: hostile trial, round
  /// eleven) and the children without a place (`unplaced_cost`, on the page,
  /// times a count the page rounds).
  private static func costs<R>(_ outcomes: [ForecastOutcome<R>], level: ReportLevel) -> String {
    typealias F = NumberFormatting
    var body = ""
    if outcomes.contains(where: { $0.years.contains { $0.summary.costsGiven } }) {
      body += "<h2 id=\"costs\">Costs a year</h2>\n"
      func overChildren(_ pounds: Double) -> String { level == .public ? "x" : F.pounds(pounds) }
      let rows = outcomes.flatMap { outcome in
        outcome.years.map { year in
          [
            HTMLPage.escape(outcome.name), String(year.year), overChildren(year.rollPlaceCost),
            overChildren(year.summary.annualTransportCost), overChildren(year.summary.annualUnplacedCost),
            F.pounds(year.annualCost), F.pounds(year.capitalCost),
          ]
        }
      }
      body += HTMLPage.table(
        [
          "Plan", "Year", "Places of the whole caseload", "Transport of the batch", "Children without a place",
          "Plan's running cost", "Capital that year",
        ], rows, numeric: Set(1..<7))
      if level == .public {
        body += "<p class=\"note\">x: sums over children are withheld from the public version: places of the "
        body += "whole caseload (each school's roll times its cost per place, which a reader may know), transport "
        body += "(the journeys) and children without a place (unplaced_cost times a count this page rounds).</p>\n"
      }
    }
    return body
  }

  /// A plan and a year, by index.
  struct PlanYear: Hashable {
    var plan: Int
    var year: Int
  }

  /// What a public page withholds: plan-years whole, and by year the needs
  /// whose cells by phase are withheld in every plan (their totals shown).
  struct Withheld {
    var whole = Set<PlanYear>()
    var cross: [Int: Set<NeedCode>] = [:]
    /// Needs whose totals are withheld too, in every plan and year: beside
    /// allocate's page of the same batch the first year's would pin a count,
    /// and each later year's batch holds the children the year before left
    /// without a place.
    var firstYearTotals: Set<NeedCode> = []
    /// Needs whose caseload cells are withheld (`c`), in every plan and
    /// year: the caseload holds the batch, so beside allocate's page a
    /// rounded caseload bounds its pupils.
    var caseload: Set<NeedCode> = []
    /// Phases whose caseload cells are withheld, in every need, plan and year.
    var caseloadPhases: Set<SchoolPhase> = []
    /// Needs and phases whose cells of children without a place are
    /// withheld in every plan and year: allocate's page withholds their
    /// unplaced (decided from that page alone).
    var crossNeeds: Set<NeedCode> = []
    var crossPhases: Set<SchoolPhase> = []
  }

  /// Allocate's need (or phase) table for the first year's batch, as its
  /// public page shows it: each row's pupils, placed and unplaced, each row
  /// adding up and each column to the headline's. Returns the audit's
  /// figures of the unplaced by row. Read as unplaced alone, a need of 8
  /// with placed `x` (5 or more) and unplaced `<5` was 1 to 4 to the audit,
  /// where a reader knows it is at most 3: three phases each `<5 short`
  /// beside it were 1 each (hostile trial, round twenty-one).
  static func allocatesRows<X>(
    _ rows: [(pupils: Int, unplaced: Int)], of year: ForecastYear<X>, _ audit: inout IntervalAudit
  )
    -> (unplaced: [Int], rows: [[Int]])
  {
    var values: [Int] = []
    for row in rows { values += [row.pupils, row.pupils - row.unplaced, row.unplaced] }
    let totals = 3 * rows.count
    values += [year.summary.pupils, year.summary.placed, year.summary.unplaced]
    var cells = Disclosure(values, level: .public)
    for r in rows.indices { cells.addLine([3 * r + 1, 3 * r + 2], total: 3 * r) }
    for column in 0..<3 { cells.addLine(rows.indices.map { 3 * $0 + column }, total: totals + column) }
    cells.addLine([totals + 1, totals + 2], total: totals)
    let figures = cells.resolve().map { audit.add($0, rounded: false) }
    for r in rows.indices + [rows.count] {
      audit.relate([(figures[3 * r + 1], 1), (figures[3 * r + 2], 1), (figures[3 * r], -1)], 0, 0)
    }
    for column in 0..<3 {
      audit.relate(rows.indices.map { (figures[3 * $0 + column], 1) } + [(figures[totals + column], -1)], 0, 0)
    }
    return (rows.indices.map { figures[3 * $0 + 2] }, rows.indices.map { Array(figures[(3 * $0)..<(3 * $0 + 3)]) })
  }

  /// What a reader of allocate's public page of the first year's batch
  /// works out of its unplaced by need and by phase, with every relation
  /// that page has (its settings' ages and designations among them), where
  /// the baseline's first-year run was kept. The need and phase rows alone
  /// missed that settings of one phase pinned a phase's placed, and so its
  /// unplaced `<5` to 2 (hostile trial, round twenty-one).
  static func allocatePageRanges(_ run: AllocationRun?) -> (
    needs: [(NeedCode, (lo: Double, hi: Double))], phases: [(SchoolPhase, (lo: Double, hi: Double))],
    withheldRows: (needs: Set<NeedCode>, phases: Set<SchoolPhase>),
    withheldUnplaced: (needs: Set<NeedCode>, phases: Set<SchoolPhase>), withheldSettings: Set<URN>
  ) {
    guard let run else { return ([], [], ([], []), ([], []), []) }
    let page = AllocatePage(run)
    func open(_ range: (lo: Double, hi: Double)?) -> Bool { range.map { $0.hi - $0.lo > 0.5 } ?? false }
    let needPupils = page.ranges(NeedCode.allCases.map { .needPupils($0) })
    let phasePupils = page.ranges(SchoolPhase.allCases.map { .phasePupils($0) })
    let ranges = page.ranges(
      NeedCode.allCases.map { .needUnplaced($0) } + SchoolPhase.allCases.map { .phaseUnplaced($0) })
    let needs = zip(NeedCode.allCases, ranges).compactMap { need, range in range.map { (need, $0) } }
    let phases = zip(SchoolPhase.allCases, ranges.dropFirst(NeedCode.allCases.count)).compactMap { phase, range in
      range.map { (phase, $0) }
    }
    // The rows whose pupils, and whose unplaced, the page's reader cannot
    // work out.
    let needCount = NeedCode.allCases.count
    func needSet(_ open: (Int) -> Bool) -> Set<NeedCode> {
      Set(NeedCode.allCases.indices.filter(open).map { NeedCode.allCases[$0] })
    }
    func phaseSet(_ open: (Int) -> Bool) -> Set<SchoolPhase> {
      Set(SchoolPhase.allCases.indices.filter(open).map { SchoolPhase.allCases[$0] })
    }
    let settings = run.input.settings
    let used = page.ranges(settings.indices.map { .settingUsed($0) })
    return (
      needs, phases, (needSet { open(needPupils[$0]) }, phaseSet { open(phasePupils[$0]) }),
      (needSet { open(ranges[$0]) }, phaseSet { open(ranges[needCount + $0]) }),
      Set(settings.indices.filter { open(used[$0]) }.map { settings[$0].urn })
    )
  }

  /// What a public page withholds.
  ///
  /// Every plan-year whole (decision, hostile trial, round thirty-two): a
  /// plan is a query the planner writes, and places added at a girls' and at
  /// a boys' school (or an infant and a junior school) counted the waiting
  /// children of each part of a need allocate's page shows whole ("5" and
  /// "<5" without a place beside allocate's ASD 11 was 4 girls). See
  /// `ComparisonReport.withheld`.
  ///
  /// The baseline's years are audited (`IntervalAudit`): each year's total,
  /// need totals and need and phase cells, rounded, adding up; in the first
  /// year, allocate's public page of the same batch beside them, its need
  /// and phase rows as it shows them (exact from 5). Rounded cells beside
  /// exact totals gave one back (ASD 6 in all, its primary cell 5 and
  /// secondary `<5`: secondary 1; hostile trial, round twelve). A need whose
  /// cells would pin a count in a year shows its total but withholds its
  /// cells (`c`) that year; then first-year totals and caseloads, below.
  static func withheldPlanYears<R>(_ outcomes: [ForecastOutcome<R>]) -> Withheld {
    guard let baseline = outcomes.first else { return Withheld() }
    var hidden = Set<PlanYear>()
    // By year, the needs whose cells are withheld, in every plan.
    var crossHidden: [Int: Set<NeedCode>] = [:]
    // The cells the baseline fills in any year: the rest are 0 there, shown
    // so (the plans' are withheld, and decide nothing).
    let cellKeys = NeedCode.allCases.flatMap { need in SchoolPhase.allCases.map { (need, $0) } }.filter { key in
      baseline.years.contains { $0.byPhase[key.0.rawValue][key.1.rawValue].unplaced > 0 }
    }
    let firstYear = allocatePageRanges(baseline.years.first?.firstRun)
    // Needs whose first-year total is withheld (and allocate's figures of
    // each need's row beside it, for the audit).
    // The totals and cells without a place of the needs and phases whose
    // unplaced allocate's page withholds, from that page alone (round
    // thirty-one: decided from the exact counts, "10 short" withheld where
    // it pinned a `<5` and "15 short" shown where it did not told the two
    // apart).
    var firstYearTotals = firstYear.withheldUnplaced.needs
    let crossNeeds = firstYear.withheldUnplaced.needs
    let crossPhases = firstYear.withheldUnplaced.phases
    // Every plan-year whole (decision, hostile trial, round thirty-two: a
    // plan is a query the planner writes; see compare's `withheld`).
    for p in outcomes.indices.dropFirst() {
      for y in outcomes[p].years.indices { hidden.insert(PlanYear(plan: p, year: y)) }
    }
    // The caseloads of the needs and phases whose rows allocate's page
    // withholds, from what that page shows alone, so that whether they are
    // withheld tells nothing (round thirty-one: "SEMH Primary 10" withheld
    // where it would pin allocate's Secondary `<5` to 4, and "15" shown
    // where it would not, told the two apart). More needs' where the audit
    // still finds a count pinned.
    var caseloadWithheld = firstYear.withheldRows.needs
    let caseloadPhases = firstYear.withheldRows.phases
    var firstYearFigures: [NeedCode: [Int]] = [:]
    var firstYearPhaseFigures: [SchoolPhase: [Int]] = [:]
    // The audit's figures of the first year's batch by need and phase.
    var batchCells: [[Int]] = []
    // A plan-year's total and need totals as the page shows them (rounded);
    // with `exact`, the total as allocate's public page shows the same batch
    // (5 or more exactly: the baseline's first year), with its need and
    // phase rows as that page shows them.
    func add<X>(
      _ year: ForecastYear<X>, exact: Bool = false, cross: Set<NeedCode> = [], _ audit: inout IntervalAudit
    ) -> (
      total: Int, needs: [Int], cells: [Int]
    ) {
      let shown = YearDisclosure(
        year, level: .public, crossWithheld: cross.union(crossNeeds), crossPhasesWithheld: crossPhases,
        totalsWithheld: firstYearTotals)
      // Allocate's need (or phase) rows, as its public page shows them
      // beside their total (its headline): exact from 5, a small row
      // protected by another.
      let unplaced = year.byPhase.map { $0.map(\.unplaced) }
      let total =
        exact
        ? audit.add(Disclosure([year.summary.unplaced], level: .public).resolve()[0], rounded: false)
        : audit.add(shown.total, rounded: true)
      var needs: [Int]
      if exact {
        let rows = allocatesRows(
          NeedCode.allCases.map { n in
            (year.byPhase[n.rawValue].reduce(0) { $0 + $1.batch }, unplaced[n.rawValue].reduce(0, +))
          }, of: year, &audit)
        needs = rows.unplaced
        for need in NeedCode.allCases { firstYearFigures[need] = rows.rows[need.rawValue] }
        // The batch of each need in each phase, a count no page shows:
        // it adds up to allocate's need and phase rows, and the caseload
        // holds it, so a rounded caseload cell bounds it (round thirty:
        // MLD's "5" beside allocate's MLD `x` and ASD `<5` summing to 11
        // was MLD 7, so ASD 4; round thirty-one: "SEMH Primary 10" beside
        // allocate's SEMH 16, Primary `x` and Secondary `<5` was Primary at
        // most 12, so Secondary 4).
        batchCells = NeedCode.allCases.map { need in
          let cells = SchoolPhase.allCases.map { phase in
            let cell = year.byPhase[need.rawValue][phase.rawValue]
            // A phase with no caseload has no batch.
            guard cell.caseload > 0 else { return audit.add(0, 0, exact: true) }
            let batch = audit.add(0, .infinity)
            if !caseloadWithheld.contains(need), !caseloadPhases.contains(phase) {
              let shown = audit.add(ComparisonReport.rounded(cell.caseload, level: .public), rounded: true)
              audit.relate([(batch, 1), (shown, -1)], -.infinity, 0)
            }
            return batch
          }
          audit.relate(cells.map { ($0, 1) } + [(rows.rows[need.rawValue][0], -1)], 0, 0)
          return cells
        }
      } else {
        needs = NeedCode.allCases.map { audit.add(shown.needTotal[$0.rawValue], rounded: true) }
      }
      audit.relate(needs.map { ($0, 1) } + [(total, -1)], 0, 0)
      if exact {
        // The forecast's own page shows the first year too, rounded (its
        // cards, the first-short table: "SLCN year 1 (10 without a place)"
        // beside allocate's SLCN of 9 pupils, placed `<5`, was 8 unplaced
        // and 1 placed: round twenty-two).
        audit.relate([(audit.add(shown.total, rounded: true), 1), (total, -1)], 0, 0)
        for need in NeedCode.allCases {
          let rounded = audit.add(shown.needTotal[need.rawValue], rounded: true)
          audit.relate([(rounded, 1), (needs[need.rawValue], -1)], 0, 0)
          firstYearFigures[need, default: []].append(rounded)
        }
        for (need, range) in firstYear.needs {
          let truth = Double(unplaced[need.rawValue].reduce(0, +))
          audit.bound(
            needs[need.rawValue], (range.lo - 1e-6).rounded(.up), (range.hi + 1e-6).rounded(.down), truth: truth)
        }
      }
      let cells = cellKeys.map { audit.add(shown.cell($0.0, $0.1), rounded: true) }
      for need in NeedCode.allCases {
        let row = cellKeys.indices.filter { cellKeys[$0].0 == need }
        audit.relate(row.map { (cells[$0], 1) } + [(needs[need.rawValue], -1)], 0, 0)
      }
      if exact {
        // Allocate's page shows the batch's unplaced by phase too.
        let phaseRows = allocatesRows(
          SchoolPhase.allCases.map { p in
            NeedCode.allCases.reduce((0, 0)) {
              ($0.0 + year.byPhase[$1.rawValue][p.rawValue].batch, $0.1 + unplaced[$1.rawValue][p.rawValue])
            }
          }, of: year, &audit)
        let phases = phaseRows.unplaced
        for phase in SchoolPhase.allCases {
          firstYearPhaseFigures[phase] = phaseRows.rows[phase.rawValue]
          audit.relate(
            batchCells.map { ($0[phase.rawValue], 1) } + [(phaseRows.rows[phase.rawValue][0], -1)], 0, 0)
        }
        for phase in SchoolPhase.allCases {
          let column = cellKeys.indices.filter { cellKeys[$0].1 == phase }
          audit.relate(column.map { (cells[$0], 1) } + [(phases[phase.rawValue], -1)], 0, 0)
        }
        for (phase, range) in firstYear.phases {
          let truth = Double(NeedCode.allCases.reduce(0) { $0 + unplaced[$1.rawValue][phase.rawValue] })
          audit.bound(
            phases[phase.rawValue], (range.lo - 1e-6).rounded(.up), (range.hi + 1e-6).rounded(.down), truth: truth)
        }
      }
      return (total, needs, cells)
    }
    // Where a phase row of allocate's, or a need's batch in a phase, is
    // pinned by what is left: the need whose caseload in that phase to
    // withhold (that need's first, then the others there, in code order).
    func caseloadToWithhold(_ audit: IntervalAudit) -> NeedCode? {
      for phase in SchoolPhase.allCases {
        let pinnedNeeds = NeedCode.allCases.filter {
          batchCells.indices.contains($0.rawValue) && audit.pinned(batchCells[$0.rawValue][phase.rawValue])
        }
        guard !pinnedNeeds.isEmpty || (firstYearPhaseFigures[phase] ?? []).contains(where: audit.pinned) else {
          continue
        }
        let inPhase = NeedCode.allCases.filter { baseline.years[0].byPhase[$0.rawValue][phase.rawValue].caseload > 0 }
        if let need = (pinnedNeeds + inPhase).first(where: { !caseloadWithheld.contains($0) }) { return need }
      }
      return nil
    }
    while true {
      var audit = IntervalAudit()
      // Each year's need and phase cells.
      var crossCells: [(year: Int, need: NeedCode, cell: Int)] = []
      for (y, year) in baseline.years.enumerated() {
        let cross = crossHidden[y] ?? []
        let c0 = add(year, exact: y == 0, cross: cross, &audit).cells
        crossCells += c0.indices.map { (y, cellKeys[$0].0, c0[$0]) }
      }
      audit.propagate()
      // Allocate's need row, read beside the first year's rounded total,
      // pinned: that need's first-year total withheld too, in every plan
      // (round twenty-two: "SLCN year 1 (10 without a place)" beside
      // allocate's SLCN of 9 pupils, placed `<5`, was 1 placed).
      // Where its total is withheld already, the others' totals told it
      // by difference (MLD `x` and ASD `<5` summing to 11 on allocate's
      // page, "MLD year 1 (5 without a place)" was MLD 7 and so ASD 4:
      // round thirty): the first shown total of a need allocate's page
      // withholds too.
      let withheldOnAllocate = firstYear.needs.filter { $0.1.hi - $0.1.lo > 0.5 }.map(\.0)
      if let need = NeedCode.allCases.first(where: { (firstYearFigures[$0] ?? []).contains(where: audit.pinned) }),
        let next = ([need] + withheldOnAllocate).first(where: { !firstYearTotals.contains($0) })
      {
        firstYearTotals.insert(next)
        crossHidden[0, default: []].insert(next)
        continue
      }
      // Then their caseloads, which hold the batch.
      if let need = NeedCode.allCases.first(where: { (firstYearFigures[$0] ?? []).contains(where: audit.pinned) }),
        let next = ([need] + withheldOnAllocate).first(where: { !caseloadWithheld.contains($0) })
      {
        caseloadWithheld.insert(next)
        continue
      }
      // A need's cells pinned in a year: its cells withheld that year in
      // every plan (its totals stay).
      if let hit = crossCells.first(where: {
        audit.pinned($0.cell) && !(crossHidden[$0.year]?.contains($0.need) ?? false)
      }) {
        crossHidden[hit.year, default: []].insert(hit.need)
        continue
      } else if let need = caseloadToWithhold(audit) {
        caseloadWithheld.insert(need)
      } else {
        return Withheld(
          whole: hidden, cross: crossHidden, firstYearTotals: firstYearTotals, caseload: caseloadWithheld,
          caseloadPhases: caseloadPhases, crossNeeds: crossNeeds, crossPhases: crossPhases)
      }
    }
  }

  /// The plan the headline names: never more without a place than the
  /// baseline in any year, fewer in the last; the fewest then, then the
  /// least capital. Nil when none.
  static func headlineBest<R>(_ outcomes: [ForecastOutcome<R>]) -> Int? {
    guard let baseline = outcomes.first, let last = baseline.years.last else { return nil }
    let better = outcomes.indices.dropFirst().filter { p in
      zip(outcomes[p].years, baseline.years).allSatisfy { $0.summary.unplaced <= $1.summary.unplaced }
        && (outcomes[p].years.last?.summary.unplaced ?? 0) < last.summary.unplaced
    }
    return better.min {
      (outcomes[$0].years.last?.summary.unplaced ?? 0, outcomes[$0].plan?.capitalCost ?? 0, $0)
        < (outcomes[$1].years.last?.summary.unplaced ?? 0, outcomes[$1].plan?.capitalCost ?? 0, $1)
    }
  }

  /// One sentence: the plan that leaves the fewest children without a
  /// place in the last year, against the baseline; never a plan that
  /// leaves more without a place in any year called better.
  static func headline<R>(
    _ outcomes: [ForecastOutcome<R>], years: Int, shown: [Disclosed?], level: ReportLevel = .internal
  ) -> String {
    guard let baseline = outcomes.first, let last = baseline.years.last else { return "" }
    guard let b = headlineBest(outcomes), let bestLast = outcomes[b].years.last else {
      return "<p>No plan leaves fewer children without a place than the baseline by year \(years).</p>\n"
    }
    let best = outcomes[b]
    let fewer = last.summary.unplaced - bestLast.summary.unplaced
    var text = "<p><strong>\(HTMLPage.escape(best.name))</strong> leaves the fewest children without a place in "
    text += "year \(years): \(shown[b]?.html ?? "-"), against \(shown[0]?.html ?? "-") with no plan"
    // The difference only where both counts are shown (else it would give a
    // withheld one away), and at the public level that of the rounded
    // figures shown, told only from 5 (the exact one would pin them).
    if let mine = shown[b]?.value, let theirs = shown[0]?.value {
      let rounded = level == .public
      let shownFewer = rounded ? theirs - mine : fewer
      if !rounded || shownFewer >= 5 {
        text += " (\(rounded ? "about " : "")\(NumberFormatting.grouped(shownFewer)) fewer)"
      }
    }
    text += ", and never more in any year."
    if let plan = best.plan, plan.capitalCost > 0 {
      text += " Its capital cost is \(NumberFormatting.pounds(plan.capitalCost))."
    }
    return text + "</p>\n"
  }
}

/// One plan-year's counts without a place as the page shows them: each
/// need and phase, each need's total and the year's total; internally as
/// they are, at the public level rounded to the nearest 5 (1 to 4 as `<5`).
struct YearDisclosure {
  private let cells: [Disclosed]
  private let phases = SchoolPhase.allCases.count
  private let needs = NeedCode.allCases.count

  /// `withheld`: every count shown as `c` (see `ForecastReport.withheldPlanYears`);
  /// `crossWithheld`: these needs' counts by phase only.
  init<R>(
    _ year: ForecastYear<R>, level: ReportLevel, withheld: Bool = false, crossWithheld: Set<NeedCode> = [],
    crossPhasesWithheld: Set<SchoolPhase> = [], totalsWithheld: Set<NeedCode> = []
  ) {
    var values: [Int] = []
    for need in NeedCode.allCases {
      for phase in SchoolPhase.allCases { values.append(year.byPhase[need.rawValue][phase.rawValue].unplaced) }
    }
    for need in NeedCode.allCases {
      values.append(SchoolPhase.allCases.reduce(0) { $0 + year.byPhase[need.rawValue][$1.rawValue].unplaced })
    }
    values.append(year.summary.unplaced)
    // At the public level every count is rounded to the nearest 5 (1 to 4
    // as `<5`), as compare's are: a plan's difference from the baseline is
    // otherwise an exact count (7 against 10 was a plan's 3 fewer: hostile
    // trial, round eleven). Rounding protects the lines too, so no count is
    // hidden to protect another (hiding a year's total to protect one need's
    // `<5` left the sample county's page with no year total in 3 of 5 years).
    let phases = SchoolPhase.allCases.count
    let cross = NeedCode.allCases.count * phases
    let needCount = NeedCode.allCases.count
    cells = values.enumerated().map { k, value in
      let need = k < cross ? k / phases : k < cross + needCount ? k - cross : -1
      let needWithheld =
        (k < cross && crossWithheld.contains { $0.rawValue == need })
        || (k < cross && crossPhasesWithheld.contains { $0.rawValue == k % phases })
        || totalsWithheld.contains { $0.rawValue == need }
      return withheld || needWithheld ? .confidential : ComparisonReport.rounded(value, level: level)
    }
  }

  /// A need and phase's count.
  func cell(_ need: NeedCode, _ phase: SchoolPhase) -> Disclosed { cells[need.rawValue * phases + phase.rawValue] }

  /// Each need's count, by code.
  var needTotal: [Disclosed] { Array(cells[(needs * phases)..<(needs * phases + needs)]) }

  /// The year's count.
  var total: Disclosed { cells[cells.count - 1] }
}
