import GLPK
import Testing

/// Checks, in Swift and from the dense model alone, that a basic solution
/// proves its own optimality (the KKT conditions of an LP):
/// - primal feasibility: every bound holds;
/// - the reported activities and objective agree with the point;
/// - reduced costs are d = c - A^T pi for the reported duals pi;
/// - complementary slackness: basic rows and columns price to zero;
/// - dual feasibility: a variable at its lower bound may not improve the
///   objective by growing, one at its upper bound not by shrinking
///   (minimising: d >= 0 at lower, d <= 0 at upper; maximising: reversed);
/// - strong duality: the objective equals what the duals pay for the bounds
///   that bind.
func expectOptimalityCertificate(
  _ lp: DenseLP, _ solution: LPSolution, sourceLocation: SourceLocation = #_sourceLocation
) {
  let x = solution.columnValues
  #expect(lp.isFeasible(x), "primal feasibility of \(x)", sourceLocation: sourceLocation)
  expectClose(lp.value(of: x), solution.objectiveValue, "c^T x vs reported objective", sourceLocation: sourceLocation)

  let sign: Double = lp.direction == .minimize ? 1 : -1
  func checkPrice(_ price: Double, _ status: BasisStatus, _ what: String) {
    switch status {
    case .basic, .free:
      expectClose(price, 0, "complementary slackness of \(what)", sourceLocation: sourceLocation)
    case .atLower:
      #expect(
        sign * price >= -tolerance, "dual feasibility of \(what) at lower: \(price)", sourceLocation: sourceLocation)
    case .atUpper:
      #expect(
        sign * price <= tolerance, "dual feasibility of \(what) at upper: \(price)", sourceLocation: sourceLocation)
    case .fixed:
      break
    }
  }

  var dualObjective = 0.0
  for (i, row) in lp.rows.enumerated() {
    let status = solution.rowStatus[i]
    expectClose(
      solution.rowActivities[i], lp.activity(of: i, at: x), "activity of row \(i)", sourceLocation: sourceLocation)
    checkPrice(solution.rowDuals[i], status, "row \(i)")
    dualObjective += solution.rowDuals[i] * boundValue(row.bounds, status)
  }
  for j in 0..<lp.columnCount {
    let status = solution.columnStatus[j]
    let computed =
      lp.objective[j] - lp.rows.indices.reduce(0) { $0 + lp.rows[$1].coefficients[j] * solution.rowDuals[$1] }
    expectClose(
      solution.reducedCosts[j], computed, "reduced cost of column \(j) vs c - A^T pi", sourceLocation: sourceLocation)
    checkPrice(solution.reducedCosts[j], status, "column \(j)")
    dualObjective += solution.reducedCosts[j] * boundValue(lp.columnBounds[j], status)
  }
  expectClose(dualObjective, solution.objectiveValue, "strong duality", sourceLocation: sourceLocation)
}

/// The bound a non-basic variable (or row) sits at; 0 for a basic one,
/// whose price is 0 anyway.
func boundValue(_ bounds: Bounds, _ status: BasisStatus) -> Double {
  switch status {
  case .atLower, .fixed: bounds.lowerEnd ?? 0
  case .atUpper: bounds.upperEnd ?? 0
  case .basic, .free: 0
  }
}
