import Foundation

/// The columns of a plan file: `action`, the columns the actions read
/// (`new_setting` reads every `settings.csv` column), the costs, the note,
/// and, in an options file, `option` and `group`.
enum PlanColumn: Int, TableColumn {
  case action, urn, places, need, capitalCost, annualCost, note, option, group
  case name, kind, easting, northing, lowAge, highAge, capacity, onRoll, gender, needs, needPlaces, costPerPlace, la
  /// settings.csv's other location forms: refused in a new_setting row (see `CaseReading.settingFields`).
  case postcode, latitude, longitude
  case statutoryRequest
  /// `forecast`: the year a row takes effect from (compare applies every row).
  case year

  var name: String {
    switch self {
    case .year: "year"
    case .action: "action"
    case .urn: "urn"
    case .places: "places"
    case .need: "need"
    case .capitalCost: "capital_cost"
    case .annualCost: "annual_cost"
    case .note: "note"
    case .option: "option"
    case .group: "group"
    default: Self.settingColumn(self)?.name ?? ""
    }
  }

  /// Only `action` is required of every plan; an options file needs
  /// `option` too (checked by the reader).
  var isRequired: Bool { self == .action }

  /// Plan and options columns change costs, places and grouping: a
  /// misspelt one must not pass as absent.
  static var refusesUnknownColumns: Bool { true }

  /// The plan column holding a settings.csv column.
  static func column(_ setting: SettingColumn) -> Self {
    switch setting {
    case .urn: .urn
    case .name: .name
    case .kind: .kind
    case .easting: .easting
    case .northing: .northing
    case .lowAge: .lowAge
    case .highAge: .highAge
    case .capacity: .capacity
    case .onRoll: .onRoll
    case .gender: .gender
    case .needs: .needs
    case .needPlaces: .needPlaces
    case .costPerPlace: .costPerPlace
    case .la: .la
    case .postcode: .postcode
    case .latitude: .latitude
    case .longitude: .longitude
    case .statutoryRequest: .statutoryRequest
    }
  }

  /// The settings.csv column a plan column holds, if it is one.
  static func settingColumn(_ column: Self) -> SettingColumn? {
    SettingColumn.allCases.first { Self.column($0) == column }
  }
}

/// Reads plan files (for `compare`) and options files (for `recommend`):
/// every cell checked with the case reader's rules, every problem named by
/// file, line and column. What needs the case (does the URN exist, would a
/// capacity fall below 0) is checked when the plan is applied
/// (``PlanApplication``).
public enum PlanReader {
  /// Reads the plan or options file at `path`; problems are added to `problems`.
  ///
  /// - Parameters:
  ///   - path: the file as named on the command line (problems name it so).
  ///   - isOptions: an options file: the `option` column is required.
  ///   - problems: where the file's problems are added.
  ///   - fileRank: the file's place among the run's inputs, to order problems by.
  /// - Returns: the plan (named after the file, without `.csv`), or nil
  ///   when the file could not be read as a table at all.
  static func read(path: String, isOptions: Bool, problems: inout ProblemList, fileRank: Int) -> Plan? {
    problems.fileRank = fileRank
    let name = Self.planName(path)
    var reading = CaseReading()
    reading.problems = problems
    defer { problems = reading.problems }
    let file = CaseFile(atPath: path)
    switch file {
    case .missing:
      reading.problems.add(
        InputProblem(
          file: path, line: nil, column: nil, field: nil, found: "no such file",
          expected: isOptions ? "an options file (CSV) at this path" : "a plan file (CSV) at this path"))
      return nil
    case .folder, .unreadable, .contents:
      let expected = isOptions ? "an options file (CSV) at this path" : "a plan file (CSV) at this path"
      guard var data = reading.load(file, name: path, required: true, inCase: false, expected: expected) else {
        return nil
      }
      var plan: Plan?
      data.withUnsafeMutableBytes { raw in
        plan = Self.parse(
          raw.bindMemory(to: UInt8.self), file: path, name: name, isOptions: isOptions, problems: &reading.problems)
      }
      return plan
    }
  }

