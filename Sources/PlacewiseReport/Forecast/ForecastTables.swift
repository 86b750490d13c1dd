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

  /// The tables of a forecast (`outcomes`: the baseline first).
  package init<R>(_ outcomes: [ForecastOutcome<R>]) {
    var needRows: [[Cell]] = []
    var summaryRows: [[Cell]] = []
    var settingRows: [[Cell]] = []
    for outcome in outcomes {
      for year in outcome.years {
        let lead: [Cell] = [.text(outcome.name), .integer(year.year)]
        for f in year.byNeed {
          needRows.append(
            lead + [
              .text(f.need.code), .integer(f.caseload), .integer(f.batch), .integer(f.placed), .integer(f.unplaced),
              .integer(f.unmetPriority),
            ] + BatchSource.allCases.map { .integer(f.sources[$0.rawValue]) } + [.integer(f.leavers)])
        }
        let s = year.summary
        summaryRows.append(
          lead + [
            .integer(year.caseload), .integer(s.pupils), .integer(s.placed), .integer(s.unplaced),
            .integer(s.unmetPriority), .integer(s.requestsRefused), .decimal(s.placementCost),
            .pounds(s.annualPlaceCost), .pounds(year.rollPlaceCost), .pounds(s.annualTransportCost),
            .pounds(s.annualUnplacedCost), .pounds(year.capitalCost), .pounds(year.annualCost),
          ])
        for f in year.settings {
          settingRows.append(
            lead + [
              .text(f.urn.rawValue), .integer(f.capacity), .integer(f.onRoll), .integer(f.placed),
              .integer(f.freeAfter),
            ])
        }
      }
    }
    byNeed = ReportTable(sheetName: "Forecast by need", columns: Self.byNeedColumns, rows: needRows)
    summary = ReportTable(sheetName: "Forecast", columns: Self.summaryColumns, rows: summaryRows)
    settings = ReportTable(sheetName: "Settings by year", columns: Self.settingColumns, rows: settingRows)
  }

  package static let byNeedColumns: [ReportColumn] =
    [ReportColumn("plan", .text), ReportColumn("year", .integer), ReportColumn("primary_need", .text)]
    + [
      "caseload", "batch", "placed", "unplaced", "unmet_priority", "from_case", "carried_over", "phase_transfers",
      "displaced", "new_plans", "leavers",
    ].map { ReportColumn($0, .integer) }

  package static let summaryColumns: [ReportColumn] =
    [ReportColumn("plan", .text), ReportColumn("year", .integer)]
    + ["caseload", "batch", "placed", "unplaced", "unmet_priority", "requests_refused"].map {
      ReportColumn($0, .integer)
    }
    + [ReportColumn("placement_cost", .decimal)]
    + [
      "annual_place_cost", "roll_place_cost", "annual_transport_cost", "annual_unplaced_cost", "capital_cost",
      "annual_cost",
    ].map { ReportColumn($0, .pounds) }

  package static let settingColumns: [ReportColumn] =
    [ReportColumn("plan", .text), ReportColumn("year", .integer), ReportColumn("urn", .text)]
    + ["capacity", "on_roll", "placed", "free_after"].map { ReportColumn($0, .integer) }

  /// The three CSV files.
  package var csvFiles: [(name: String, contents: [UInt8])] {
    [
      ("forecast.csv", byNeed.csvBytes), ("forecast-summary.csv", summary.csvBytes),
      ("forecast-settings.csv", settings.csvBytes),
    ]
  }
}
