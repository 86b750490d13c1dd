/// A cost, price or dual in the allocation's two levels, compared level by
/// level: unmet priority (whole numbers up to rounding), then placement cost
/// (journey minutes plus preference penalty). The tie-break is settled
/// after these, on their optimal face (`ContestedMarket+TieBreak.swift`).
///
/// The contested market prices every pair with these: a reduced cost is a
/// pair's cost less the prices of the rows it uses, and a pair enters the
/// LP only when its reduced cost is lexicographically below zero.
struct LexCost: Sendable, Equatable {
  /// Level 1: unmet priority.
  var unmet: Double
  /// Level 2: journey minutes plus preference penalty.
  var placement: Double

  init(unmet: Double, placement: Double) {
    self.unmet = unmet
    self.placement = placement
  }

  /// Nothing at every level.
  static let zero = LexCost(unmet: 0, placement: 0)

  static func + (a: LexCost, b: LexCost) -> LexCost {
    LexCost(unmet: a.unmet + b.unmet, placement: a.placement + b.placement)
  }

  static func - (a: LexCost, b: LexCost) -> LexCost {
    LexCost(unmet: a.unmet - b.unmet, placement: a.placement - b.placement)
  }

  /// Whether this is below zero, comparing level by level: level 1 is a
  /// whole number up to rounding (so 0.5 decides it exactly), and level 2
  /// counts as zero within `tolerance`.
  func isNegative(within tolerance: LexTolerance) -> Bool {
    if unmet < -0.5 { return true }
    if unmet > 0.5 { return false }
    return placement < -tolerance.placement
  }

  /// Whether this is zero at both levels (within `tolerance` at level 2).
  func isZero(within tolerance: LexTolerance) -> Bool {
    abs(unmet) < 0.5 && abs(placement) <= tolerance.placement
  }
}

/// How far from zero a real level's reduced cost may be and still count as
/// zero: GLPK's rounding is about 1e-9 of the level's largest coefficient.
struct LexTolerance: Sendable {
  /// For level 2 (placement cost).
  var placement: Double
}
