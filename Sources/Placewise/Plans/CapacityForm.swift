/// How one capacity of the allocation's flow network (a setting's free
/// places, a need cap, or whether a group of pupil arcs exists) depends on
/// the 0/1 vector x of options taken, and an affine upper bound on it that
/// is exact at a given set.
///
/// The cuts of ``ValueCut`` need, for each capacity u(x), slopes d with
/// `u(y) <= u(x̂) + Σ d_o (y_o - x̂_o)` for every allowed set y: an affine
/// bound from above that equals u at x̂. Three shapes occur:
/// - `exact`: u = base + Σ change_o x_o on every allowed set. Changes add up
///   (places, caps), or all options that change u share one group, so at
///   most one is taken and u is the base or that option's value.
/// - `freePlaces`: u = max(0, A(x)), A = capacity - on_roll = base + Σ
///   change_o x_o. When A >= 0 on every allowed set this is exact. Else
///   the slopes are one flip's largest rise: `max(0, A + δ) - max(0, A) <=
///   max(0, δ)`, so flipping the options one by one from x̂ to y raises u by
///   at most the sum of each flip's positive part (d_o = max(0, change) for
///   an option x̂ leaves out, min(0, change) for one it takes).
/// - `anyOf`: u = min(1, Σ x_o over the options listed), a designation
///   that any of them makes. min(1, s) is concave in s, so its tangent at
///   ŝ bounds it from above: slope 1 for ŝ <= 1 (min(1, s) <= s), slope 0
///   for ŝ >= 2 (min(1, s) <= 1).
struct CapacityForm: Sendable {
  enum Shape: Sendable, Equatable {
    case exact
    case freePlaces
    case anyOf
  }

  var shape: Shape
  /// u (exact) or A (free places) with no option taken; 0 for `anyOf`.
  var base: Int
  /// The options that change it and by how much (1 each for `anyOf`), options ascending.
  var changes: [(option: Int, change: Int)]
  /// For `freePlaces`: whether A >= 0 on every allowed set (then u = A is exact).
  var neverNegative = true

  /// The capacity at a set.
  func value(_ x: [Bool]) -> Int {
    var sum = base
    for (o, change) in changes where x[o] { sum += change }
    switch shape {
    case .exact: return sum
    case .freePlaces: return max(0, sum)
    case .anyOf: return min(1, sum)
    }
  }

  /// The slopes of an affine bound from above that is exact at x̂.
  func slopes(at x: [Bool]) -> [(option: Int, slope: Int)] {
    switch shape {
    case .exact:
      return changes.map { ($0.option, $0.change) }
    case .freePlaces:
      if neverNegative { return changes.map { ($0.option, $0.change) } }
      return changes.map { ($0.option, x[$0.option] ? min(0, $0.change) : max(0, $0.change)) }
    case .anyOf:
      let taken = changes.count { x[$0.option] }
      return changes.map { ($0.option, taken <= 1 ? $0.change : 0) }
    }
  }

  /// The exact form of a capacity that only options of one group change:
  /// `alone` holds its value with each of them taken alone.
  static func withinGroup(base: Int, alone: [(option: Int, value: Int)]) -> CapacityForm {
    CapacityForm(
      shape: .exact, base: base, changes: alone.filter { $0.value != base }.map { ($0.option, $0.value - base) })
  }
}
