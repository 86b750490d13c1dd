/// Reads one CSV file of the case: checks its header, then hands out the
/// rows that have the header's shape, with typed access to their cells that
/// reports every bad value.
struct TableReader<Column: TableColumn>: ~Copyable {
  /// The file name used in problems and warnings.
  let file: String
  /// Whether the file describes pupils (pupils.csv, roll.csv, travel.csv):
  /// its refused values are never quoted where they look like personal
  /// data (`shown`).
  let isPupilFile: Bool
  private var csv: CSVReader
  private var record = CSVReader.Record()
  /// Per column (in `Column.allCases` order): its field position, or -1.
  private var fieldOf: [Int]
  /// Header names by field position, as written (trimmed).
  private var header: [String] = []
  /// Fields of the current row already reported (bytes not UTF-8).
  private var reportedFields: [Int] = []
  private var blankRows = 0
  private var pendingBlankRows = 0
  /// Problems found, shared with the rest of the case.
  var problems: ProblemList
  /// Warnings met, shared with the rest of the case.
  var warnings: [InputWarning]

  /// The line the current row starts on.
  var line: Int { record.line }

  /// Reads the header of the CSV in `buffer` and checks it.
  init(file: String, buffer: UnsafeMutableBufferPointer<UInt8>, problems: ProblemList, warnings: [InputWarning]) {
    self.file = file
    isPupilFile = Column.mayHoldPupilData
    self.csv = CSVReader(buffer)
    self.problems = problems
    self.warnings = warnings
    fieldOf = Array(repeating: -1, count: Column.allCases.count)
    readHeader()
  }

  /// What a reader of the same file's later rows needs from the header.
  struct Layout: Sendable {
    var file: String
    var fieldOf: [Int]
    var header: [String]
    var fieldLimit: Int
  }

  /// The header as read, for `init(layout:rows:firstLine:)`.
  var layout: Layout { Layout(file: file, fieldOf: fieldOf, header: header, fieldLimit: record.fieldLimit) }

  /// How far into the buffer the reader has got, in bytes.
  var offset: Int { csv.offset }

  /// The line the next row starts on.
  var nextLine: Int { csv.nextLine }

  /// A reader of rows cut from the same file after its header: `rows`
  /// starts at the start of line `firstLine`. Its problems are its own.
  init(layout: Layout, rows: UnsafeMutableBufferPointer<UInt8>, firstLine: Int) {
    file = layout.file
    isPupilFile = Column.mayHoldPupilData
    csv = CSVReader(continuing: rows, line: firstLine)
    fieldOf = layout.fieldOf
    header = layout.header
    record.fieldLimit = layout.fieldLimit
    problems = ProblemList(limit: CaseReader.problemLimit)
    warnings = []
  }

  /// Blank rows skipped so far (not counting blank rows at the end).
  var blankRowsSkipped: Int { blankRows }

  /// At most this many header columns are read: a case file has a few dozen.
  static var maxColumns: Int { 10_000 }

