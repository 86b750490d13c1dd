import GLPK
import Testing

@Suite("Transportation problem, 3 supplies x 4 demands")
struct TransportationTests {
  let problem = Fixtures.transportation

  @Test("the optimum equals the cheapest of all integer flows, and the flow GLPK returns is one of them")
  func optimumByEnumeration() throws {
    let lp = problem.lp
    let solution = try lp.program.solve()
    let oracle = try #require(Fixtures.transportationOptimum)

    #expect(solution.status == .optimal)
    expectClose(solution.objectiveValue, oracle.value, "objective vs enumeration")
    #expect(lp.isFeasible(solution.columnValues))
    #expect(oracle.contains(solution.columnValues), "GLPK's flow is a cheapest integer flow")
    #expect(oracle.points.count == 2, "enumeration finds the two cheapest flows of the hand computation")
    expectOptimalityCertificate(lp, solution)
    // A basic solution of a transportation problem is integral.
    for value in solution.columnValues {
      expectClose(value, value.rounded(), "integrality of a basic flow")
    }
  }

  @Test("by hand: a flow of cost 61 with potentials that prove no flow is cheaper")
  func optimumByHand() throws {
    // Costs          d0 d1 d2 d3 | supply
    //   s0            4  6  9  5 |  5
    //   s1            2  7  5  8 |  6
    //   s2            6  3  4  7 |  4
    //   demand        3  5  4  3
    //
    // Flow: s0 -> d1 2, d3 3; s1 -> d0 3, d2 3; s2 -> d1 3, d2 1, costing
    // 2*6 + 3*5 + 3*2 + 3*5 + 3*3 + 1*4 = 61. Potentials from the six used
    // cells (u0 = 0): v1 = 6, v3 = 5, u2 = -3, v2 = 7, u1 = -2, v0 = 4.
    // Unused cells price c - u - v at (0,0) 0, (0,2) 2, (1,1) 3, (1,3) 5,
    // (2,0) 5, (2,3) 5: none negative, so 61 is optimal (and the 0 at (0,0)
    // says another flow also costs 61).
    let handFlow: [[Double]] = [[0, 2, 0, 3], [3, 0, 3, 0], [0, 3, 1, 0]]
    let u: [Double] = [0, -2, -3]
    let v: [Double] = [4, 6, 7, 5]
    let lp = problem.lp
    #expect(lp.isFeasible(handFlow.flatMap { $0 }))
    expectClose(lp.value(of: handFlow.flatMap { $0 }), 61, "cost of the hand flow")
    for i in 0..<3 {
      for j in 0..<4 {
        let reduced = problem.costs[i][j] - u[i] - v[j]
        #expect(reduced >= 0, "hand potentials at (\(i), \(j))")
        if handFlow[i][j] > 0 { #expect(reduced == 0, "used cell (\(i), \(j)) prices to 0") }
      }
    }

    let solution = try lp.program.solve()
    expectClose(solution.objectiveValue, 61, "GLPK")
    expectClose(try #require(Fixtures.transportationOptimum).value, 61, "enumeration")
  }

  @Test(
    "the duals are transportation potentials: reduced costs c_ij - u_i - v_j >= 0, zero where goods flow, and sum(u s) + sum(v d) equals the cost"
  )
  func potentialsCertifyOptimality() throws {
    let lp = problem.lp
    let solution = try lp.program.solve()
    let m = problem.supplies.count, n = problem.demands.count
    let u = Array(solution.rowDuals[0..<m])
    let v = Array(solution.rowDuals[m..<(m + n)])

    var dualObjective = 0.0
    for i in 0..<m { dualObjective += u[i] * Double(problem.supplies[i]) }
    for j in 0..<n { dualObjective += v[j] * Double(problem.demands[j]) }
    expectClose(dualObjective, solution.objectiveValue, "dual objective")

    // A supply row is "<= supply": its price may not be positive when minimising.
    #expect(u.allSatisfy { $0 <= tolerance }, "supply prices \(u)")
    for i in 0..<m {
      for j in 0..<n {
        let column = problem.column(i, j)
        let reduced = problem.costs[i][j] - u[i] - v[j]
        expectClose(solution.reducedCosts[column], reduced, "reduced cost of (\(i), \(j))")
        #expect(reduced >= -tolerance, "dual feasibility at (\(i), \(j)): \(reduced)")
        if solution.columnValues[column] > tolerance {
          expectClose(reduced, 0, "complementary slackness at (\(i), \(j))")
        }
      }
    }
  }
}
