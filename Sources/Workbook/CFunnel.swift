// The one place where Swift calls libxlsxwriter: every `workbook_*`,
// `worksheet_*`, `format_*` and `lxw_*` call, and every Int/C integer
// conversion, lives here. Callers check Excel's limits first (see
// `Validation.swift`), so a C call only fails on memory or the file system;
// its `lxw_error` still becomes a thrown `WorkbookError`.
internal import CXLSXWriter
internal import Foundation

/// The owner of one `lxw_workbook`: freed exactly once, either by `close()`
/// (which writes the file and frees it) or, when abandoned, by `deinit`.
struct WorkbookHandle: ~Copyable {
  private let pointer: UnsafeMutablePointer<lxw_workbook>
  // Our own copies of the C strings handed to libxlsxwriter, kept alive for
  // the workbook's whole life whether or not the library copies them.
  private let path: UnsafeMutablePointer<CChar>
  private let temporaryFolder: UnsafeMutablePointer<CChar>

  /// Starts a workbook that `close()` writes to `path`, keeping its
  /// temporary files in `temporaryFolder`.
  init(path: String, temporaryFolder: String) throws(WorkbookError) {
    guard let path = strdup(path), let folder = strdup(temporaryFolder) else {
      throw WorkbookError(
        kind: .libxlsxwriter, operation: "creating the workbook", code: .memoryAllocationFailed,
        message: "out of memory")
    }
    var options = lxw_workbook_options()
    // Rows go straight to the sheet's temporary file as they are written
    // (the writer writes in row order) and text is stored inline, not in a
    // shared-string table: at 500,000 pupils the workbook took 7.5 s instead
    // of 10.2 s and 460 MB less memory.
    options.constant_memory = UInt8(LXW_TRUE.rawValue)
    options.tmpdir = folder
    options.use_zip64 = UInt8(LXW_FALSE.rawValue)
    guard let pointer = workbook_new_opt(path, &options) else {
      free(path)
      free(folder)
      throw WorkbookError(
        kind: .libxlsxwriter, operation: "creating the workbook", code: .memoryAllocationFailed,
        message: "workbook_new_opt returned no workbook")
    }
    self.pointer = pointer
    self.path = path
    self.temporaryFolder = folder
  }

  deinit {
    lxw_workbook_free(pointer)
    free(path)
    free(temporaryFolder)
  }

  /// Stamps the document properties' creation time (and so their
  /// modification time, which libxlsxwriter copies from it).
  func setCreated(seconds: Int64) throws(WorkbookError) {
    var properties = lxw_doc_properties()
    properties.created = time_t(seconds)
    try check(workbook_set_properties(pointer, &properties), "setting the document properties")
  }

  /// Adds a worksheet; the name must already be valid (`Validation`).
  func addSheet(named name: String) throws(WorkbookError) -> SheetReference {
    let operation = "adding sheet '\(name)'"
    try check(workbook_validate_sheet_name(pointer, name), operation)
    guard let sheet = workbook_add_worksheet(pointer, name) else {
      throw WorkbookError(
        kind: .libxlsxwriter, operation: operation, message: "workbook_add_worksheet returned no worksheet")
    }
    return SheetReference(pointer: sheet)
  }

  /// Adds a cell format: bold or not, with an Excel number format or none.
  func addFormat(bold: Bool, numberFormat: String?) throws(WorkbookError) -> FormatReference {
    guard let format = workbook_add_format(pointer) else {
      throw WorkbookError(
        kind: .libxlsxwriter, operation: "adding a cell format", code: .memoryAllocationFailed,
        message: "workbook_add_format returned no format")
    }
    if bold { format_set_bold(format) }
    if let numberFormat { format_set_num_format(format, numberFormat) }
    return FormatReference(pointer: format)
  }

  /// Assembles and writes the file, then frees the workbook whatever the outcome.
  consuming func close() throws(WorkbookError) {
    let (pointer, path, folder) = (self.pointer, self.path, self.temporaryFolder)
    discard self
    let result = workbook_close(pointer)  // frees the workbook on success and on failure alike
    free(path)
    free(folder)
    try check(result, "assembling and writing the .xlsx file")
  }
}

/// A worksheet of a live `WorkbookHandle` (owned and freed by the workbook).
struct SheetReference {
  fileprivate let pointer: UnsafeMutablePointer<lxw_worksheet>

  /// Writes text as text (an inline string in constant-memory mode): never
  /// as a formula, whatever it starts with. Rows must come in order.
  func writeText(_ text: String, row: Int, column: Int, format: FormatReference?) throws(WorkbookError) {
    let stored = escapingEscapes(replacingXMLNoncharacters(text))
    let result = worksheet_write_string(pointer, lxw_row_t(row), lxw_col_t(column), stored, format?.pointer)
    try check(result, "writing text at row \(row + 1), column \(column + 1)")
  }

  /// Writes a number with a format.
  func writeNumber(_ value: Double, row: Int, column: Int, format: FormatReference?) throws(WorkbookError) {
    let result = worksheet_write_number(pointer, lxw_row_t(row), lxw_col_t(column), value, format?.pointer)
    try check(result, "writing a number at row \(row + 1), column \(column + 1)")
  }

