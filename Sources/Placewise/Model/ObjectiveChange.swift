/// A change of the optimum, or the length of a path in the allocation's
/// residual network: unmet priority first, then (case format 2) protected
/// requests refused, then placement cost.
///
/// In the residual network the first two levels travel folded in `unmet`,
/// as the solver folds them (`CandidateSet.unitWeight`): `unmet` counts
/// units, one unit of priority being `unitWeight` of them and a refused
/// request one, and `refused` is 0. `split(unitWeight:)` unfolds a figure
/// for the outputs. Compared lexicographically, like the objective: one
/// child placed is worth more than any request, and a request more than any
/// saving of cost. Adding and subtracting are exact on the whole-number
/// levels and ordinary double arithmetic on the cost.
///
/// The solver's prices are `LexCost`, not this: see there for why the two
/// are kept apart.
public struct ObjectiveChange: Sendable, Equatable, Comparable, CustomStringConvertible {
  /// The unmet-priority level (ΔU).
  public var unmet: Int
  /// The requests-refused level (ΔR), once split out of `unmet`.
  public var refused: Int = 0
  /// The placement-cost level (ΔC), in minutes-equivalent or pounds.
  public var cost: Double

  /// Creates a pair.
  @inlinable
  public init(unmet: Int, cost: Double) {
    self.unmet = unmet
    self.cost = cost
  }

  /// Creates a triple.
  @inlinable
  public init(unmet: Int, refused: Int, cost: Double) {
    self.unmet = unmet
    self.refused = refused
    self.cost = cost
  }

  /// The figure with its folded first level unfolded into (ΔU, ΔR): the
  /// folded level is ΔU * w + ΔR with |ΔR| <= (w - 1) / 2, so ΔU is the
  /// floor of (folded + (w - 1) / 2) / w.
  public func split(unitWeight w: Int) -> ObjectiveChange {
    guard w > 1, !isUnreachable else { return self }
    let half = (w - 1) / 2
    let shifted = unmet + half
    let u = shifted >= 0 ? shifted / w : -((-shifted + w - 1) / w)
    return ObjectiveChange(unmet: u, refused: refused + unmet - u * w, cost: cost)
  }

  /// (0, 0): no change.
  public static let zero = ObjectiveChange(unmet: 0, cost: 0)
  /// Longer than any path: not reached.
  public static let unreachable = ObjectiveChange(unmet: .max / 4, cost: 0)

  /// Whether this is the "not reached" length.
  @inlinable
  public var isUnreachable: Bool { unmet >= Self.unreachable.unmet / 2 }

  /// Lexicographic order: unmet priority, then cost.
  @inlinable
  public static func < (a: Self, b: Self) -> Bool {
    a.unmet != b.unmet ? a.unmet < b.unmet : a.refused != b.refused ? a.refused < b.refused : a.cost < b.cost
  }

  /// Sum, level by level.
  @inlinable
  public static func + (a: Self, b: Self) -> Self {
    ObjectiveChange(unmet: a.unmet + b.unmet, refused: a.refused + b.refused, cost: a.cost + b.cost)
  }

  /// Difference, level by level.
  @inlinable
  public static func - (a: Self, b: Self) -> Self {
    ObjectiveChange(unmet: a.unmet - b.unmet, refused: a.refused - b.refused, cost: a.cost - b.cost)
  }

  /// Whether `a` is shorter than `b` by more than `tolerance` minutes on the
  /// cost level (or shorter on the unmet level). Relaxing only on such
  /// improvements keeps label-correcting searches finite when rounding in
  /// the sums of journeys leaves a cycle a few ulps below zero.
  @inlinable
  static func clearlyBelow(_ a: Self, _ b: Self, tolerance: Double) -> Bool {
    a.unmet != b.unmet
      ? a.unmet < b.unmet : a.refused != b.refused ? a.refused < b.refused : a.cost < b.cost - tolerance
  }

  /// `(ΔU, ΔC)`, or `(ΔU, ΔR, ΔC)` where ΔR is not 0.
  public var description: String { refused == 0 ? "(\(unmet), \(cost))" : "(\(unmet), \(refused), \(cost))" }
}
