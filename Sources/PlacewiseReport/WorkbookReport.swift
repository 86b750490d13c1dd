public import Placewise
package import Workbook

/// Renders `placewise.xlsx`: the run's outputs as one Excel workbook, with
/// sheets Summary, Placements, Settings and Need, then any further tables
/// (place values, explanations, comparison, moves) in the order given.
///
/// Ids (`pupil_id`, `urn`, `current_urn`) are always text, so `0012` keeps
/// its zeros; figures are numbers with number formats; no text is ever a formula.
public enum WorkbookReport {
  /// The output file's name.
  public static let fileName = "placewise.xlsx"

  /// The workbook's bytes: the same run gives the same bytes.
  ///
  /// - Throws: `WorkbookError` when a table breaks one of Excel's limits
  ///   (over 1,048,575 rows, say) or libxlsxwriter fails.
  public static func render(_ run: AllocationRun) throws -> [UInt8] {
    try render(run, more: [])
  }

  /// The workbook's bytes with further tables after the four standard sheets;
  /// with `identity`, the Summary sheet opens with the run's identity.
  package static func render(_ run: AllocationRun, more tables: [ReportTable], identity: RunIdentity? = nil) throws
    -> [UInt8]
  {
    try workbook(run, more: tables, identity: identity).bytes()
  }

  /// The workbook as values, before anything is written.
  package static func workbook(
    _ run: AllocationRun, more tables: [ReportTable] = [], identity: RunIdentity? = nil
  ) throws -> Workbook {
    let standard = [
      summary(run, identity: identity),
      try ReportTable(
        sheetName: "Placements", columns: placementColumns,
        textRows: PlacementsCSV.rows(case: run.input, candidates: run.candidates, allocation: run.allocation)),
      try ReportTable(
        sheetName: "Settings", columns: settingColumns,
        textRows: SettingsCSV.rows(case: run.input, allocation: run.allocation)),
      NeedTable.table(case: run.input, candidates: run.candidates, allocation: run.allocation),
    ]
    return Workbook(sheets: (standard + tables).map(\.sheet))
  }

  /// placements.csv's columns, in its order, typed.
  package static let placementColumns: [ReportColumn] = zip(
    PlacementsCSV.header,
    [
      CellKind.text, .text, .text, .text, .minutes, .integer, .decimal, .text, .text, .integer, .text, .text, .integer,
      .text, .text, .text, .text, .text,
    ]
  ).map { ReportColumn($0, $1) }

  /// The output settings.csv's columns, in its order, typed.
  package static let settingColumns: [ReportColumn] = zip(
    SettingsCSV.header,
    [CellKind.text, .text, .text, .integer, .integer, .integer, .integer, .integer, .text, .text]
  ).map { ReportColumn($0, $1) }

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

/// A column of a report table: its title and the kind of its cells.
package struct ReportColumn: Sendable, Equatable {
  /// The header text.
  package var title: String
  /// How the column's text is stored: as text, or parsed into a number with a format.
  package var kind: CellKind

  /// Creates a column.
  package init(_ title: String, _ kind: CellKind) {
    self.title = title
    self.kind = kind
  }
}

/// One table of the workbook: a sheet name, typed columns and rows. Other
/// outputs (place values, explanations, comparison, moves) become sheets by
/// building one of these, from typed cells or from the text rows of their CSV.
package struct ReportTable: Sendable, Equatable {
  /// The sheet's tab name (at most 31 characters, none of `[]:*?/\`).
  package var sheetName: String
  /// The columns.
  package var columns: [ReportColumn]
  /// The rows, typed.
  package var rows: [[Cell]]
  /// Whether the header carries filter buttons (on for tables, off for label/value lists).
  package var hasAutofilter: Bool

  /// Creates a table from typed cells.
  package init(sheetName: String, columns: [ReportColumn], rows: [[Cell]], hasAutofilter: Bool = true) {
    self.sheetName = sheetName
    self.columns = columns
    self.rows = rows
    self.hasAutofilter = hasAutofilter
  }

  /// Creates a table from rows of text as a CSV output writes them: text
  /// columns are kept as they are, number columns parsed (an empty field is a
  /// blank cell), so each cell equals its CSV field.
  ///
  /// - Throws: `WorkbookError` (`.invalidWorkbook`) when a number column's
  ///   field is not a number, naming the sheet, row and column (not the value).
  package init(sheetName: String, columns: [ReportColumn], textRows: [[String]]) throws {
    self.init(sheetName: sheetName, columns: columns, rows: [])
    rows.reserveCapacity(textRows.count)
    for (r, fields) in textRows.enumerated() {
      var row: [Cell] = []
      row.reserveCapacity(fields.count)
      for (c, field) in fields.enumerated() {
        guard c < columns.count else {
          throw WorkbookError(
            kind: .invalidWorkbook, operation: "building sheet '\(sheetName)'",
            message: "row \(r + 2) has \(fields.count) fields for \(columns.count) columns")
        }
        guard let cell = Self.cell(field, columns[c].kind) else {
          throw WorkbookError(
            kind: .invalidWorkbook, operation: "building sheet '\(sheetName)', row \(r + 2)",
            message: "column '\(columns[c].title)' expects a number")
        }
        row.append(cell)
      }
      rows.append(row)
    }
  }

  /// Text as a cell: an empty string is a blank (Excel keeps no empty strings).
  package static func text(_ value: String) -> Cell { value.isEmpty ? .blank : .text(value) }

  /// A field as a cell of a kind, or `nil` when a number column's field is not a number.
  static func cell(_ field: String, _ kind: CellKind) -> Cell? {
    if field.isEmpty { return .blank }
    switch kind {
    case .text: return .text(field)
    case .integer: return Int(field).map(Cell.integer)
    case .decimal: return Double(field).map(Cell.decimal)
    case .minutes: return Double(field).map(Cell.minutes)
    case .pounds: return Double(field).map(Cell.pounds)
    }
  }

  /// The table as a sheet: headers in words (`WorkbookWords`), header frozen, widths fitted.
  package var sheet: Sheet {
    Sheet(
      name: sheetName, columns: columns.map { Column(WorkbookWords.header($0.title, sheet: sheetName)) }, rows: rows,
      freezesHeader: true, hasAutofilter: hasAutofilter)
  }

  /// The table with its columns in another order: `order[i]` is the column
  /// shown i-th (a setting's name beside its URN, where the CSV has it last).
  package func reordered(_ order: [Int]) -> ReportTable {
    var table = self
    table.columns = order.map { columns[$0] }
    table.rows = rows.map { row in order.map { $0 < row.count ? row[$0] : .blank } }
    return table
  }
}
