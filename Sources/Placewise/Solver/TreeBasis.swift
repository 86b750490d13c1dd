import GLPK

/// A starting basis for the contested market's LP built from a feasible
/// allocation and approximate place prices, so that GLPK's primal simplex
/// starts at (or next to) the optimum instead of far from it.
///
/// The LP's rows are pupils (`= 1`), settings (`<= places`) and need caps
/// (`<= cap`); a pair's column has a 1 in its pupil's row, its setting's row
/// and, where its need is capped there, that cap's row. Subtracting each
/// cap row from its setting's row (a row operation, which keeps which
/// column sets are bases) leaves every column with at most two non-zeros:
/// a pair joins its pupil to its cap (if any) or else to its setting; a
/// pupil's "unplaced" column, a setting's slack and a cap's slack at a
/// setting without a row join one row to a root; a cap's slack joins the
/// cap to its setting. A set of one column per row is then a basis exactly
/// when, as edges, it forms a spanning tree over the rows and the root:
/// peeling leaves solves the triangular system.
///
/// The tree is grown as Kruskal's algorithm would: first every column the
/// allocation makes positive (a pupil's pair or its "unplaced" column, the
/// slack of a row with room left), which can never close a cycle, then the
/// other columns in order of how far their reduced cost at the given prices
/// is from zero. Columns outside the tree stay at zero and rows outside it
/// at their bound, so the basis is primal feasible; its duals are close to
/// the prices, so the simplex has little left to do. Whatever the prices,
/// the result is a valid feasible basis: only the speed depends on them.
struct TreeBasis {
  /// One column or row slack as an edge between rows (`root` for none).
  struct Edge {
    var from: Int
    var to: Int
    /// Positive in the allocation: must be basic.
    var isPositive: Bool
    /// How far from zero its reduced cost is at the prices.
    var distance: Double
  }

  let rowCount: Int
  var root: Int { rowCount }
  /// Edges of the columns, in column order.
  var columns: [Edge] = []
  /// Edges of the rows' slacks, in row order; nil for rows whose slack can
  /// never be basic (the pupils' equality rows).
  var slacks: [Edge?] = []

  init(rowCount: Int) {
    self.rowCount = rowCount
    slacks = [Edge?](repeating: nil, count: rowCount)
  }

  /// The statuses of the rows and columns, or nil when the edges do not
  /// span every row (which a well-formed contested-market LP never gives).
  /// `nonbasicRow` is the status of a row whose slack is left out.
  func statuses(nonbasicRow: (Int) -> BasisStatus) -> (rows: [BasisStatus], columns: [BasisStatus])? {
    var sets = UnionFind(count: rowCount + 1)
    // Edge k < columns.count is column k; the others are row slacks.
    var basic = [Bool](repeating: false, count: columns.count + rowCount)
    var joined = 0
    func join(_ k: Int, _ edge: Edge) -> Bool {
      guard sets.union(edge.from, edge.to) else { return false }
      basic[k] = true
      joined += 1
      return true
    }
    var optional: [(distance: Double, k: Int)] = []
    for (k, edge) in columns.enumerated() {
      if edge.isPositive {
        guard join(k, edge) else { return nil }
      } else {
        optional.append((edge.distance, k))
      }
    }
    for (i, slack) in slacks.enumerated() {
      guard let slack else { continue }
      if slack.isPositive {
        guard join(columns.count + i, slack) else { return nil }
      } else {
        optional.append((slack.distance, columns.count + i))
      }
    }
    optional.sort { ($0.distance, $0.k) < ($1.distance, $1.k) }
    for (_, k) in optional where joined < rowCount {
      // `optional` holds only columns and the slacks that exist.
      guard let edge = k < columns.count ? columns[k] : slacks[k - columns.count] else { continue }
      _ = join(k, edge)
    }
    guard joined == rowCount else { return nil }
    let rows = (0..<rowCount).map { basic[columns.count + $0] ? BasisStatus.basic : nonbasicRow($0) }
    let cols = (0..<columns.count).map { basic[$0] ? BasisStatus.basic : .atLower }
    return (rows, cols)
  }
}
