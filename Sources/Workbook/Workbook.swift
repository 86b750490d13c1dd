/// An Excel workbook described as values: sheets of titled columns and typed
/// cells. Nothing touches libxlsxwriter until `bytes()` or `write(to:)`.
package struct Workbook: Sendable, Equatable {
  /// The sheets, in tab order.
  package var sheets: [Sheet]
  /// The creation time stamped in the document properties, in seconds since
  /// 1970 (UTC). Fixed by default, because libxlsxwriter stamps the clock
  /// when it is left unset, and the same workbook must give the same bytes.
  package var createdSeconds: Int64

  /// 2000-01-01T00:00:00Z, the creation time every workbook carries unless told otherwise.
  package static let fixedCreationSeconds: Int64 = 946_684_800

  /// Creates a workbook of these sheets.
  package init(sheets: [Sheet], createdSeconds: Int64 = Workbook.fixedCreationSeconds) {
    self.sheets = sheets
    self.createdSeconds = createdSeconds
  }
}

/// One worksheet: a header row of column titles, then rows of cells.
package struct Sheet: Sendable, Equatable {
  /// The tab name (at most 31 characters, none of `[]:*?/\`).
  package var name: String
  /// The columns, left to right; their titles make the header row.
  package var columns: [Column]
  /// The rows below the header. A row may be shorter than `columns` (the
  /// rest is blank) but never longer.
  package var rows: [[Cell]]
  /// Whether the header row stays in view when scrolling.
  package var freezesHeader: Bool
  /// Whether the header row carries filter buttons over the whole table.
  package var hasAutofilter: Bool

  /// Creates a sheet; the header is frozen and filtered unless told otherwise.
  package init(
    name: String, columns: [Column], rows: [[Cell]], freezesHeader: Bool = true, hasAutofilter: Bool = true
  ) {
    self.name = name
    self.columns = columns
    self.rows = rows
    self.freezesHeader = freezesHeader
    self.hasAutofilter = hasAutofilter
  }
}

/// A column: its title and width.
package struct Column: Sendable, Equatable {
  /// The header text.
  package var title: String
  /// The width in Excel's character units; `nil` fits the widest cell
  /// (between `Column.minimumWidth` and `Column.maximumWidth`).
  package var width: Double?

  /// The narrowest fitted column.
  package static let minimumWidth = 6.0
  /// The widest fitted column (a long name wraps out of view rather than
  /// pushing every other column off the screen).
  package static let maximumWidth = 60.0

  /// Creates a column.
  package init(_ title: String, width: Double? = nil) {
    self.title = title
    self.width = width
  }
}

/// What a cell holds and how it is shown. Numbers are stored as numbers
/// (with a number format), text always as text: never as a formula, however
/// it looks (`=1+2` stays the three characters it is, `0012` keeps its zeros).
package enum Cell: Sendable, Equatable {
  /// Nothing.
  case blank
  /// Text, stored as a string (inline in the sheet).
  case text(String)
  /// A count or other whole number, shown `#,##0`.
  case integer(Int)
  /// A number with a fraction, shown with thousands separators and one to
  /// three decimals (`#,##0.0##`).
  case decimal(Double)
  /// Journey minutes, shown to one decimal with thousands separators (`#,##0.0`).
  case minutes(Double)
  /// Pounds, shown whole with thousands separators (`£#,##0`).
  case pounds(Double)

  /// The kind of this cell.
  package var kind: CellKind? {
    switch self {
    case .blank: nil
    case .text: .text
    case .integer: .integer
    case .decimal: .decimal
    case .minutes: .minutes
    case .pounds: .pounds
    }
  }
}

/// The kinds of non-blank cell, for code that types a column at a time.
package enum CellKind: Sendable, Equatable, CaseIterable {
  /// `Cell.text`.
  case text
  /// `Cell.integer`.
  case integer
  /// `Cell.decimal`.
  case decimal
  /// `Cell.minutes`.
  case minutes
  /// `Cell.pounds`.
  case pounds

  /// The Excel number format of this kind's cells (`nil`: General, or text).
  package var numberFormat: String? {
    switch self {
    case .text: nil
    case .integer: "#,##0"
    case .decimal: "#,##0.0##"
    case .minutes: "#,##0.0"
    // Quoted: a literal `£` is valid in any locale's Excel only as a quoted string.
    case .pounds: "\"£\"#,##0"
    }
  }
}
