import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Reads a case folder (`settings.csv`, `pupils.csv`, optional `travel.csv`
/// and `policy.toml`) into a ``Case``, or refuses it as a whole with every
/// problem found.
///
/// All files are read in one pass and every rule of the case format's
/// "Invalid input" section is checked; problems are collected, not thrown at
/// the first, so a planner can fix a file in one go. Where the format leaves
/// a choice, the reader decides as follows:
/// - A whole number may be written with a zero fraction (`3.0`, `3.00`), as
///   spreadsheets often export it, and means 3; `3.5` is an error.
/// - Blank lines, and rows whose cells are all empty (spreadsheets export
///   those as `,,,`), are skipped wherever they are, with one warning per
///   file counting them; blank lines at the very end of a file are skipped
///   silently.
/// - A `"` inside an unquoted cell is an error (see ``CSVReader``).
/// - An empty required cell is an error; an empty optional cell takes the
///   default.
/// - Ids (`pupil_id`, `urn`) are matched exactly as written, after trimming:
///   case matters in ids, unlike in codes and words.
/// - `cost_per_place` must not be negative; coordinates may be any finite
///   number.
/// - A row whose shape is wrong (too few or too many fields, a CSV syntax
///   error) is reported once and its cells are not checked further.
/// - A file holding only its header is valid and has no rows; an empty file,
///   or a first line with no column names, is refused. A header with a quote
///   never closed is reported alone (the rest of the file went into it), and
///   one of more than 10,000 columns is refused.
/// - A file in UTF-16, with a byte-order mark or without (NUL bytes), is
///   refused as a whole; so are a link that leads nowhere, a pipe or a
///   device where a file should be, and a policy file over 1 MB.
///
/// Messages name files, lines, columns, header names and the offending
/// values of known columns; they never quote a whole row, anything from a
/// column the format does not define, or a pupil's home coordinates.
public enum CaseReader {
  /// At most this many problems are listed in an ``InvalidCaseError``; all
  /// are counted in its `totalCount`.
  public static let problemLimit = 200

  /// Reads and checks the case in `folder`.
  ///
  /// - Parameters:
  ///   - folder: the case folder.
  ///   - policyFile: a policy file to use instead of the folder's
  ///     `policy.toml`; problems in it are reported under this path as given.
  /// - Returns: the case, with warnings about what was skipped.
  /// - Throws: ``InvalidCaseError`` listing every problem found (at most
  ///   ``problemLimit`` of them), when anything breaks the case format.
  public static func read(folder: String, policyFile: String? = nil) throws(InvalidCaseError) -> Case {
    var reading = CaseReading()
    let result = reading.read(folder: folder, policyFile: policyFile)
    guard reading.problems.total == 0, let result else { throw reading.problems.error() }
    return result
  }
}

// MARK: - Problems

/// The problems found so far: every one counted, the first `limit` kept.
struct ProblemList {
  private var kept: [(file: Int, sequence: Int, problem: InputProblem)] = []
  /// How many problems were found in all.
  private(set) var total = 0
  /// How many are kept.
  let limit: Int
  /// The rank of the file being read, so that problems sort by file first.
  var fileRank = 0

  init(limit: Int) { self.limit = limit }

  /// Whether further problems are only counted: callers may skip work that
  /// only serves the message.
  var isFull: Bool { kept.count >= limit }

  mutating func add(_ problem: InputProblem) {
    total += 1
    if kept.count < limit { kept.append((fileRank, kept.count, problem)) }
  }

  /// The problems kept, in the order they were found.
  var keptInOrder: [InputProblem] { kept.map(\.problem) }

  /// Counts problems found elsewhere and not kept.
  mutating func countUnkept(_ count: Int) { total += count }

  /// The error listing the kept problems by file, line and column.
  func error() -> InvalidCaseError {
    let sorted = kept.sorted { a, b in
      let keyA = (a.file, a.problem.line ?? 0, a.problem.column ?? 0, a.sequence)
      let keyB = (b.file, b.problem.line ?? 0, b.problem.column ?? 0, b.sequence)
      return keyA < keyB
    }
    return InvalidCaseError(problems: sorted.map(\.problem), totalCount: total)
  }
}

// MARK: - Columns

/// The columns a CSV file of the case format defines.
///
/// Raw values are the positions in `allCases` (the default for an `Int` enum).
protocol TableColumn: CaseIterable, RawRepresentable where RawValue == Int, AllCases == [Self] {
  /// The header name (lower case).
  var name: String { get }
  /// Whether the file must have this column.
  var isRequired: Bool { get }
}

private enum SettingColumn: Int, TableColumn {
  case urn, name, kind, easting, northing, lowAge, highAge, capacity
  case onRoll, gender, needs, needPlaces, costPerPlace, la

  var name: String {
    switch self {
    case .urn: "urn"
    case .name: "name"
    case .kind: "kind"
    case .easting: "easting"
    case .northing: "northing"
    case .lowAge: "low_age"
    case .highAge: "high_age"
    case .capacity: "capacity"
    case .onRoll: "on_roll"
    case .gender: "gender"
    case .needs: "needs"
    case .needPlaces: "need_places"
    case .costPerPlace: "cost_per_place"
    case .la: "la"
    }
  }

  var isRequired: Bool {
    switch self {
    case .urn, .name, .kind, .easting, .northing, .lowAge, .highAge, .capacity: true
    default: false
    }
  }
}

private enum PupilColumn: Int, TableColumn {
  case pupilID, easting, northing, age, primaryNeed, provision
  case sex, preferences, maxTravelMinutes, priority, currentURN

  var name: String {
    switch self {
    case .pupilID: "pupil_id"
    case .easting: "easting"
    case .northing: "northing"
    case .age: "age"
    case .primaryNeed: "primary_need"
    case .provision: "provision"
    case .sex: "sex"
    case .preferences: "preferences"
    case .maxTravelMinutes: "max_travel_minutes"
    case .priority: "priority"
    case .currentURN: "current_urn"
    }
  }

  var isRequired: Bool {
    switch self {
    case .pupilID, .easting, .northing, .age, .primaryNeed, .provision: true
    default: false
    }
  }
}

private enum TravelColumn: Int, TableColumn {
  /// `km` is part of the format but not used: journeys are judged in minutes.
  case pupilID, urn, minutes, km

  var name: String {
    switch self {
    case .pupilID: "pupil_id"
    case .urn: "urn"
    case .minutes: "minutes"
    case .km: "km"
    }
  }

  var isRequired: Bool { self != .km }
}

// MARK: - Reading a table

/// Reads one CSV file of the case: checks its header, then hands out the
/// rows that have the header's shape, with typed access to their cells that
/// reports every bad value.
struct TableReader<Column: TableColumn>: ~Copyable {
  /// The file name used in problems and warnings.
  let file: String
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
    let expectedHeader = "a header line naming the columns " + columns.map(\.name).joined(separator: ", ")
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
          line: 1, column: position + 1, field: InputText.shortened(name), found: InputText.quoted(name) + " again",
          expected: "each column named once (column \(first + 1) is \(InputText.quoted(header[first])))")
      } else {
        seen[key] = position
        if let column = columns.firstIndex(where: { $0.name == key }) {
          fieldOf[column] = position
        } else {
          warnings.append(
            InputWarning(
              file: file,
              message: "column \(position + 1) \(InputText.quoted(name)) is not part of the case format; ignored"))
        }
      }
    }
    for (index, column) in columns.enumerated() where column.isRequired && fieldOf[index] < 0 {
      problem(
        line: 1, column: nil, field: column.name, found: "no column " + InputText.quoted(column.name),
        expected: "a column named \(column.name) (required)")
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

  /// The trimmed bytes of a cell of the current row: nil when the column is
  /// missing (reported with the header) or the cell was already reported.
  func cell(_ column: Column) -> UnsafeBufferPointer<UInt8>? {
    let position = fieldOf[Self.index(column)]
    guard position >= 0, reportedFields.isEmpty || !reportedFields.contains(position) else { return nil }
    return csv.trimmedBytes(of: record[position])
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

  /// A finite decimal number `>= minimum`; nil when absent, empty (an error
  /// when `required`) or reported. With `concealed`, a bad value is
  /// described but not quoted (a pupil's home coordinates).
  mutating func decimal(
    _ column: Column, required: Bool, minimum: Double? = nil, concealed: Bool = false, expected: String
  ) -> Double? {
    guard let bytes = cell(column) else { return nil }
    guard !bytes.isEmpty else {
      if required { report(column, found: "an empty cell", expected: expected) }
      return nil
    }
    // Only on failure: this runs for every journey in travel.csv.
    func found() -> String {
      concealed ? "a value that is not a finite number (not shown: part of a home location)" : InputText.quoted(bytes)
    }
    guard let value = DecimalParser.parse(bytes) else {
      let nonFinite = DecimalParser.isNonFiniteWord(bytes)
      report(column, found: found(), expected: nonFinite ? "a finite number: " + expected : expected)
      return nil
    }
    guard value.isFinite else {
      report(column, found: found(), expected: "a finite number: " + expected)
      return nil
    }
    if let minimum, value < minimum {
      report(column, found: found(), expected: expected)
      return nil
    }
    return value
  }

  /// A whole number `>= minimum`: digits, or a decimal with a zero fraction
  /// (`3.0`); nil when absent, empty (an error when `required`) or reported.
  mutating func whole(_ column: Column, required: Bool, minimum: Int, expected: String) -> Int? {
    guard let bytes = cell(column) else { return nil }
    guard !bytes.isEmpty else {
      if required { report(column, found: "an empty cell", expected: expected) }
      return nil
    }
    guard let value = DecimalParser.wholeNumber(bytes), value >= minimum else {
      report(column, found: InputText.quoted(bytes), expected: expected)
      return nil
    }
    return value
  }

  /// A word from a closed list (a kind, a code); nil when absent, empty (an
  /// error when `required`) or reported.
  mutating func word<T>(_ column: Column, required: Bool, expected: String, _ parse: (String) -> T?) -> T? {
    guard let text = text(column, required: required, expected: expected) else { return nil }
    guard let value = parse(text) else {
      report(column, found: InputText.quoted(text), expected: expected)
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
      report(column, found: InputText.quoted(text), expected: expected)
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
        report(column, found: InputText.quoted(item), expected: expected)
        valid = false
      }
    }
    return valid ? set : nil
  }
}

