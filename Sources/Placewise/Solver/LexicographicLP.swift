import Foundation
import GLPK

/// The lexicographic optimum of an LP over several objectives, and the duals
/// that certify it level by level.
struct LexicographicSolution {
  /// Column values at the optimum of the last level.
  var values: [Double]
  /// Row duals of each level, each on the optimal face of the levels before.
  var duals: [[Double]]
  /// Seconds spent loading the LP into GLPK.
  var loadSeconds: Double = 0
  /// Simplex iterations of the weighted solve from the start (0 without
  /// one), and of all the solves.
  var startIterations = 0
  var iterations = 0
}

/// A feasible basis (an allocation) to start the lexicographic levels from
/// (see `LexicographicLP.solve`).
struct WarmStart {
  var rows: [BasisStatus]
  var columns: [BasisStatus]
  /// The weight of level 0 in the combined objective the basis was built for.
  var weight: Double
  /// Whether the basis is already optimal (or next to it) for that combined
  /// objective, so that the levels start from it directly.
  var isWeightedOptimum = false
}

/// Solves an LP for a list of objectives in order: each is minimised over
/// the optimal face of the ones before it.
enum LexicographicLP {
  /// The tolerance under which a level's reduced cost or dual counts as
  /// zero: level 0 has whole-number costs and a totally unimodular matrix,
  /// so its duals are whole numbers and 0.5 is exact; later levels have real
  /// costs, and GLPK's rounding is about 1e-9 of their size.
  static func zeroTolerance(level: Int, objective: [Double]) -> Double {
    level == 0 ? 0.5 : 1e-9 * (1 + (objective.lazy.map(abs).max() ?? 0))
  }

  /// Solves level 0, restricts the LP to level 0's optimal face, solves
  /// level 1 from level 0's basis, and so on.
  ///
  /// Why this is exact: by complementary slackness, with one optimal dual
  /// solution (y, d) of a level, a feasible x is optimal for that level if
  /// and only if every column with reduced cost d_j != 0 sits at the bound
  /// it is at, and every row with dual y_i != 0 is tight. Fixing those
  /// columns and rows leaves exactly that level's optimal face (for a real
  /// level, a tolerance can only keep a column free whose reduced cost is
  /// below it, costing at most that much). Each level's basis stays feasible
  /// for the next, so every level after the first starts warm.
  ///
  /// `start`, when given, is a feasible basis to begin from (an allocation)
  /// and the weight of the combined objective `weight * level0 + level1` it
  /// was built for. The primal simplex solves that combined objective first;
  /// its optimum starts the exact levels, which then usually have little
  /// left to do. The weight only steers the start: exactness comes from the
  /// levels.
  static func solve(
    _ program: LinearProgram, objectives: [[Double]], start: WarmStart? = nil,
    deadline: ContinuousClock.Instant?, monitor: RunMonitor = .silent
  ) throws(AllocationError) -> LexicographicSolution {
    func options() throws(AllocationError) -> SimplexOptions { try Self.options(deadline) }
    let loadStart = ContinuousClock.now
    var session = try glpk { () throws(GLPKError) in try SimplexSession(program) }
    let loadSeconds = (ContinuousClock.now - loadStart).inSeconds
    var startIterations = 0
    var iterations = 0
    if let start { try glpk { () throws(GLPKError) in try session.setBasis(rows: start.rows, columns: start.columns) } }
    if let start, objectives.count >= 2, !start.isWeightedOptimum {
      let weightedCosts = zip(objectives[0], objectives[1]).map { start.weight * $0 + $1 }
      try glpk { () throws(GLPKError) in try session.setObjective(weightedCosts) }
      var weighted = try options()
      weighted.method = .primal
      // From an allocation near the optimum few iterations remain, on LPs
      // of up to tens of thousands of rows: Dantzig's cheaper iterations
      // measured 25% faster than steepest edge there (100k case).
      weighted.pricing = .standard
      let t0 = ContinuousClock.now
      let solved = try glpk { () throws(GLPKError) in
        try session.solve(weighted, operation: "solving the weighted warm start")
      }
      startIterations = solved.iterations
      monitor.log(
        "weighted rows \(session.rowCount) cols \(session.columnCount), \(solved.iterations) iterations: "
          + "\((ContinuousClock.now - t0).inSeconds)")
    }
    var duals: [[Double]] = []
    var last: LPSolution?
    for (level, objective) in objectives.enumerated() {
      if level > 0, let solved = last {
        try keepToFace(
          &session, solved, duals: duals[level - 1],
          tolerance: zeroTolerance(level: level - 1, objective: objectives[level - 1]))
      }
      try glpk { () throws(GLPKError) in try session.setObjective(objective) }
      let t0 = ContinuousClock.now
      var levelOptions = try options()
      levelOptions.dualTolerance = Self.dualTolerance(objective)
      let solution = try glpk { () throws(GLPKError) in
        try session.solve(levelOptions, operation: "solving level \(level + 1) of \(objectives.count)")
      }
      iterations += solution.iterations
      monitor.log(
        "level \(level) rows \(session.rowCount) cols \(session.columnCount): \((ContinuousClock.now - t0).inSeconds)")
      guard solution.status == .optimal else {
        throw AllocationError(.solverFailed, "level \(level + 1) ended \(solution.status), expected optimal")
      }
      duals.append(level == 0 ? solution.rowDuals.map { $0.rounded() } : solution.rowDuals)
      last = solution
    }
    return LexicographicSolution(
      values: last?.columnValues ?? [], duals: duals, loadSeconds: loadSeconds, startIterations: startIterations,
      iterations: iterations + startIterations)
  }

