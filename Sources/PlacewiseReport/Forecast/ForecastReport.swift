package import Placewise

/// `forecast`'s `report.html`: read by a director in a minute. Children
/// without a place by year for every plan in one chart, the first year
/// each plan falls short by need, and demand against places by need and
/// phase, year by year. At the public level every count of children is
/// withheld (`c`), the plans' and the baseline's, and so are sums over
/// children (`x`): see `publicDecision`.
package enum ForecastReport {
  /// The page (`outcomes`: the baseline first).
  package static func render<R>(
    _ outcomes: [ForecastOutcome<R>], years: Int, level: ReportLevel = .internal, title: String = "Forecast",
    identity: RunIdentity? = nil
  ) -> String {
    // Each plan-year's counts without a place as the page shows them (all
    // withheld at the public level).
    let shown = outcomes.map { outcome in outcome.years.map { YearDisclosure($0, level: level) } }
    var body = top(outcomes, years: years, level: level, title: title, identity: identity, shown: shown)
    body +=
      level == .public
      ? "<p>" + publicDecision + "</p>\n" : Self.headline(outcomes, years: years, shown: shown.map { $0.last?.total })
    if level == .internal {
      body += byYear(outcomes, years: years, shown: shown)
      let needs = NeedCode.allCases.filter { need in
        outcomes.contains { $0.years.contains { $0.byNeed.contains { $0.need == need } } }
      }
      body += firstShort(outcomes, years: years, needs: needs, shown: shown)
      body += demand(outcomes, years: years, needs: needs, shown: shown)
    }
    body += costs(outcomes, level: level)
    if let identity { body += HTMLReport.identitySection(identity, level: level) }
    if level == .public {
      body += "<footer>Public version: no pupil-level data; c withholds every count of children, x every sum over "
      body += "children. Made by Placewise; the figures are those of forecast-summary.csv.</footer>\n"
    }
    return HTMLPage.document(title: title, level: level, body: body)
  }

  /// What a public page says in place of the counts.
  ///
  /// Decision (hostile trials, rounds thirty-two and thirty-three): a
  /// public forecast shows no count of children, the baseline's included.
  /// Each year's batch follows from inputs the planner writes, each a query
  /// of the caseload: a plan's places (places for girls and for boys split
  /// a need allocate's page shows whole), the demand file (22 new ASD plans,
  /// copies of the case's ASD children, scaled their unplaced and gave the
  /// split back), and the years themselves (a year's ageing splits a phase:
  /// "Primary 5 short, Secondary <5 short" in year 2 was 4 aged 10). The
  /// audits that withheld a count only where it would pin one decided on
  /// the exact counts, so which counts they withheld told the split. The
  /// case as given is on allocate's public page, audited as a whole (the
  /// first year's batch is that case's, with the demand file's year-1 new
  /// plans); the plans and their costs are shown here.
  static let publicDecision =
    "Counts of children are not told in this public version (c): each year's batch follows from what the planner "
    + "writes (the plans' places, the demand file, the years of ageing), and such counts would count groups of "
    + "children (by sex, age or need) that allocate's public page shows only whole. The allocation of the case as "
    + "given is on allocate's public page; the plans' costs are below where the case gives costs; every count is in "
    + "the internal version."

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
    if let identity { body += HTMLReport.identityLine(identity, level: level) }

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
  /// year: the first not shown as 0, unless it is withheld (`c`), when
  /// whether that year is short is not told.
  private static func firstShortYear(_ counts: [Disclosed]) -> FirstShort {
    guard let y = counts.firstIndex(where: { $0 != .shown(0) }) else { return .never }
    switch counts[y] {
    case .confidential: return .withheld
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
    _ outcomes: [ForecastOutcome<R>], years: Int, needs: [NeedCode], shown: [[YearDisclosure]]
  ) -> String {
    var body = "<h2 id=\"demand\">Demand against places, by need and phase</h2>\n"
    body += "<p>Each cell: the children of that need and phase in the caseload that year, then how many "
    body += "of them are without a place.</p>\n"
    for (p, outcome) in outcomes.enumerated() {
      // The baseline open; each plan a click away (a long page otherwise).
      body += "<details\(p == 0 ? " open" : "")><summary><strong>\(HTMLPage.escape(outcome.name))</strong></summary>\n"
      var rows: [[String]] = []
      for need in needs {
        for phase in SchoolPhase.allCases {
          let cells = outcome.years.map { $0.byPhase[need.rawValue][phase.rawValue] }
          guard cells.contains(where: { $0.caseload > 0 }) else { continue }
          rows.append(
            [HTMLPage.escape(need.code), phase.label]
              + cells.indices.map { y in
                let f = cells[y]
                guard f.caseload > 0 else { return "-" }
                let caseload = NumberFormatting.grouped(f.caseload)
                let short = shown[p][y].cell(need, phase)
                return short == .shown(0) ? caseload : "\(caseload), \(short.html) short"
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
  /// times their count).
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
        body += "(the journeys) and children without a place (unplaced_cost times their count).</p>\n"
      }
    }
    return body
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
  static func headline<R>(_ outcomes: [ForecastOutcome<R>], years: Int, shown: [Disclosed?]) -> String {
    guard let baseline = outcomes.first, let last = baseline.years.last else { return "" }
    guard let b = headlineBest(outcomes), let bestLast = outcomes[b].years.last else {
      return "<p>No plan leaves fewer children without a place than the baseline by year \(years).</p>\n"
    }
    let best = outcomes[b]
    let fewer = last.summary.unplaced - bestLast.summary.unplaced
    var text = "<p><strong>\(HTMLPage.escape(best.name))</strong> leaves the fewest children without a place in "
    text += "year \(years): \(shown[b]?.html ?? "-"), against \(shown[0]?.html ?? "-") with no plan"
    // The internal page's only (a public page has no headline).
    text += " (\(NumberFormatting.grouped(fewer)) fewer)"
    text += ", and never more in any year."
    if let plan = best.plan, plan.capitalCost > 0 {
      text += " Its capital cost is \(NumberFormatting.pounds(plan.capitalCost))."
    }
    return text + "</p>\n"
  }
}

/// One plan-year's counts without a place as the page shows them: each
/// need and phase, each need's total and the year's total; internally as
/// they are, at the public level withheld (`c`).
struct YearDisclosure {
  private let cells: [Disclosed]
  private let phases = SchoolPhase.allCases.count
  private let needs = NeedCode.allCases.count

  /// At the public level every count is withheld (`c`: see
  /// `ForecastReport.publicDecision`).
  init<R>(_ year: ForecastYear<R>, level: ReportLevel) {
    var values: [Int] = []
    for need in NeedCode.allCases {
      for phase in SchoolPhase.allCases { values.append(year.byPhase[need.rawValue][phase.rawValue].unplaced) }
    }
    for need in NeedCode.allCases {
      values.append(SchoolPhase.allCases.reduce(0) { $0 + year.byPhase[need.rawValue][$1.rawValue].unplaced })
    }
    values.append(year.summary.unplaced)
    cells = values.map { level == .public ? .confidential : .shown($0) }
  }

  /// A need and phase's count.
  func cell(_ need: NeedCode, _ phase: SchoolPhase) -> Disclosed { cells[need.rawValue * phases + phase.rawValue] }

  /// Each need's count, by code.
  var needTotal: [Disclosed] { Array(cells[(needs * phases)..<(needs * phases + needs)]) }

  /// The year's count.
  var total: Disclosed { cells[cells.count - 1] }
}
