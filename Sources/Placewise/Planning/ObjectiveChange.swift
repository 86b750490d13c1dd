/// A change of the optimum, or the length of a path in the allocation's
/// residual network, in the objective's two levels: unmet priority first,
/// then placement cost (journey minutes plus preference penalties).
///
/// Compared lexicographically, like the objective: one child placed is worth
/// more than any saving of minutes. Adding and subtracting are exact on the
/// first level (whole numbers) and ordinary double arithmetic on the second.
public struct ObjectiveChange: Sendable, Equatable, Comparable, CustomStringConvertible {
  /// The unmet-priority level (ΔU).
  public var unmet: Int
  /// The placement-cost level (ΔC), in minutes-equivalent.
  public var cost: Double

  /// Creates a pair.
  @inlinable
  public init(unmet: Int, cost: Double) {
    self.unmet = unmet
    self.cost = cost
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
    a.unmet != b.unmet ? a.unmet < b.unmet : a.cost < b.cost
  }

  /// Sum, level by level.
  @inlinable
  public static func + (a: Self, b: Self) -> Self { ObjectiveChange(unmet: a.unmet + b.unmet, cost: a.cost + b.cost) }

  /// Difference, level by level.
  @inlinable
  public static func - (a: Self, b: Self) -> Self { ObjectiveChange(unmet: a.unmet - b.unmet, cost: a.cost - b.cost) }

  /// Whether `a` is shorter than `b` by more than `tolerance` minutes on the
  /// cost level (or shorter on the unmet level). Relaxing only on such
  /// improvements keeps label-correcting searches finite when rounding in
  /// the sums of journeys leaves a cycle a few ulps below zero.
  @inlinable
  static func clearlyBelow(_ a: Self, _ b: Self, tolerance: Double) -> Bool {
    a.unmet != b.unmet ? a.unmet < b.unmet : a.cost < b.cost - tolerance
  }

  /// `(ΔU, ΔC)`.
  public var description: String { "(\(unmet), \(cost))" }
}
