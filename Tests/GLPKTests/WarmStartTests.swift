import GLPK
import Testing

@Suite("Warm start: change a loaded problem and solve again")
struct WarmStartTests {
  @Test("objective, column bounds and row bounds changed in turn: each new optimum matches vertex enumeration")
  func changesInTurn() throws {
    var lp = Fixtures.production
    var session = try SimplexSession(lp.program)
    #expect(session.rowCount == 2)
    #expect(session.columnCount == 2)
    expectClose(try session.solve().objectiveValue, 11, "start")

    // max x + 4y: vertices (0, 0) 0, (3, 0) 3, (3, 1) 7, (1.5, 2.5) 11.5,
    // (0, 3) 12, so (0, 3) worth 12.
    try session.setObjective([1, 4])
    lp.objective = [1, 4]
    try expectSolved(&session, lp, byHand: 12, at: [0, 3])

    // ... and y <= 2: (0, 3) and (1.5, 2.5) are cut off; r0 stops x at 2,
    // giving (2, 2) worth 10.
    try session.setBounds(columns: [(ColumnIndex(1), .between(0, 2))])
    lp.columnBounds[1] = .between(0, 2)
    try expectSolved(&session, lp, byHand: 10, at: [2, 2])

    // ... and r0 relaxed to x + y <= 6: x reaches its bound 3, and r1
    // (3 + 6 = 9) just holds: (3, 2) worth 11.
    try session.setBounds(rows: [(RowIndex(0), .atMost(6))])
    lp.rows[0].bounds = .atMost(6)
    try expectSolved(&session, lp, byHand: 11, at: [3, 2])

    // ... and r1 made an equality x + 3y = 6 with x fixed at 0 by its
    // bounds: y = 2, worth 8.
    try session.setBounds(rows: [(RowIndex(1), .fixed(6))])
    try session.setBounds(columns: [(ColumnIndex(0), .fixed(0))])
    lp.rows[1].bounds = .fixed(6)
    lp.columnBounds[0] = .fixed(0)
    try expectSolved(&session, lp, byHand: 8, at: [0, 2])
  }

  @Test("several bounds changed in one call, then changed back: the original optimum returns")
  func changeAndRestore() throws {
    let lp = Fixtures.blending
    var session = try SimplexSession(lp.program)
    expectClose(try session.solve().objectiveValue, 13.5, "start")

    // z <= 5 and y >= 1: with y = t >= 1 the cost is x + 2t + 10, r1 wants
    // x >= 3.5 + t and z = 10 - t - x <= 5 wants x >= 5 - t; the first binds,
    // so the cost 13.5 + 3t is least at t = 1: (4.5, 1, 4.5), cost 16.5.
    var changed = lp
    changed.columnBounds[2] = .between(0, 5)
    changed.columnBounds[1] = .atLeast(1)
    try session.setBounds(columns: [(ColumnIndex(2), .between(0, 5)), (ColumnIndex(1), .atLeast(1))])
    try expectSolved(&session, changed, byHand: 16.5, at: [4.5, 1, 4.5])

    try session.setBounds(columns: [(ColumnIndex(2), .atLeast(0)), (ColumnIndex(1), .atLeast(0))])
    try expectSolved(&session, lp, byHand: 13.5, at: [3.5, 0, 6.5])
  }

  @Test(
    "a re-solve starts from the previous basis: after a change that keeps the basis optimal, one iteration is enough")
  func startsFromPreviousBasis() throws {
    var lp = Fixtures.production
    var limited = SimplexOptions()
    limited.iterationLimit = 1

    // From scratch the simplex needs more than one iteration (x and y both
    // enter the basis, or x flips to its bound and y enters).
    let cold = #expect(throws: GLPKError.self) { try lp.program.solve(limited) }
    #expect(cold?.returnCode == .iterationLimitReached)

    var session = try SimplexSession(lp.program)
    _ = try session.solve()
    // max 3x + 2.5y: the reduced cost of x becomes 3 - 2.5 = 0.5 > 0, so the
    // basis stays optimal and the re-solve needs no pivot.
    try session.setObjective([3, 2.5])
    lp.objective = [3, 2.5]
    let solution = try session.solve(limited)
    #expect(solution.status == .optimal)
    let oracle = try #require(VertexOracle.optimum(of: lp))
    expectClose(oracle.value, 11.5, "vertex enumeration: (3, 1) worth 9 + 2.5")
    expectClose(solution.objectiveValue, oracle.value, "objective")
    expectClose(solution.rowDuals, [2.5, 0], "the new shadow prices")
    expectClose(solution.reducedCosts, [0.5, 0], "the new reduced costs")
  }

  /// Solves `session` and checks the result against the hand values and the
  /// vertex oracle for `lp`, the same model written densely.
  func expectSolved(
    _ session: inout SimplexSession, _ lp: DenseLP, byHand value: Double, at point: [Double],
    sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    let solution = try session.solve()
    let oracle = try #require(VertexOracle.optimum(of: lp), sourceLocation: sourceLocation)
    #expect(solution.status == .optimal, sourceLocation: sourceLocation)
    expectClose(oracle.value, value, "vertex enumeration vs hand", sourceLocation: sourceLocation)
    expectClose(solution.objectiveValue, oracle.value, "objective", sourceLocation: sourceLocation)
    expectClose(solution.columnValues, point, "optimal point", sourceLocation: sourceLocation)
    #expect(oracle.contains(solution.columnValues), "an optimal vertex", sourceLocation: sourceLocation)
  }
}

@Suite("The dual feasibility tolerance on wide costs")
struct DualToleranceTests {
  /// min c0 x0 + c1 x1 with x0 + x1 = 1, both in [0, 1]: after a solve with
  /// x0 the cheaper, x0 is basic; then x1 is made 3 cheaper than x0 at
  /// costs near 5e10 (a folded first level of priorities near a million).
  /// By hand the optimum is x1 = 1, worth 5e10 - 3.
  private func solvedAfterChange(_ tolerance: Double?) throws -> LPSolution {
    let lp = DenseLP(
      "two columns, one equality", .minimize, objective: [1, 2], columns: [.between(0, 1), .between(0, 1)],
      rows: [DenseRow(coefficients: [1, 1], bounds: .fixed(1))])
    var session = try SimplexSession(lp.program)
    expectClose(try session.solve().objectiveValue, 1, "start at x0")
    try session.setObjective([50_000_000_000, 49_999_999_997])
    var options = SimplexOptions()
    options.dualTolerance = tolerance
    return try session.solve(options)
  }

  @Test("GLPK's default passes a reduced cost of -3 on costs of 5e10 as optimal; a tighter tol_dj does not")
  func wideCosts() throws {
    // 1e-7 + 1e-10 x 5e10 = 5 units of slack: x0 stays.
    let loose = try solvedAfterChange(nil)
    #expect(loose.columnValues == [1, 0])
    // 0.1 / (1 + 1e-3 x 5e10), as LexicographicLP sets it: 0.1 units.
    let tight = try solvedAfterChange(0.1 / (1 + 1e-3 * 5e10))
    #expect(tight.columnValues == [0, 1])
    expectClose(tight.objectiveValue, 49_999_999_997, "by hand")
  }

  @Test("a tolerance outside (0, 1) is refused before GLPK sees it (it would stop the process)")
  func refusedTolerance() throws {
    for bad in [0.0, -1e-9, 1, .nan] {
      var session = try SimplexSession(Fixtures.production.program)
      var options = SimplexOptions()
      options.dualTolerance = bad
      #expect(throws: GLPKError.self) { try session.solve(options) }
    }
  }
}
