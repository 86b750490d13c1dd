internal import Foundation

extension Workbook {
  /// The `.xlsx` file's bytes: the same workbook gives the same bytes on
  /// every run (fixed creation time; libxlsxwriter dates every zip entry
  /// 1980-01-01).
  ///
  /// libxlsxwriter writes only to a path, so this writes into a private
  /// temporary folder (mode 0700), reads the file back and removes the folder.
  ///
  /// - Throws: `WorkbookError`: `.invalidWorkbook` when a limit is broken
  ///   (before any C call), `.libxlsxwriter` with its code and message,
  ///   `.fileSystem` when the temporary folder fails.
  package func bytes() throws(WorkbookError) -> [UInt8] {
    try bytes(then: { [] })
  }

  /// The `.xlsx` file's bytes, its sheets written as they come: this
  /// workbook's own first, then those `later` returns, asked for once these
  /// are written. `allocate` writes its Placements sheet (at 500,000 pupils,
  /// 325 MB of XML, most of the workbook's 10 s on one core) while the place
  /// values that its last sheets hold are still being worked out. The bytes are
  /// those of one workbook of all the sheets in that order.
  ///
  /// - Throws: `WorkbookError`, as `bytes()` does; the sheets `later`
  ///   returns are checked against Excel's limits before any is written.
  package func bytes(then later: () -> [Sheet]) throws(WorkbookError) -> [UInt8] {
    try validate()
    let folder = try PrivateFolder()
    let path = folder.path + "/workbook.xlsx"
    try writeValidated(to: path, temporaryFolder: folder.path, then: later)
    do {
      return Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    } catch {
      throw WorkbookError(
        kind: .fileSystem, operation: "reading the written workbook back", message: error.localizedDescription)
    }
  }

  /// Writes the `.xlsx` file to `path`, replacing it whole (never half-written).
  ///
  /// - Throws: `WorkbookError`, as `bytes()` does, or `.fileSystem` when `path` cannot be written.
  package func write(to path: String) throws(WorkbookError) {
    let contents = try bytes()
    do {
      try Data(contents).write(to: URL(fileURLWithPath: path), options: .atomic)
    } catch {
      throw WorkbookError(
        kind: .fileSystem, operation: "writing the workbook file", message: error.localizedDescription)
    }
  }

  private func writeValidated(to path: String, temporaryFolder: String, then later: () -> [Sheet])
    throws(WorkbookError)
  {
    let handle = try WorkbookHandle(path: path, temporaryFolder: temporaryFolder)
    try handle.setCreated(seconds: createdSeconds)
    let header = try handle.addFormat(bold: true, numberFormat: nil)
    // One format per number kind, made in a fixed order so styles.xml is the same every run.
    var formats: [CellKind: FormatReference] = [:]
    for kind in CellKind.allCases {
      if let numberFormat = kind.numberFormat {
        formats[kind] = try handle.addFormat(bold: false, numberFormat: numberFormat)
      }
    }
    for sheet in sheets { try Self.write(sheet, into: handle, header: header, formats: formats) }
    let more = later()
    if !more.isEmpty {
      // The whole book is checked (a later sheet may take an earlier one's name).
      try Workbook(sheets: sheets + more, createdSeconds: createdSeconds).validate()
      for sheet in more { try Self.write(sheet, into: handle, header: header, formats: formats) }
    }
    try handle.close()
  }

  /// One sheet: its header, widths, cells (rows in order, as the
  /// constant-memory writer asks), frozen header, filter and print layout.
  private static func write(
    _ sheet: Sheet, into handle: borrowing WorkbookHandle, header: FormatReference,
    formats: [CellKind: FormatReference]
  ) throws(WorkbookError) {
    let target = try handle.addSheet(named: sheet.name)
    for (c, column) in sheet.columns.enumerated() {
      try target.writeText(column.title, row: 0, column: c, format: header)
      try target.setWidth(column.width ?? sheet.fittedWidth(column: c), column: c)
    }
    for (r, row) in sheet.rows.enumerated() {
      for (c, cell) in row.enumerated() {
        switch cell {
        case .blank: continue
        case .text(let text): try target.writeText(text, row: r + 1, column: c, format: nil)
        case .integer(let value):
          try target.writeNumber(Double(value), row: r + 1, column: c, format: formats[.integer])
        case .decimal(let value): try target.writeNumber(value, row: r + 1, column: c, format: formats[.decimal])
        case .minutes(let value): try target.writeNumber(value, row: r + 1, column: c, format: formats[.minutes])
        case .pounds(let value): try target.writeNumber(value, row: r + 1, column: c, format: formats[.pounds])
        }
      }
    }
    if sheet.freezesHeader { target.freezeRows(1) }
    if sheet.hasAutofilter { try target.autofilter(lastRow: sheet.rows.count, lastColumn: sheet.columns.count - 1) }
    try target.setPrintLayout(lastRow: sheet.rows.count, lastColumn: sheet.columns.count - 1)
    if let ranges = sheet.numbersStoredAsText { try target.ignoreNumbersStoredAsText(ranges) }
  }
}