  /// Reads a plan or options file held in memory (tests, fuzzing).
  package static func read(bytes: [UInt8], file: String, isOptions: Bool) throws(InvalidCaseError) -> Plan {
    var reading = CaseReading()
    guard let data = reading.load(.contents(Data(bytes)), name: file, required: true, inCase: false) else {
      throw reading.problems.error()
    }
    var copy = [UInt8](data)
    var plan: Plan?
    copy.withUnsafeMutableBufferPointer { buffer in
      plan = Self.parse(
        buffer, file: file, name: Self.planName(file), isOptions: isOptions, problems: &reading.problems)
    }
    guard reading.problems.total == 0, let plan else { throw reading.problems.error() }
    return plan
  }

  /// The plan's name: its file name without `.csv`.
  public static func planName(_ path: String) -> String {
    let last = URL(fileURLWithPath: path).lastPathComponent
    return last.lowercased().hasSuffix(".csv") ? String(last.dropLast(4)) : last
  }

  /// The actions a plan row may take, as the contract spells them.
  private static let actions = "add_places, new_setting or close_setting"

  private static func parse(
    _ buffer: UnsafeMutableBufferPointer<UInt8>, file: String, name: String, isOptions: Bool,
    problems: inout ProblemList
  ) -> Plan? {
    var table = TableReader<PlanColumn>(file: file, buffer: buffer, problems: problems, warnings: [])
    if isOptions && !table.hasColumn(.option) {
      table.problem(
        line: 1, column: nil, field: "option", found: "no column \"option\"",
        expected: "a column named option (required in an options file: the id of the option each row belongs to)")
    }
    if isOptions && table.hasColumn(.year) {
      table.problem(
        line: 1, column: table.columnNumber(.year), field: "year", found: "a column \"year\"",
        expected: "no year column in an options file: recommend chooses options for one September "
          + "(years are for forecast plans)")
    }
    var columns: [String: Int] = [:]
    var rows: [PlanRow] = []
    let costExpected = "an amount in pounds \(InputRange.text(InputRange.planCost)) (or empty for 0)"
    while table.nextRow() {
      let line = table.line
      let word = table.text(.action, required: true, expected: "an action: " + actions)
      let capital = table.decimal(.capitalCost, required: false, range: InputRange.planCost, expected: costExpected)
      let annual = table.decimal(.annualCost, required: false, range: InputRange.planCost, expected: costExpected)
      let note = table.text(.note, required: false, expected: "")
      let year = Self.year(isOptions: isOptions, &table)
      var option: String?
      var group: String?
      if isOptions {
        option = Self.id(.option, required: true, expected: "the id of the option this row belongs to", &table)
        group = Self.id(.group, required: false, expected: "", &table)
      }
      guard let word else { continue }
      let action = Self.action(word, &table)
      guard let action, let year, let capital = capital ?? (Self.isEmpty(.capitalCost, &table) ? 0 : nil),
        let annual = annual ?? (Self.isEmpty(.annualCost, &table) ? 0 : nil), !isOptions || option != nil
      else { continue }
      rows.append(
        PlanRow(
          line: line, action: action, capitalCost: capital, annualCost: annual, note: note, option: option,
          group: group, year: year))
    }
    for column in PlanColumn.allCases where table.hasColumn(column) {
      columns[column.name] = table.columnNumber(column)
    }
    let (found, _) = table.finish()
    problems = found
    return Plan(name: name, file: file, rows: rows, columns: columns)
  }

