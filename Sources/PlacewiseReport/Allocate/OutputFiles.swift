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
      (false, { tableFiles(run, placements: placements, settings: settings) }),
      (
        true,
        { () throws(WorkbookError) in
          let book = try WorkbookReport.render(
            run, placements: placements, settings: settings, more: planning.sheets, identity: identity)
          return [(WorkbookReport.fileName, book)]
        }
      ),
      (true, { [("report.html", report(run, planning, level: reportLevel, title: title, identity: identity))] }),
      (false, { planningFiles(planning) }),
    ]
    let renderers = all.filter { withReport || !$0.isReport }.map(\.render)
    let rendered = parallelMap(renderers.count) { k in Result { () throws(WorkbookError) in try renderers[k]() } }
    var files: [(name: String, contents: [UInt8])] = []
    for result in rendered { files += try result.get() }
    return files
  }

  /// Renders the output files of a run solved but not yet planned (see
  /// `AllocationRun.planned(options:)`), while `planned` works its place
  /// values and explanations out on another thread: the placements and
  /// settings tables, the CSV files made from them and the workbook's
  /// first four sheets need only the allocation, so they are made
  /// meanwhile; the rest waits for `planned`. The files are those
  /// `render(_:reportLevel:title:withReport:identity:)` makes of the
  /// planned run, byte for byte, in the same order.
  ///
  /// When `planned` fails, what this returns is to be thrown away: the
  /// caller reports that failure, not this.
  package static func render(
    solved run: AllocationRun, planned: @escaping @Sendable () -> PlannedRun?,
    reportLevel: ReportLevel = .internal, title: String = "Allocation report", identity: RunIdentity? = nil
  ) throws(WorkbookError) -> [(name: String, contents: [UInt8])] {
    let built = parallelMap(2) { k in
      k == 0
        ? PlacementsCSV.table(case: run.input, candidates: run.candidates, allocation: run.allocation)
        : SettingsCSV.table(case: run.input, allocation: run.allocation)
    }
    let (placements, settings) = (built[0], built[1])
    // Longest first: the workbook takes one core from the start.
    typealias Files = Result<[(name: String, contents: [UInt8])], WorkbookError>
    let renderers: [@Sendable () -> Files] = [
      { workbookFile(run, placements: placements, settings: settings, identity: identity, planned: planned) },
      { .success(tableFiles(run, placements: placements, settings: settings)) },
      {
        guard let planned = planned() else { return .success([]) }
        return .success([
          ("report.html", report(planned.run, planned.outputs, level: reportLevel, title: title, identity: identity))
        ])
      },
      { .success(planned().map { planningFiles($0.outputs) } ?? []) },
    ]
    let rendered = parallelMap(renderers.count) { renderers[$0]() }
    // In `render`'s order: the CSV files and summary, the workbook, the report, the rest.
    var files: [(name: String, contents: [UInt8])] = []
    for k in [1, 0, 2, 3] { files += try rendered[k].get() }
    return files
  }

  /// The workbook, its first four sheets written before `planned` is asked for.
  private static func workbookFile(
    _ run: AllocationRun, placements: ReportTable, settings: ReportTable, identity: RunIdentity?,
    planned: @Sendable () -> PlannedRun?
  ) -> Result<[(name: String, contents: [UInt8])], WorkbookError> {
    let book = WorkbookReport.workbook(run, placements: placements, settings: settings, identity: identity)
    func later() -> [Sheet] { planned()?.outputs.sheets.map(\.sheet) ?? [] }
    do {
      return .success([(WorkbookReport.fileName, try book.bytes(then: later))])
    } catch {
      return .failure(error)
    }
  }

  /// placements.csv, summary.json and settings.csv.
  private static func tableFiles(_ run: AllocationRun, placements: ReportTable, settings: ReportTable) -> [(
    name: String, contents: [UInt8]
  )] {
    let summary = SummaryJSON.render(summary: run.summary, allocation: run.allocation, warnings: run.input.warnings)
    return [
      ("placements.csv", placements.csvBytes), ("summary.json", Array(summary.utf8)),
      ("settings.csv", settings.csvBytes),
    ]
  }

  /// report.html's bytes.
  private static func report(
    _ run: AllocationRun, _ planning: PlanningOutputs, level: ReportLevel, title: String, identity: RunIdentity?
  ) -> [UInt8] {
    Array(
      HTMLReport.render(
        run, level: level, title: title, placeValues: planning.placeValueRows,
        explanations: planning.explanationRows, identity: identity
      ).utf8)
  }

  /// place-values.csv and explanations.csv, where computed.
  private static func planningFiles(_ planning: PlanningOutputs) -> [(name: String, contents: [UInt8])] {
    var files: [(name: String, contents: [UInt8])] = []
    if let table = planning.placeValueTable { files.append(("place-values.csv", table.csvBytes)) }
    if let table = planning.explanationTable { files.append(("explanations.csv", table.csvBytes)) }
    return files
  }

  /// A run with its place values and explanations, and their tables.
  package struct PlannedRun: Sendable {
    package let run: AllocationRun
    package let outputs: PlanningOutputs

    package init(_ run: AllocationRun) {
      self.run = run
      outputs = PlanningOutputs(run)
    }
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