  private mutating func readHeader() {
    let columns = Column.allCases
    // Required and optional told apart (round thirty-five: an empty
    // pupils.csv listed postcode, latitude and fixed_urn as if required).
    let required = columns.filter(\.isRequired).map(\.name)
    let optional = columns.filter { !$0.isRequired }.map(\.name)
    let expectedHeader =
      "a header line naming the columns " + required.joined(separator: ", ")
      + (optional.isEmpty ? "" : " (and any of " + optional.joined(separator: ", ") + ")")
    record.fieldLimit = Self.maxColumns
    guard csv.next(into: &record) else {
      problem(line: 1, column: nil, field: nil, found: "an empty file", expected: expectedHeader)
      return
    }
    reportIssues()
    // Past an open quote the rest of the file is one field: the columns
    // found would only add misleading problems.
    guard !record.issues.contains(where: { $0.kind == .unterminatedQuote }) else { return }
    guard record.count <= Self.maxColumns else {
      problem(
        line: 1, column: nil, field: nil, found: "\(record.count) columns in the header",
        expected: "at most \(Self.maxColumns) columns: " + expectedHeader)
      return
    }
    guard !isBlank else {
      problem(line: 1, column: nil, field: nil, found: "a line with no column names", expected: expectedHeader)
      return
    }
    var seen: [String: Int] = [:]
    for position in 0..<record.count {
      let field = record[position]
      let bytes = csv.trimmedBytes(of: field)
      if field.hasNonASCII, let bad = CSVReader.firstInvalidUTF8Byte(in: bytes) {
        problem(
          line: 1, column: position + 1, field: nil, found: InputText.notUTF8(bytes[bad]),
          expected: InputText.utf8Advice)
        header.append("")
        continue
      }
      let name = String(decoding: bytes, as: UTF8.self)
      header.append(name)
      let key = name.lowercased()
      if name.isEmpty {
        problem(
          line: 1, column: position + 1, field: nil, found: "an empty column name",
          expected: "a name for every column (delete empty columns at the end of the sheet)")
      } else if let first = seen[key] {
        problem(
          line: 1, column: position + 1, field: Self.headerField(name), found: Self.headerShown(name) + " again",
          expected: "each column named once (column \(first + 1) is \(Self.headerShown(header[first])))")
      } else {
        seen[key] = position
        if let column = columns.firstIndex(where: { $0.name == key }) {
          fieldOf[column] = position
        } else if Column.refusesUnknownColumns {
          let near = columns.compactMap { column in
            InputText.editDistance(key, column.name, atMost: 2).map { (column.name, $0) }
          }.min { $0.1 < $1.1 }?.0
          problem(
            line: 1, column: position + 1, field: Self.headerField(name),
            found: "a column \(Self.headerNamed(name)) that this file does not define",
            expected: (near.map { "\($0) (check the spelling), or " } ?? "") + "only the columns "
              + columns.map(\.name).joined(separator: ", ") + " (an unknown column would be ignored)")
        } else if let (first, without) = IdentifierText.invisible(in: name),
          let column = columns.first(where: { $0.name == without.lowercased() })
        {
          // A known column but for a character nobody sees: its values
          // would be lost in silence (a looked-after child's priority, a
          // parent's preferences): round twenty-one.
          problem(
            line: 1, column: position + 1, field: column.name,
            found: "a column that reads \(column.name) but holds \(IdentifierText.describe(first))",
            expected: "the column name \(column.name) with no invisible character")
        } else {
          // A near miss (`priorty`) is named: its values are lost otherwise.
          // Two edits apart only for longer names (`note` is not `name`).
          let reach = key.count >= 6 ? 2 : 1
          let near = columns.compactMap { column in
            InputText.editDistance(key, column.name, atMost: reach).map { (column.name, $0) }
          }.min { $0.1 < $1.1 }?.0
          warnings.append(
            InputWarning(
              file: file,
              message: "column \(position + 1) \(Self.headerNamed(name)) is not part of the case format; ignored"
                + (near.map { " (did you mean \($0)? its values are not read)" } ?? "")))
        }
      }
    }
    let found = fieldOf
    let present = { (column: Column) in found[column.rawValue] >= 0 }
    // A header cell holding the format's names between semicolons or tabs:
    // a file saved with another separator (Excel's CSV in much of Europe),
    // said so rather than only "no column".
    let separator = [(";", "semicolons"), ("\t", "tabs")].first { mark, _ in
      header.contains { cell in
        cell.contains(mark)
          && cell.split(separator: Character(mark)).contains { part in
            columns.contains { $0.name == InputText.trimmingBlanks(String(part)).lowercased() }
          }
      }
    }?.1
    for (index, column) in columns.enumerated() where fieldOf[index] < 0 && column.isRequired(given: present) {
      // A header that is the name but for a character nobody sees (a
      // zero-width space, a second byte-order mark) is named as such.
      var lookAlike: (Int, Unicode.Scalar)?
      for (position, name) in header.enumerated() where lookAlike == nil {
        if let (first, without) = IdentifierText.invisible(in: name), without.lowercased() == column.name {
          lookAlike = (position, first)
        }
      }
      var found = "no column " + InputText.quoted(column.name)
      if let (position, scalar) = lookAlike {
        found += " (column \(position + 1) reads so but holds \(IdentifierText.describe(scalar)))"
      } else if let separator {
        found += " (the header's names are separated by \(separator), not commas)"
      }
      var expected = "a column named \(column.name) (required)"
      if lookAlike != nil {
        expected += ", with no invisible character"
      } else if separator != nil {
        expected += ", fields separated by commas (in Excel, save as \"CSV UTF-8 (Comma delimited)\")"
      }
      problem(line: 1, column: lookAlike.map { $0.0 + 1 }, field: column.name, found: found, expected: expected)
    }
    // A row needs only one field more than the header to be refused.
    record.fieldLimit = header.count + 1
  }

