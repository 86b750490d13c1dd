/// A basic solution of a linear program, as the simplex method leaves it.
package struct LPSolution: Sendable {
  /// Optimal, or why not.
  package let status: SolutionStatus
  /// The objective value.
  package let objectiveValue: Double
  /// The value of each column.
  package let columnValues: [Double]
  /// The reduced cost of each column.
  package let reducedCosts: [Double]
  /// Where each column stands in the final basis.
  package let columnStatus: [BasisStatus]
  /// The activity of each row.
  package let rowActivities: [Double]
  /// The dual value (shadow price) of each row.
  package let rowDuals: [Double]
  /// Where each row's auxiliary variable stands in the final basis.
  package let rowStatus: [BasisStatus]
  /// Simplex iterations and similar remarks GLPK made, captured.
  package let log: String
  /// How many simplex iterations the solve that gave this solution made.
  package internal(set) var iterations = 0

  /// The value of one column.
  package subscript(column: ColumnIndex) -> Double { columnValues[column.position] }
  /// The reduced cost of one column.
  package func reducedCost(_ column: ColumnIndex) -> Double { reducedCosts[column.position] }
  /// The dual value of one row.
  package func dual(_ row: RowIndex) -> Double { rowDuals[row.position] }
}

/// The solution of a mixed-integer program found by branch and bound.
package struct MIPSolution: Sendable {
  /// Optimal, or why not.
  package let status: SolutionStatus
  /// The objective value.
  package let objectiveValue: Double
  /// The value of each column.
  package let columnValues: [Double]
  /// What GLPK said, captured.
  package let log: String

  /// The value of one column.
  package subscript(column: ColumnIndex) -> Double { columnValues[column.position] }
}

/// Which simplex variant runs.
package enum SimplexMethod: Sendable {
  /// Primal simplex (`GLP_PRIMAL`).
  case primal
  /// Dual simplex, falling back to primal if it fails (`GLP_DUALP`).
  case dualThenPrimal
  /// Dual simplex (`GLP_DUAL`).
  case dual
}

/// How the simplex method chooses the entering variable.
package enum SimplexPricing: Sendable {
  /// Projected steepest edge (`GLP_PT_PSE`, GLPK's default): fewer, dearer iterations.
  case steepestEdge
  /// Dantzig's rule (`GLP_PT_STD`): cheaper iterations, which pays when a
  /// start near the optimum leaves few to do on a large LP.
  case standard
}

/// How the simplex method runs.
package struct SimplexOptions: Sendable {
  /// Which simplex variant runs.
  package var method: SimplexMethod = .primal
  /// How the entering variable is chosen.
  package var pricing: SimplexPricing = .steepestEdge
  /// Whether GLPK's LP presolver runs (it discards the basis; off by default
  /// so that warm starts and duals of every row are kept).
  package var presolve = false
  /// Stop after this many seconds (a `.timeLimitReached` error); must be positive.
  package var timeLimit: Double?
  /// Stop after this many iterations (must be at least 1) (an `.iterationLimitReached` error).
  package var iterationLimit: Int?
  /// Capture GLPK's progress messages in the solution's log.
  package var verbose = false
  /// GLPK's dual feasibility tolerance `tol_dj` (nil: its 1e-7). A reduced
  /// cost d of a column of cost c counts as non-negative above
  /// -(tol_dj + 1e-3 tol_dj |c|): relative, so on costs near 1e10 the
  /// default lets a reduced cost of several units pass (must be positive
  /// and below 1).
  package var dualTolerance: Double?

  /// Default options: primal simplex, steepest edge, no presolve, no limits.
  package init() {}
}

/// How branch and bound runs.
package struct MIPOptions: Sendable {
  /// Stop after this many seconds (a `.timeLimitReached` error).
  package var timeLimit: Double?
  /// Relative gap at which the search stops (0: prove optimality).
  package var relativeGap: Double = 0
  /// Capture GLPK's progress messages in the solution's log.
  package var verbose = false

  /// Default options: prove optimality, no time limit.
  package init() {}
}
