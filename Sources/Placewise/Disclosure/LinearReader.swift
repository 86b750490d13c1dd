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
/// all relations at once finds that: a count it does not pin, no sum or
/// difference of relations pins either. (Its range is over real numbers; a
/// reader who rounds to whole numbers between sums may know more, which the
/// one-relation-at-a-time audit before it partly covers.)
///
/// A session keeps one GLPK problem over the counts not shown exactly (a
/// shown count is a constant, taken into its relations' bounds: a county's
/// page shows most of its counts), rebuilt only when more are
/// withheld, and warm-starts each solve from the last basis. Every solution
/// is a point the page admits, and the page's ranges only widen as more is
/// withheld, so a count once seen to vary by a whole unit (at some admitted
/// point) stays free and is not solved again.
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
  /// Each relation, its terms merged by cell.
  private let relations: [(terms: [(cell: Int, coefficient: Double)], lo: Double, hi: Double)]
  /// The relations through each cell, with its coefficient there.
  private let through: [[(relation: Int, coefficient: Double)]]
  private var session: SimplexSession?
  /// The session's column of each cell not shown exactly (nil: a constant).
  private var column: [Int?]
  /// The cell of each column.
  private var cellOf: [Int] = []
  /// The session's row of each relation (nil: a relation of constants only).
  private var row: [Int?]
  /// The bounds the session has for each column.
  private var bounds: [GLPK.Bounds] = []
  /// Cells seen at some admitted point a whole unit or more from their count.
  private var free: [Bool]

  /// A reader of `relations` over cells whose counts are `truth`.
  package init(truth: [Int], relations: [Relation]) {
    self.truth = truth.map(Double.init)
    var through = [[(relation: Int, coefficient: Double)]](repeating: [], count: truth.count)
    var merged: [(terms: [(cell: Int, coefficient: Double)], lo: Double, hi: Double)] = []
    for (k, relation) in relations.enumerated() {
      var sum: [Int: Double] = [:]
      for term in relation.terms { sum[term.cell, default: 0] += term.coefficient }
      let terms = sum.sorted { $0.key < $1.key }.filter { $0.value != 0 }.map { (cell: $0.key, coefficient: $0.value) }
      for term in terms { through[term.cell].append((k, term.coefficient)) }
      merged.append((terms, relation.lo, relation.hi))
    }
    self.relations = merged
    self.through = through
    column = Array(repeating: nil, count: truth.count)
    row = Array(repeating: nil, count: relations.count)
    free = Array(repeating: false, count: truth.count)
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
    let varies = ranges.map { $0.hi > $0.lo }
    if session == nil || varies.indices.contains(where: { varies[$0] != (column[$0] != nil) }) {
      rebuild(ranges, varies)
    }
    guard var session = session.take() else {
      return cells.first.map { Pin(cell: $0, value: Int(truth[$0]), loosen: []) }
    }
    var changes: [(ColumnIndex, GLPK.Bounds)] = []
    for (j, cell) in cellOf.enumerated() {
      let new = Self.bounds(ranges[cell].lo, ranges[cell].hi)
      if new != bounds[j] {
        bounds[j] = new
        changes.append((ColumnIndex(j), new))
      }
    }
    let pin = scan(cells, ranges, changes, &session, trial: trial)
    self.session = consume session
    return pin
  }

  /// A new session whose columns are the cells that vary, each relation's
  /// bounds less its constants.
  private mutating func rebuild(_ ranges: [(lo: Double, hi: Double)], _ varies: [Bool]) {
    session = nil
    var program = LinearProgram()
    cellOf = varies.indices.filter { varies[$0] }
    column = Array(repeating: nil, count: truth.count)
    for (j, cell) in cellOf.enumerated() { column[cell] = j }
    var entries = [[(RowIndex, Double)]](repeating: [], count: cellOf.count)
    for (k, relation) in relations.enumerated() {
      row[k] = nil
      var constant = 0.0
      for term in relation.terms where column[term.cell] == nil { constant += term.coefficient * ranges[term.cell].lo }
      guard relation.terms.contains(where: { column[$0.cell] != nil }) else { continue }
      let index = program.addRow(Self.bounds(relation.lo - constant, relation.hi - constant))
      row[k] = index.position
      for term in relation.terms {
        if let j = column[term.cell] { entries[j].append((index, term.coefficient)) }
      }
    }
    bounds = cellOf.map { Self.bounds(ranges[$0].lo, ranges[$0].hi) }
    for j in cellOf.indices { program.addColumn(bounds[j], objective: 0, entries: entries[j]) }
    session = try? SimplexSession(program)
  }

  /// `firstPinned` on a session taken out of `self` for the call; a trial
  /// neither uses nor adds to what earlier solves learnt.
  private mutating func scan(
    _ cells: [Int], _ ranges: [(lo: Double, hi: Double)], _ changes: [(ColumnIndex, GLPK.Bounds)],
    _ session: inout SimplexSession, trial: Bool
  ) -> Pin? {
    do {
      try session.setBounds(columns: changes)
    } catch {
      return cells.first.map { Pin(cell: $0, value: Int(truth[$0]), loosen: []) }
    }
    var learnt: Set<Int> = []
    func isFree(_ j: Int) -> Bool { learnt.contains(j) || (!trial && free[j]) }
    // Marks every cell the solution holds a whole unit from its count.
    func learn(_ solution: LPSolution) {
      for (j, cell) in cellOf.enumerated()
      where !isFree(cell) && abs(solution.columnValues[j] - truth[cell]) >= 1 - 1e-6 {
        learnt.insert(cell)
      }
    }
    var costs = [Double](repeating: 0, count: cellOf.count)
    // Whether a cell's own range lets it reach a whole unit below its
    // count (else only relations can hold its lowest value there, and no
    // solve of that side is needed), and above.
    func canFall(_ j: Int) -> Bool { ranges[j].lo <= truth[j] - 1 }
    func canRise(_ j: Int) -> Bool { ranges[j].hi >= truth[j] + 1 }
    if !trial {
      // First, solves that push every open cell away from its count at
      // once (down where it can fall, up where its range is finite, so that
      // no solve is unbounded, each way in turn): a county's page frees most
      // of its cells in a few such solves, not two each. They stop when one
      // frees under a twentieth of those left.
      var open = cells.filter { !free[$0] && column[$0] != nil }
      for round in 0..<8 where open.count >= 8 {
        for cell in open {
          let rise = canRise(cell) && ranges[cell].hi.isFinite
          // Each way in turn, from a hash of the cell and the round: cells
          // that share a line cannot all fall at once.
          let up = rise && (!canFall(cell) || (cell &* 40503 &+ round &* 2_654_435_761) & 4 != 0)
          if let j = column[cell] { costs[j] = up ? -1 : canFall(cell) ? 1 : 0 }
        }
        let solution: LPSolution
        do {
          try session.setObjective(costs)
          solution = try session.solve()
        } catch {
          break
        }
        for cell in open { if let j = column[cell] { costs[j] = 0 } }
        guard solution.status == .optimal else { break }
        learn(solution)
        for cell in learnt { free[cell] = true }
        learnt.removeAll()
        let left = open.filter { !free[$0] }
        if (open.count - left.count) * 20 < open.count { break }
        open = left
      }
    }
    for cell in cells where !isFree(cell) {
      // A cell shown as one value whatever the relations say is pinned,
      // with nothing to loosen but its own range.
      guard let j = column[cell] else { return Pin(cell: cell, value: Int(truth[cell]), loosen: []) }
      var held: [(solution: LPSolution, low: Bool)] = []
      // Lowest, then highest (the least of −count); a side the cell's own
      // range holds is not solved.
      for sign in [1.0, -1.0] where sign > 0 ? canFall(cell) : canRise(cell) {
        costs[j] = sign
        let solution: LPSolution
        do {
          try session.setObjective(costs)
          solution = try session.solve()
        } catch {
          costs[j] = 0
          return Pin(cell: cell, value: Int(truth[cell]), loosen: [])
        }
        costs[j] = 0
        if solution.status == .unbounded {
          learnt.insert(cell)
          break
        }
        guard solution.status == .optimal else {
          return Pin(cell: cell, value: Int(truth[cell]), loosen: [])
        }
        learn(solution)
        if isFree(cell) { break }
        held.append((solution, sign > 0))
      }
      if !trial {
        for j in learnt { free[j] = true }
        learnt.removeAll()
      }
      if !isFree(cell) {
        return Pin(
          cell: cell, value: Int(truth[cell]), loosen: held.flatMap { loosening(cell, $0.solution, low: $0.low) })
      }
    }
    return nil
  }

  /// The cells whose range, widened, would move the side of `cell`'s range
  /// that `solution` found: raising a cell of negative reduced cost (or
  /// lowering one of positive) would improve it. A constant's reduced cost
  /// is worked out from the rows' duals (d = c − Σ a π, with c = 0).
  private func loosening(_ cell: Int, _ solution: LPSolution, low: Bool) -> [Loosening] {
    var out: [Loosening] = []
    for other in truth.indices where other != cell {
      let d: Double
      if let j = column[other] {
        guard solution.columnStatus[j] != .basic else { continue }
        d = solution.reducedCosts[j]
      } else {
        d = -through[other].reduce(0.0) { sum, entry in
          guard let i = row[entry.relation] else { return sum }
          return sum + entry.coefficient * solution.rowDuals[i]
        }
      }
      if abs(d) > 1e-9 { out.append(Loosening(cell: other, up: d < 0, low: low)) }
    }
    return out
  }
}
