// MARK: - Intervals and constraints

/// A closed interval of possible values.
struct Bounds: Equatable {
  var lo: Double
  var hi: Double
  static let unknown = Bounds(lo: 0, hi: .infinity)
  static func exactly(_ v: Double) -> Bounds { Bounds(lo: v, hi: v) }
  static func within(_ v: Double, _ e: Double) -> Bounds { Bounds(lo: max(0, v - e), hi: v + e) }
}

/// Variables with intervals and the relations among them.
struct ConstraintSystem {
  enum Relation {
    /// Σ coefficient × variable = 0.
    case linear([(Double, String)])
    /// first ≤ second.
    case atMost(String, String)
    /// product = factor × count (all non-negative).
    case product(String, String, String)
  }

  var bounds: [String: Bounds] = [:]
  var integral: Set<String> = []
  /// Variables a page shows as `<5`, `x` or "fewer than 5" somewhere, with where.
  var withheld: [String: String] = [:]
  /// Counts a page rounds to the nearest 5, with where: worked out exactly,
  /// they give back the change between two plans the rounding hides.
  var rounded: [String: String] = [:]
  /// Totals of withheld counts that the page never shows: a finding only
  /// when worked out to 1 to 4.
  var smallIfPinned: Set<String> = []
  var relations: [Relation] = []
  private var constants = 0

  mutating func count(_ name: String) {
    integral.insert(name)
    if bounds[name] == nil { bounds[name] = .unknown }
  }

  mutating func real(_ name: String) {
    if bounds[name] == nil { bounds[name] = .unknown }
  }

  /// Narrows a variable to `b` (intersecting with what is known).
  mutating func learn(_ name: String, _ b: Bounds, integer: Bool = true) {
    if integer { count(name) } else { real(name) }
    let old = bounds[name] ?? .unknown
    bounds[name] = Bounds(lo: max(old.lo, b.lo), hi: min(old.hi, b.hi))
  }

  /// A fresh variable holding a constant.
  mutating func constant(_ b: Bounds) -> String {
    constants += 1
    let name = "#\(constants)"
    bounds[name] = b
    return name
  }

  mutating func sum(_ parts: [String], equals total: String) {
    relations.append(.linear(parts.map { (1, $0) } + [(-1, total)]))
  }

  private func term(_ c: Double, _ b: Bounds) -> Bounds {
    c > 0 ? Bounds(lo: c * b.lo, hi: c * b.hi) : Bounds(lo: c * b.hi, hi: c * b.lo)
  }

  private mutating func narrow(_ name: String, _ b: Bounds) -> Bool {
    let old = bounds[name] ?? .unknown
    // 0 × ∞ and ∞ − ∞ tell nothing.
    let lo = b.lo.isNaN ? -Double.infinity : b.lo
    let hi = b.hi.isNaN ? Double.infinity : b.hi
    var new = Bounds(lo: max(old.lo, lo), hi: min(old.hi, hi))
    if integral.contains(name) {
      new.lo = (new.lo - 1e-7).rounded(.up)
      new.hi = (new.hi + 1e-7).rounded(.down)
    }
    guard new.lo > old.lo + 1e-9 || new.hi < old.hi - 1e-9 else { return false }
    bounds[name] = new
    return true
  }

  /// Narrows every interval until nothing changes.
  mutating func propagate() {
    // Whole numbers first (no new bound).
    for name in Array(bounds.keys) where integral.contains(name) {
      _ = narrow(name, Bounds(lo: -.infinity, hi: .infinity))
    }
    for _ in 0..<200 {
      var changed = false
      for relation in relations {
        switch relation {
        case .linear(let terms):
          for (j, (cj, xj)) in terms.enumerated() {
            var lo = 0.0
            var hi = 0.0
            for (i, (ci, xi)) in terms.enumerated() where i != j {
              let t = term(ci, bounds[xi] ?? .unknown)
              lo += t.lo
              hi += t.hi
            }
            // cj × xj = −(others)
            let other = Bounds(lo: -hi, hi: -lo)
            let b = cj > 0 ? Bounds(lo: other.lo / cj, hi: other.hi / cj) : Bounds(lo: other.hi / cj, hi: other.lo / cj)
            if narrow(xj, b) { changed = true }
          }
        case .atMost(let a, let b):
          let ba = bounds[a] ?? .unknown
          let bb = bounds[b] ?? .unknown
          if narrow(a, Bounds(lo: 0, hi: bb.hi)) { changed = true }
          if narrow(b, Bounds(lo: ba.lo, hi: .infinity)) { changed = true }
        case .product(let p, let f, let c):
          let bp = bounds[p] ?? .unknown
          let bf = bounds[f] ?? .unknown
          let bc = bounds[c] ?? .unknown
          // A count of 0 makes the product 0, whatever the factor (∞ too).
          let hi = bc.hi == 0 || bf.hi == 0 ? 0 : bf.hi * bc.hi
          if narrow(p, Bounds(lo: bf.lo * bc.lo, hi: hi)) { changed = true }
          if bf.lo > 0, narrow(c, Bounds(lo: bp.lo / bf.hi, hi: bp.hi / bf.lo)) { changed = true }
          if bc.lo > 0, narrow(f, Bounds(lo: bp.lo / bc.hi, hi: bp.hi / bc.lo)) { changed = true }
        }
      }
      if !changed { break }
    }
  }

