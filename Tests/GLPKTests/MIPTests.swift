import GLPK
import Testing

@Suite("Mixed-integer programs")
struct MIPTests {
  struct Knapsack: Sendable, CustomTestStringConvertible {
    var values: [Double]
    var weights: [Double]
    var capacity: Double
    var testDescription: String { "\(values.count) items, capacity \(capacity)" }

    var lp: DenseLP {
      DenseLP(
        "knapsack", .maximize,
        objective: values,
        columns: Array(repeating: .between(0, 1), count: values.count),
        rows: [DenseRow(coefficients: weights, bounds: .atMost(capacity))],
        integer: Array(repeating: true, count: values.count))
    }

    /// The best value over all 2^n choices of items.
    var bruteForceBest: Double {
      var best = 0.0
      for mask in 0..<(1 << values.count) {
        var value = 0.0, weight = 0.0
        for k in values.indices where mask & (1 << k) != 0 {
          value += values[k]
          weight += weights[k]
        }
        if weight <= capacity { best = max(best, value) }
      }
      return best
    }
  }

  static let knapsacks = [
    // Value/weight ratios all near 2, so no greedy shortcut decides it.
    Knapsack(values: [10, 13, 7, 8, 12, 4, 9, 6], weights: [5, 7, 3, 4, 6, 2, 5, 3], capacity: 20),
    Knapsack(values: [15, 10, 9, 5], weights: [1, 5, 3, 4], capacity: 8),
    Knapsack(values: [60, 100, 120], weights: [10, 20, 30], capacity: 50),
    Knapsack(values: [3, 4, 5, 6, 7, 8, 9, 10, 11, 12], weights: [2, 3, 4, 5, 6, 7, 8, 9, 10, 11], capacity: 23),
  ]

  @Test("0/1 knapsack: the optimum equals the best of all 2^n item choices", arguments: knapsacks)
  func knapsack(_ knapsack: Knapsack) throws {
    let solution = try knapsack.lp.program.solveMIP()
    #expect(solution.status == .optimal)
    expectClose(solution.objectiveValue, knapsack.bruteForceBest, "objective vs enumeration")
    // The choice GLPK returns is a 0/1 vector that fits and is worth what it says.
    for value in solution.columnValues {
      #expect(abs(value) <= tolerance || abs(value - 1) <= tolerance, "0/1 value, got \(value)")
    }
    #expect(knapsack.lp.isFeasible(solution.columnValues))
    expectClose(knapsack.lp.value(of: solution.columnValues), solution.objectiveValue, "value of the choice")
  }

  @Test("by hand: the classic (60, 100, 120) knapsack with capacity 50 is worth 220")
  func classicKnapsackByHand() throws {
    // Items 1 and 2 (weights 20 + 30 = 50) are worth 220; items 0 and 2 are
    // worth 180 and items 0 and 1 160; all three weigh 60 > 50.
    let knapsack = Self.knapsacks[2]
    let solution = try knapsack.lp.program.solveMIP()
    expectClose(solution.objectiveValue, 220, "objective")
    expectClose(solution.columnValues, [0, 1, 1], "choice")
    expectClose(knapsack.bruteForceBest, 220, "enumeration")
  }

  @Test("integer program: the LP relaxation gives 21 at (3, 1.5), the integer optimum is 20 at (4, 0)")
  func relaxationDiffers() throws {
    let ip = Fixtures.integerProgram
    // Hand values: see `Fixtures.integerProgram`; brute force below.
    let lpOracle = try #require(VertexOracle.optimum(of: ip.relaxed))
    let ipOracle = try #require(IntegerOracle.optimum(of: ip, box: [0...10, 0...10]))
    expectClose(lpOracle.value, 21, "vertex enumeration")
    expectClose(ipOracle.value, 20, "integer enumeration")

    // The simplex method ignores integrality marks: it solves the relaxation.
    let relaxation = try ip.program.solve()
    #expect(relaxation.status == .optimal)
    expectClose(relaxation.objectiveValue, lpOracle.value, "LP relaxation")
    expectClose(relaxation.columnValues, [3, 1.5], "LP point")

    let mip = try ip.program.solveMIP()
    #expect(mip.status == .optimal)
    expectClose(mip.objectiveValue, ipOracle.value, "MIP")
    #expect(ipOracle.contains(mip.columnValues), "an integer optimum, got \(mip.columnValues)")
    expectClose(mip.columnValues, [4, 0], "the only integer optimum")
    #expect(mip.objectiveValue < relaxation.objectiveValue - 0.5, "integrality costs something here")
  }