// MARK: - Reading a case

/// One file of a case as found, before it is parsed: where reading the
/// disk ends and parsing begins, so a case can also be read from memory.
enum CaseFile {
  /// No such file.
  case missing
  /// A folder where the file should be.
  case folder
  /// Something that exists but cannot be read as a file: what it is.
  case unreadable(String)
  /// The file's bytes.
  case contents(Data)

  /// The file at `path`.
  init(atPath path: String) {
    let fileManager = FileManager.default
    var isFolder: ObjCBool = false
    if !fileManager.fileExists(atPath: path, isDirectory: &isFolder) {
      // A link whose target is gone (or that loops) is there but cannot
      // be followed: "no such file" would send the planner looking for
      // a file they can see.
      let isLink = (try? fileManager.attributesOfItem(atPath: path))?[.type] as? FileAttributeType == .typeSymbolicLink
      self = isLink ? .unreadable("a symbolic link to a file that does not exist (or a loop of links)") : .missing
    } else if isFolder.boolValue {
      self = .folder
    } else if !Self.isRegularFile(path) {
      // A FIFO, socket or device: reading it could block or never end.
      self = .unreadable("a special file (a pipe, socket or device), not a regular file")
    } else if (try? fileManager.attributesOfItem(atPath: path))?[.size] as? UInt64 == 0,
      fileManager.isReadableFile(atPath: path)
    {
      // Not read: on Linux, contents(atPath:) leaks a 4 KB buffer for an
      // empty file (swift-foundation's readDataFromFile drops it unfreed).
      self = .contents(Data())
    } else if let data = fileManager.contents(atPath: path) {
      self = .contents(data)
    } else {
      self = .unreadable("a file that cannot be read")
    }
  }

