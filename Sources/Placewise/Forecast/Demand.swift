import Foundation

/// One row of a demand file: new EHC plans that will need a place.
public struct DemandRow: Sendable, Equatable {
  /// The line the row starts on (the header is line 1).
  public var line: Int
  /// The forecast year, from 1.
  public var year: Int
  /// The new pupils' age at the start of that year's placement.
  public var age: Int
  /// Their primary need.
  public var need: NeedCode
  /// How many new pupils.
  public var newPlans: Int

  /// Creates a row.
  public init(line: Int, year: Int, age: Int, need: NeedCode, newPlans: Int) {
    self.line = line
    self.year = year
    self.age = age
    self.need = need
    self.newPlans = newPlans
  }
}

/// A demand file (`--demand`): new plans by year, age and need, in file order.
public struct Demand: Sendable {
  /// The file as named on the command line.
  public var file: String
  /// The rows, in file order.
  public var rows: [DemandRow]
  /// The 1-based column of each column the file has, by name.
  public var columns: [String: Int]

  /// Creates a demand.
  public init(file: String, rows: [DemandRow], columns: [String: Int] = [:]) {
    self.file = file
    self.rows = rows
    self.columns = columns
  }
}

/// The columns of a demand file.
enum DemandColumn: Int, TableColumn {
  case year, age, primaryNeed, newPlans

  var name: String {
    switch self {
    case .year: "year"
    case .age: "age"
    case .primaryNeed: "primary_need"
    case .newPlans: "new_plans"
    }
  }

  var isRequired: Bool { true }

  /// Every column sets how many children a year brings: a misspelt one must
  /// not pass as absent (or be read while a second copy is ignored).
  static var refusesUnknownColumns: Bool { true }
}

/// Reads demand files with the case reader's rules: every cell checked,
/// every problem named by file, line and column.
enum DemandReader {
  /// Reads the demand file at `path`; problems are added to `problems`.
  /// Nil when it could not be read as a table at all.
  static func read(path: String, problems: inout ProblemList, fileRank: Int) -> Demand? {
    problems.fileRank = fileRank
    var reading = CaseReading()
    reading.problems = problems
    defer { problems = reading.problems }
    let file = CaseFile(atPath: path)
    let expected = "a demand file (CSV: year, age, primary_need, new_plans) at this path"
    if case .missing = file {
      reading.problems.add(
        InputProblem(
          file: path, line: nil, column: nil, field: nil, found: "no such file",
          expected: expected))
      return nil
    }
    guard var data = reading.load(file, name: path, required: true, inCase: false, expected: expected) else {
      return nil
    }
    var demand: Demand?
    data.withUnsafeMutableBytes { raw in
      demand = Self.parse(raw.bindMemory(to: UInt8.self), file: path, problems: &reading.problems)
    }
    return demand
  }

  /// Reads a demand file held in memory (tests, fuzzing).
  package static func read(bytes: [UInt8], file: String) throws(InvalidCaseError) -> Demand {
    var problems = ProblemList(limit: CaseReader.problemLimit)
    var copy = bytes
    var demand: Demand?
    copy.withUnsafeMutableBufferPointer { buffer in
      demand = Self.parse(buffer, file: file, problems: &problems)
    }
    guard problems.total == 0, let demand else { throw problems.error() }
    return demand
  }

  private static func parse(_ buffer: UnsafeMutableBufferPointer<UInt8>, file: String, problems: inout ProblemList)
    -> Demand?
  {
    var table = TableReader<DemandColumn>(file: file, buffer: buffer, problems: problems, warnings: [])
    var rows: [DemandRow] = []
    let yearExpected = "the forecast year: a whole number \(InputRange.text(InputRange.planYear))"
    let ageExpected = "the new pupils' age at the start of the year: a whole number \(InputRange.text(InputRange.age))"
    let plansExpected = "how many new EHC plans: a whole number \(InputRange.text(InputRange.newPlans))"
    while table.nextRow() {
      let year = table.whole(.year, required: true, range: InputRange.planYear, expected: yearExpected)
      let age = table.whole(.age, required: true, range: InputRange.age, expected: ageExpected)
      let need = table.word(.primaryNeed, required: true, expected: "a primary-need code: " + NeedCode.expectedList) {
        NeedCode(code: $0)
      }
      let count = table.whole(.newPlans, required: true, range: InputRange.newPlans, expected: plansExpected)
      guard let year, let age, let need, let count else { continue }
      rows.append(DemandRow(line: table.line, year: year, age: age, need: need, newPlans: count))
    }
    var columns: [String: Int] = [:]
    for column in DemandColumn.allCases where table.hasColumn(column) {
      columns[column.name] = table.columnNumber(column)
    }
    let (found, _) = table.finish()
    problems = found
    checkYearTotals(rows, file: file, column: columns[DemandColumn.newPlans.name], problems: &problems)
    return Demand(file: file, rows: rows, columns: columns)
  }

  /// A year's new plans, summed over its rows, are bounded as one row's are:
  /// 316 rows of 100,000 would make 31 million pupils, a run of days. The
  /// problem names the row whose plans take the year past the bound.
  private static func checkYearTotals(
    _ rows: [DemandRow], file: String, column: Int?, problems: inout ProblemList
  ) {
    var totals: [Int: Int] = [:]
    for row in rows {
      let before = totals[row.year, default: 0]
      totals[row.year] = before + row.newPlans
      guard before <= InputRange.newPlans.upperBound, before + row.newPlans > InputRange.newPlans.upperBound else {
        continue
      }
      problems.add(
        InputProblem(
          file: file, line: row.line, column: column, field: DemandColumn.newPlans.name,
          found: "\(InputRange.text(before + row.newPlans)) new plans in year \(row.year) by this row",
          expected: "at most \(InputRange.text(InputRange.newPlans.upperBound)) new plans in one year, "
            + "summed over its rows (every new plan in England in a year)"))
    }
  }
}
