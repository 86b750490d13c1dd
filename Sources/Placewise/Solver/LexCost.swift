/// A cost, price or dual in the solver's three levels, compared level by
/// level: unmet priority (whole numbers up to rounding), then placement cost
/// (journey minutes plus preference penalty), then the tie-break weight.
///
/// The contested market prices every pair with these: a reduced cost is a
/// pair's cost less the prices of the rows it uses, and a pair enters the
/// LP only when its reduced cost is lexicographically below zero.
struct LexCost: Sendable, Equatable {
  /// Level 1: unmet priority.
  var unmet: Double
  /// Level 2: journey minutes plus preference penalty.
  var placement: Double
  /// Level 3: the tie-break weight (`TieBreak`).
  var tieBreak: Double

  init(unmet: Double, placement: Double, tieBreak: Double) {
    self.unmet = unmet
    self.placement = placement
    self.tieBreak = tieBreak
  }

  /// Nothing at every level.
  static let zero = LexCost(unmet: 0, placement: 0, tieBreak: 0)

  static func + (a: LexCost, b: LexCost) -> LexCost {
    LexCost(unmet: a.unmet + b.unmet, placement: a.placement + b.placement, tieBreak: a.tieBreak + b.tieBreak)
  }

  static func - (a: LexCost, b: LexCost) -> LexCost {
    LexCost(unmet: a.unmet - b.unmet, placement: a.placement - b.placement, tieBreak: a.tieBreak - b.tieBreak)
  }

  /// Whether this is below zero, comparing level by level: level 1 is a
  /// whole number up to rounding (so 0.5 decides it exactly), and levels 2
  /// and 3 count as zero within `tolerance`.
  func isNegative(within tolerance: LexTolerance) -> Bool {
    if unmet < -0.5 { return true }
    if unmet > 0.5 { return false }
    if placement < -tolerance.placement { return true }
    if placement > tolerance.placement { return false }
    return tieBreak < -tolerance.tieBreak
  }
}

/// How far from zero a real level's reduced cost may be and still count as
/// zero: GLPK's rounding is about 1e-9 of the level's largest coefficient.
struct LexTolerance: Sendable {
  /// For level 2 (placement cost).
  var placement: Double
  /// For level 3 (the tie-break).
  var tieBreak: Double
}
