import GLPK

/// Textbook programs shared by several suites. Each one's optimum is worked
/// out by hand in its comment and, in the tests, again by brute force.
enum Fixtures {
  /// max 3x + 2y
  ///   r0:  x +  y <= 4
  ///   r1:  x + 3y <= 9
  ///   0 <= x <= 3, y >= 0
  ///
  /// By hand: x is worth more per unit of r0 than y, so x goes to its bound
  /// 3; then r0 leaves y = 1, and r1 holds (3 + 3 = 6 < 9). Optimum
  /// (3, 1), value 11. Other vertices: (0, 0) 0, (3, 0) 9, (1.5, 2.5) 9.5,
  /// (0, 3) 6.
  ///
  /// Basis: y and r1's slack basic; x at its upper bound, r0 at its upper end.
  /// Duals from c_B = pi^T B with pi1 = 0 (r1 basic): y gives 2 = pi0, so
  /// the shadow price of r0 is 2 (r0 <= 5 lets y = 2, value 13) and of r1 is 0.
  /// Reduced costs d = c - A^T pi: d_x = 3 - 2 = 1 (x <= 4 gives (4, 0),
  /// value 12), d_y = 0 (basic).
  static let production = DenseLP(
    "production (max, 2 variables)", .maximize,
    objective: [3, 2],
    columns: [.between(0, 3), .atLeast(0)],
    rows: [
      DenseRow(coefficients: [1, 1], bounds: .atMost(4)),
      DenseRow(coefficients: [1, 3], bounds: .atMost(9)),
    ])

  /// min 2x + 3y + z
  ///   r0:        x +  y +  z  = 10     (equality)
  ///   r1:  3.5 <= x -  y      <= 5     (ranged)
  ///   r2:             y + 2z <= 14
  ///   x, y, z >= 0
  ///
  /// By hand: with y = t, z = 10 - t - x and the cost is x + 2t + 10;
  /// r1 wants x >= 3.5 + t, r2 wants x >= 3 - t/2, so x = 3.5 + t and the
  /// cost 13.5 + 3t is least at t = 0. Optimum (3.5, 0, 6.5), value 13.5;
  /// r1 sits at its lower end, r2 is slack (13 < 14).
  ///
  /// Duals (pi2 = 0, r2 basic): x gives 2 = pi0 + pi1, z gives 1 = pi0, so
  /// pi = (1, 1, 0); reduced cost of y = 3 - (pi0 - pi1 + pi2) = 3, matching
  /// the cost 13.5 + 3t above.
  static let blending = DenseLP(
    "blending (min, equality and ranged rows)", .minimize,
    objective: [2, 3, 1],
    columns: [.atLeast(0), .atLeast(0), .atLeast(0)],
    rows: [
      DenseRow(coefficients: [1, 1, 1], bounds: .fixed(10)),
      DenseRow(coefficients: [1, -1, 0], bounds: .between(3.5, 5)),
      DenseRow(coefficients: [0, 1, 2], bounds: .atMost(14)),
    ])

  /// max 5x + 4y
  ///   r0: 6x + 4y <= 24
  ///   r1:  x + 2y <= 6
  ///   x, y >= 0 (integer in `integerProgram`)
  ///
  /// By hand, LP: both rows bind at x = 3, y = 1.5, value 21 (other
  /// vertices (4, 0) 20 and (0, 3) 12). Integer: y = 1.5 must be rounded;
  /// (4, 0) gives 20, (3, 1) 19, (2, 2) 18, (0, 3) 12, so the integer
  /// optimum is 20 at (4, 0) -- not the rounded LP point.
  static let integerProgram = DenseLP(
    "integer program (LP 21 vs IP 20)", .maximize,
    objective: [5, 4],
    columns: [.atLeast(0), .atLeast(0)],
    rows: [
      DenseRow(coefficients: [6, 4], bounds: .atMost(24)),
      DenseRow(coefficients: [1, 2], bounds: .atMost(6)),
    ],
    integer: [true, true])

  /// The balanced transportation problem of `TransportationTests`.
  static let transportation = Transportation(
    supplies: [5, 6, 4],
    demands: [3, 5, 4, 3],
    costs: [
      [4, 6, 9, 5],
      [2, 7, 5, 8],
      [6, 3, 4, 7],
    ])

  /// Every LP fixture whose optimum the vertex oracle can find.
  static let smallLPs: [DenseLP] = [production, blending, integerProgram.relaxed]
}

extension DenseLP {
  /// The same model with every integrality mark dropped.
  var relaxed: DenseLP {
    var copy = self
    copy.name += ", LP relaxation"
    copy.integer = Array(repeating: false, count: columnCount)
    return copy
  }
}

/// A balanced transportation problem: ship every supply to meet every demand
/// at least cost.
struct Transportation: Sendable {
  var supplies: [Int]
  var demands: [Int]
  var costs: [[Double]]

  /// Column of the flow from supply `i` to demand `j`.
  func column(_ i: Int, _ j: Int) -> Int { i * demands.count + j }

  /// Supply rows are `<= supply` and demand rows `= demand`; with equal
  /// totals every supply row is met exactly.
  var lp: DenseLP {
    let m = supplies.count, n = demands.count
    var rows: [DenseRow] = []
    for i in 0..<m {
      var a = Array(repeating: 0.0, count: m * n)
      for j in 0..<n { a[column(i, j)] = 1 }
      rows.append(DenseRow(coefficients: a, bounds: .atMost(Double(supplies[i]))))
    }
    for j in 0..<n {
      var a = Array(repeating: 0.0, count: m * n)
      for i in 0..<m { a[column(i, j)] = 1 }
      rows.append(DenseRow(coefficients: a, bounds: .fixed(Double(demands[j]))))
    }
    return DenseLP(
      "transportation 3x4", .minimize,
      objective: costs.flatMap { $0 },
      columns: Array(repeating: .atLeast(0), count: m * n),
      rows: rows)
  }
}

extension Fixtures {
  /// The brute-force optimum of a fixture: the transportation problem by
  /// enumerating integer flows, the others by enumerating vertices.
  static func bruteForceOptimum(of lp: DenseLP) -> BruteForceOptimum? {
    lp.name == transportation.lp.name ? transportationOptimum : VertexOracle.optimum(of: lp)
  }

  /// Computed once: several parameterised tests compare against it.
  static let transportationOptimum = FlowOracle.optimum(of: transportation)
}
