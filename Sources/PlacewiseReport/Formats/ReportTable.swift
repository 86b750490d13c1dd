package import Workbook

/// A column of a report table: its title and the kind of its cells.
package struct ReportColumn: Sendable, Equatable {
  /// The header text.
  package var title: String
  /// The kind of its cells: text, or a number with its format.
  package var kind: CellKind

  /// Creates a column.
  package init(_ title: String, _ kind: CellKind) {
    self.title = title
    self.kind = kind
  }
}

/// One output table, built once per run: a name (the workbook's sheet),
/// named columns each with the kind of its cells, and rows of typed cells.
/// The CSV writer (`csv`), the workbook (`sheet`) and the report read it;
/// nothing is parsed back from text.
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

  /// Creates a table from rows of text: text columns are kept as they are,
  /// number columns parsed (an empty field is a blank cell). No output
  /// builds its table so (each is typed from the start, see `TableColumn`);
  /// this is for text from elsewhere.
  ///
  /// - Throws: `WorkbookError` (`.invalidWorkbook`) when a number column's
  ///   field is not a number, naming the sheet, row and column (not the value).
  package init(sheetName: String, columns: [ReportColumn], textRows: [[String]]) throws(WorkbookError) {
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
