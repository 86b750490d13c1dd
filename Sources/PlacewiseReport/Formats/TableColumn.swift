package import Workbook

/// One named column of an output table and how a row fills it: the one
/// place a column's title, its kind and its figure are written down, so
/// that the CSV file, the workbook and the report cannot pair them
/// differently.
package struct TableColumn<Row>: Sendable {
  /// The title and the kind of its cells.
  package var column: ReportColumn
  /// The cell of a row.
  package var cell: @Sendable (Row) -> Cell

  private init(_ title: String, _ kind: CellKind, _ cell: @escaping @Sendable (Row) -> Cell) {
    column = ReportColumn(title, kind)
    self.cell = cell
  }

  /// Text; an empty string is a blank cell.
  package static func text(_ title: String, _ value: @escaping @Sendable (Row) -> String) -> Self {
    Self(title, .text) { ReportTable.text(value($0)) }
  }

  /// A count (a whole number); `nil` is a blank cell.
  package static func count(_ title: String, _ value: @escaping @Sendable (Row) -> Int?) -> Self {
    Self(title, .integer) { value($0).map(Cell.integer) ?? .blank }
  }

  /// A figure with decimals (a placement cost, a penalty); `nil` is a blank cell.
  package static func decimal(_ title: String, _ value: @escaping @Sendable (Row) -> Double?) -> Self {
    Self(title, .decimal) { value($0).map { Cell.decimal(Self.figure($0)) } ?? .blank }
  }

  /// Minutes; `nil` is a blank cell.
  package static func minutes(_ title: String, _ value: @escaping @Sendable (Row) -> Double?) -> Self {
    Self(title, .minutes) { value($0).map { Cell.minutes(Self.figure($0)) } ?? .blank }
  }

  /// Pounds; `nil` is a blank cell.
  package static func pounds(_ title: String, _ value: @escaping @Sendable (Row) -> Double?) -> Self {
    Self(title, .pounds) { value($0).map { Cell.pounds(Self.figure($0)) } ?? .blank }
  }

  /// A figure as the workbook stores it: -0 as 0, as the CSV file writes it.
  private static func figure(_ value: Double) -> Double { value == 0 ? 0 : value }
}

extension ReportTable {
  /// A table of `rows`, each cell filled by its column.
  package init<Row>(
    sheetName: String, columns: [TableColumn<Row>], rows: some Sequence<Row>, hasAutofilter: Bool = true
  ) {
    let cells = rows.map { row in columns.map { $0.cell(row) } }
    self.init(sheetName: sheetName, columns: columns.map(\.column), rows: cells, hasAutofilter: hasAutofilter)
  }
}
