package import Placewise
package import Workbook

/// `compare`'s tables, each built once per run from the outcomes:
/// comparison.csv, comparison-by-need.csv and moves.csv, and the workbook,
/// the report and the printed table that read the same rows.
package struct ComparisonOutputs: Sendable {
  /// Each plan's figures, baseline first.
  package var figures: [ComparisonFigures]
  /// comparison-by-need.csv's rows.
  package var byNeed: [ComparisonNeedRow]
  /// moves.csv's rows.
  package var moves: [MoveRow]

  /// The tables of a comparison (`outcomes`: the baseline first);
  /// `settingNames` names each URN in moves.csv.
  package init<R>(_ outcomes: [ComparisonOutcome<R>], pupils: [Pupil], settingNames: [URN: String] = [:]) {
    figures = ComparisonFigures.rows(outcomes)
    byNeed = ComparisonByNeedCSV.rows(outcomes)
    moves = MovesCSV.rows(outcomes, pupils: pupils, settingNames: settingNames)
  }

  /// The three tables, in the order of the files and of the workbook's sheets.
  package var tables: [ReportTable] {
    [ComparisonCSV.table(figures), ComparisonByNeedCSV.table(byNeed), MovesCSV.table(moves)]
  }

  /// `comparison.csv`, `comparison-by-need.csv` and `moves.csv`.
  package var csvFiles: [(name: String, contents: [UInt8])] {
    zip(["comparison.csv", "comparison-by-need.csv", "moves.csv"], tables).map { ($0, $1.csvBytes) }
  }

  /// The table `compare` prints.
  package var printed: String { ComparisonTable.render(figures) }

  /// The files beside the three tables: `report.html` (at `level`; with
  /// `identity`, saying which run made it) and `placewise.xlsx` (sheets
  /// Comparison, Comparison by need and Moves).
  ///
  /// - Throws: `WorkbookError` when a table breaks one of Excel's limits.
  package func reportFiles(
    level: ReportLevel = .internal, title: String = "Plan comparison", identity: RunIdentity? = nil
  )
    throws(WorkbookError) -> [(name: String, contents: [UInt8])]
  {
    let html = ComparisonReport.render(
      rows: figures.map(\.row), byNeed: byNeed, moves: moves, level: level, title: title, identity: identity)
    // In the workbook, each setting's name beside its URN (moves.csv has the names last).
    let sheets = [
      ComparisonCSV.table(figures), ComparisonByNeedCSV.table(byNeed),
      MovesCSV.table(moves).reordered([0, 1, 2, 6, 3, 7, 4, 5]),
    ]
    let book = try Workbook(sheets: sheets.map(\.sheet)).bytes()
    return [("report.html", Array(html.utf8)), (WorkbookReport.fileName, book)]
  }
}