  /// Whether `path`, links followed, is a regular file (true when that
  /// cannot be told: reading it will then say what is wrong).
  private static func isRegularFile(_ path: String) -> Bool {
    var info = stat()
    guard stat(path, &info) == 0 else { return true }
    return info.st_mode & S_IFMT == S_IFREG
  }
}

/// The state of reading one case: problems, warnings, and the ids seen so far.
struct CaseReading {
  var problems = ProblemList(limit: CaseReader.problemLimit)
  var warnings: [InputWarning] = []
  /// Setting index per URN, and the line each URN was first seen on.
  var settingIndex = ByteKeyTable()
  var settingLines: [Int] = []
  /// Pupil index per pupil id, and the line each id was first seen on.
  var pupilIndex = ByteKeyTable()
  var pupilLines: [Int] = []

  mutating func read(folder: String, policyFile: String?) -> Case? {
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
      problems.add(
        InputProblem(
          file: folder, line: nil, column: nil, field: nil,
          found: FileManager.default.fileExists(atPath: folder) ? "a file, not a folder" : "no such folder",
          expected: "a case folder holding settings.csv and pupils.csv"))
      if let policyFile { _ = readPolicy(CaseFile(atPath: policyFile), name: policyFile, required: true) }
      return nil
    }
    let base = URL(fileURLWithPath: folder, isDirectory: true)
    return read(policyFile: policyFile) { name, inFolder in
      CaseFile(atPath: inFolder ? base.appendingPathComponent(name).path : name)
    }
  }

  /// Parses the case whose files `file` finds: called with a case file's
  /// name (`settings.csv`) and true, or with `policyFile` and false.
  mutating func read(policyFile: String?, file: (_ name: String, _ inFolder: Bool) -> CaseFile) -> Case? {
    problems.fileRank = 1
    var settings: [Setting] = []
    if var data = load(file("settings.csv", true), name: "settings.csv", required: true) {
      data.withUnsafeMutableBytes { settings = readSettings($0.bindMemory(to: UInt8.self)) }
    }
    problems.fileRank = 2
    var pupils: [Pupil] = []
    if var data = load(file("pupils.csv", true), name: "pupils.csv", required: true) {
      data.withUnsafeMutableBytes { pupils = readPupils($0.bindMemory(to: UInt8.self)) }
    }
    problems.fileRank = 3
    var travel: TravelMatrix?
    if var data = load(file("travel.csv", true), name: "travel.csv", required: false) {
      data.withUnsafeMutableBytes { travel = readTravel($0.bindMemory(to: UInt8.self)) }
    }
    problems.fileRank = 4
    let policy =
      if let policyFile {
        readPolicy(file(policyFile, false), name: policyFile, required: true)
      } else {
        readPolicy(file("policy.toml", true), name: "policy.toml", required: false)
      }

    guard problems.total == 0 else { return nil }
    assert(settings.count == settingIndex.count && pupils.count == pupilIndex.count)
    return Case(settings: settings, pupils: pupils, travel: travel, policy: policy, warnings: warnings)
  }

  // MARK: Files

  /// The bytes of a file; nil, with a problem when `required`, when it is
  /// missing, a folder, unreadable or not UTF-8 at all. (The readers then
  /// work in this buffer: it is not copied again.)
  mutating func load(_ file: CaseFile, name: String, required: Bool, inCase: Bool = true) -> Data? {
    let expectedFile = inCase ? "a \(name) file in the case folder" : "a policy file at this path"
    let data: Data
    switch file {
    case .missing:
      if required {
        problems.add(
          InputProblem(
            file: name, line: nil, column: nil, field: nil, found: "no such file",
            expected: expectedFile + (inCase ? " (required)" : "")))
      }
      return nil
    case .folder:
      problems.add(
        InputProblem(file: name, line: nil, column: nil, field: nil, found: "a folder", expected: expectedFile))
      return nil
    case .unreadable(let what):
      problems.add(
        InputProblem(
          file: name, line: nil, column: nil, field: nil, found: what,
          expected: "a readable regular file (check the path and its permissions)"))
      return nil
    case .contents(let contents):
      data = contents
    }
    // Without a byte-order mark, UTF-16 text has a NUL byte in every other
    // position, which no UTF-8 case file has at all.
    if data.prefix(2).contains(0) {
      problems.add(
        InputProblem(
          file: name, line: 1, column: nil, field: nil,
          found: "NUL bytes: a UTF-16 file (\"Unicode text\") without a byte-order mark, or not text at all",
          expected: InputText.utf8Advice))
      return nil
    }
    if data.starts(with: [0xFF, 0xFE]) || data.starts(with: [0xFE, 0xFF]) {
      problems.add(
        InputProblem(
          file: name, line: 1, column: nil, field: nil, found: "a UTF-16 file (\"Unicode text\")",
          expected: InputText.utf8Advice))
      return nil
    }
    return data
  }

  /// The policy in a policy file: the case's `policy.toml`, or the one the
  /// user named (`required`, and reported under the path given).
  mutating func readPolicy(_ file: CaseFile, name: String, required: Bool) -> Policy {
    guard let data = load(file, name: name, required: required, inCase: !required) else { return Policy() }
    let (policy, found) = PolicyReader.read([UInt8](data), file: name)
    for problem in found { problems.add(problem) }
    return policy
  }

  // MARK: settings.csv

  mutating func readSettings(_ buffer: UnsafeMutableBufferPointer<UInt8>) -> [Setting] {
    var table = TableReader<SettingColumn>(
      file: "settings.csv", buffer: buffer, problems: problems, warnings: warnings)
    var settings: [Setting] = []
    let needList = "primary-need codes separated by ; (\(NeedCode.expectedList))"
    while table.nextRow() {
      let urn = Self.identifier(&table, .urn, index: &settingIndex, lines: &settingLines)
      let name = table.text(.name, required: true, expected: "the setting's name")
      let kind = table.word(.kind, required: true, expected: "one of " + SettingKind.expectedList) {
        SettingKind(word: $0)
      }
      let easting = table.decimal(.easting, required: true, expected: "an easting in metres (British National Grid)")
      let northing = table.decimal(.northing, required: true, expected: "a northing in metres (British National Grid)")
      let lowAge = table.whole(.lowAge, required: true, minimum: 0, expected: "an age in whole years >= 0")
      let highAge = table.whole(.highAge, required: true, minimum: 0, expected: "an age in whole years >= 0")
      if let lowAge, let highAge, lowAge > highAge {
        table.report(.lowAge, found: "\(lowAge), above high_age \(highAge)", expected: "low_age <= high_age")
      }
      let capacity = table.whole(.capacity, required: true, minimum: 0, expected: "a whole number of places >= 0")
      let onRoll = table.whole(.onRoll, required: false, minimum: 0, expected: "a whole number of places >= 0")
      let gender = table.word(.gender, required: false, expected: "mixed, boys or girls (or empty for mixed)") {
        SettingGender(word: $0)
      }
      let needs = table.wordSet(.needs, required: false, expected: needList) { NeedCode(code: $0) }
      let (needPlaces, capOrder) = Self.readNeedPlaces(&table)
      let cost = table.decimal(
        .costPerPlace, required: false, minimum: 0, expected: "an annual cost in pounds >= 0 (or empty)")
      let la = table.text(.la, required: false, expected: "")

      guard let urn, let name, let kind, let easting, let northing, let lowAge, let highAge, let capacity
      else { continue }
      settings.append(
        Setting(
          urn: URN(urn), name: name, kind: kind, easting: easting, northing: northing, lowAge: lowAge,
          highAge: highAge, capacity: capacity, onRoll: onRoll ?? 0, gender: gender ?? .mixed,
          needs: needs ?? EnumSet(), needPlaces: needPlaces, costPerPlace: cost, localAuthority: la,
          needPlacesOrder: capOrder))
    }
    (problems, warnings) = table.finish()
    return settings
  }

  /// The `need_places` caps: `CODE:N` items, each code at most once.
  private static func readNeedPlaces(_ table: inout TableReader<SettingColumn>) -> ([NeedCode: Int], [NeedCode]) {
    let expected = "CODE:N caps separated by ; (e.g. ASD:4;SLCN:2), N a whole number >= 0"
    guard let items = table.items(.needPlaces, required: false, expected: expected) else { return ([:], []) }
    var caps: [NeedCode: Int] = [:]
    var order: [NeedCode] = []
    for item in items {
      let parts = item.split(separator: ":", omittingEmptySubsequences: false)
      guard parts.count == 2 else {
        table.report(.needPlaces, found: InputText.quoted(item), expected: expected)
        continue
      }
      let codeText = InputText.trimmed(parts[0])
      var countText = InputText.trimmed(parts[1])
      guard let code = NeedCode(code: codeText) else {
        table.report(
          .needPlaces, found: InputText.quoted(item),
          expected: "CODE:N with CODE a primary-need code (\(NeedCode.expectedList))")
        continue
      }
      let count = countText.withUTF8 { DecimalParser.wholeNumber($0) }
      guard let count, count >= 0 else {
        table.report(.needPlaces, found: InputText.quoted(item), expected: "CODE:N with N a whole number >= 0")
        continue
      }
      guard caps[code] == nil else {
        table.report(
          .needPlaces, found: InputText.quoted(item),
          expected: "each code once in need_places (\(code) is capped already)")
        continue
      }
      caps[code] = count
      order.append(code)
    }
    return (caps, order)
  }

  // MARK: pupils.csv

  mutating func readPupils(_ buffer: UnsafeMutableBufferPointer<UInt8>) -> [Pupil] {
    var table = TableReader<PupilColumn>(file: "pupils.csv", buffer: buffer, problems: problems, warnings: warnings)
    var pupils: [Pupil] = []
    var unknownPreferences = 0
    let kindList = "setting kinds separated by ; (\(SettingKind.expectedList))"
    while table.nextRow() {
      let id = Self.identifier(&table, .pupilID, index: &pupilIndex, lines: &pupilLines)
      let easting = table.decimal(
        .easting, required: true, concealed: true, expected: "an easting in metres (British National Grid)")
      let northing = table.decimal(
        .northing, required: true, concealed: true, expected: "a northing in metres (British National Grid)")
      let age = table.whole(.age, required: true, minimum: 0, expected: "an age in whole years >= 0")
      let need = table.word(.primaryNeed, required: true, expected: "a primary-need code: " + NeedCode.expectedList) {
        NeedCode(code: $0)
      }
      let provision = table.wordSet(.provision, required: true, expected: kindList) { SettingKind(word: $0) }
      let sex = table.word(.sex, required: false, expected: "F, M or empty") { Sex(word: $0) }
      let preferences = table.items(.preferences, required: false, expected: "")?.map(URN.init) ?? []
      for urn in preferences where settingIndex.value(for: urn.rawValue) == nil { unknownPreferences += 1 }
      let limit = table.decimal(
        .maxTravelMinutes, required: false, minimum: 0, expected: "a journey limit in minutes >= 0 (or empty)")
      let priority = table.whole(
        .priority, required: false, minimum: 1, expected: "a whole number >= 1 (or empty for 1)")
      let current = table.text(.currentURN, required: false, expected: "")

      guard let id, let easting, let northing, let age, let need, let provision else { continue }
      pupils.append(
        Pupil(
          id: PupilID(id), easting: easting, northing: northing, age: age, primaryNeed: need,
          provision: provision, sex: sex, preferences: preferences, maxTravelMinutes: limit,
          priority: priority ?? 1, currentURN: current.map(URN.init)))
    }
    if unknownPreferences > 0 {
      table.warnings.append(
        InputWarning(
          file: table.file,
          message: "\(unknownPreferences) preference\(unknownPreferences == 1 ? " names a URN" : "s name URNs") "
            + "not in settings.csv (out-of-area schools?); each keeps its rank but can never be met",
          count: unknownPreferences))
    }
    (problems, warnings) = table.finish()
    return pupils
  }

  /// The id in `column` of the current row, registered in `index` with its
  /// line; nil, with a problem, when empty or seen before.
  private static func identifier<Column: TableColumn>(
    _ table: inout TableReader<Column>, _ column: Column, index: inout ByteKeyTable, lines: inout [Int]
  ) -> String? {
    guard let bytes = table.cell(column) else { return nil }
    guard !bytes.isEmpty else {
      table.report(column, found: "an empty cell", expected: "a \(column.name) (every row needs one)")
      return nil
    }
    guard bytes.count <= ByteKeyTable.maxKeyLength else {
      table.report(
        column, found: "an id of \(bytes.count) bytes",
        expected: "a \(column.name) of at most \(ByteKeyTable.maxKeyLength) bytes")
      return nil
    }
    if let first = index.insert(bytes, value: Int32(lines.count)) {
      table.report(
        column, found: InputText.quoted(bytes) + " again",
        expected: "a unique \(column.name) (this one is on line \(lines[Int(first)]) already)")
      return nil
    }
    lines.append(table.line)
    return String(decoding: bytes, as: UTF8.self)
  }

  // MARK: travel.csv

  @inline(__always) private static func equal(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool
  {
    guard a.count == b.count else { return false }
    for i in 0..<a.count where a[i] != b[i] { return false }
    return true
  }

  /// A travel.csv at least this large, with no quote character after its
  /// header, is parsed in two halves on two threads (the 3.8-million-row
  /// matrix of a county). The result, problems included, is the same as
  /// one thread's: the tests read files both ways and compare.
  @TaskLocal static var parallelTravelBytes = 4 << 20

  mutating func readTravel(_ buffer: UnsafeMutableBufferPointer<UInt8>) -> TravelMatrix {
    let table = TableReader<TravelColumn>(
      file: "travel.csv", buffer: buffer, problems: problems, warnings: warnings)
    let layout = table.layout
    let bodyStart = table.offset
    let bodyLine = table.nextLine
    (problems, warnings) = table.finish()

    let cuts = Self.travelCuts(buffer, bodyStart: bodyStart)
    let parts = cuts.count - 1
    let results = ParallelSlots<TravelChunk>(count: parts)
    let input = TravelChunkInput(
      base: buffer.baseAddress, cuts: cuts, bodyLine: bodyLine, layout: layout, pupilIndex: pupilIndex,
      settingIndex: settingIndex)
    if parts == 1 {
      results.store(0, Self.parseTravel(input, part: 0))
    } else {
      DispatchQueue.concurrentPerform(iterations: parts) { results.store($0, Self.parseTravel(input, part: $0)) }
    }
    var chunks = results.values()
    // A later part counts its lines from 1 (`parseTravel`): shift them now
    // that the part before has counted its own.
    for part in chunks.indices.dropFirst() {
      let shift = chunks[part - 1].endLine - 1
      chunks[part].endLine += shift
      for i in chunks[part].lines.indices { chunks[part].lines[i] += Int32(truncatingIfNeeded: shift) }
      for i in chunks[part].problems.indices { chunks[part].problems[i].line? += shift }
    }

    // The first part's arrays become the matrix; the others are appended.
    var matrix = chunks[0].matrix
    var lines = chunks[0].lines
    chunks[0].matrix = TravelMatrix()
    chunks[0].lines = []
    let total = chunks.reduce(0) { $0 + $1.matrix.count } + matrix.count
    matrix.pupil.reserveCapacity(total)
    matrix.setting.reserveCapacity(total)
    matrix.minutes.reserveCapacity(total)
    lines.reserveCapacity(total)
    var found: [InputProblem] = []
    var foundTotal = 0
    var unknownRows = 0
    var blankRows = 0
    var pupilText = [String?](repeating: nil, count: pupilIndex.count)
    var urnText = [String?](repeating: nil, count: settingIndex.count)
    for chunk in chunks {
      matrix.pupil.append(contentsOf: chunk.matrix.pupil)
      matrix.setting.append(contentsOf: chunk.matrix.setting)
      matrix.minutes.append(contentsOf: chunk.matrix.minutes)
      lines.append(contentsOf: chunk.lines)
      found.append(contentsOf: chunk.problems)
      foundTotal += chunk.problemTotal
      unknownRows += chunk.unknownRows
      blankRows += chunk.blankRows
      for (i, text) in chunk.pupilText.enumerated() where pupilText[i] == nil { pupilText[i] = text }
      for (i, text) in chunk.urnText.enumerated() where urnText[i] == nil { urnText[i] = text }
    }

    // Each (pupil, setting) pair once: later listings are refused, in line order.
    var duplicates = PairSet(pupils: pupilIndex.count, settings: settingIndex.count)
    var repeated: [InputProblem] = []
    var repeatedTotal = 0
    var kept = 0
    let urnColumn = layout.fieldOf[TravelColumn.urn.rawValue] + 1
    for k in 0..<matrix.count {
      let (p, st) = (matrix.pupil[k], matrix.setting[k])
      if duplicates.insert(pupil: Int(p), setting: Int(st)) {
        if kept != k {
          matrix.pupil[kept] = p
          matrix.setting[kept] = st
          matrix.minutes[kept] = matrix.minutes[k]
          lines[kept] = lines[k]
        }
        kept += 1
        continue
      }
      repeatedTotal += 1
      guard repeated.count < CaseReader.problemLimit else { continue }
      var first = ""
      if let j = (0..<kept).first(where: { matrix.pupil[$0] == p && matrix.setting[$0] == st }) {
        first = " (listed on line \(lines[j]) already)"
      }
      repeated.append(
        InputProblem(
          file: layout.file, line: Int(lines[k]), column: urnColumn, field: TravelColumn.urn.name,
          found: "pupil_id \(InputText.quoted(pupilText[Int(p)] ?? "")) with urn "
            + "\(InputText.quoted(urnText[Int(st)] ?? "")) again",
          expected: "each (pupil, setting) pair once" + first))
    }
    if kept < matrix.count {
      matrix.pupil.removeSubrange(kept...)
      matrix.setting.removeSubrange(kept...)
      matrix.minutes.removeSubrange(kept...)
    }

    // Problems in the order one reader would have met them: by row, and a
    // row's repeat after its other problems.
    var merged: [InputProblem] = []
    var r = 0
    for problem in found {
      while r < repeated.count, repeated[r].line ?? 0 < problem.line ?? 0 {
        merged.append(repeated[r])
        r += 1
      }
      merged.append(problem)
    }
    merged.append(contentsOf: repeated[r...])
    for problem in merged { problems.add(problem) }
    problems.countUnkept(foundTotal + repeatedTotal - merged.count)

    if unknownRows > 0 {
      warnings.append(
        InputWarning(
          file: layout.file,
          message: "\(unknownRows) row\(unknownRows == 1 ? " names" : "s name") a pupil_id not in pupils.csv "
            + "or a urn not in settings.csv; skipped",
          count: unknownRows))
    }
    if blankRows > 0 {
      warnings.append(
        InputWarning(
          file: layout.file, message: "\(blankRows) blank row\(blankRows == 1 ? "" : "s") skipped",
          count: blankRows))
    }
    return matrix
  }

  /// Where travel.csv's rows (from `bodyStart`) are cut into parts: the
  /// start of each part, then the end. A large file is cut at a line break
  /// past the middle, after a line with content (so that no blank row is
  /// left pending at the cut); a quote could hold a line break, so a file
  /// with one is never cut.
  static func travelCuts(_ buffer: UnsafeMutableBufferPointer<UInt8>, bodyStart: Int) -> [Int] {
    guard buffer.count - bodyStart >= Self.parallelTravelBytes, let base = buffer.baseAddress,
      memchr(base + bodyStart, Int32(UInt8(ascii: "\"")), buffer.count - bodyStart) == nil,
      let cut = Self.cutAfterContentLine(buffer, from: bodyStart + (buffer.count - bodyStart) / 2)
    else { return [bodyStart, buffer.count] }
    return [bodyStart, cut, buffer.count]
  }

  /// The position just after the first line break at or past `from` that
  /// ends a line holding a letter or digit (never blank), if another line
  /// follows it.
  private static func cutAfterContentLine(_ buffer: UnsafeMutableBufferPointer<UInt8>, from: Int) -> Int? {
    var lineStart = from
    while lineStart > 0 && buffer[lineStart - 1] != UInt8(ascii: "\n") { lineStart -= 1 }
    var hasContent = false
    var i = lineStart
    while i < buffer.count {
      let b = buffer[i]
      if b == UInt8(ascii: "\n") {
        if hasContent && i >= from { return i + 1 < buffer.count ? i + 1 : nil }
        hasContent = false
      } else if (b >= 0x30 && b <= 0x39) || ((b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A) {
        hasContent = true
      }
      i += 1
    }
    return nil
  }

  /// Parses one part of travel.csv's rows, without the repeat check.
  private static func parseTravel(_ input: TravelChunkInput, part: Int) -> TravelChunk {
    let start = input.cuts[part]
    let rows = UnsafeMutableBufferPointer(start: input.base.map { $0 + start }, count: input.cuts[part + 1] - start)
    var table = TableReader<TravelColumn>(layout: input.layout, rows: rows, firstLine: part == 0 ? input.bodyLine : 1)
    var chunk = TravelChunk()
    chunk.pupilText = [String?](repeating: nil, count: input.pupilIndex.count)
    chunk.urnText = [String?](repeating: nil, count: input.settingIndex.count)
    let expectedMinutes = "a journey time in minutes >= 0"
    // Routing tables usually list one pupil's (or one setting's) journeys
    // together: remember the last ids so most rows skip one lookup.
    var lastPupilBytes = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
    var lastPupil: Int32 = -1
    var lastSettingBytes = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
    var lastSetting: Int32 = -1
    var rowsRead = 0
    while table.nextRow() {
      rowsRead += 1
      if rowsRead == 1024 {
        // Reserve for the whole part from the length of the first rows.
        let estimate = Int(Double(rows.count) / Double(max(table.offset, 1)) * 1024 * 1.05)
        chunk.matrix.pupil.reserveCapacity(estimate)
        chunk.matrix.setting.reserveCapacity(estimate)
        chunk.matrix.minutes.reserveCapacity(estimate)
        chunk.lines.reserveCapacity(estimate)
      }
      let minutes = table.decimal(.minutes, required: true, minimum: 0, expected: expectedMinutes)
      guard let pupilBytes = table.cell(.pupilID), let urnBytes = table.cell(.urn) else { continue }
      guard !pupilBytes.isEmpty, !urnBytes.isEmpty else {
        if pupilBytes.isEmpty {
          table.report(.pupilID, found: "an empty cell", expected: "a pupil_id from pupils.csv")
        }
        if urnBytes.isEmpty { table.report(.urn, found: "an empty cell", expected: "a urn from settings.csv") }
        continue
      }
      if !Self.equal(pupilBytes, lastPupilBytes) {
        lastPupil = input.pupilIndex.value(for: pupilBytes) ?? -1
        lastPupilBytes = pupilBytes
        if lastPupil >= 0 && chunk.pupilText[Int(lastPupil)] == nil {
          chunk.pupilText[Int(lastPupil)] = String(decoding: pupilBytes, as: UTF8.self)
        }
      }
      if !Self.equal(urnBytes, lastSettingBytes) {
        lastSetting = input.settingIndex.value(for: urnBytes) ?? -1
        lastSettingBytes = urnBytes
        if lastSetting >= 0 && chunk.urnText[Int(lastSetting)] == nil {
          chunk.urnText[Int(lastSetting)] = String(decoding: urnBytes, as: UTF8.self)
        }
      }
      guard lastPupil >= 0, lastSetting >= 0 else {
        chunk.unknownRows += 1
        continue
      }
      chunk.matrix.append(pupil: Int(lastPupil), setting: Int(lastSetting), minutes: minutes ?? .nan)
      chunk.lines.append(Int32(truncatingIfNeeded: table.line))
    }
    chunk.endLine = table.nextLine
    chunk.blankRows = table.blankRowsSkipped
    chunk.problems = table.problems.keptInOrder
    chunk.problemTotal = table.problems.total
    return chunk
  }
}

/// What the threads parsing travel.csv share, read-only.
private struct TravelChunkInput: @unchecked Sendable {
  /// The file's bytes; each thread reads (and may rewrite) only its own part.
  let base: UnsafeMutablePointer<UInt8>?
  let cuts: [Int]
  /// The line the rows after the header start on.
  let bodyLine: Int
  let layout: TableReader<TravelColumn>.Layout
  let pupilIndex: ByteKeyTable
  let settingIndex: ByteKeyTable
}

/// One part of travel.csv, parsed.
private struct TravelChunk: Sendable {
  var matrix = TravelMatrix()
  var lines: [Int32] = []
  var problems: [InputProblem] = []
  var problemTotal = 0
  var blankRows = 0
  var unknownRows = 0
  /// The line after the part's last.
  var endLine = 1
  /// The text of each pupil id and URN met (for messages about repeats).
  var pupilText: [String?] = []
  var urnText: [String?] = []
}

extension DecimalParser {
  /// Whether `bytes` spell infinity or not-a-number (`inf`, `-Infinity`,
  /// `NaN`), which the grammar refuses: so that a message can say why.
  static func isNonFiniteWord(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    var text = String(decoding: bytes, as: UTF8.self).lowercased()
    if text.hasPrefix("+") || text.hasPrefix("-") { text.removeFirst() }
    return text == "inf" || text == "infinity" || text == "nan"
  }

  /// The whole number written in `bytes`: digits, or a decimal whose
  /// fraction is zero (`3.0`, as spreadsheets often export whole numbers);
  /// nil for `3.5`, for text that is not a number, and beyond 10^15.
  package static func wholeNumber(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
    guard let value = parse(bytes), value.rounded(.towardZero) == value, value.magnitude < 1e15 else { return nil }
    return Int(value)
  }
}

/// The (pupil, setting) pairs seen in `travel.csv`: a bit per possible pair
/// when that fits in 32 MB, else a hash set.
private struct PairSet {
  private let settings: Int
  private var bits: [UInt64]
  private var set: Set<Int> = []

  init(pupils: Int, settings: Int) {
    self.settings = settings
    let pairs = pupils * settings
    bits = pairs <= 1 << 28 ? Array(repeating: 0, count: (pairs + 63) / 64) : []
  }

  /// Adds a pair; false when it was there already.
  mutating func insert(pupil: Int, setting: Int) -> Bool {
    let pair = pupil * settings + setting
    guard !bits.isEmpty else { return set.insert(pair).inserted }
    let mask: UInt64 = 1 << UInt64(pair & 63)
    let word = pair >> 6
    if bits[word] & mask != 0 { return false }
    bits[word] |= mask
    return true
  }
}