  /// The name of the column at a field position, for messages: the format's
  /// name for a known column, the header as written for another.
  private func fieldName(_ position: Int) -> String? {
    if let column = fieldOf.firstIndex(of: position) { return Column.allCases[column].name }
    return header[position].isEmpty ? nil : InputText.shortened(header[position])
  }

  /// Moves to the next row with the header's shape, reporting and skipping
  /// rows that break the CSV syntax or have too few or too many fields,
  /// and skipping blank rows; false at the end of the file.
  mutating func nextRow() -> Bool {
    guard !header.isEmpty else { return false }
    while csv.next(into: &record) {
      if !reportedFields.isEmpty { reportedFields.removeAll(keepingCapacity: true) }
      if !record.issues.isEmpty {
        reportIssues()
        continue
      }
      if isBlank {
        pendingBlankRows += 1
        continue
      }
      blankRows += pendingBlankRows
      pendingBlankRows = 0
      guard record.count == header.count else {
        let tooMany = record.count > header.count
        problem(
          line: record.line, column: tooMany ? header.count + 1 : nil, field: nil,
          found: "\(record.count) fields",
          expected: "\(header.count) fields, one per header column"
            + (tooMany ? " (a value holding a comma must be in quotes)" : ""))
        continue
      }
      for position in 0..<record.count where record[position].hasNonASCII {
        let bytes = csv.bytes(of: record[position])
        if let bad = CSVReader.firstInvalidUTF8Byte(in: bytes) {
          reportedFields.append(position)
          problem(
            line: record.line, column: position + 1, field: fieldName(position), found: InputText.notUTF8(bytes[bad]),
            expected: InputText.utf8Advice)
        }
      }
      return true
    }
    return false
  }

  /// Adds the warning about blank rows skipped, if any, and hands back the
  /// shared problems and warnings.
  consuming func finish() -> (ProblemList, [InputWarning]) {
    if blankRows > 0 {
      warnings.append(
        InputWarning(
          file: file, message: "\(blankRows) blank row\(blankRows == 1 ? "" : "s") skipped", count: blankRows))
    }
    return (problems, warnings)
  }

  private var isBlank: Bool {
    if record.droppedFieldsHaveContent { return false }
    for position in 0..<record.keptCount where !csv.trimmedBytes(of: record[position]).isEmpty { return false }
    return true
  }

  private mutating func reportIssues() {
    for issue in record.issues {
      let position = issue.field - 1
      let field = position < header.count ? fieldName(position) : nil
      switch issue.kind {
      case .unterminatedQuote:
        problem(
          line: issue.line, column: issue.field, field: field, found: "a quote that is never closed",
          expected: "a closing quote for the quoted value (a quote inside a quoted value is written \"\")")
      case .quoteInUnquotedField:
        problem(
          line: issue.line, column: issue.field, field: field, found: "a quote inside a value not in quotes",
          expected: "the whole value in quotes, with its quotes doubled (\"the \"\"Oaks\"\"\")")
      case .textAfterClosingQuote:
        problem(
          line: issue.line, column: issue.field, field: field, found: "text after the closing quote",
          expected: "a comma or the end of the line after a closing quote")
      }
    }
  }

  // MARK: Cells

  @inline(__always) private static func index(_ column: Column) -> Int { column.rawValue }

  /// Whether the file has this column.
  func hasColumn(_ column: Column) -> Bool { fieldOf[Self.index(column)] >= 0 }

  /// The 1-based position of a column in the file, if it has it.
  func columnNumber(_ column: Column) -> Int? {
    let position = fieldOf[Self.index(column)]
    return position >= 0 ? position + 1 : nil
  }

