import GLPK
import Testing

/// Infeasible and unbounded programs are outcomes, reported as a status,
/// never thrown.
@Suite("Infeasible and unbounded LPs are statuses, not errors")
struct OutcomeStatusTests {
  /// x + y <= 1 and x + y >= 3 with x, y >= 0: no point satisfies both rows.
  static let infeasible = DenseLP(
    "infeasible", .maximize,
    objective: [1, 1],
    columns: [.atLeast(0), .atLeast(0)],
    rows: [
      DenseRow(coefficients: [1, 1], bounds: .atMost(1)),
      DenseRow(coefficients: [1, 1], bounds: .atLeast(3)),
    ])

  /// max x + y with x - y <= 1, x, y >= 0: the ray (t, t) stays feasible for
  /// every t >= 0 and its objective 2t grows without limit.
  static let unbounded = DenseLP(
    "unbounded", .maximize,
    objective: [1, 1],
    columns: [.atLeast(0), .atLeast(0)],
    rows: [DenseRow(coefficients: [1, -1], bounds: .atMost(1))])

  @Test("brute force agrees the infeasible LP has no vertex at all")
  func infeasibleHasNoVertex() {
    #expect(VertexOracle.optimum(of: Self.infeasible) == nil)
  }

  @Test("brute force agrees the unbounded LP has points better than any vertex along (t, t)")
  func unboundedRayStaysFeasible() throws {
    for t in [1.0, 10, 1e3, 1e6] {
      #expect(Self.unbounded.isFeasible([t, t]))
      #expect(Self.unbounded.value(of: [t, t]) == 2 * t)
    }
  }

  @Test("infeasible LP: status .noFeasibleSolution, with and without presolve", arguments: SimplexVariant.all)
  func infeasibleLP(_ variant: SimplexVariant) throws {
    let solution = try Self.infeasible.program.solve(variant.options)
    #expect(solution.status == .noFeasibleSolution)
  }

  @Test(
    "unbounded LP: status .unbounded (.infeasibleOrUnbounded when the presolver decides)",
    arguments: SimplexVariant.all)
  func unboundedLP(_ variant: SimplexVariant) throws {
    let solution = try Self.unbounded.program.solve(variant.options)
    if variant.presolve {
      #expect(solution.status == .unbounded || solution.status == .infeasibleOrUnbounded)
    } else {
      #expect(solution.status == .unbounded)
    }
  }

  @Test("infeasible and unbounded through a session: the session stays usable afterwards")
  func sessionSurvivesOutcomes() throws {
    var session = try SimplexSession(Self.infeasible.program)
    #expect(try session.solve().status == .noFeasibleSolution)
    // Relax the second row to x + y >= 0.5: optimum moves to x + y = 1, value 1.
    try session.setBounds(rows: [(RowIndex(1), .atLeast(0.5))])
    let solution = try session.solve()
    #expect(solution.status == .optimal)
    var relaxed = Self.infeasible
    relaxed.rows[1].bounds = .atLeast(0.5)
    let oracle = try #require(VertexOracle.optimum(of: relaxed))
    expectClose(oracle.value, 1, "vertex enumeration")
    expectClose(solution.objectiveValue, oracle.value, "objective")
  }
}