  /// A GLPK step, its failure told as the domain's.
  private static func glpk<T: ~Copyable>(_ step: () throws(GLPKError) -> T) throws(AllocationError) -> T {
    do { return try step() } catch { throw AllocationError(error) }
  }

  /// GLPK's dual feasibility tolerance for a level of these costs: its
  /// default 1e-7, unless the costs are so wide that the tolerance's
  /// relative part (1e-3 of it times a column's cost) would pass a reduced
  /// cost of a tenth of a unit or more as zero. The first level's integer
  /// costs then stay exact: a folded U x (2P + 1) + R of priorities near a
  /// million reaches 5e10, where the default let reduced costs of several
  /// units pass, an optimum a few refused requests short (issue 24).
  static func dualTolerance(_ costs: [Double]) -> Double? {
    let widest = costs.reduce(0) { max($0, abs($1)) }
    let tolerance = 0.1 / (1 + 1e-3 * widest)
    return tolerance < 1e-7 ? max(tolerance, 1e-15) : nil
  }

  /// GLPK's options with the time left before `deadline`.
  private static func options(_ deadline: ContinuousClock.Instant?) throws(AllocationError) -> SimplexOptions {
    var o = SimplexOptions()
    if let deadline {
      let left = ContinuousClock().now.duration(to: deadline)
      let seconds = left.inSeconds
      guard seconds > 0 else { throw AllocationError.timeLimit }
      o.timeLimit = seconds
    }
    return o
  }

  /// Keeps the next level to the optimal face of the level before: every
  /// column whose reduced cost and every row whose dual is above
  /// `tolerance` is fixed where the level's optimum has it.
  private static func keepToFace(
    _ session: inout SimplexSession, _ solved: LPSolution, duals previous: [Double], tolerance: Double
  ) throws(AllocationError) {
    var fixedColumns: [(ColumnIndex, Bounds)] = []
    for j in 0..<session.columnCount where abs(solved.reducedCosts[j]) > tolerance {
      fixedColumns.append((ColumnIndex(j), .fixed(solved.columnValues[j].rounded())))
    }
    var fixedRows: [(RowIndex, Bounds)] = []
    for i in 0..<session.rowCount where abs(previous[i]) > tolerance {
      fixedRows.append((RowIndex(i), .fixed(solved.rowActivities[i].rounded())))
    }
    try glpk { () throws(GLPKError) in
      try session.setBounds(columns: fixedColumns)
      try session.setBounds(rows: fixedRows)
    }
  }
}
