public import Placewise

/// The files of an allocation's output folder, rendered.
public enum OutputFiles {
  /// Every file name an allocation may write (an output folder holding other
  /// files is not replaced).
  public static let names: Set<String> = [
    "placements.csv", "summary.json", "settings.csv", WorkbookReport.fileName, "report.html", "place-values.csv",
    "explanations.csv",
  ]

  /// Renders all output files of a run; `report.html` at the given level,
  /// headed with `title`.
  ///
  /// - Throws: `WorkbookError` when the workbook cannot be written (a table
  ///   over Excel's limits, or libxlsxwriter failing).
  public static func render(
    _ run: AllocationRun, reportLevel: ReportLevel = .internal, title: String = "Allocation report"
  ) throws -> [(name: String, contents: [UInt8])] {
    var files: [(name: String, contents: [UInt8])] = [
      (
        "placements.csv",
        Array(
          PlacementsCSV.render(case: run.input, candidates: run.candidates, allocation: run.allocation).utf8)
      ),
      (
        "summary.json",
        Array(
          SummaryJSON.render(summary: run.summary, allocation: run.allocation, warnings: run.input.warnings).utf8)
      ),
      ("settings.csv", Array(SettingsCSV.render(case: run.input, allocation: run.allocation).utf8)),
      (WorkbookReport.fileName, try WorkbookReport.render(run)),
      ("report.html", Array(HTMLReport.render(run, level: reportLevel, title: title).utf8)),
    ]
    if let placeValues = run.placeValues {
      files.append(("place-values.csv", Array(PlaceValuesCSV.render(case: run.input, placeValues: placeValues).utf8)))
    }
    if let explanations = run.explanations {
      let text = ExplanationsCSV.render(
        case: run.input, candidates: run.candidates, allocation: run.allocation, explanations: explanations)
      files.append(("explanations.csv", Array(text.utf8)))
    }
    return files
  }
}
