import Placewise

/// What a reader can work out from figures shown as intervals (a count
/// shown exactly, `<5`, rounded to the nearest 5, withheld) and linear
/// relations among them that they know (a plan of 3 places places at most
/// 3 more children), narrowed until nothing changes: the audit a public page
/// runs before it is written, so that it withholds a figure a reader could
/// pin to one value.
///
/// It is interval propagation, as the test suite's independent checker
/// reads a page; each relation is `Σ ±x ∈ [lo, hi]` over whole numbers.
package struct IntervalAudit {
  /// The range a reader knows for each figure.
  private var ranges: [(lo: Double, hi: Double)] = []
  /// Whether the figure is shown as itself (a pinned exact figure tells
  /// nothing new).
  private var exact: [Bool] = []
  private var relations: [(terms: [(variable: Int, sign: Double)], lo: Double, hi: Double)] = []
  /// The linear programme of the ranges and relations as they are, which
  /// `pinned` and `range` share; every change drops it.
  private var linear = LinearCache()

  /// A programme built at the first question after a change (a class, so
  /// that `pinned` and `range`, which change nothing, can keep it).
  private final class LinearCache {
    var ranges: LinearReader.Ranges?
  }

  package init() {}

  /// A figure as shown: its range, and whether that is the figure itself.
  package mutating func add(_ lo: Double, _ hi: Double, exact: Bool = false) -> Int {
    linear = LinearCache()
    ranges.append((lo, hi))
    self.exact.append(exact)
    return ranges.count - 1
  }

  /// A count as a public page shows it (`Disclosed`): itself, `<5`, `0-4`,
  /// or, when `rounded`, rounded to the nearest 5 (5 meaning 5 to 7, as a
  /// count below 5 is shown `<5`); `x` admits 5 or more, `c` any count.
  package mutating func add(_ shown: Disclosed, rounded: Bool) -> Int {
    switch shown {
    case .shown(let value) where value == 0 || !rounded: add(Double(value), Double(value), exact: true)
    case .shown(let value): add(Double(max(5, value - 2)), Double(value + 2))
    case .small: add(1, 4)
    case .upToFour: add(0, 4)
    case .hidden: add(5, .infinity)
    case .confidential: add(0, .infinity)
    }
  }

  /// Figures for `a − b` and `b − a`, shown nowhere: a difference of two
  /// counts (a plan's children fewer without a place than the baseline's)
  /// is a count too, pinned to 1 to 4 in either direction.
  package mutating func differences(_ a: Int, _ b: Int) -> [Int] {
    let ab = add(-.infinity, .infinity)
    let ba = add(-.infinity, .infinity)
    relate([(ab, 1), (a, -1), (b, 1)], 0, 0)
    relate([(ba, 1), (b, -1), (a, 1)], 0, 0)
    relate([(ab, 1), (ba, 1)], 0, 0)
    return [ab, ba]
  }

  /// `figure` lies in `lo...hi`, each side taken only where `truth` (the
  /// figure's own value) keeps it: a bound that a plan's chain of moves can
  /// break (places for one need freeing a place for another) must not be
  /// assumed where it is broken, or the ranges empty and pin nothing.
  package mutating func bound(_ figure: Int, _ lo: Double, _ hi: Double, truth: Double) {
    relate([(figure, 1)], truth >= lo ? lo : -.infinity, truth <= hi ? hi : .infinity)
  }

  /// `Σ sign × figure` lies in `lo...hi`.
  package mutating func relate(_ terms: [(Int, Double)], _ lo: Double, _ hi: Double) {
    linear = LinearCache()
    relations.append((terms.map { (variable: $0.0, sign: $0.1) }, lo, hi))
  }

  /// Narrows every range until nothing changes (whole numbers).
  package mutating func propagate() {
    linear = LinearCache()
    for i in ranges.indices { ranges[i] = inward(ranges[i]) }
    for _ in 0..<200 {
      var changed = false
      for relation in relations {
        for (j, term) in relation.terms.enumerated() {
          // sign_j x_j = [lo, hi] − Σ_{i≠j} sign_i x_i
          var lo = relation.lo
          var hi = relation.hi
          for (i, other) in relation.terms.enumerated() where i != j {
            let r = ranges[other.variable]
            let part = other.sign > 0 ? (r.lo, r.hi) : (-r.hi, -r.lo)
            lo -= part.1
            hi -= part.0
          }
          let bound = term.sign > 0 ? (lo, hi) : (-hi, -lo)
          let old = ranges[term.variable]
          let new = inward(
            (max(old.lo, bound.0.isNaN ? -.infinity : bound.0), min(old.hi, bound.1.isNaN ? .infinity : bound.1)))
          if new.lo > old.lo + 1e-9 || new.hi < old.hi - 1e-9 {
            ranges[term.variable] = new
            changed = true
          }
        }
      }
      if !changed { break }
    }
  }

  private func inward(_ r: (lo: Double, hi: Double)) -> (lo: Double, hi: Double) {
    ((r.lo - 1e-7).rounded(.up), (r.hi + 1e-7).rounded(.down))
  }

  /// What a reader works out of a figure (after `propagate`): its range,
  /// narrowed by every relation at once (`LinearReader.Ranges`) where that
  /// solves; compare hands its baseline's to allocate's page so.
  package func range(_ figure: Int) -> (lo: Double, hi: Double) {
    let r = ranges[figure]
    guard r.lo < r.hi else { return r }
    guard case .within(let lo, let hi)? = programme().range(of: figure) else {
      return r
    }
    return (max(r.lo, (lo - 1e-6).rounded(.up)), min(r.hi, (hi + 1e-6).rounded(.down)))
  }

  /// The programme of the ranges and relations as they are.
  private func programme() -> LinearReader.Ranges {
    if let built = linear.ranges { return built }
    let built = LinearReader.Ranges(
      ranges: ranges,
      relations: relations.map { relation in
        LinearReader.Relation(relation.terms.map { ($0.variable, $0.sign) }, relation.lo, relation.hi)
      })
    linear.ranges = built
    return built
  }

  /// Whether a figure not shown as itself is now pinned to a count of 1 to
  /// 4 (0 reveals no child; a larger count worked out exactly is no small
  /// one). An empty range pins nothing: what the reader assumed (every
  /// priority 1; a place used by one child) does not hold, and the page
  /// shows them so.
  ///
  /// Where one relation at a time leaves it open, the relations are added
  /// together too (`LinearReader.Ranges`, a linear programme over them all):
  /// a count held to one whole number there is pinned as well. A solve that
  /// fails counts as pinned: a page errs on withholding.
  package func pinned(_ figure: Int) -> Bool {
    guard !exact[figure] else { return false }
    let r = ranges[figure]
    if r.lo == r.hi { return (1...4).contains(r.lo) }
    guard r.lo <= 4, r.hi >= 1 else { return false }
    let programme = programme()
    if programme.seenApart(figure) { return false }
    switch programme.range(of: figure) {
    case nil: return true
    case .empty: return false
    case .within(let lo, let hi):
      let low = max(r.lo, (lo - 1e-6).rounded(.up))
      let high = min(r.hi, (hi + 1e-6).rounded(.down))
      return low == high && (1...4).contains(low)
    }
  }
}
