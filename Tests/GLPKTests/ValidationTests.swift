import GLPK
import Testing

/// Models GLPK would abort on (or silently misread) are refused in Swift,
/// before any GLPK call, with a message naming the offender.
@Suite("Invalid models are refused in Swift, before GLPK")
struct ValidationTests {
  struct BrokenModel: Sendable, CustomTestStringConvertible {
    var testDescription: String
    /// Fragments the message must contain: the offender and the value found.
    var expected: [String]
    var breakIt: @Sendable (inout LinearProgram) -> Void
  }

  /// `Fixtures.production` (2 columns, rows r0 and r1, every coefficient
  /// set) plus an empty free row r2.
  static var validBase: LinearProgram {
    var program = Fixtures.production.program
    program.addRow(.free)
    return program
  }

  static let brokenModels: [BrokenModel] = [
    BrokenModel(testDescription: "NaN objective", expected: ["column 1", "objective", "nan"]) {
      $0.setObjective(ColumnIndex(1), .nan)
    },
    BrokenModel(testDescription: "infinite objective", expected: ["column 0", "objective", "-inf"]) {
      $0.setObjective(ColumnIndex(0), -.infinity)
    },
    BrokenModel(testDescription: "infinite column upper bound", expected: ["column 0", "upper bound inf"]) {
      $0.setBounds(ColumnIndex(0), .between(0, .infinity))
    },
    BrokenModel(testDescription: "infinite row lower bound", expected: ["row 1", "lower bound -inf"]) {
      $0.setBounds(RowIndex(1), .atLeast(-.infinity))
    },
    BrokenModel(testDescription: "NaN row bound", expected: ["row 0", "upper bound nan"]) {
      $0.setBounds(RowIndex(0), .atMost(.nan))
    },
    BrokenModel(testDescription: "NaN fixed column", expected: ["column 1", "nan"]) {
      $0.setBounds(ColumnIndex(1), .fixed(.nan))
    },
    BrokenModel(
      testDescription: "column lower > upper", expected: ["column 1", "lower bound 5.0 above upper bound 2.0"]
    ) {
      $0.setBounds(ColumnIndex(1), .between(5, 2))
    },
    BrokenModel(testDescription: "row lower > upper", expected: ["row 0", "lower bound 3.0 above upper bound 1.0"]) {
      $0.setBounds(RowIndex(0), .between(3, 1))
    },
    BrokenModel(testDescription: "entry naming a row out of range", expected: ["names row 3", "3 rows"]) {
      $0.setEntry(row: RowIndex(3), column: ColumnIndex(0), 1)
    },
    BrokenModel(testDescription: "entry naming a negative row", expected: ["names row -1"]) {
      $0.setEntry(row: RowIndex(-1), column: ColumnIndex(0), 1)
    },
    BrokenModel(testDescription: "entry naming a column out of range", expected: ["names column 7", "2 columns"]) {
      $0.setEntry(row: RowIndex(2), column: ColumnIndex(7), 1)
    },
    BrokenModel(testDescription: "column entry naming a row out of range", expected: ["names row 5"]) {
      $0.addColumn(.atLeast(0), objective: 1, entries: [(RowIndex(0), 1.0), (RowIndex(5), 1.0)])
    },
    // 2^32 and 2^32 + 1 are far out of range; they must not wrap round to
    // rows 0 and 1, which exist.
    BrokenModel(testDescription: "entry naming row 2^32", expected: ["row 4294967296"]) {
      $0.setEntry(row: RowIndex(1 << 32), column: ColumnIndex(0), 1)
    },
    BrokenModel(testDescription: "entry naming column 2^32 + 1", expected: ["column 4294967297"]) {
      $0.setEntry(row: RowIndex(2), column: ColumnIndex((1 << 32) + 1), 1)
    },
    BrokenModel(testDescription: "duplicate matrix entry", expected: ["(row 0, column 1)", "twice"]) {
      $0.setEntry(row: RowIndex(0), column: ColumnIndex(1), 5)
    },
    BrokenModel(testDescription: "NaN matrix entry", expected: ["(row 2, column 0)", "nan"]) {
      $0.setEntry(row: RowIndex(2), column: ColumnIndex(0), .nan)
    },
  ]

  @Test("the valid base model solves (so each broken model below is broken by its one change)")
  func baseIsValid() throws {
    try Self.validBase.validate()
    expectClose(try Self.validBase.solve().objectiveValue, 11)
  }

  @Test(
    "refused by validate(), SimplexSession.init, solve() and solveMIP() with .invalidModel naming the offender",
    arguments: brokenModels)
  func refused(_ broken: BrokenModel) {
    var model = Self.validBase
    broken.breakIt(&model)
    let program = model

    let attempts: [(String, () throws(GLPKError) -> Void)] = [
      ("validate()", { () throws(GLPKError) in try program.validate() }),
      ("SimplexSession.init", { () throws(GLPKError) in _ = try SimplexSession(program) }),
      ("solve()", { () throws(GLPKError) in _ = try program.solve() }),
      ("solveMIP()", { () throws(GLPKError) in _ = try program.solveMIP() }),
    ]
    for (path, attempt) in attempts {
      let error = #expect(throws: GLPKError.self, "\(path)") { try attempt() }
      guard let error else { continue }
      // .invalidModel, not .trapped: GLPK never saw the model.
      #expect(error.kind == .invalidModel, "\(path): \(error)")
      #expect(error.returnCode == nil, "\(path)")
      for fragment in broken.expected {
        #expect(error.message.contains(fragment), "\(path): \"\(error.message)\" should mention \"\(fragment)\"")
      }
      #expect(error.description.contains("invalid model"), "\(path): \(error.description)")
    }
  }

