package import Placewise
package import Workbook

/// Place values and explanations as the report and the workbook take them:
/// built once from the run, from the same text rows the CSV files hold, so
/// the three outputs cannot disagree.
package struct PlanningOutputs: Sendable {
  /// `place-values.csv`'s rows, when the run computed place values.
  package var placeValueText: [[String]]?
  /// `explanations.csv`'s rows, when the run computed explanations.
  package var explanationText: [[String]]?

  /// The rows of a run.
  package init(_ run: AllocationRun) {
    placeValueText = run.placeValues.map { PlaceValuesCSV.rows(case: run.input, placeValues: $0) }
    explanationText = run.explanations.map {
      ExplanationsCSV.rows(
        case: run.input, candidates: run.candidates, allocation: run.allocation, explanations: $0)
    }
  }

  /// The report's place-value rows.
  package var placeValueRows: [PlaceValueRow]? {
    placeValueText?.map { f in
      PlaceValueRow(
        urn: f[0], need: f[1], freePlaces: Int(f[2]) ?? 0, placesUsed: Int(f[3]) ?? 0,
        unmetPriorityChange: Int(f[4]) ?? 0, placementCostChange: Double(f[5]) ?? 0)
    }
  }

  /// The report's explanation rows.
  package var explanationRows: [ExplanationRow]? {
    explanationText?.map { f in
      ExplanationRow(
        pupilID: f[0], status: f[1], urn: f[2], preferenceRank: f[3], firstPreference: f[4],
        firstPreferenceOutcome: f[5], firstPreferenceUnmetChange: f[6], firstPreferenceCostChange: f[7],
        explanation: f[8])
    }
  }

  /// The most pupils whose explanations the workbook holds as a sheet.
  /// Above it the sheet is left out (explanations.csv holds every row): at
  /// 20,000 pupils the sheet alone added 0.45 s to a 2.2 s run, and at
  /// 100,000 it doubled the time to write the outputs.
  package static let maximumExplainedPupils = 10_000

  /// The workbook's Place values and Explanations sheets, where computed
  /// (Explanations up to `maximumExplainedPupils` pupils).
  ///
  /// - Throws: `WorkbookError` when a number column holds something else.
  package func sheets() throws -> [ReportTable] {
    var tables: [ReportTable] = []
    if let placeValueText {
      let kinds: [CellKind] = [.text, .text, .integer, .integer, .integer, .decimal, .integer, .text]
      // The setting's name beside its URN (the CSV has it last).
      tables.append(
        try ReportTable(
          sheetName: "Place values", columns: zip(PlaceValuesCSV.header, kinds).map { ReportColumn($0, $1) },
          textRows: placeValueText
        ).reordered([0, 7, 1, 2, 3, 4, 5, 6]))
    }
    if let explanationText, explanationText.count <= Self.maximumExplainedPupils {
      let kinds: [CellKind] = [
        .text, .text, .text, .integer, .text, .text, .integer, .decimal, .text, .text, .text, .integer,
      ]
      tables.append(
        try ReportTable(
          sheetName: "Explanations", columns: zip(ExplanationsCSV.header, kinds).map { ReportColumn($0, $1) },
          textRows: explanationText))
    }
    return tables
  }
}
