public import Placewise
import Workbook

/// The report and the workbook of `compare`'s output folder, built from the
/// same figures as comparison.csv, comparison-by-need.csv and moves.csv.
public enum ComparisonOutputs {
  /// The files beside the three tables: `report.html` (at `level`; with
  /// `identity`, saying which run made it) and `placewise.xlsx` (sheets
  /// Comparison, Comparison by need and Moves).
  ///
  /// - Throws: `WorkbookError` when a table breaks one of Excel's limits.
  public static func render<R>(
    _ outcomes: [ComparisonOutcome<R>], pupils: [Pupil], settingNames: [URN: String] = [:],
    level: ReportLevel = .internal, title: String = "Plan comparison", identity: RunIdentity? = nil
  ) throws -> [(name: String, contents: [UInt8])] {
    let figures = ComparisonFigures.rows(outcomes)
    let rows = figures.map { f in
      var row = ComparisonRow(
        plan: f.name, capitalCost: f.capitalCost, annualCost: f.annualCost, pupils: f.summary.pupils,
        placed: f.summary.placed, unplaced: f.summary.unplaced, unmetPriority: f.summary.unmetPriority,
        placementCost: f.summary.placementCost, travelMinutes: f.summary.travelMinutes,
        preferencePenalty: f.summary.preferencePenalty, firstPreferenceMet: f.summary.firstPreferenceMet,
        annualPlaceCost: f.summary.annualPlaceCost, pupilsMoved: f.pupilsMoved)
      row.displaced = f.displaced
      row.requestsRefused = f.summary.requestsRefused
      row.annualTotalCost = f.annualTotalCost
      row.costsGiven = f.summary.costsGiven
      return row
    }
    let byNeedText = ComparisonByNeedCSV.rows(outcomes)
    let byNeed = byNeedText.map { f in
      ComparisonNeedRow(
        plan: f[0], primaryNeed: f[1], pupils: Int(f[2]) ?? 0, placed: Int(f[3]) ?? 0, unplaced: Int(f[4]) ?? 0,
        unmetPriority: Int(f[5]) ?? 0)
    }
    let movesText = MovesCSV.rows(outcomes, pupils: pupils, settingNames: settingNames)
    let moves = movesText.map { f in
      MoveRow(
        plan: f[0], pupilID: f[1], baselineURN: f[2], planURN: f[3], baselineStatus: f[4], planStatus: f[5])
    }
    let html = ComparisonReport.render(
      rows: rows, byNeed: byNeed, moves: moves, level: level, title: title, identity: identity)

    func columns(_ header: [String], _ kinds: [CellKind]) -> [ReportColumn] {
      zip(header, kinds).map { ReportColumn($0, $1) }
    }
    let comparisonKinds: [CellKind] = [
      .text, .pounds, .pounds, .integer, .integer, .integer, .integer, .decimal, .minutes, .decimal, .integer,
      .pounds, .integer, .integer, .decimal, .pounds, .integer, .integer, .integer, .integer, .integer, .pounds,
      .pounds, .pounds, .pounds,
    ]
    let tables = [
      try ReportTable(
        sheetName: "Comparison", columns: columns(ComparisonCSV.header, comparisonKinds),
        textRows: ComparisonCSV.rows(outcomes)),
      try ReportTable(
        sheetName: "Comparison by need",
        columns: columns(ComparisonByNeedCSV.header, [.text, .text, .integer, .integer, .integer, .integer]),
        textRows: byNeedText),
      try ReportTable(
        sheetName: "Moves",
        columns: columns(MovesCSV.header, [.text, .text, .text, .text, .text, .text, .text, .text]),
        textRows: movesText
      ).reordered([0, 1, 2, 6, 3, 7, 4, 5]),  // each setting's name beside its URN
    ]
    let book = try Workbook(sheets: tables.map(\.sheet)).bytes()
    return [("report.html", Array(html.utf8)), (WorkbookReport.fileName, book)]
  }
}