  /// The trimmed bytes of a cell of the current row: nil when the column is
  /// missing (reported with the header) or the cell was already reported.
  func cell(_ column: Column) -> UnsafeBufferPointer<UInt8>? {
    let position = fieldOf[Self.index(column)]
    guard position >= 0, reportedFields.isEmpty || !reportedFields.contains(position) else { return nil }
    return csv.trimmedBytes(of: record[position])
  }

  /// An id cell of the current row by the case format's rules (at most
  /// `ByteKeyTable.maxKeyLength` bytes, no invisible, control or
  /// formula-leading characters), as bytes; nil, with a problem, when it is
  /// refused, and nil when the cell is missing or empty (`empty` says what
  /// an empty one expected, or nil where an empty cell is no problem).
  mutating func idBytes(_ column: Column, emptyExpected empty: String?) -> UnsafeBufferPointer<UInt8>? {
    guard let bytes = cell(column) else { return nil }
    guard !bytes.isEmpty else {
      if let empty { report(column, found: "an empty cell", expected: empty) }
      return nil
    }
    guard bytes.count <= ByteKeyTable.maxKeyLength else {
      report(
        column, found: "an id of \(bytes.count) bytes",
        expected: "\(Self.article(column.name)) \(column.name) of at most \(ByteKeyTable.maxKeyLength) bytes")
      return nil
    }
    if let why = IdentifierText.problem(in: bytes) {
      report(column, found: why, expected: "\(Self.article(column.name)) \(column.name) of " + IdentifierText.expected)
      return nil
    }
    return bytes
  }

  /// A refused cell as a message shows it: quoted, unless it reads as a
  /// date, which in a pupil's row is most likely a date of birth typed into
  /// the wrong column (round twenty-two: `age` "14/03/2015" was quoted).
  ///
  /// Round twenty-four: a postcode, a date written `12.03.2015` or
  /// `12 March 2015`, a latitude, or a name or address in Title Case, typed
  /// into a column of codes or numbers (a shifted export), were quoted too.
  /// Such a value is described, never shown (`InputText.personalShape`).
  /// The other shapes only in the files of pupils (pupils.csv, roll.csv,
  /// travel.csv): "Special School" in settings.csv's `kind` is a school's.
  static func shown(_ bytes: some Collection<UInt8>, pupilFile: Bool) -> String {
    let text = String(decoding: bytes, as: UTF8.self)
    if let shape = InputText.personalShape(text, pupilFile: pupilFile) { return shape }
    return InputText.quoted(text)
  }

  /// A header cell as a message shows it: quoted, unless it is shaped like
  /// a date or a postcode (a file without a header, whose first row of
  /// pupils' data reads as column names: round thirty-three), then
  /// described.
  static func headerShown(_ name: String) -> String {
    InputText.headerShape(name, pupilFile: Column.mayHoldPupilData) ?? InputText.quoted(name)
  }

  /// A header cell after "a column" or "column 3": quoted, or where
  /// `headerShown` describes it, "headed with" the description (round
  /// thirty-four: "a column a postcode (not shown...)").
  static func headerNamed(_ name: String) -> String {
    InputText.headerShape(name, pupilFile: Column.mayHoldPupilData).map { "headed with \($0)" }
      ?? InputText.quoted(name)
  }

  /// A header cell as a problem's field: nil where `headerShown` describes it.
  static func headerField(_ name: String) -> String? {
    InputText.headerShape(name, pupilFile: Column.mayHoldPupilData) == nil ? InputText.shortened(name) : nil
  }

  /// "a" or "an" before a column's name ("an option", "a urn").
  static func article(_ name: String) -> String {
    name.first.map { "aeio".contains($0) } == true ? "an" : "a"
  }

  /// Reports a problem with a cell of the current row.
  mutating func report(_ column: Column, found: String, expected: String) {
    let position = fieldOf[Self.index(column)]
    problem(line: record.line, column: position + 1, field: column.name, found: found, expected: expected)
  }

  /// A problem, in this file.
  mutating func problem(line: Int?, column: Int?, field: String?, found: String, expected: String) {
    problems.add(InputProblem(file: file, line: line, column: column, field: field, found: found, expected: expected))
  }

