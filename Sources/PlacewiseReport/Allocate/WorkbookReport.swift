package import Placewise
package import Workbook

/// Renders `placewise.xlsx`: the run's outputs as one Excel workbook, with
/// sheets Summary, Placements, Settings and Need, then any further tables
/// (place values, explanations, comparison, moves) in the order given.
///
/// Ids (`pupil_id`, `urn`, `current_urn`) are always text, so `0012` keeps
/// its zeros; figures are numbers with number formats; no text is ever a formula.
package enum WorkbookReport {
  /// The output file's name.
  package static let fileName = "placewise.xlsx"

  /// The workbook's bytes: the same run gives the same bytes.
  ///
  /// - Throws: `WorkbookError` when a table breaks one of Excel's limits
  ///   (over 1,048,575 rows, say) or libxlsxwriter fails.
  package static func render(_ run: AllocationRun) throws(WorkbookError) -> [UInt8] {
    try render(run, more: [])
  }

  /// The workbook's bytes with further tables after the four standard sheets;
  /// with `identity`, the Summary sheet opens with the run's identity.
  /// `placements` and `settings`, when given, are the run's tables as
  /// placements.csv and settings.csv were written from them.
  package static func render(
    _ run: AllocationRun, placements: ReportTable? = nil, settings: ReportTable? = nil, more tables: [ReportTable],
    identity: RunIdentity? = nil
  ) throws(WorkbookError) -> [UInt8] {
    try workbook(run, placements: placements, settings: settings, more: tables, identity: identity).bytes()
  }

  /// The workbook as values, before anything is written.
  package static func workbook(
    _ run: AllocationRun, placements: ReportTable? = nil, settings: ReportTable? = nil,
    more tables: [ReportTable] = [], identity: RunIdentity? = nil
  ) -> Workbook {
    let standard = [
      summary(run, identity: identity),
      placements ?? PlacementsCSV.table(case: run.input, candidates: run.candidates, allocation: run.allocation),
      settings ?? SettingsCSV.table(case: run.input, allocation: run.allocation),
      NeedTable.table(case: run.input, candidates: run.candidates, allocation: run.allocation),
    ]
    return Workbook(sheets: (standard + tables).map(\.sheet))
  }

  /// summary.json's figures, one per row, under the same keys; first, with
  /// `identity`, the run's: its date, Placewise's version, the case, each
  /// policy key (`policy: speed_kmh`) and each input file (`input: PATH`,
  /// the first 12 characters of its SHA-256).
  static func summary(_ run: AllocationRun, identity: RunIdentity? = nil) -> ReportTable {
    let s = run.summary
    let a = run.allocation
    var rows: [[Cell]] = []
    if let identity {
      rows += [
        [.text(WorkbookWords.summaryLabel("run_date")), .text(identity.date.description)],
        [.text(WorkbookWords.summaryLabel("placewise_version")), .text(identity.placewiseVersion)],
        [.text(WorkbookWords.summaryLabel("case")), ReportTable.text(identity.caseName)],
      ]
      // A policy value that is a number is a number cell, with a format (not text Excel flags).
      rows += identity.policyValues.map { policy in
        let value: Cell =
          Int(policy.value).map(Cell.integer) ?? Double(policy.value).map(Cell.decimal)
          ?? ReportTable.text(policy.value)
        return [.text(WorkbookWords.summaryLabel("policy: " + policy.key)), value]
      }
      rows += identity.inputDigests.map {
        [ReportTable.text(WorkbookWords.summaryLabel("input: " + $0.path)), .text($0.digest)]
      }
    }
    rows += [
      ("pupils", Cell.integer(s.pupils)),
      ("placed", .integer(s.placed)),
      ("unplaced", .integer(s.unplaced)),
      ("unplaced_no_eligible_setting", .integer(s.unplacedNoEligibleSetting)),
      ("unplaced_eligible_settings_full", .integer(s.unplacedSettingsFull)),
      ("unmet_priority", .integer(s.unmetPriority)),
      ("travel_minutes", .minutes(s.travelMinutes)),
      ("preference_penalty", .decimal(s.preferencePenalty)),
      ("placement_cost", .decimal(s.placementCost)),
      ("mean_travel_minutes", .minutes(s.meanTravelMinutes)),
      ("longest_travel_minutes", .minutes(s.longestJourneyMinutes)),
      ("placed_over_journey_limit", .integer(s.placedOverJourneyLimit)),
      ("pupils_with_preferences", .integer(s.pupilsWithPreferences)),
      ("first_preference_met", .integer(s.firstPreferenceMet)),
      ("any_preference_met", .integer(s.anyPreferenceMet)),
      ("requests", .integer(s.pupilsWithPreferences)),
      ("requests_protected", .integer(s.requestsProtected)),
      ("requests_refused", .integer(s.requestsRefused)),
      ("requests_excepted_resources", .integer(s.requestsExceptedResources)),
      ("pupils_kept_at_current", .integer(s.pupilsKeptAtCurrent)),
      ("pupils_moved_from_current", .integer(s.pupilsMovedFromCurrent)),
      ("move_penalty", .decimal(s.movePenalty)),
      ("agreed_placements", .integer(s.agreedPlacements)),
      ("cost_unit", .text(s.costUnit.rawValue)),
      ("annual_place_cost", .pounds(s.annualPlaceCost)),
      ("annual_transport_cost", .pounds(s.annualTransportCost)),
      ("annual_unplaced_cost", .pounds(s.annualUnplacedCost)),
      ("annual_total_cost", .pounds(s.annualTotalCost)),
      ("solver_status", .text("optimal")),  // an Allocation is always proven optimal, as summary.json says
      ("solver_path", ReportTable.text(a.solverPath)),
      ("solver_detail", ReportTable.text(a.solverDetail)),
    ].map { [.text(WorkbookWords.summaryLabel($0.0)), $0.1] }
    // summary.json's `warnings` array, one row each, worded as there.
    rows += (run.input.warnings + s.warnings).map {
      [.text(WorkbookWords.summaryLabel("warning")), .text($0.description + " (\($0.count))")]
    }
    return ReportTable(
      sheetName: "Summary", columns: [ReportColumn("figure", .text), ReportColumn("value", .text)], rows: rows,
      hasAutofilter: false)
  }
}
