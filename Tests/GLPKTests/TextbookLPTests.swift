import GLPK
import Testing

@Suite("Textbook LPs")
struct TextbookLPTests {
  @Test("2-variable max: optimum, shadow prices, reduced costs and basis match the hand computation")
  func productionByHand() throws {
    let lp = Fixtures.production
    let solution = try lp.program.solve()

    #expect(solution.status == .optimal)
    // Hand values: see `Fixtures.production`.
    expectClose(solution.objectiveValue, 11, "objective")
    expectClose(solution.columnValues, [3, 1], "x, y")
    expectClose(solution.rowActivities, [4, 6], "row activities")
    expectClose(solution.rowDuals, [2, 0], "shadow prices")
    expectClose(solution.reducedCosts, [1, 0], "reduced costs")
    expectClose(solution.dual(RowIndex(0)), 2, "dual(r0)")
    expectClose(solution.reducedCost(ColumnIndex(0)), 1, "reducedCost(x)")
    expectClose(solution[ColumnIndex(1)], 1, "solution[y]")
    #expect(solution.columnStatus == [.atUpper, .basic])
    #expect(solution.rowStatus == [.atUpper, .basic])
    #expect(solution.log.isEmpty, "nothing to say at the default message level")

    // And by brute force: the best vertex is the same single point.
    let oracle = try #require(VertexOracle.optimum(of: lp))
    expectClose(oracle.value, 11, "vertex enumeration")
    #expect(oracle.points.count == 1)
    #expect(oracle.contains(solution.columnValues))
  }

  @Test("2-variable max: shadow prices and reduced costs equal finite differences of the brute-force optimum")
  func productionSensitivity() throws {
    let lp = Fixtures.production
    let solution = try lp.program.solve()
    let base = try #require(VertexOracle.optimum(of: lp)).value
    let step = 1e-3

    for i in lp.rows.indices {
      var moved = lp
      let upper = try #require(moved.rows[i].bounds.upperEnd)
      moved.rows[i].bounds = .atMost(upper + step)
      let value = try #require(VertexOracle.optimum(of: moved)).value
      expectClose(solution.rowDuals[i], (value - base) / step, tolerance: 1e-6, "dual of row \(i)")
    }
    // x is non-basic at its upper bound 3: its reduced cost is the rate at
    // which the optimum moves with that bound.
    var moved = lp
    moved.columnBounds[0] = .between(0, 3 + step)
    let value = try #require(VertexOracle.optimum(of: moved)).value
    expectClose(solution.reducedCosts[0], (value - base) / step, tolerance: 1e-6, "reduced cost of x")
  }

  @Test("min with an equality and a ranged row: optimum, duals and basis statuses match the hand computation")
  func blendingByHand() throws {
    let lp = Fixtures.blending
    let solution = try lp.program.solve()

    #expect(solution.status == .optimal)
    // Hand values: see `Fixtures.blending`.
    expectClose(solution.objectiveValue, 13.5, "objective")
    expectClose(solution.columnValues, [3.5, 0, 6.5], "x, y, z")
    expectClose(solution.rowActivities, [10, 3.5, 13], "row activities")
    expectClose(solution.rowDuals, [1, 1, 0], "duals")
    expectClose(solution.reducedCosts, [0, 3, 0], "reduced costs")
    // The equality row is "non-basic fixed", the ranged row sits at its lower end.
    #expect(solution.rowStatus == [.fixed, .atLower, .basic])
    #expect(solution.columnStatus == [.basic, .atLower, .basic])

    let oracle = try #require(VertexOracle.optimum(of: lp))
    expectClose(oracle.value, 13.5, "vertex enumeration")
    #expect(oracle.points.count == 1)
    #expect(oracle.contains(solution.columnValues))
  }

  @Test(
    "every small LP: GLPK's optimum is the best vertex and its basis certifies optimality (KKT, strong duality)",
    arguments: Fixtures.smallLPs)
  func smallLPAgainstVertexEnumeration(_ lp: DenseLP) throws {
    let solution = try lp.program.solve()
    let oracle = try #require(VertexOracle.optimum(of: lp))

    #expect(solution.status == .optimal)
    expectClose(solution.objectiveValue, oracle.value, "objective vs vertex enumeration")
    #expect(oracle.contains(solution.columnValues), "an optimal vertex")
    expectOptimalityCertificate(lp, solution)
  }

  @Test(
    "primal, dual and dual-then-primal simplex, with and without presolve, reach the same optimum",
    arguments: Fixtures.smallLPs + [Fixtures.transportation.lp], SimplexVariant.all)
  func methodsAgree(_ lp: DenseLP, _ variant: SimplexVariant) throws {
    let reference = try lp.program.solve()
    let solution = try lp.program.solve(variant.options)

    #expect(solution.status == .optimal)
    expectClose(solution.objectiveValue, reference.objectiveValue, "objective vs primal simplex")
    // Presolve or not, the recovered basis, duals and reduced costs prove optimality.
    expectOptimalityCertificate(lp, solution)
    let oracle = try #require(Fixtures.bruteForceOptimum(of: lp))
    expectClose(solution.objectiveValue, oracle.value, "objective vs brute force")
    if lp.columnCount <= 3 {
      #expect(oracle.contains(solution.columnValues), "an optimal vertex")
    }
  }
}
