// The one place where Swift calls GLPK. Every call goes through a guarded C
// entry point of CGLPKShims (setjmp around GLPK, no Swift frame between), and
// every Int/CInt conversion and 0-based/1-based shift lives here or in C.
internal import CGLPK
internal import CGLPKShims

enum CFunnel {
  /// Whether GLPK keeps one environment per thread.
  static let threadLocalEnvironment: Bool = pw_thread_local_environment() != 0

  /// The trap generation of this thread's environment.
  static var generation: UInt { UInt(pw_generation()) }

  /// Drains what GLPK printed since the last call.
  static func takeLog() -> String {
    var buffer = [CChar](repeating: 0, count: 16_385)
    let count = buffer.withUnsafeMutableBufferPointer { pw_take_log($0.baseAddress, $0.count) }
    return count == 0 ? "" : String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }

  static func setVerbose(_ on: Bool) { pw_set_verbose(on ? 1 : 0) }

  /// Turns a trap into an error carrying GLPK's own message.
  static func check(_ result: CInt, _ operation: String) throws(GLPKError) {
    guard result != CInt(PW_OK) else { return }
    let message = takeLog().split(separator: "\n").filter { !$0.isEmpty }.joined(separator: "; ")
    throw GLPKError(
      kind: .trapped, operation: operation,
      message: message.isEmpty ? "GLPK raised an error" : message)
  }

  static func create() throws(GLPKError) -> OpaquePointer {
    var pointer: OpaquePointer?
    try check(pw_create(&pointer), "creating a problem")
    guard let pointer else {
      throw GLPKError(kind: .trapped, operation: "creating a problem", message: "no problem object")
    }
    return pointer
  }

  /// The calling thread's id.
  static var threadToken: UInt { UInt(pw_thread_token()) }

  static func delete(_ problem: OpaquePointer) {
    _ = pw_delete(problem)
    _ = takeLog()  // a trap here must not leave its text for a later error
  }

  static func typeAndBounds(_ bounds: Bounds) -> (CInt, Double, Double) {
    switch bounds {
    case .free: (GLP_FR, 0, 0)
    case .atLeast(let l): (GLP_LO, l, 0)
    case .atMost(let u): (GLP_UP, 0, u)
    case .between(let l, let u) where l == u: (GLP_FX, l, u)
    case .between(let l, let u): (GLP_DB, l, u)
    case .fixed(let v): (GLP_FX, v, v)
    }
  }

  static func load(_ problem: OpaquePointer, _ program: LinearProgram) throws(GLPKError) {
    let rows = program.rowBounds.map(typeAndBounds)
    let columns = program.columnBounds.map(typeAndBounds)
    let kinds: [CInt] = program.isInteger.map { $0 ? GLP_IV : GLP_CV }
    let rowType: [CInt] = rows.map(\.0), rowLower: [Double] = rows.map(\.1), rowUpper: [Double] = rows.map(\.2)
    let colType: [CInt] = columns.map(\.0), colLower: [Double] = columns.map(\.1)
    let colUpper: [Double] = columns.map(\.2)
    let ia: [CInt] = program.entryRow.map { CInt($0) }
    let ja: [CInt] = program.entryColumn.map { CInt($0) }
    let minimise: CInt = program.direction == .minimize ? 1 : 0
    let result: CInt = pw_load(
      problem, minimise,
      CInt(rows.count), rowType, rowLower, rowUpper,
      CInt(columns.count), colType, colLower, colUpper,
      program.objective, kinds,
      CInt(program.entryCount), ia, ja, program.entryValue)
    try check(result, "loading the model")
  }

  static func setObjective(_ problem: OpaquePointer, _ costs: [Double]) throws(GLPKError) {
    try check(pw_set_objective(problem, CInt(costs.count), costs), "setting the objective")
  }

  /// Sets the bounds of some rows or columns, named by 0-based position.
  static func setBounds(_ problem: OpaquePointer, _ line: Line, _ changes: [(Int, Bounds)]) throws(GLPKError) {
    let converted = changes.map { typeAndBounds($0.1) }
    let result = pw_set_bounds(
      problem, line == .row ? CInt(PW_ROWS) : CInt(PW_COLUMNS), CInt(changes.count), changes.map { CInt($0.0) },
      converted.map(\.0), converted.map(\.1), converted.map(\.2))
    try check(result, "setting \(line) bounds")
  }