  static let infeasibleMIPs = [
    // 2x + 2y = 3 has fractional solutions (x = 1.5) but no integer one:
    // the left side is even.
    DenseLP(
      "2x + 2y = 3 (LP feasible, IP infeasible)", .minimize,
      objective: [1, 1],
      columns: [.between(0, 5), .between(0, 5)],
      rows: [DenseRow(coefficients: [2, 2], bounds: .fixed(3))],
      integer: [true, true]),
    // x + y <= 1 and x + y >= 3: not even the relaxation is feasible.
    DenseLP(
      "x + y <= 1 and x + y >= 3 (LP infeasible)", .maximize,
      objective: [1, 1],
      columns: [.between(0, 5), .between(0, 5)],
      rows: [
        DenseRow(coefficients: [1, 1], bounds: .atMost(1)),
        DenseRow(coefficients: [1, 1], bounds: .atLeast(3)),
      ],
      integer: [true, true]),
    // 1 <= 3x - 3y <= 2: x - y would have to lie in [1/3, 2/3].
    DenseLP(
      "1 <= 3x - 3y <= 2 (ranged, IP infeasible)", .maximize,
      objective: [1, 2],
      columns: [.between(0, 4), .between(0, 4)],
      rows: [DenseRow(coefficients: [3, -3], bounds: .between(1, 2))],
      integer: [true, true]),
  ]

  @Test(
    "infeasible MIP: status .noFeasibleSolution, and enumeration finds no integer point",
    arguments: infeasibleMIPs)
  func infeasibleMIP(_ ip: DenseLP) throws {
    #expect(IntegerOracle.optimum(of: ip, box: [0...5, 0...5]) == nil)
    let solution = try ip.program.solveMIP()
    #expect(solution.status == .noFeasibleSolution)
  }

  @Test("unbounded MIP: status .infeasibleOrUnbounded (GLPK's MIP presolver cannot tell which), not a throw")
  func unboundedMIP() throws {
    // max x + y, x - y <= 1, x, y >= 0 integer: (t, t) is integral and
    // feasible for every t, worth 2t.
    let ip = DenseLP(
      "unbounded MIP", .maximize,
      objective: [1, 1],
      columns: [.atLeast(0), .atLeast(0)],
      rows: [DenseRow(coefficients: [1, -1], bounds: .atMost(1))],
      integer: [true, true])
    for t in [1.0, 1e3, 1e6] { #expect(ip.isFeasible([t, t])) }
    let solution = try ip.program.solveMIP()
    #expect(solution.status == .infeasibleOrUnbounded || solution.status == .unbounded)
  }

  @Test("a MIP solved through a session after a bound change matches enumeration")
  func mipAfterBoundChange() throws {
    var ip = Fixtures.integerProgram
    var session = try SimplexSession(ip.program)
    expectClose(try session.solveMIP().objectiveValue, 20, "before")

    // x <= 2: enumeration gives (2, 2) worth 18 (6*2 + 4*2 = 20 <= 24, 2 + 4 = 6 <= 6).
    try session.setBounds(columns: [(ColumnIndex(0), .between(0, 2))])
    ip.columnBounds[0] = .between(0, 2)
    let oracle = try #require(IntegerOracle.optimum(of: ip, box: [0...10, 0...10]))
    expectClose(oracle.value, 18, "enumeration")
    let solution = try session.solveMIP()
    #expect(solution.status == .optimal)
    expectClose(solution.objectiveValue, oracle.value, "MIP after the change")
    #expect(oracle.contains(solution.columnValues))
  }
}
