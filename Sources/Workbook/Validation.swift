/// Excel's limits, checked in Swift before libxlsxwriter sees anything, so
/// that a workbook breaking one is a thrown error naming the sheet, row and
/// column, never a C warning on standard error or a half-written file.
package enum ExcelLimits {
  /// Rows in a worksheet, the header included.
  package static let rows = 1_048_576
  /// Columns in a worksheet.
  package static let columns = 16_384
  /// UTF-16 code units in a cell's text (Excel counts in UTF-16; libxlsxwriter
  /// counts code points, never more than this).
  package static let textLength = 32_767
  /// UTF-16 code units in a sheet name.
  package static let sheetNameLength = 31
  /// Characters a sheet name may not hold.
  package static let sheetNameForbidden: Set<Character> = ["[", "]", ":", "*", "?", "/", "\\"]
  /// The widest column, in character units.
  package static let columnWidth = 255.0
  /// The largest magnitude of an integer cell that a double stores exactly (2^53).
  package static let exactInteger = 9_007_199_254_740_992
  /// The latest creation time ISO 8601's four-digit year can show (9999-12-31T23:59:59Z).
  package static let latestCreationSeconds: Int64 = 253_402_300_799
}

extension Workbook {
  /// Throws the first broken limit found, naming where it is (never the
  /// cell's content, which may be personal data).
  func validate() throws(WorkbookError) {
    guard !sheets.isEmpty else { throw invalid("checking the workbook", "a workbook needs at least one sheet") }
    // libxlsxwriter reads a creation time of 0 as "now".
    guard (1...ExcelLimits.latestCreationSeconds).contains(createdSeconds) else {
      throw invalid(
        "checking the document properties",
        "creation time \(createdSeconds) is not between 1 and \(ExcelLimits.latestCreationSeconds) seconds since 1970")
    }
    var seen: Set<String> = []
    for sheet in sheets {
      try Self.validateName(sheet.name)
      guard seen.insert(sheet.name.lowercased()).inserted else {
        throw invalid("checking sheet '\(sheet.name)'", "another sheet has this name (Excel ignores case)")
      }
      try sheet.validate()
    }
  }

  private static func validateName(_ name: String) throws(WorkbookError) {
    let operation = "checking a sheet name"
    guard !name.isEmpty else { throw invalid(operation, "a sheet name is empty") }
    guard !name.unicodeScalars.contains("\u{0}") else {
      throw invalid(operation, "a sheet name holds a NUL character")
    }
    guard name.utf16.count <= ExcelLimits.sheetNameLength else {
      throw invalid(
        operation,
        "sheet name '\(name)' is \(name.utf16.count) characters long, over Excel's \(ExcelLimits.sheetNameLength)")
    }
    if let bad = name.first(where: { ExcelLimits.sheetNameForbidden.contains($0) }) {
      throw invalid(operation, "sheet name '\(name)' holds '\(bad)', which Excel forbids (none of []:*?/\\)")
    }
    guard name.first != "'", name.last != "'" else {
      throw invalid(operation, "sheet name '\(name)' starts or ends with an apostrophe, which Excel forbids")
    }
    guard name.lowercased() != "history" else {
      throw invalid(operation, "sheet name '\(name)' is reserved by Excel")
    }
  }
}

extension Sheet {
  fileprivate func validate() throws(WorkbookError) {
    let at = "checking sheet '\(name)'"
    guard !columns.isEmpty else { throw invalid(at, "a sheet needs at least one column") }
    guard columns.count <= ExcelLimits.columns else {
      throw invalid(at, "\(columns.count) columns, over Excel's \(ExcelLimits.columns)")
    }
    guard rows.count < ExcelLimits.rows else {
      throw invalid(at, "\(rows.count) rows and a header, over Excel's \(ExcelLimits.rows) rows")
    }
    for (c, column) in columns.enumerated() {
      try Self.validateText(column.title, at + ", header of column \(c + 1)")
      if let width = column.width, !(width >= 0 && width <= ExcelLimits.columnWidth) {
        throw invalid(at, "column '\(column.title)' has width \(width), not between 0 and \(ExcelLimits.columnWidth)")
      }
    }
    for (r, row) in rows.enumerated() {
      guard row.count <= columns.count else {
        throw invalid(at, "row \(r + 2) has \(row.count) cells for \(columns.count) columns")
      }
      for (c, cell) in row.enumerated() {
        try Self.validate(cell, "\(at), row \(r + 2), column '\(columns[c].title)'")
      }
    }
  }

  /// `operation` is built only for an error: naming every cell of a large
  /// sheet up front took most of the check's time.
  private static func validate(_ cell: Cell, _ operation: @autoclosure () -> String) throws(WorkbookError) {
    switch cell {
    case .blank: return
    case .text(let text): try validateText(text, operation())
    case .integer(let value):
      guard value.magnitude <= ExcelLimits.exactInteger else {
        throw invalid(operation(), "an integer beyond ±2^53, which a spreadsheet number cannot hold exactly")
      }
    case .decimal(let value), .minutes(let value), .pounds(let value):
      guard value.isFinite else { throw invalid(operation(), "a number that is not finite (\(value))") }
    }
  }

  private static func validateText(_ text: String, _ operation: @autoclosure () -> String) throws(WorkbookError) {
    // Never more UTF-16 units than UTF-8 bytes: most cells need no UTF-16 count.
    guard text.utf8.count <= ExcelLimits.textLength || text.utf16.count <= ExcelLimits.textLength else {
      throw invalid(
        operation(), "text of \(text.utf16.count) characters, over Excel's \(ExcelLimits.textLength) in a cell")
    }
    // A C string ends at NUL: the cell would silently lose the rest.
    // NUL is the only scalar whose UTF-8 holds a 0 byte.
    guard !text.utf8.contains(0) else { throw invalid(operation(), "text holding a NUL character") }
  }
}

private func invalid(_ operation: String, _ message: String) -> WorkbookError {
  WorkbookError(kind: .invalidWorkbook, operation: operation, message: message)
}