  static func setBasis(_ problem: OpaquePointer, rows: [BasisStatus], columns: [BasisStatus]) throws(GLPKError) {
    let rowStat: [CInt] = rows.map(\.glpk)
    let colStat: [CInt] = columns.map(\.glpk)
    try check(pw_set_basis(problem, rowStat, colStat), "setting the starting basis")
  }

  /// GLPK reads 0 as "no limit"; callers have refused limits <= 0 already.
  static func milliseconds(_ seconds: Double?) -> CInt {
    guard let seconds, seconds > 0 else { return 0 }
    return CInt(min(Double(CInt.max), (seconds * 1000).rounded(.up)))
  }

  static func simplex(
    _ problem: OpaquePointer, _ options: SimplexOptions, operation: String
  ) throws(GLPKError) -> (ReturnCode, SolutionStatus, iterations: Int) {
    let method: CInt =
      switch options.method {
      case .primal: GLP_PRIMAL
      case .dual: GLP_DUAL
      case .dualThenPrimal: GLP_DUALP
      }
    let pricing: CInt =
      switch options.pricing {
      case .steepestEdge: GLP_PT_PSE
      case .standard: GLP_PT_STD
      }
    var ret: CInt = 0
    var status: CInt = 0
    var made: CInt = 0
    setVerbose(options.verbose)
    let iterations = CInt(clamping: options.iterationLimit ?? 0)
    try check(
      pw_simplex(
        problem, method, pricing, options.presolve ? 1 : 0, milliseconds(options.timeLimit), iterations,
        options.dualTolerance ?? 0, &ret, &status, &made),
      operation)
    return (ReturnCode(rawValue: ret), SolutionStatus(glpk: status), Int(made))
  }

  static func intopt(
    _ problem: OpaquePointer, _ options: MIPOptions, operation: String
  ) throws(GLPKError) -> (ReturnCode, SolutionStatus) {
    var ret: CInt = 0
    var status: CInt = 0
    setVerbose(options.verbose)
    try check(
      pw_intopt(problem, 1, milliseconds(options.timeLimit), options.relativeGap, &ret, &status),
      operation)
    return (ReturnCode(rawValue: ret), SolutionStatus(glpk: status))
  }

  static func basicSolution(
    _ problem: OpaquePointer, rows: Int, columns: Int, status: SolutionStatus, log: String
  ) throws(GLPKError) -> LPSolution {
    var objective = 0.0
    var colPrim = [Double](repeating: 0, count: columns)
    var colDual = [Double](repeating: 0, count: columns)
    var colStat = [CInt](repeating: 0, count: columns)
    var rowPrim = [Double](repeating: 0, count: rows)
    var rowDual = [Double](repeating: 0, count: rows)
    var rowStat = [CInt](repeating: 0, count: rows)
    try check(
      pw_basic_solution(problem, &objective, &colPrim, &colDual, &colStat, &rowPrim, &rowDual, &rowStat),
      "reading the solution")
    return LPSolution(
      status: status, objectiveValue: objective, columnValues: colPrim, reducedCosts: colDual,
      columnStatus: colStat.map(BasisStatus.init(glpk:)), rowActivities: rowPrim, rowDuals: rowDual,
      rowStatus: rowStat.map(BasisStatus.init(glpk:)), log: log)
  }

  static func mipSolution(
    _ problem: OpaquePointer, columns: Int, status: SolutionStatus, log: String
  ) throws(GLPKError) -> MIPSolution {
    var objective = 0.0
    var values = [Double](repeating: 0, count: columns)
    try check(pw_mip_solution(problem, &objective, &values), "reading the MIP solution")
    return MIPSolution(status: status, objectiveValue: objective, columnValues: values, log: log)
  }

  #if DEBUG
    /// A test hook: makes an invalid GLPK call, which the trap must catch.
    static func provokeError(_ problem: OpaquePointer) throws(GLPKError) {
      try check(pw_provoke_error(problem), "making an invalid call on purpose")
    }

    /// A test hook: the problems this thread's environment holds.
    static var liveProblems: Int { pw_test_live_problems() }

    /// A test hook: the peak bytes of this thread's GLPK environment, 0
    /// when it had none (a fresh one is made to ask, then freed again).
    static var environmentPeakBytes: Int { pw_test_environment_peak() }
  #endif
}

/// A row or a column of the problem: which of the two a bound change is for.
enum Line: String, CustomStringConvertible {
  case row, column

  /// The word for messages: `row` or `column`.
  var description: String { rawValue }
}