  /// A row's action from its `action` word and the columns it reads; nil
  /// once its problems are reported.
  private static func action(_ word: String, _ table: inout TableReader<PlanColumn>) -> PlanAction? {
    var action: PlanAction?
    switch word.lowercased() {
    case "add_places":
      guard Self.need(.urn, of: "add_places", in: &table), Self.need(.places, of: "add_places", in: &table) else {
        break
      }
      let urn = Self.id(.urn, required: true, expected: "the urn of the setting that gains places", &table)
      let places = Self.places(&table)
      let need = table.word(.need, required: false, expected: "a primary-need code: " + NeedCode.expectedList) {
        NeedCode(code: $0)
      }
      let needGiven = table.cell(.need).map { !$0.isEmpty } ?? false
      if let urn, let places, need != nil || !needGiven {
        action = .addPlaces(urn: URN(urn), places: places, need: need)
      }
    case "close_setting":
      guard Self.need(.urn, of: "close_setting", in: &table) else { break }
      if let urn = Self.id(.urn, required: true, expected: "the urn of the setting that closes", &table) {
        action = .closeSetting(urn: URN(urn))
      }
    case "new_setting":
      var complete = true
      for column in SettingColumn.allCases where column.isRequired {
        if !Self.need(PlanColumn.column(column), of: "new_setting", in: &table) { complete = false }
      }
      guard complete else { break }
      let urn = Self.id(.urn, required: true, expected: "the urn of the new setting (a local code will do)", &table)
      if let setting = CaseReading.settingFields(&table, urn: urn, PlanColumn.column) {
        action = .newSetting(setting)
      }
    default:
      // As written, not lower-cased: the shapes of personal data are read
      // on the cell itself (round thirty-six: "12 high street" was quoted).
      table.report(.action, found: InputText.shownOrDescribed(word), expected: "an action: " + actions)
    }
    return action
  }

  /// An id (`urn`, `option`, `group`) by the case reader's rules: ids are
  /// matched byte for byte, so an invisible character would make two
  /// groups or options of one, and a formula-leading one runs in a
  /// spreadsheet. Nil when absent, empty (an error when `required`) or refused.
  private static func id(
    _ column: PlanColumn, required: Bool, expected: String, _ table: inout TableReader<PlanColumn>
  ) -> String? {
    guard let bytes = table.idBytes(column, emptyExpected: required ? expected : nil) else { return nil }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// `year`: the year of a forecast a plan row takes effect from, a whole
  /// number from 1 (empty or absent: 1). An options file has no years
  /// (recommend chooses for one September): its `year` column is refused
  /// at the header. Nil when reported.
  private static func year(isOptions: Bool, _ table: inout TableReader<PlanColumn>) -> Int? {
    guard table.hasColumn(.year), !isOptions else { return 1 }
    let expected =
      "the year the row takes effect from: a whole number \(InputRange.text(InputRange.planYear)) "
      + "(or empty for 1)"
    if Self.isEmpty(.year, &table) { return 1 }
    return table.whole(.year, required: false, range: InputRange.planYear, expected: expected)
  }

  /// Whether a cell is absent or empty (an optional cost then takes 0).
  private static func isEmpty(_ column: PlanColumn, _ table: inout TableReader<PlanColumn>) -> Bool {
    guard table.hasColumn(column) else { return true }
    return table.cell(column)?.isEmpty ?? false
  }

  /// Whether the file has a column an action reads; reported on the row if not.
  private static func need(_ column: PlanColumn, of action: String, in table: inout TableReader<PlanColumn>)
    -> Bool
  {
    guard !table.hasColumn(column) else { return true }
    table.problem(
      line: table.line, column: nil, field: column.name, found: "no column \"\(column.name)\"",
      expected: "\("aeiou".contains(column.name.first ?? "x") ? "an" : "a") \(column.name) column: \(action) reads it")
    return false
  }

  /// `places`: a whole number other than 0, negative to remove places.
  private static func places(_ table: inout TableReader<PlanColumn>) -> Int? {
    let most = InputRange.text(InputRange.places.upperBound)
    let expected = "a whole number of places other than 0, from -\(most) to \(most) (negative to remove places)"
    let range = -InputRange.places.upperBound...InputRange.places.upperBound
    guard let value = table.whole(.places, required: true, range: range, expected: expected) else { return nil }
    guard value != 0 else {
      table.report(.places, found: "0", expected: expected)
      return nil
    }
    return value
  }
}