  /// The text of a cell; nil when absent, reported or empty (an error when
  /// `required`).
  mutating func text(_ column: Column, required: Bool, expected: String) -> String? {
    guard let bytes = cell(column) else { return nil }
    guard !bytes.isEmpty else {
      if required { report(column, found: "an empty cell", expected: expected) }
      return nil
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// A finite decimal number within `range`; nil when absent, empty (an
  /// error when `required`) or reported. With `concealed`, a bad value is
  /// described but not quoted (a pupil's home coordinates).
  mutating func decimal(
    _ column: Column, required: Bool, range: ClosedRange<Double>? = nil, concealed: Bool = false, expected: String
  ) -> Double? {
    guard let bytes = cell(column) else { return nil }
    guard !bytes.isEmpty else {
      if required { report(column, found: "an empty cell", expected: expected) }
      return nil
    }
    // Only on failure: this runs for every journey in travel.csv. No number
    // column holds words or a postcode: described in every file.
    func found(_ what: String) -> String {
      concealed ? "\(what) (not shown: part of a home location)" : Self.shown(bytes, pupilFile: true)
    }
    guard let value = DecimalParser.parse(bytes) else {
      let nonFinite = DecimalParser.isNonFiniteWord(bytes)
      report(
        column, found: found("a value that is not a finite number"),
        expected: nonFinite ? "a finite number: " + expected : expected)
      return nil
    }
    guard value.isFinite else {
      report(column, found: found("a value that is not a finite number"), expected: "a finite number: " + expected)
      return nil
    }
    if let range, !range.contains(value) {
      report(column, found: found("a value outside that range"), expected: expected)
      return nil
    }
    return value
  }

  /// A whole number within `range`: digits, or a decimal whose fraction is
  /// written as zeros (`3.0`), judged from the text; nil when absent, empty
  /// (an error when `required`) or reported.
  mutating func whole(_ column: Column, required: Bool, range: ClosedRange<Int>, expected: String) -> Int? {
    guard let bytes = cell(column) else { return nil }
    guard !bytes.isEmpty else {
      if required { report(column, found: "an empty cell", expected: expected) }
      return nil
    }
    guard let value = DecimalParser.wholeNumber(bytes), range.contains(value) else {
      // No number column holds words or a postcode: described in every file.
      report(column, found: Self.shown(bytes, pupilFile: true), expected: expected)
      return nil
    }
    return value
  }

  /// A word from a closed list (a kind, a code); nil when absent, empty (an
  /// error when `required`) or reported.
  mutating func word<T>(_ column: Column, required: Bool, expected: String, _ parse: (String) -> T?) -> T? {
    guard let text = text(column, required: required, expected: expected) else { return nil }
    guard let value = parse(text) else {
      report(column, found: Self.shown(Array(text.utf8), pupilFile: isPupilFile), expected: expected)
      return nil
    }
    return value
  }

  /// The trimmed, non-empty items of a `;`-separated cell; nil when absent,
  /// reported, or empty (an error when `required`).
  mutating func items(_ column: Column, required: Bool, expected: String) -> [String]? {
    guard let text = text(column, required: required, expected: expected) else { return nil }
    let items = text.split(separator: ";", omittingEmptySubsequences: false).map(InputText.trimmed).filter {
      !$0.isEmpty
    }
    if items.isEmpty && required {
      report(column, found: Self.shown(Array(text.utf8), pupilFile: isPupilFile), expected: expected)
      return nil
    }
    return items
  }

  /// A set of words from a closed list, `;`-separated; each unknown item
  /// reported. Nil when absent or reported.
  mutating func wordSet<T>(_ column: Column, required: Bool, expected: String, _ parse: (String) -> T?) -> EnumSet<T>?
  where T: RawRepresentable & CaseIterable & Hashable & Sendable, T.RawValue == Int {
    guard let items = items(column, required: required, expected: expected) else { return nil }
    var set = EnumSet<T>()
    var valid = true
    for item in items {
      if let value = parse(item) {
        set.insert(value)
      } else {
        report(column, found: Self.shown(Array(item.utf8), pupilFile: isPupilFile), expected: expected)
        valid = false
      }
    }
    return valid ? set : nil
  }
}
