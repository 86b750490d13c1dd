import GLPK

/// What brute force found: the best objective value and every point reaching it.
struct BruteForceOptimum {
  var value: Double
  var points: [[Double]]

  /// `current` updated with a feasible `point` of objective `value`.
  static func merging(_ current: Self?, _ point: [Double], _ value: Double, _ lp: DenseLP) -> Self {
    guard var current else { return Self(value: value, points: [point]) }
    if abs(current.value - value) <= 1e-9 {
      if !current.contains(point) { current.points.append(point) }
    } else if lp.improves(value, on: current.value) {
      current = Self(value: value, points: [point])
    }
    return current
  }

  /// Whether `point` is (within `tolerance`) one of the optimal points found.
  func contains(_ point: [Double], tolerance: Double = 1e-6) -> Bool {
    points.contains { candidate in zip(candidate, point).allSatisfy { abs($0 - $1) <= tolerance } }
  }
}

/// Solves a small LP without GLPK by enumerating its vertices.
///
/// A vertex is a feasible point where `n` linearly independent constraints
/// (row or column bounds) hold with equality. Every column of the fixtures
/// has a finite lower or upper bound, so the feasible region contains no
/// line and, when the LP is bounded, some vertex is optimal: the best
/// feasible vertex is the optimum. `nil` means no vertex, i.e. infeasible.
enum VertexOracle {
  private struct Hyperplane {
    var normal: [Double]
    var rhs: Double
  }

  static func optimum(of lp: DenseLP) -> BruteForceOptimum? {
    let n = lp.columnCount
    var planes: [Hyperplane] = []
    func addPlanes(_ normal: [Double], _ bounds: Bounds) {
      let ends = [bounds.lowerEnd, bounds.upperEnd].compactMap { $0 }
      for end in Set(ends) { planes.append(Hyperplane(normal: normal, rhs: end)) }
    }
    for row in lp.rows { addPlanes(row.coefficients, row.bounds) }
    for j in 0..<n {
      var unit = Array(repeating: 0.0, count: n)
      unit[j] = 1
      addPlanes(unit, lp.columnBounds[j])
    }

    var best: BruteForceOptimum?
    forEachCombination(of: n, from: planes.count) { chosen in
      let matrix = chosen.map { planes[$0].normal }
      let rhs = chosen.map { planes[$0].rhs }
      guard let point = solveSquare(matrix, rhs), lp.isFeasible(point) else { return }
      best = BruteForceOptimum.merging(best, point, lp.value(of: point), lp)
    }
    return best
  }

  /// Calls `body` with every k-element subset of 0..<count, in increasing order.
  static func forEachCombination(of k: Int, from count: Int, _ body: ([Int]) -> Void) {
    guard k <= count else { return }
    var chosen = Array(0..<k)
    while true {
      body(chosen)
      var i = k - 1
      while i >= 0, chosen[i] == count - k + i { i -= 1 }
      if i < 0 { return }
      chosen[i] += 1
      for t in (i + 1)..<k { chosen[t] = chosen[t - 1] + 1 }
    }
  }

  /// Gaussian elimination with partial pivoting; `nil` for a singular system.
  static func solveSquare(_ matrix: [[Double]], _ rhs: [Double]) -> [Double]? {
    let n = rhs.count
    var a = matrix
    var b = rhs
    for col in 0..<n {
      var pivot = col
      for r in col..<n where abs(a[r][col]) > abs(a[pivot][col]) { pivot = r }
      guard abs(a[pivot][col]) > 1e-10 else { return nil }
      a.swapAt(col, pivot)
      b.swapAt(col, pivot)
      for r in 0..<n where r != col {
        let factor = a[r][col] / a[col][col]
        if factor == 0 { continue }
        for c in col..<n { a[r][c] -= factor * a[col][c] }
        b[r] -= factor * b[col]
      }
    }
    return (0..<n).map { b[$0] / a[$0][$0] }
  }
}

/// Solves a small pure integer program without GLPK by trying every integer
/// point of a box. `nil` means no point of the box is feasible.
enum IntegerOracle {
  static func optimum(of lp: DenseLP, box: [ClosedRange<Int>]) -> BruteForceOptimum? {
    precondition(box.count == lp.columnCount, "one range per column")
    var best: BruteForceOptimum?
    var point = box.map { Double($0.lowerBound) }
    func visit(_ j: Int) {
      if j == box.count {
        guard lp.isFeasible(point) else { return }
        best = BruteForceOptimum.merging(best, point, lp.value(of: point), lp)
        return
      }
      for v in box[j] {
        point[j] = Double(v)
        visit(j + 1)
      }
    }
    visit(0)
    return best
  }
}

/// Solves a balanced transportation problem without GLPK by trying every
/// integer flow.
///
/// Its constraint matrix (one +1 per column in a supply row and one in a
/// demand row) is totally unimodular and the supplies and demands are
/// integers, so every vertex is integral: the cheapest integer flow is the
/// LP optimum.
enum FlowOracle {
  static func optimum(of problem: Transportation) -> BruteForceOptimum? {
    let m = problem.supplies.count, n = problem.demands.count
    let lp = problem.lp
    var best: BruteForceOptimum?
    var flow = Array(repeating: 0.0, count: m * n)
    var supplyLeft = problem.supplies
    var demandLeft = problem.demands
    func visit(_ cell: Int) {
      if cell == m * n {
        if demandLeft.allSatisfy({ $0 == 0 }) {
          best = BruteForceOptimum.merging(best, flow, lp.value(of: flow), lp)
        }
        return
      }
      let i = cell / n, j = cell % n
      let isLastInRow = j == n - 1
      let most = min(supplyLeft[i], demandLeft[j])
      // The last cell of a row must take whatever supply is left.
      let choices: [Int] = isLastInRow ? (supplyLeft[i] <= most ? [supplyLeft[i]] : []) : Array(0...most)
      for amount in choices {
        flow[cell] = Double(amount)
        supplyLeft[i] -= amount
        demandLeft[j] -= amount
        visit(cell + 1)
        supplyLeft[i] += amount
        demandLeft[j] += amount
      }
      flow[cell] = 0
    }
    visit(0)
    return best
  }
}
