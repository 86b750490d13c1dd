import Foundation
import GLPK

/// The two-level optimum of an LP and the duals that certify it.
struct LexicographicSolution {
  /// Column values at the level-2 optimum.
  var values: [Double]
  /// Row duals of level 1 (whole numbers: see `solve`).
  var level1Duals: [Double]
  /// Row duals of level 2, on level 1's optimal face.
  var level2Duals: [Double]
  /// Simplex iterations and similar remarks.
  var pivots: Int = 0
}

/// Solves an LP whose `program` objective is level 1, then minimises the
/// `levelTwo` objective over level 1's optimal face.
enum LexicographicLP {
  /// Solves level 1, restricts the LP to level 1's optimal face, then solves
  /// level 2 from level 1's basis.
  ///
  /// Why this is exact: by complementary slackness, with one optimal dual
  /// solution (y, d) of level 1, a feasible x is level-1 optimal if and only
  /// if every column with reduced cost d_j != 0 sits at the bound it is at,
  /// and every row with dual y_i != 0 is tight. Fixing those columns and rows
  /// therefore leaves exactly the set of level-1 optima, and level 2 is
  /// minimised over it. Level-1 costs are whole numbers and the matrix is
  /// totally unimodular, so the duals are whole numbers: the tests `> 0.5`
  /// are exact. The level-1 basis stays feasible, so level 2 starts warm.
  ///
  /// `warmStart`, when given, is a basis that is dual feasible for the
  /// weighted objective `weight * level1 + level2` (each pupil at its
  /// cheapest pair). The dual simplex first solves that weighted objective
  /// from it; its optimum is then the start of the exact two-level solve,
  /// which usually has little or nothing left to do. The weight only steers
  /// the warm start: exactness comes from the two levels after it.
  static func solve(
    _ program: LinearProgram, levelTwo: [Double], warmStart: (rows: [BasisStatus], columns: [BasisStatus])? = nil,
    deadline: ContinuousClock.Instant?
  ) throws -> LexicographicSolution {
    func options() throws(AllocationError) -> SimplexOptions {
      var o = SimplexOptions()
      if let deadline {
        let left = ContinuousClock().now.duration(to: deadline)
        let seconds = Double(left.components.seconds) + Double(left.components.attoseconds) * 1e-18
        guard seconds > 0 else {
          throw AllocationError("the solver reached the time limit before proving an optimum")
        }
        o.timeLimit = seconds
      }
      return o
    }
    var session = try SimplexSession(program)
    if let warmStart {
      try session.setBasis(rows: warmStart.rows, columns: warmStart.columns)
      let weight = 1000 * (levelTwo.max() ?? 0) + 1000
      try session.setObjective(zip(program.objective, levelTwo).map { weight * $0 + $1 })
      var weighted = try options()
      weighted.method = .dualThenPrimal
      _ = try session.solve(weighted, operation: "solving the weighted warm start")
      try session.setObjective(program.objective)
    }
    let level1 = try session.solve(try options(), operation: "solving level 1 (unmet priority)")
    guard level1.status == .optimal else {
      throw AllocationError("level 1 ended \(level1.status), expected optimal")
    }
    var fixedColumns: [(ColumnIndex, Bounds)] = []
    for j in 0..<session.columnCount where abs(level1.reducedCosts[j]) > 0.5 {
      fixedColumns.append((ColumnIndex(j), .fixed(level1.columnValues[j].rounded())))
    }
    var fixedRows: [(RowIndex, Bounds)] = []
    for i in 0..<session.rowCount where abs(level1.rowDuals[i]) > 0.5 {
      fixedRows.append((RowIndex(i), .fixed(level1.rowActivities[i].rounded())))
    }
    try session.setBounds(columns: fixedColumns)
    try session.setBounds(rows: fixedRows)
    try session.setObjective(levelTwo)
    let level2 = try session.solve(try options(), operation: "solving level 2 (journeys and preferences)")
    guard level2.status == .optimal else {
      throw AllocationError("level 2 ended \(level2.status), expected optimal")
    }
    return LexicographicSolution(
      values: level2.columnValues, level1Duals: level1.rowDuals.map { $0.rounded() },
      level2Duals: level2.rowDuals)
  }
}