extension Sheet {
  /// The cells of text columns that hold a number written as text (ids
  /// such as `0012` or a URN), in A1 notation separated by spaces, where
  /// Excel's "number stored as text" warning is switched off: they are text
  /// on purpose. Nil when there is none.
  var numbersStoredAsText: String? {
    guard !rows.isEmpty else { return nil }
    var ranges: [String] = []
    for c in columns.indices {
      var holdsNumberText = false
      var allText = true
      for row in rows where c < row.count {
        switch row[c] {
        case .blank: continue
        case .text(let text): if !holdsNumberText && Double(text) != nil { holdsNumberText = true }
        default: allText = false
        }
        if !allText { break }
      }
      if allText && holdsNumberText {
        let letters = Self.columnLetters(c)
        ranges.append("\(letters)2:\(letters)\(rows.count + 1)")
      }
    }
    return ranges.isEmpty ? nil : ranges.joined(separator: " ")
  }

  /// A column's letters in A1 notation: 0 is `A`, 25 `Z`, 26 `AA`.
  static func columnLetters(_ column: Int) -> String {
    var letters = ""
    var n = column + 1
    while n > 0 {
      let digit = (n - 1) % 26
      letters = String(UnicodeScalar(UInt8(65 + digit))) + letters
      n = (n - 1) / 26
    }
    return letters
  }

  /// A width that shows the widest cell of a column as formatted (plus room
  /// for the filter button), clamped to `Column.minimumWidth...Column.maximumWidth`.
  func fittedWidth(column c: Int) -> Double {
    var widest = columns[c].title.count + (hasAutofilter ? 2 : 0)
    for row in rows where c < row.count {
      widest = max(widest, Self.shownLength(row[c]))
    }
    return min(max(Double(widest) + 1, Column.minimumWidth), Column.maximumWidth)
  }

  /// The characters a cell shows in its format, near enough for a width.
  private static func shownLength(_ cell: Cell) -> Int {
    func grouped(_ magnitude: Double) -> Int {
      let digits = magnitude < 10 ? 1 : Int(log10(magnitude).rounded(.down)) + 1
      return digits + (digits - 1) / 3
    }
    switch cell {
    case .blank: return 0
    case .text(let text):
      // ASCII without LF (so without CR LF, the one ASCII pair that is a
      // single character): one character per byte, on one line, which is
      // what the general count below gives, without walking grapheme clusters.
      if text.utf8.allSatisfy({ $0 < 0x80 && $0 != 10 }) { return text.utf8.count }
      return text.split(separator: "\n", omittingEmptySubsequences: false).map(\.count).max() ?? 0
    case .integer(let value): return grouped(Double(value.magnitude)) + (value < 0 ? 1 : 0)
    case .pounds(let value): return grouped(abs(value).rounded()) + 1 + (value < 0 ? 1 : 0)
    // `#,##0.0`: grouped digits, the point and one decimal.
    case .minutes(let value): return grouped(abs(value).rounded(.down)) + 2 + (value < 0 ? 1 : 0)
    // `#,##0.0##`: grouped digits, the point and up to three decimals.
    case .decimal(let value): return grouped(abs(value).rounded(.down)) + 4 + (value < 0 ? 1 : 0)
    }
  }
}

/// A folder only this user can enter, removed with everything in it when the owner goes.
///
/// Named `placewise-workbook-PID-UUID` after the process that writes it:
/// a run killed with SIGKILL (or the OOM killer) cannot remove its folder,
/// which holds a part-written workbook of pupils, so each run first removes
/// those whose process is gone (hostile trial, round thirty-six: they
/// stayed in $TMPDIR for good).
package final class PrivateFolder {
  package let path: String

  package init() throws(WorkbookError) {
    let base = FileManager.default.temporaryDirectory.path
    Self.removeStale(in: base)
    let path = base + "/" + Self.prefix + "\(getpid())-" + UUID().uuidString
    do {
      try FileManager.default.createDirectory(
        atPath: path, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
    } catch {
      throw WorkbookError(
        kind: .fileSystem, operation: "creating a private temporary folder", message: error.localizedDescription)
    }
    self.path = path
  }

  deinit { try? FileManager.default.removeItem(atPath: path) }

  static let prefix = "placewise-workbook-"

  /// Removes `placewise-workbook-PID-UUID` folders in `base` whose process
  /// no longer exists, once 5 minutes old; a running process's (another
  /// run's) is left alone.
  /// Folders of the name before round thirty-six (`placewise-workbook-UUID`,
  /// no process named) are removed once an hour old: no workbook takes an
  /// hour to write (round thirty-seven found them left for good). Only
  /// folders this user owns are touched, never a file or a link.
  static func removeStale(in base: String, now: Date = Date()) {
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: base) else { return }
    for name in names where name.hasPrefix(prefix) {
      let path = base + "/" + name
      var status = stat()
      guard lstat(path, &status) == 0, status.st_mode & S_IFMT == S_IFDIR, status.st_uid == getuid() else {
        continue
      }
      let rest = name.dropFirst(prefix.count)
      let age = now.timeIntervalSince(Date(timeIntervalSince1970: TimeInterval(status.st_mtim.tv_sec)))
      if rest.count == 36, UUID(uuidString: String(rest)) != nil {
        if age > 3600 { try? FileManager.default.removeItem(atPath: path) }
        continue
      }
      // PID-UUID exactly, and 5 minutes old: a run in another PID
      // namespace sharing $TMPDIR (a container) may have this number alive
      // there, and a workbook takes seconds to write (the review of round
      // thirty-seven).
      guard let dash = rest.firstIndex(of: "-"), let pid = pid_t(rest[..<dash]), pid > 0, pid != getpid(),
        UUID(uuidString: String(rest[rest.index(after: dash)...])) != nil, age > 300
      else { continue }
      // Gone: no such process (EPERM is another user's live process).
      if kill(pid, 0) != 0 && errno == ESRCH { try? FileManager.default.removeItem(atPath: path) }
    }
  }
}