  @Test("SimplexSession.init says it was loading the model")
  func operationNamed() {
    var program = Self.validBase
    program.setObjective(ColumnIndex(0), .nan)
    let error = #expect(throws: GLPKError.self) { _ = try SimplexSession(program) }
    #expect(error?.operation == "loading the model")
    #expect(error?.description.hasPrefix("GLPK: loading the model: invalid model: column 0") == true)
  }

  struct BrokenChange: Sendable, CustomTestStringConvertible {
    var testDescription: String
    var expected: [String]
    var apply: @Sendable (inout SimplexSession) throws(GLPKError) -> Void
  }

  static let brokenChanges: [BrokenChange] = [
    BrokenChange(testDescription: "NaN objective", expected: ["column 1", "nan"]) { (s) throws(GLPKError) in
      try s.setObjective([1, .nan])
    },
    BrokenChange(testDescription: "infinite objective", expected: ["column 0", "inf"]) { (s) throws(GLPKError) in
      try s.setObjective([.infinity, 1])
    },
    BrokenChange(testDescription: "too many coefficients", expected: ["3 coefficients", "2 columns"]) {
      (s) throws(GLPKError) in try s.setObjective([1, 2, 3])
    },
    BrokenChange(testDescription: "column out of range", expected: ["column 2", "out of range"]) {
      (s) throws(GLPKError) in try s.setBounds(columns: [(ColumnIndex(2), .atLeast(0))])
    },
    BrokenChange(testDescription: "negative column", expected: ["column -1", "out of range"]) {
      (s) throws(GLPKError) in try s.setBounds(columns: [(ColumnIndex(-1), .atLeast(0))])
    },
    BrokenChange(
      testDescription: "column lower > upper", expected: ["column 0", "lower bound 3.0 above upper bound 1.0"]
    ) {
      (s) throws(GLPKError) in try s.setBounds(columns: [(ColumnIndex(0), .between(3, 1))])
    },
    BrokenChange(testDescription: "infinite column bound", expected: ["column 1", "upper bound inf"]) {
      (s) throws(GLPKError) in try s.setBounds(columns: [(ColumnIndex(1), .atMost(.infinity))])
    },
    BrokenChange(testDescription: "row out of range", expected: ["row 5", "out of range"]) {
      (s) throws(GLPKError) in try s.setBounds(rows: [(RowIndex(5), .atMost(1))])
    },
    BrokenChange(testDescription: "NaN row bound", expected: ["row 0", "lower bound nan"]) {
      (s) throws(GLPKError) in try s.setBounds(rows: [(RowIndex(0), .fixed(.nan))])
    },
    BrokenChange(testDescription: "row lower > upper", expected: ["row 1", "lower bound 2.0 above upper bound 1.0"]) {
      (s) throws(GLPKError) in try s.setBounds(rows: [(RowIndex(1), .between(2, 1))])
    },
    // The first change is valid; the batch is refused whole, so it must not stick.
    BrokenChange(testDescription: "valid change then invalid one", expected: ["column 9"]) {
      (s) throws(GLPKError) in
      try s.setBounds(columns: [(ColumnIndex(0), .fixed(0)), (ColumnIndex(9), .atLeast(0))])
    },
    BrokenChange(testDescription: "valid row change then invalid one", expected: ["row 1"]) {
      (s) throws(GLPKError) in
      try s.setBounds(rows: [(RowIndex(0), .atMost(0)), (RowIndex(1), .between(.nan, 1))])
    },
  ]

  @Test(
    "a session refuses invalid changes with .invalidModel naming the offender, and still solves the unchanged model",
    arguments: brokenChanges)
  func changeRefused(_ change: BrokenChange) throws {
    var session = try SimplexSession(Fixtures.production.program)
    expectClose(try session.solve().objectiveValue, 11, "before")

    let error = #expect(throws: GLPKError.self) { try change.apply(&session) }
    #expect(error?.kind == .invalidModel)
    for fragment in change.expected {
      #expect(error?.message.contains(fragment) == true, "\"\(error?.message ?? "")\" should mention \"\(fragment)\"")
    }
    // Nothing reached GLPK: the optimum is still the hand-computed 11.
    let after = try session.solve()
    #expect(after.status == .optimal)
    expectClose(after.objectiveValue, 11, "after the refused change")
    expectClose(after.columnValues, [3, 1], "after the refused change")
  }

  static let boundsToCompare: [Bounds] = [
    .free, .atLeast(-2), .atMost(7), .between(1, 1), .between(0, 4), .fixed(3),
    .between(3, 1), .between(-.infinity, 1), .atLeast(.infinity), .atMost(.nan), .fixed(.nan), .between(1, .nan),
  ]

  @Test(
    "a whole model and a session's change follow one bound rule: both accept, or both refuse in the same words",
    arguments: boundsToCompare)
  func oneBoundRule(_ bounds: Bounds) throws {
    for line in ["column", "row"] {
      var program = Fixtures.production.program
      if line == "column" { program.setBounds(ColumnIndex(1), bounds) } else { program.setBounds(RowIndex(1), bounds) }
      let whole = Result { () throws(GLPKError) in try program.validate() }

      var session = try SimplexSession(Fixtures.production.program)
      let change = Result { () throws(GLPKError) in
        if line == "column" {
          try session.setBounds(columns: [(ColumnIndex(1), bounds)])
        } else {
          try session.setBounds(rows: [(RowIndex(1), bounds)])
        }
      }
      switch (whole, change) {
      case (.success, .success): break
      case (.failure(let a), .failure(let b)):
        #expect(a.message == b.message, "\(line) \(bounds)")
        #expect(a.message.hasPrefix("\(line) 1 has "), "\(a.message)")
      default:
        Issue.record("\(line) \(bounds): validate() \(whole), setBounds \(change)")
      }
    }
  }
}
