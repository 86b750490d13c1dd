package import Placewise
import Workbook

/// `forecast`'s three tables, each built once as typed cells: the CSV
/// files, the workbook's sheets and the report all read them.
package struct ForecastTables: Sendable {
  /// `forecast.csv`: per plan, year and primary need.
  package var byNeed: ReportTable
  /// `forecast-summary.csv`: per plan and year.
  package var summary: ReportTable
  /// `forecast-settings.csv`: per plan, year and setting.
  package var settings: ReportTable

  /// Figures of one plan's year: a need's, a setting's or the year's own.
  package struct Line<Figures: Sendable>: Sendable {
    var plan: String
    var year: Int
    var figures: Figures
  }

  /// A year's own figures, as `forecast-summary.csv` reads them.
  package struct YearFigures: Sendable {
    var caseload: Int
    var summary: AllocationSummary
    var rollPlaceCost: Double
    var capitalCost: Double
    var annualCost: Double
  }

  /// The tables of a forecast (`outcomes`: the baseline first).
  package init<R>(_ outcomes: [ForecastOutcome<R>]) {
    var needRows: [Line<ForecastNeedFigures>] = []
    var summaryRows: [Line<YearFigures>] = []
    var settingRows: [Line<ForecastSettingFigures>] = []
    for outcome in outcomes {
      for year in outcome.years {
        needRows += year.byNeed.map { Line(plan: outcome.name, year: year.year, figures: $0) }
        let figures = YearFigures(
          caseload: year.caseload, summary: year.summary, rollPlaceCost: year.rollPlaceCost,
          capitalCost: year.capitalCost, annualCost: year.annualCost)
        summaryRows.append(Line(plan: outcome.name, year: year.year, figures: figures))
        settingRows += year.settings.map { Line(plan: outcome.name, year: year.year, figures: $0) }
      }
    }
    byNeed = ReportTable(sheetName: "Forecast by need", columns: Self.byNeedColumns, rows: needRows)
    summary = ReportTable(sheetName: "Forecast", columns: Self.summaryColumns, rows: summaryRows)
    settings = ReportTable(sheetName: "Settings by year", columns: Self.settingColumns, rows: settingRows)
  }

  /// The plan and the year, first in every table.
  static func lead<F>() -> [TableColumn<Line<F>>] {
    [.text("plan") { $0.plan }, .count("year") { $0.year }]
  }

  /// `forecast.csv`'s columns.
  package static let byNeedColumns: [TableColumn<Line<ForecastNeedFigures>>] =
    lead() + [
      .text("primary_need") { $0.figures.need.code },
      .count("caseload") { $0.figures.caseload },
      .count("batch") { $0.figures.batch },
      .count("placed") { $0.figures.placed },
      .count("unplaced") { $0.figures.unplaced },
      .count("unmet_priority") { $0.figures.unmetPriority },
      .count("from_case") { $0.figures.sources[BatchSource.fromCase.rawValue] },
      .count("carried_over") { $0.figures.sources[BatchSource.carriedOver.rawValue] },
      .count("phase_transfers") { $0.figures.sources[BatchSource.phaseTransfer.rawValue] },
      .count("displaced") { $0.figures.sources[BatchSource.displaced.rawValue] },
      .count("new_plans") { $0.figures.sources[BatchSource.newPlan.rawValue] },
      .count("leavers") { $0.figures.leavers },
    ]

  /// `forecast-summary.csv`'s columns.
  package static let summaryColumns: [TableColumn<Line<YearFigures>>] =
    lead() + [
      .count("caseload") { $0.figures.caseload },
      .count("batch") { $0.figures.summary.pupils },
      .count("placed") { $0.figures.summary.placed },
      .count("unplaced") { $0.figures.summary.unplaced },
      .count("unmet_priority") { $0.figures.summary.unmetPriority },
      .count("requests_refused") { $0.figures.summary.requestsRefused },
      .decimal("placement_cost") { $0.figures.summary.placementCost },
      .pounds("annual_place_cost") { $0.figures.summary.annualPlaceCost },
      .pounds("roll_place_cost") { $0.figures.rollPlaceCost },
      .pounds("annual_transport_cost") { $0.figures.summary.annualTransportCost },
      .pounds("annual_unplaced_cost") { $0.figures.summary.annualUnplacedCost },
      .pounds("capital_cost") { $0.figures.capitalCost },
      .pounds("annual_cost") { $0.figures.annualCost },
    ]

  /// `forecast-settings.csv`'s columns.
  package static let settingColumns: [TableColumn<Line<ForecastSettingFigures>>] =
    lead() + [
      .text("urn") { $0.figures.urn.rawValue },
      .count("capacity") { $0.figures.capacity },
      .count("on_roll") { $0.figures.onRoll },
      .count("placed") { $0.figures.placed },
      .count("free_after") { $0.figures.freeAfter },
    ]

  /// The three CSV files.
  package var csvFiles: [(name: String, contents: [UInt8])] {
    [
      ("forecast.csv", byNeed.csvBytes), ("forecast-summary.csv", summary.csvBytes),
      ("forecast-settings.csv", settings.csvBytes),
    ]
  }
}