  /// Sets one column's width in character units.
  func setWidth(_ width: Double, column: Int) throws(WorkbookError) {
    let result = worksheet_set_column(pointer, lxw_col_t(column), lxw_col_t(column), width, nil)
    try check(result, "setting the width of column \(column + 1)")
  }

  /// Freezes the rows above `rows` (zero-based: 1 keeps the header in view).
  func freezeRows(_ rows: Int) {
    worksheet_freeze_panes(pointer, lxw_row_t(rows), 0)
  }

  /// Puts filter buttons on the first row over rows `0...lastRow`, columns `0...lastColumn`.
  func autofilter(lastRow: Int, lastColumn: Int) throws(WorkbookError) {
    let result = worksheet_autofilter(pointer, 0, 0, lxw_row_t(lastRow), lxw_col_t(lastColumn))
    try check(result, "setting the autofilter")
  }

  /// Prints landscape on A4, one page wide and as many down as it takes,
  /// the header row on every page, the table (rows `0...lastRow`, columns
  /// `0...lastColumn`) and nothing else.
  func setPrintLayout(lastRow: Int, lastColumn: Int) throws(WorkbookError) {
    worksheet_set_landscape(pointer)
    worksheet_set_paper(pointer, 9)  // 9: A4
    worksheet_fit_to_pages(pointer, 1, 0)  // 0 pages high: as many as needed
    try check(worksheet_repeat_rows(pointer, 0, 0), "repeating the header row on every printed page")
    let area = worksheet_print_area(pointer, 0, 0, lxw_row_t(lastRow), lxw_col_t(lastColumn))
    try check(area, "setting the print area")
  }

  /// Switches off Excel's "number stored as text" warning over `ranges`
  /// (A1 references separated by spaces, `A2:A10 C2:C10`).
  func ignoreNumbersStoredAsText(_ ranges: String) throws(WorkbookError) {
    let type = UInt8(LXW_IGNORE_NUMBER_STORED_AS_TEXT.rawValue)
    try check(worksheet_ignore_errors(pointer, type, ranges), "switching off the number-stored-as-text check")
  }
}

/// Text an XML 1.0 document may hold: U+FFFE and U+FFFF are not characters
/// of XML, and libxlsxwriter writes them as they are, which leaves the sheet
/// not well-formed (Excel offers to "repair" it, dropping the sheet's data).
/// Each becomes U+FFFD, the replacement character. Found on the bytes
/// (EF BF BE and EF BF BF), so most text is not copied.
func replacingXMLNoncharacters(_ text: String) -> String {
  var last = UInt8(0)
  var beforeLast = UInt8(0)
  let found = text.utf8.contains { byte in
    defer { (beforeLast, last) = (last, byte) }
    return beforeLast == 0xEF && last == 0xBF && (byte == 0xBE || byte == 0xBF)
  }
  guard found else { return text }
  var scalars = String.UnicodeScalarView()
  for scalar in text.unicodeScalars {
    scalars.append(scalar == "\u{FFFE}" || scalar == "\u{FFFF}" ? "\u{FFFD}" : scalar)
  }
  return String(scalars)
}

/// Text as SpreadsheetML stores it: libxlsxwriter writes a control character
/// as `_xHHHH_` but leaves a literal `_xHHHH_` alone, which a reader would
/// then turn into that character. Escaping the underscore (`_x005F_`) keeps it.
func escapingEscapes(_ text: String) -> String {
  // Most text has no `_x`: found on the bytes, not by Foundation's search
  // (a tenth of a large workbook's time). No composed character holds `_x`.
  var afterUnderscore = false
  guard
    text.utf8.contains(where: { byte in
      defer { afterUnderscore = byte == UInt8(ascii: "_") }
      return afterUnderscore && byte == UInt8(ascii: "x")
    })
  else { return text }
  guard text.contains("_x") else { return text }
  var out = ""
  var rest = Substring(text)
  while let start = rest.range(of: "_x") {
    out += rest[..<start.lowerBound]
    let after = rest[start.upperBound...]
    let isEscape =
      after.prefix(5).count == 5 && after.prefix(4).allSatisfy(\.isHexDigit) && after.dropFirst(4).first == "_"
    out += isEscape ? "_x005F_x" : "_x"
    rest = after
  }
  return out + rest
}

/// A cell format of a live `WorkbookHandle` (owned and freed by the workbook).
struct FormatReference {
  fileprivate let pointer: UnsafeMutablePointer<lxw_format>
}

/// Turns an `lxw_error` into a thrown error carrying libxlsxwriter's own message.
/// `operation` is built only on failure: a large sheet writes hundreds of
/// thousands of cells, and naming each one up front was a tenth of the work.
private func check(_ result: lxw_error, _ operation: @autoclosure () -> String) throws(WorkbookError) {
  guard result != LXW_NO_ERROR else { return }
  let message = lxw_strerror(result).map { String(cString: $0) } ?? "libxlsxwriter error"
  throw WorkbookError(kind: .libxlsxwriter, operation: operation(), code: XLSXErrorCode(result), message: message)
}
