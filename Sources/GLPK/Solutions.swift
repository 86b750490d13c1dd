/// A basic solution of a linear program, as the simplex method leaves it.
public struct LPSolution: Sendable {
  /// Optimal, or why not.
  public let status: SolutionStatus
  /// The objective value.
  public let objectiveValue: Double
  /// The value of each column.
  public let columnValues: [Double]
  /// The reduced cost of each column.
  public let reducedCosts: [Double]
  /// Where each column stands in the final basis.
  public let columnStatus: [BasisStatus]
  /// The activity of each row.
  public let rowActivities: [Double]
  /// The dual value (shadow price) of each row.
  public let rowDuals: [Double]
  /// Where each row's auxiliary variable stands in the final basis.
  public let rowStatus: [BasisStatus]
  /// Simplex iterations and similar remarks GLPK made, captured.
  public let log: String
  /// How many simplex iterations the solve that gave this solution made.
  public internal(set) var iterations = 0

  /// The value of one column.
  public subscript(column: ColumnIndex) -> Double { columnValues[column.position] }
  /// The reduced cost of one column.
  public func reducedCost(_ column: ColumnIndex) -> Double { reducedCosts[column.position] }
  /// The dual value of one row.
  public func dual(_ row: RowIndex) -> Double { rowDuals[row.position] }
}

/// The solution of a mixed-integer program found by branch and bound.
public struct MIPSolution: Sendable {
  /// Optimal, or why not.
  public let status: SolutionStatus
  /// The objective value.
  public let objectiveValue: Double
  /// The value of each column.
  public let columnValues: [Double]
  /// What GLPK said, captured.
  public let log: String

  /// The value of one column.
  public subscript(column: ColumnIndex) -> Double { columnValues[column.position] }
}

/// Which simplex variant runs.
public enum SimplexMethod: Sendable {
  /// Primal simplex (`GLP_PRIMAL`).
  case primal
  /// Dual simplex, falling back to primal if it fails (`GLP_DUALP`).
  case dualThenPrimal
  /// Dual simplex (`GLP_DUAL`).
  case dual
}

/// How the simplex method chooses the entering variable.
public enum SimplexPricing: Sendable {
  /// Projected steepest edge (`GLP_PT_PSE`, GLPK's default): fewer, dearer iterations.
  case steepestEdge
  /// Dantzig's rule (`GLP_PT_STD`): cheaper iterations, which pays when a
  /// start near the optimum leaves few to do on a large LP.
  case standard
}

/// How the simplex method runs.
public struct SimplexOptions: Sendable {
  /// Which simplex variant runs.
  public var method: SimplexMethod = .primal
  /// How the entering variable is chosen.
  public var pricing: SimplexPricing = .steepestEdge
  /// Whether GLPK's LP presolver runs (it discards the basis; off by default
  /// so that warm starts and duals of every row are kept).
  public var presolve = false
  /// Stop after this many seconds (a `.timeLimitReached` error); must be positive.
  public var timeLimit: Double?
  /// Stop after this many iterations (must be at least 1) (an `.iterationLimitReached` error).
  public var iterationLimit: Int?
  /// Capture GLPK's progress messages in the solution's log.
  public var verbose = false

  /// Default options: primal simplex, steepest edge, no presolve, no limits.
  public init() {}
}

/// How branch and bound runs.
public struct MIPOptions: Sendable {
  /// Stop after this many seconds (a `.timeLimitReached` error).
  public var timeLimit: Double?
  /// Relative gap at which the search stops (0: prove optimality).
  public var relativeGap: Double = 0
  /// Capture GLPK's progress messages in the solution's log.
  public var verbose = false

  /// Default options: prove optimality, no time limit.
  public init() {}
}
