package import Placewise

/// Place values and explanations as every output takes them: built once
/// from the run, typed, so that the CSV files, the workbook and the report
/// cannot disagree.
package struct PlanningOutputs: Sendable {
  /// `place-values.csv`'s rows, when the run computed place values.
  package var placeValueRows: [PlaceValueRow]?
  /// `explanations.csv`'s lines, when the run computed explanations.
  package var explanationLines: [ExplanationsCSV.Line]?

  /// The rows of a run.
  package init(_ run: AllocationRun) {
    placeValueRows = run.placeValues.map { PlaceValuesCSV.rows(case: run.input, placeValues: $0) }
    explanationLines = run.explanations.map {
      ExplanationsCSV.lines(case: run.input, candidates: run.candidates, allocation: run.allocation, explanations: $0)
    }
  }

  /// `place-values.csv`'s table.
  package var placeValueTable: ReportTable? { placeValueRows.map(PlaceValuesCSV.table) }

  /// `explanations.csv`'s table.
  package var explanationTable: ReportTable? { explanationLines.map(ExplanationsCSV.table) }

  /// The report's explanation rows.
  package var explanationRows: [ExplanationRow]? { explanationLines?.map(\.row) }

  /// The most pupils whose explanations the workbook holds as a sheet.
  /// Above it the sheet is left out (explanations.csv holds every row): at
  /// 20,000 pupils the sheet alone added 0.45 s to a 2.2 s run, and at
  /// 100,000 it doubled the time to write the outputs.
  package static let maximumExplainedPupils = 10_000

  /// The workbook's Place values and Explanations sheets, where computed
  /// (Explanations up to `maximumExplainedPupils` pupils).
  package var sheets: [ReportTable] {
    var tables: [ReportTable] = []
    // The setting's name beside its URN (the CSV has it last, after the contract's columns).
    if let placeValueTable { tables.append(placeValueTable.reordered([0, 7, 1, 2, 3, 4, 5, 6])) }
    if let explanationLines, explanationLines.count <= Self.maximumExplainedPupils {
      tables.append(ExplanationsCSV.table(explanationLines))
    }
    return tables
  }
}
