import Foundation

/// GLPK's process-wide facts.
package enum GLPKEnvironment {
  /// Whether GLPK keeps one environment per thread (`glp_config("TLS")`), so
  /// that independent problems may be solved on several threads at once.
  /// When it does not, every session takes one process-wide lock for its
  /// whole life, and solves are serialised.
  package static var isThreadLocal: Bool { CFunnel.threadLocalEnvironment }

  /// Held by each session when GLPK has one environment for the process.
  static let processLock = NSRecursiveLock()

  #if DEBUG
    /// The problems this thread's GLPK environment holds, and the peak bytes
    /// it has allocated (0: no environment was left on the thread). A test
    /// hook, debug builds only.
    package static var threadEnvironment: (liveProblems: Int, peakBytes: Int) {
      (CFunnel.liveProblems, CFunnel.environmentPeakBytes)
    }
  #endif
}

/// One GLPK problem object, loaded from a `LinearProgram`, that can be solved,
/// changed and solved again from its last basis (a warm start).
///
/// The session is the sole owner of its `glp_prob`, which its `deinit`
/// deletes. GLPK's environment is per thread, so a session may only be used
/// on the thread that made it: it is neither copyable nor sendable, and
/// since an async function could still resume on another thread, every
/// call checks the thread and refuses a foreign one with an error. Use a
/// session inside synchronous code.
package struct SimplexSession: ~Copyable {
  private let problem: OpaquePointer
  private let generation: UInt
  private let holdsProcessLock: Bool
  private let thread: UInt
  /// The number of rows.
  package let rowCount: Int
  /// The number of columns.
  package let columnCount: Int

  /// Checks the program in Swift, then loads it into a new GLPK problem.
  package init(_ program: LinearProgram) throws(GLPKError) {
    try program.validate(operation: "loading the model")
    let lock = !GLPKEnvironment.isThreadLocal
    if lock { GLPKEnvironment.processLock.lock() }
    let problem: OpaquePointer
    do {
      problem = try CFunnel.create()
      try CFunnel.load(problem, program)
    } catch {
      if lock { GLPKEnvironment.processLock.unlock() }
      throw error
    }
    self.problem = problem
    self.generation = CFunnel.generation
    self.holdsProcessLock = lock
    self.thread = CFunnel.threadToken
    self.rowCount = program.rowCount
    self.columnCount = program.columnCount
  }

  deinit {
    // After a trap GLPK freed every problem of this environment already. On
    // a foreign thread GLPK cannot free it safely: it is left (a leak, never
    // a corruption of another thread's environment).
    if CFunnel.threadToken == thread, CFunnel.generation == generation { CFunnel.delete(problem) }
    if holdsProcessLock { GLPKEnvironment.processLock.unlock() }
  }

  private func ensureAlive(_ operation: String) throws(GLPKError) {
    guard CFunnel.threadToken == thread else {
      throw GLPKError(
        kind: .invalidModel, operation: operation,
        message: "the session is used on a thread other than the one that made it; GLPK's environment is per thread")
    }
    guard CFunnel.generation == generation else {
      throw GLPKError(
        kind: .trapped, operation: operation,
        message: "an earlier GLPK error reset GLPK's environment; this problem no longer exists")
    }
  }

  /// Runs the simplex method from the current basis.
  ///
  /// An infeasible or unbounded problem is a status of the result; a time or
  /// iteration limit and numerical failures are thrown with GLPK's code.
  package mutating func solve(
    _ options: SimplexOptions = SimplexOptions(), operation: String = "solving the LP"
  ) throws(GLPKError) -> LPSolution {
    try ensureAlive(operation)
    try Self.checkLimits(options.timeLimit, options.iterationLimit, operation)
    if let tolerance = options.dualTolerance, !(tolerance > 0 && tolerance < 1) {
      // GLPK stops the process on a tol_dj outside (0, 1).
      throw GLPKError(
        kind: .invalidModel, operation: operation, message: "dual tolerance \(tolerance); expected above 0 and below 1")
    }
    _ = CFunnel.takeLog()
    let (code, status, iterations) = try CFunnel.simplex(problem, options, operation: operation)
    let log = CFunnel.takeLog()
    let finalStatus = try Self.status(
      after: code, status, finished: [.success], solver: "glp_simplex", log: log, operation)
    var solution = try CFunnel.basicSolution(
      problem, rows: rowCount, columns: columnCount, status: finalStatus, log: log)
    solution.iterations = iterations
    return solution
  }

  /// Runs branch and bound (with GLPK's MIP presolver) on the columns marked integer.
  package mutating func solveMIP(
    _ options: MIPOptions = MIPOptions(), operation: String = "solving the MIP"
  ) throws(GLPKError) -> MIPSolution {
    try ensureAlive(operation)
    try Self.checkLimits(options.timeLimit, nil, operation)
    _ = CFunnel.takeLog()
    let (code, status) = try CFunnel.intopt(problem, options, operation: operation)
    let log = CFunnel.takeLog()
    let finalStatus = try Self.status(
      after: code, status, finished: [.success, .mipGapReached], solver: "glp_intopt", log: log, operation)
    return try CFunnel.mipSolution(problem, columns: columnCount, status: finalStatus, log: log)
  }

  /// The status a solve reports, from the solver's return code and GLPK's
  /// status: a finished run keeps GLPK's status, the presolver's verdicts
  /// (no primal or no dual feasible solution) become statuses, and any
  /// other code (a limit, numerical trouble) is thrown with GLPK's last words.
  private static func status(
    after code: ReturnCode, _ status: SolutionStatus, finished: [ReturnCode], solver: String, log: String,
    _ operation: String
  ) throws(GLPKError) -> SolutionStatus {
    if finished.contains(code) { return status }
    switch code {
    case .noPrimalFeasibleSolution: return .noFeasibleSolution
    case .noDualFeasibleSolution: return .infeasibleOrUnbounded
    default:
      throw GLPKError(
        kind: .solverFailed, operation: operation, returnCode: code,
        message: log.isEmpty ? "\(solver) returned \(code)" : lastLines(log))
    }
  }

  /// Sets a starting basis for the next solve: the status of every row's
  /// auxiliary variable and every column. It must have exactly one basic
  /// variable per row; GLPK then factorises it (an invalid basis makes the
  /// solve fail with `.invalidBasis`, a singular one `.singularMatrix`).
  package mutating func setBasis(rows: [BasisStatus], columns: [BasisStatus]) throws(GLPKError) {
    let operation = "setting the starting basis"
    try ensureAlive(operation)
    guard rows.count == rowCount, columns.count == columnCount else {
      throw GLPKError(
        kind: .invalidModel, operation: operation,
        message:
          "\(rows.count) row and \(columns.count) column statuses for \(rowCount) rows and \(columnCount) columns")
    }
    let basic = rows.count { $0 == .basic } + columns.count { $0 == .basic }
    guard basic == rowCount else {
      throw GLPKError(
        kind: .invalidModel, operation: operation,
        message: "\(basic) basic variables; a basis has one per row (\(rowCount))")
    }
    try CFunnel.setBasis(problem, rows: rows, columns: columns)
  }

  /// Replaces every column's objective coefficient.
  package mutating func setObjective(_ costs: [Double]) throws(GLPKError) {
    let operation = "setting the objective"
    try ensureAlive(operation)
    guard costs.count == columnCount else {
      throw GLPKError(
        kind: .invalidModel, operation: operation,
        message: "\(costs.count) coefficients for \(columnCount) columns")
    }
    if let j = costs.firstIndex(where: { !$0.isFinite }) {
      throw GLPKError(
        kind: .invalidModel, operation: operation,
        message: "column \(j) has objective coefficient \(costs[j]); expected a finite number")
    }
    try CFunnel.setObjective(problem, costs)
  }

  /// Changes some columns' bounds; the basis is kept for a warm start.
  package mutating func setBounds(columns changes: [(ColumnIndex, Bounds)]) throws(GLPKError) {
    try setBounds(.column, changes.map { ($0.0.position, $0.1) }, count: columnCount)
  }

  /// Changes some rows' bounds; the basis is kept for a warm start.
  package mutating func setBounds(rows changes: [(RowIndex, Bounds)]) throws(GLPKError) {
    try setBounds(.row, changes.map { ($0.0.position, $0.1) }, count: rowCount)
  }

  /// Checks the whole batch of changes, then hands it to GLPK: a batch with
  /// one invalid change is refused whole.
  private mutating func setBounds(_ line: Line, _ changes: [(Int, Bounds)], count: Int) throws(GLPKError) {
    let operation = "setting \(line) bounds"
    try ensureAlive(operation)
    for (position, bounds) in changes {
      guard position >= 0, position < count else {
        throw GLPKError(
          kind: .invalidModel, operation: operation,
          message: "\(line) \(position) is out of range (the model has \(count))")
      }
      try bounds.check("\(line) \(position)", operation)
    }
    try CFunnel.setBounds(problem, line, changes)
  }

  private static func checkLimits(_ time: Double?, _ iterations: Int?, _ operation: String) throws(GLPKError) {
    if let time, !(time > 0 && time.isFinite) {
      throw GLPKError(
        kind: .invalidModel, operation: operation, message: "time limit \(time); expected a positive number of seconds")
    }
    if let iterations, iterations <= 0 {
      throw GLPKError(
        kind: .invalidModel, operation: operation, message: "iteration limit \(iterations); expected at least 1")
    }
  }

  #if DEBUG
    /// Makes an invalid GLPK call on purpose, for tests that show the trap
    /// turns GLPK's abort into a thrown error. Debug builds only.
    package mutating func provokeGLPKError() throws(GLPKError) {
      try ensureAlive("making an invalid call on purpose")
      try CFunnel.provokeError(problem)
    }
  #endif
}

private func lastLines(_ log: String) -> String {
  log.split(separator: "\n").suffix(3).joined(separator: "; ")
}

extension LinearProgram {
  /// Solves the program with the simplex method.
  package func solve(_ options: SimplexOptions = SimplexOptions()) throws(GLPKError) -> LPSolution {
    var session = try SimplexSession(self)
    return try session.solve(options)
  }

  /// Solves the program, with its integer columns, by branch and bound.
  package func solveMIP(_ options: MIPOptions = MIPOptions()) throws(GLPKError) -> MIPSolution {
    var session = try SimplexSession(self)
    return try session.solveMIP(options)
  }
}
