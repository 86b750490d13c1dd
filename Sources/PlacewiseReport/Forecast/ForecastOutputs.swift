package import Placewise
package import Workbook

/// The files of `forecast`'s output folder other than the year folders:
/// the three CSV tables, `report.html` and `placewise.xlsx`, all from the
/// same typed tables.
package enum ForecastOutputs {
  /// `forecast.csv`, `forecast-summary.csv`, `forecast-settings.csv`,
  /// `report.html` (at `level`, saying which run made it when given
  /// `identity`) and `placewise.xlsx`.
  ///
  /// - Throws: `WorkbookError` when a table breaks one of Excel's limits.
  package static func render<R>(
    _ outcomes: [ForecastOutcome<R>], years: Int, level: ReportLevel = .internal, title: String = "Forecast",
    identity: RunIdentity? = nil
  ) throws(WorkbookError) -> [(name: String, contents: [UInt8])] {
    let tables = ForecastTables(outcomes)
    let phases = Self.phaseTable(outcomes)
    let html = ForecastReport.render(
      outcomes, years: years, level: level, title: title, identity: identity)
    let book = try Workbook(sheets: [tables.summary, tables.byNeed, phases, tables.settings].map(\.sheet)).bytes()
    return tables.csvFiles + [("report.html", Array(html.utf8)), (WorkbookReport.fileName, book)]
  }

  /// One need's and phase's demand in a plan's year.
  struct PhaseLine: Sendable {
    var plan: String
    var year: Int
    var need: NeedCode
    var phase: SchoolPhase
    var figures: PhaseFigures
  }

  /// The columns of "Demand by phase".
  static let phaseColumns: [TableColumn<PhaseLine>] = [
    .text("plan") { $0.plan },
    .count("year") { $0.year },
    .text("primary_need") { $0.need.code },
    .text("phase") { $0.phase.label },
    .count("caseload") { $0.figures.caseload },
    .count("with_a_place") { $0.figures.caseload - $0.figures.unplaced },
    .count("without_a_place") { $0.figures.unplaced },
  ]

  /// Demand against places: per plan, year, need and phase, the caseload,
  /// those with a place and those without (the workbook's "Demand by phase").
  static func phaseTable<R>(_ outcomes: [ForecastOutcome<R>]) -> ReportTable {
    var lines: [PhaseLine] = []
    for outcome in outcomes {
      for year in outcome.years {
        for need in NeedCode.allCases {
          for phase in SchoolPhase.allCases {
            let f = year.byPhase[need.rawValue][phase.rawValue]
            guard f.caseload > 0 else { continue }
            lines.append(PhaseLine(plan: outcome.name, year: year.year, need: need, phase: phase, figures: f))
          }
        }
      }
    }
    return ReportTable(sheetName: "Demand by phase", columns: phaseColumns, rows: lines)
  }
}

/// The forecast's lines on the terminal: children without a place by plan
/// and year, and the first year each plan falls short.
package enum ForecastSummaryText {
  /// The text, ending in a newline.
  package static func render<R>(_ outcomes: [ForecastOutcome<R>]) -> String {
    typealias F = NumberFormatting
    guard let years = outcomes.first?.years.count, years > 0 else { return "" }
    var lines = ["Children without a place after each year's allocation:"]
    let width = max(8, outcomes.map(\.name.count).max() ?? 8)
    func padded(_ text: String, _ n: Int, right: Bool = true) -> String {
      let pad = String(repeating: " ", count: max(0, n - text.count))
      return right ? pad + text : text + pad
    }
    var header = padded("plan", width, right: false)
    for y in 1...years { header += padded("year \(y)", 9) }
    lines.append(header + "  first short")
    for outcome in outcomes {
      var line = padded(outcome.name, width, right: false)
      for year in outcome.years { line += padded(F.grouped(year.summary.unplaced), 9) }
      let first = outcome.years.first { $0.summary.unplaced > 0 }.map { "year \($0.year)" } ?? "none"
      lines.append(line + "  " + first)
    }
    return lines.joined(separator: "\n") + "\n"
  }
}
