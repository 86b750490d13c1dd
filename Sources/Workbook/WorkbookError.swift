internal import CXLSXWriter

/// A failure to write a workbook: a description broke one of Excel's limits
/// (caught in Swift before libxlsxwriter saw it), libxlsxwriter returned an
/// error, or the file system refused.
package struct WorkbookError: Error, CustomStringConvertible, Sendable, Equatable {
  /// What kind of failure this is.
  package enum Kind: Sendable, Equatable {
    /// The description broke a limit checked before any C call.
    case invalidWorkbook
    /// libxlsxwriter returned an error code (see `code`).
    case libxlsxwriter
    /// The temporary folder or file could not be made, read or removed.
    case fileSystem
  }

  /// What kind of failure this is.
  package let kind: Kind
  /// What was being done, in words ("writing sheet 'Placements', row 3, column 'urn'").
  package let operation: String
  /// libxlsxwriter's code, when it returned one.
  package let code: XLSXErrorCode?
  /// The detail: the limit broken, or libxlsxwriter's own message (`lxw_strerror`).
  package let message: String

  /// Creates an error.
  package init(kind: Kind, operation: String, code: XLSXErrorCode? = nil, message: String) {
    self.kind = kind
    self.operation = operation
    self.code = code
    self.message = message
  }

  /// One line: what failed, while doing what, and libxlsxwriter's code if any.
  package var description: String {
    var text = "workbook: \(operation): "
    switch kind {
    case .invalidWorkbook: text += "invalid workbook: "
    case .libxlsxwriter: text += "libxlsxwriter error: "
    case .fileSystem: text += "file system: "
    }
    text += message
    if let code { text += " (\(code))" }
    return text
  }
}

/// An `lxw_error` code returned by libxlsxwriter.
package struct XLSXErrorCode: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
  /// The C value.
  package let rawValue: Int
  /// Creates a code from its C value.
  package init(rawValue: Int) { self.rawValue = rawValue }

  init(_ error: lxw_error) { self.init(rawValue: Int(error.rawValue)) }

  /// `LXW_NO_ERROR`: success.
  package static let success = XLSXErrorCode(LXW_NO_ERROR)
  /// `LXW_ERROR_MEMORY_MALLOC_FAILED`: out of memory.
  package static let memoryAllocationFailed = XLSXErrorCode(LXW_ERROR_MEMORY_MALLOC_FAILED)
  /// `LXW_ERROR_CREATING_XLSX_FILE`: the output file could not be created.
  package static let creatingFile = XLSXErrorCode(LXW_ERROR_CREATING_XLSX_FILE)
  /// `LXW_ERROR_CREATING_TMPFILE`: a temporary file could not be created.
  package static let creatingTemporaryFile = XLSXErrorCode(LXW_ERROR_CREATING_TMPFILE)
  /// `LXW_ERROR_ZIP_FILE_OPERATION`: the zip library hit a file error.
  package static let zipFileOperation = XLSXErrorCode(LXW_ERROR_ZIP_FILE_OPERATION)
  /// `LXW_ERROR_PARAMETER_VALIDATION`: a parameter was rejected.
  package static let parameterValidation = XLSXErrorCode(LXW_ERROR_PARAMETER_VALIDATION)
  /// `LXW_ERROR_SHEETNAME_LENGTH_EXCEEDED`: a sheet name is over 31 characters.
  package static let sheetNameTooLong = XLSXErrorCode(LXW_ERROR_SHEETNAME_LENGTH_EXCEEDED)
  /// `LXW_ERROR_INVALID_SHEETNAME_CHARACTER`: a sheet name holds one of `[]:*?/\`.
  package static let invalidSheetNameCharacter = XLSXErrorCode(LXW_ERROR_INVALID_SHEETNAME_CHARACTER)
  /// `LXW_ERROR_SHEETNAME_ALREADY_USED`: two sheets share a name.
  package static let sheetNameAlreadyUsed = XLSXErrorCode(LXW_ERROR_SHEETNAME_ALREADY_USED)
  /// `LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED`: a string is over 32,767 characters.
  package static let stringTooLong = XLSXErrorCode(LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED)
  /// `LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE`: a row or column beyond the sheet.
  package static let indexOutOfRange = XLSXErrorCode(LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE)

  /// The number with libxlsxwriter's name for it where we name it, e.g. `LXW_ERROR_CREATING_XLSX_FILE (2)`.
  package var description: String {
    let names: [XLSXErrorCode: String] = [
      .success: "LXW_NO_ERROR", .memoryAllocationFailed: "LXW_ERROR_MEMORY_MALLOC_FAILED",
      .creatingFile: "LXW_ERROR_CREATING_XLSX_FILE", .creatingTemporaryFile: "LXW_ERROR_CREATING_TMPFILE",
      .zipFileOperation: "LXW_ERROR_ZIP_FILE_OPERATION", .parameterValidation: "LXW_ERROR_PARAMETER_VALIDATION",
      .sheetNameTooLong: "LXW_ERROR_SHEETNAME_LENGTH_EXCEEDED",
      .invalidSheetNameCharacter: "LXW_ERROR_INVALID_SHEETNAME_CHARACTER",
      .sheetNameAlreadyUsed: "LXW_ERROR_SHEETNAME_ALREADY_USED", .stringTooLong: "LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED",
      .indexOutOfRange: "LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE",
    ]
    return "\(names[self] ?? "lxw_error") (\(rawValue))"
  }
}
