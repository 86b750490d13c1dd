import GLPK

/// A reader of a public page who adds its relations together: for a count
/// the page withholds, the lowest and highest values that every relation
/// the page states, taken at once, allows, found by linear programming.
///
/// A reader who narrows one relation at a time (interval propagation) misses
/// sums across relations. Three `<5` requests that sum to 15 less a shown
/// request of 7, beside requests at most pupils and a pupils total whose
/// other parts are at their least, pin each `<5` to 4, though no single
/// relation does (hostile trial, round nineteen). A linear programme over
/// all relations at once finds that; its range is a superset of the whole
/// numbers a reader could prove, so a count it does not pin, no sum or
/// difference of relations pins either.
///
/// A session keeps one GLPK problem and warm-starts each solve from the
/// last basis. Every solution is a point the page admits, and the page's
/// ranges only widen as more is withheld, so a count once seen to vary by a
/// whole unit (at some admitted point) stays free and is not solved again.
package struct LinearReader: ~Copyable {
  /// One relation of a page: `Σ coefficient × cell` lies in `lo...hi`.
  package struct Relation: Sendable {
    package var terms: [(cell: Int, coefficient: Double)]
    package var lo: Double
    package var hi: Double

    package init(_ terms: [(cell: Int, coefficient: Double)], _ lo: Double, _ hi: Double) {
      self.terms = terms
      self.lo = lo
      self.hi = hi
    }
  }

  /// A count the relations pin to one whole number, and what holds it there:
  /// the cells whose range, widened, would free it (`up`: a higher highest
  /// value; otherwise a lower lowest), from the solves' reduced costs.
  package struct Pin: Equatable, Sendable {
    package var cell: Int
    package var value: Int
    package var loosen: [Loosening]
  }

  /// A cell whose range, widened one way, widens a pinned count's.
  package struct Loosening: Equatable, Sendable {
    package var cell: Int
    /// Widened upwards (a higher highest value), else downwards.
    package var up: Bool
    /// It holds the pinned count's lowest value (else its highest).
    package var low: Bool
  }

  /// The counts themselves: a point every range of the page admits.
  private let truth: [Double]
  private var session: SimplexSession?
  private var bounds: [GLPK.Bounds]
  /// Cells seen at some admitted point a whole unit or more from their count.
  private var free: [Bool]

  /// A reader of `relations` over cells whose counts are `truth`.
  package init(truth: [Int], relations: [Relation]) {
    self.truth = truth.map(Double.init)
    bounds = truth.map { .fixed(Double($0)) }
    free = Array(repeating: false, count: truth.count)
    var program = LinearProgram()
    var rows: [RowIndex] = []
    for relation in relations {
      rows.append(program.addRow(Self.bounds(relation.lo, relation.hi)))
    }
    // Each cell's entries, one per relation (a cell named twice in one
    // relation counts twice).
    var entries = [[(RowIndex, Double)]](repeating: [], count: truth.count)
    for (k, relation) in relations.enumerated() {
      var merged: [Int: Double] = [:]
      for term in relation.terms { merged[term.cell, default: 0] += term.coefficient }
      for (cell, coefficient) in merged.sorted(by: { $0.key < $1.key }) where coefficient != 0 {
        entries[cell].append((rows[k], coefficient))
      }
    }
    for cell in truth.indices {
      program.addColumn(bounds[cell], objective: 0, entries: entries[cell])
    }
    session = try? SimplexSession(program)
  }

  private static func bounds(_ lo: Double, _ hi: Double) -> GLPK.Bounds {
    switch (lo.isFinite, hi.isFinite) {
    case (true, true): lo == hi ? .fixed(lo) : .between(lo, hi)
    case (true, false): .atLeast(lo)
    case (false, true): .atMost(hi)
    case (false, false): .free
    }
  }

  /// The first of `cells`, in order, that the relations pin to one whole
  /// number when each cell lies in its range (`ranges`, one per cell, each
  /// at least as wide as at the last call), or nil when none is.
  ///
  /// A failed solve (GLPK's numerical trouble) counts the cell as pinned
  /// with nothing to loosen: a page errs on withholding.
  package mutating func firstPinned(_ cells: [Int], ranges: [(lo: Double, hi: Double)]) -> Pin? {
    run(cells, ranges, trial: false)
  }

  /// Whether `cell` is pinned were each cell in `ranges`, which, unlike
  /// `firstPinned`'s, may be narrower than at the last call (a trial of
  /// what hiding a count would do): nothing is learnt from it.
  package mutating func pins(_ cell: Int, ranges: [(lo: Double, hi: Double)]) -> Bool {
    run([cell], ranges, trial: true) != nil
  }

  private mutating func run(_ cells: [Int], _ ranges: [(lo: Double, hi: Double)], trial: Bool) -> Pin? {
    var changes: [(ColumnIndex, GLPK.Bounds)] = []
    for cell in ranges.indices {
      let new = Self.bounds(ranges[cell].lo, ranges[cell].hi)
      if new != bounds[cell] {
        bounds[cell] = new
        changes.append((ColumnIndex(cell), new))
      }
    }
    guard var session = session.take() else {
      return cells.first.map { Pin(cell: $0, value: Int(truth[$0]), loosen: []) }
    }
    let pin = scan(cells, changes, &session, trial: trial)
    self.session = consume session
    return pin
  }

  /// `firstPinned` on a session taken out of `self` for the call; a trial
  /// neither uses nor adds to what earlier solves learnt.
  private mutating func scan(
    _ cells: [Int], _ changes: [(ColumnIndex, GLPK.Bounds)], _ session: inout SimplexSession, trial: Bool
  ) -> Pin? {
    do {
      try session.setBounds(columns: changes)
    } catch {
      return cells.first.map { Pin(cell: $0, value: Int(truth[$0]), loosen: []) }
    }
    var learnt: Set<Int> = []
    func isFree(_ j: Int) -> Bool { learnt.contains(j) || (!trial && free[j]) }
    var costs = [Double](repeating: 0, count: truth.count)
    for cell in cells where !isFree(cell) {
      var loosen: [Loosening] = []
      // Lowest, then highest (the least of −count).
      for sign in [1.0, -1.0] {
        costs[cell] = sign
        let solution: LPSolution
        do {
          try session.setObjective(costs)
          solution = try session.solve()
        } catch {
          costs[cell] = 0
          return Pin(cell: cell, value: Int(truth[cell]), loosen: [])
        }
        costs[cell] = 0
        if solution.status == .unbounded {
          learnt.insert(cell)
          break
        }
        guard solution.status == .optimal else {
          return Pin(cell: cell, value: Int(truth[cell]), loosen: [])
        }
        for j in truth.indices where !isFree(j) && abs(solution.columnValues[j] - truth[j]) >= 1 - 1e-6 {
          learnt.insert(j)
        }
        if isFree(cell) { break }
        // Raising a column with a negative reduced cost (or lowering one
        // with a positive) would improve this side, were its range wider.
        for j in truth.indices where j != cell && solution.columnStatus[j] != .basic {
          let d = solution.reducedCosts[j]
          if abs(d) > 1e-9 { loosen.append(Loosening(cell: j, up: d < 0, low: sign > 0)) }
        }
      }
      if !trial {
        for j in learnt { free[j] = true }
        learnt.removeAll()
      }
      if !isFree(cell) { return Pin(cell: cell, value: Int(truth[cell]), loosen: loosen) }
    }
    return nil
  }
}
