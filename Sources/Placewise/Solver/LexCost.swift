/// A cost, price or dual in the allocation's two levels, compared level by
/// level: unmet priority (whole numbers up to rounding), then placement cost
/// (journey minutes plus preference penalty). The tie-break is settled
/// after these, on their optimal face (`ContestedMarket+TieBreak.swift`).
///
/// The contested market prices every pair with these: a reduced cost is a
/// pair's cost less the prices of the rows it uses, and a pair enters the
/// LP only when its reduced cost is lexicographically below zero.
///
/// Why this is not `ObjectiveChange`: a `LexCost` is an LP price or dual, a
/// real number at each level compared within a tolerance, and it has two
/// levels because the solver folds unmet priority and refused requests into
/// one (`CandidateSet.unitWeight`); an `ObjectiveChange` is an exact change
/// of the optimum, whole numbers on its first levels, with the folded level
/// split back into ΔU and ΔR for the outputs. Merging them would put a
/// tolerance into exact figures, or exactness into prices that have none.
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

extension CandidateSet {
  /// A pair's cost at the solver's two levels: its units (a refused
  /// protected request) and its placement cost.
  @inline(__always)
  func lexCost(_ pair: Int) -> LexCost { LexCost(unmet: Double(units(pair)), placement: cost(pair)) }

  /// A pair's cost with both levels in one, a unit of the first worth `weight`.
  @inline(__always)
  func combinedCost(_ pair: Int, weight: Double) -> Double { cost(pair) + weight * Double(units(pair)) }

  /// A pupil's cost of being left unplaced at the solver's two levels.
  @inline(__always)
  func unplacedLexCost(_ p: Int, priority: Int) -> LexCost {
    LexCost(unmet: Double(unplacedUnits(p, priority: priority)), placement: 0)
  }
}

extension LexCost {
  /// Whether a pair of cost (`units`, `cost`), and every pair after it in
  /// a pupil's row (rows are in level order), has a reduced cost above zero
  /// against the pupil's dual `y`: every price is lexicographically at most
  /// zero, so a reduced cost is at least (units - y1, cost - y2).
  @inline(__always)
  static func pastZero(units: Int, cost: Double, dual y: LexCost, within tolerance: LexTolerance) -> Bool {
    let level1 = Double(units) - y.unmet
    if level1 > 0.5 { return true }
    if level1 < -0.5 { return false }
    return cost - y.placement > tolerance.placement
  }
}