  /// The withheld counts whose interval is now a single value, and any
  /// contradiction (the reader misread the page).
  /// Unmet need weighted by priority less the unplaced, where both are
  /// known exactly: the extra weight of the unplaced children whose
  /// priority is above 1 (looked-after children). From 1 to 4 it counts
  /// them, or nearly (round twenty-one: 11 beside 10 was one child).
  func weightedGaps() -> [PublicReportChecker.Finding] {
    var out: [PublicReportChecker.Finding] = []
    for name in bounds.keys.sorted() where name.hasSuffix("|unmet") {
      let row = name.dropLast("|unmet".count)
      guard let unmet = bounds[name], let unplaced = bounds["\(row)|unplaced"], unmet.lo == unmet.hi,
        unplaced.lo == unplaced.hi
      else { continue }
      let gap = Int((unmet.lo - unplaced.lo).rounded())
      if (1...4).contains(gap) {
        out.append(
          .init(
            quantity: String(name), value: gap,
            how: "unmet need less the unplaced: the extra weight of 1 to 4 children of higher priority"))
      }
    }
    return out
  }

  mutating func exactWithheld() -> [PublicReportChecker.Finding] {
    propagate()
    var out: [PublicReportChecker.Finding] = []
    // Then the relations added together (`linearRanges`), for every count
    // one relation at a time leaves open, narrowed to whole numbers.
    let open = Set(withheld.keys).union(rounded.keys).union(smallIfPinned)
      .filter { integral.contains($0) && bounds[$0].map { $0.lo < $0.hi } ?? false }.sorted()
    if !open.isEmpty {
      if let ranges = linearRanges(of: open) {
        for (name, range) in ranges {
          let old = bounds[name] ?? .unknown
          bounds[name] = Bounds(
            lo: max(old.lo, (range.lo - 1e-6).rounded(.up)), hi: min(old.hi, (range.hi + 1e-6).rounded(.down)))
        }
      } else if !bounds.values.contains(where: { $0.lo > $0.hi + 1e-9 }) {
        out.append(
          .init(
            quantity: "the page", value: nil,
            how: "its relations, added together, contradict each other (or the linear programme failed)"))
      }
    }
    // Places left move with places used: one finding, not two.
    for (name, place) in withheld.sorted(by: { $0.key < $1.key })
    where integral.contains(name) && !name.hasSuffix("|left") {
      guard let b = bounds[name] else { continue }
      if b.lo > b.hi + 1e-9 {
        out.append(.init(quantity: name, value: nil, how: "the page contradicts itself (\(place))"))
      } else if b.lo == b.hi, b.lo.isFinite, b.lo >= 1 {
        // (Working out that a withheld figure is 0 reveals no child.)
        out.append(.init(quantity: name, value: Int(b.lo), how: "withheld (\(place)) but worked out from the page"))
      }
    }
    for (name, place) in rounded.sorted(by: { $0.key < $1.key }) where withheld[name] == nil {
      guard let b = bounds[name], b.lo == b.hi, b.lo.isFinite else { continue }
      out.append(
        .init(quantity: name, value: Int(b.lo), how: "rounded to the nearest 5 (\(place)) but worked out exactly"))
    }
    for name in smallIfPinned.sorted() where withheld[name] == nil {
      guard let b = bounds[name], b.lo == b.hi, (1...4).contains(b.lo) else { continue }
      out.append(.init(quantity: name, value: Int(b.lo), how: "a total of withheld counts, worked out from the page"))
    }
    return out
  }
}
