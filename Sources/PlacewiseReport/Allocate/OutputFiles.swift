import ParallelWork
package import Placewise
package import Workbook

/// The files of an allocation's output folder, rendered.
package enum OutputFiles {
  /// Renders all output files of a run; `report.html` at the given level,
  /// headed with `title`; with `identity`, the report and the workbook's
  /// Summary sheet say which run made them.
  ///
  /// - Throws: `WorkbookError` when the workbook cannot be written (a table
  ///   over Excel's limits, or libxlsxwriter failing).
  /// With `withReport` false, `placewise.xlsx` and `report.html` are left
  /// out (a forecast's year folders: the forecast's own report reads them all).
  package static func render(
    _ run: AllocationRun, reportLevel: ReportLevel = .internal, title: String = "Allocation report",
    withReport: Bool = true, identity: RunIdentity? = nil
  ) throws(WorkbookError) -> [(name: String, contents: [UInt8])] {
    // Each table is built once, on both cores: its CSV file and the workbook read it.
    let (planning, placements, settings) = tables(run)
    // The files are independent: rendered on both cores, kept in this order.
    let all: [(isReport: Bool, render: @Sendable () throws(WorkbookError) -> [(name: String, contents: [UInt8])])] = [
      (
        false,
        {
          [
            ("placements.csv", placements.csvBytes),
            (
              "summary.json",
              Array(
                SummaryJSON.render(summary: run.summary, allocation: run.allocation, warnings: run.input.warnings)
                  .utf8)
            ),
            ("settings.csv", settings.csvBytes),
          ]
        }
      ),
      (
        true,
        { () throws(WorkbookError) in
          let book = try WorkbookReport.render(
            run, placements: placements, settings: settings, more: planning.sheets, identity: identity)
          return [(WorkbookReport.fileName, book)]
        }
      ),
      (
        true,
        {
          [
            (
              "report.html",
              Array(
                HTMLReport.render(
                  run, level: reportLevel, title: title, placeValues: planning.placeValueRows,
                  explanations: planning.explanationRows, identity: identity
                ).utf8)
            )
          ]
        }
      ),
      (
        false,
        {
          var files: [(name: String, contents: [UInt8])] = []
          if let table = planning.placeValueTable { files.append(("place-values.csv", table.csvBytes)) }
          if let table = planning.explanationTable { files.append(("explanations.csv", table.csvBytes)) }
          return files
        }
      ),
    ]
    let renderers = all.filter { withReport || !$0.isReport }.map(\.render)
    let rendered = parallelMap(renderers.count) { k in Result { () throws(WorkbookError) in try renderers[k]() } }
    var files: [(name: String, contents: [UInt8])] = []
    for result in rendered { files += try result.get() }
    return files
  }

  /// A table being built, of whichever kind.
  private enum Built: Sendable {
    case planning(PlanningOutputs)
    case table(ReportTable)
  }

  /// Place values and explanations, the placements table and the settings
  /// table, built at once (each is a pass over every pupil or setting).
  private static func tables(_ run: AllocationRun) -> (PlanningOutputs, ReportTable, ReportTable) {
    let built = parallelMap(3) { k -> Built in
      switch k {
      case 0: .planning(PlanningOutputs(run))
      case 1: .table(PlacementsCSV.table(case: run.input, candidates: run.candidates, allocation: run.allocation))
      default: .table(SettingsCSV.table(case: run.input, allocation: run.allocation))
      }
    }
    guard case .planning(let planning) = built[0], case .table(let placements) = built[1],
      case .table(let settings) = built[2]
    else { preconditionFailure("parallelMap returns its results in order") }
    return (planning, placements, settings)
  }
}
