import GLPK

// MARK: - Relations added together

extension ConstraintSystem {
  /// What a reader who adds relations together works out, beyond one
  /// relation at a time: the least and greatest value of each quantity asked
  /// for (`names`) that every linear relation of the page allows at once,
  /// by linear programming, each quantity within the interval propagation
  /// already found. A product counts where one factor is known exactly (a
  /// cost per place on the page); otherwise it is left out, which only makes
  /// the reader know less.
  ///
  /// Nil when the relations added together contradict each other (the
  /// reader misread the page) or GLPK fails.
  func linearRanges(of names: [String]) -> [String: Bounds]? {
    let variables = bounds.keys.sorted()
    var column: [String: Int] = [:]
    for (j, name) in variables.enumerated() { column[name] = j }
    var program = LinearProgram()
    var entries = [[(RowIndex, Double)]](repeating: [], count: variables.count)
    func row(_ terms: [(Double, String)], _ rowBounds: GLPK.Bounds) {
      var merged: [Int: Double] = [:]
      for (c, name) in terms {
        guard let j = column[name] else { return }
        merged[j, default: 0] += c
      }
      let index = program.addRow(rowBounds)
      for (j, c) in merged.sorted(by: { $0.key < $1.key }) where c != 0 { entries[j].append((index, c)) }
    }
    for relation in relations {
      switch relation {
      case .linear(let terms): row(terms, .fixed(0))
      case .atMost(let a, let b): row([(1, a), (-1, b)], .atMost(0))
      case .product(let p, let f, let c):
        let known = [f, c].first { name in bounds[name].map { $0.lo == $0.hi && $0.lo.isFinite } ?? false }
        guard let known, let factor = bounds[known]?.lo else { continue }
        row([(1, p), (-factor, known == f ? c : f)], .fixed(0))
      }
    }
    for (j, name) in variables.enumerated() {
      let b = bounds[name] ?? .unknown
      guard b.lo <= b.hi + 1e-9 else { return nil }
      let columnBounds: GLPK.Bounds =
        switch (b.lo.isFinite, b.hi.isFinite) {
        case (true, true): b.lo >= b.hi ? .fixed(b.lo) : .between(b.lo, b.hi)
        case (true, false): .atLeast(b.lo)
        case (false, true): .atMost(b.hi)
        case (false, false): .free
        }
      program.addColumn(columnBounds, objective: 0, entries: entries[j])
    }
    guard var session = try? SimplexSession(program) else { return nil }
    var out: [String: Bounds] = [:]
    var costs = [Double](repeating: 0, count: variables.count)
    for name in names {
      guard let j = column[name] else { continue }
      var range = Bounds(lo: -.infinity, hi: .infinity)
      for sign in [1.0, -1.0] {
        costs[j] = sign
        defer { costs[j] = 0 }
        do {
          try session.setObjective(costs)
          let solution = try session.solve()
          switch solution.status {
          case .optimal:
            if sign > 0 { range.lo = solution.columnValues[j] } else { range.hi = solution.columnValues[j] }
          case .unbounded: break
          default: return nil
          }
        } catch {
          return nil
        }
      }
      out[name] = range
    }
    return out
  }
}
