import PlacewiseTestSupport
import Testing

@testable import Placewise

/// Re-solving changed cases with the `Allocator`: the oracle the residual
/// network's figures are compared with. It shares nothing with the
/// residual network but the case model and the solver, which the allocation
/// tests check against brute-force enumeration.
enum PlanningOracle {
  /// The optimum (U, C) of a case.
  static func optimum(_ input: Case) throws -> ObjectiveChange {
    let candidates = CandidateSet(case: input)
    return try optimum(input, candidates: candidates)
  }

  /// The optimum (U, R, C) of a case whose candidates are given.
  static func optimum(_ input: Case, candidates: CandidateSet) throws -> ObjectiveChange {
    let allocation = try Allocator.allocate(input, candidates: candidates)
    try allocation.verify(case: input, candidates: candidates)
    let summary = AllocationSummary(case: input, candidates: candidates, allocation: allocation)
    return ObjectiveChange(unmet: summary.unmetPriority, refused: summary.requestsRefused, cost: summary.placementCost)
  }

  /// The case with one more free place at setting s (caps unchanged).
  static func onePlaceMore(_ input: Case, setting s: Int) -> Case {
    var changed = input
    let free = changed.settings[s].freePlaces
    changed.settings[s].onRoll = 0
    changed.settings[s].capacity = free + 1
    return changed
  }

  /// The case with setting s's cap for this need one higher (free places unchanged).
  static func oneCapMore(_ input: Case, setting s: Int, need: NeedCode) -> Case {
    var changed = input
    changed.settings[s].needPlaces[need, default: 0] += 1
    return changed
  }

  /// The optimum of the case in which pupil p must be placed at setting f:
  /// p's only pair is the one at f, and its priority outweighs every other
  /// pupil's together, so an optimum leaves it unplaced only if f cannot
  /// take it at all. The figure returned counts p at its own priority.
  static func forcedOptimum(_ input: Case, pupil p: Int, setting f: Int) throws -> ObjectiveChange {
    var changed = input
    let others = input.pupils.reduce(0) { $0 + $1.priority }
    changed.pupils[p].priority = others + 1
    var candidates = CandidateSet(case: changed)
    let keep = try #require(candidates.pairs(of: p).first { Int(candidates.setting[$0]) == f })
    let before = candidates.offsets[p]
    let after = candidates.offsets[p + 1]
    func narrowed<T>(_ array: [T]) -> [T] { Array(array[..<before]) + [array[keep]] + Array(array[after...]) }
    candidates.setting = narrowed(candidates.setting)
    candidates.minutes = narrowed(candidates.minutes)
    candidates.rank = narrowed(candidates.rank)
    candidates.penalty = narrowed(candidates.penalty)
    candidates.refuses = narrowed(candidates.refuses)
    let removed = (after - before) - 1
    for q in (p + 1)..<candidates.offsets.count { candidates.offsets[q] -= removed }
    let allocation = try Allocator.allocate(changed, candidates: candidates)
    let placedThere = allocation.placements[p].setting == f
    #expect(placedThere, "the forced pupil must be placed at its first preference")
    let summary = AllocationSummary(case: changed, candidates: candidates, allocation: allocation)
    return ObjectiveChange(unmet: summary.unmetPriority, refused: summary.requestsRefused, cost: summary.placementCost)
  }

  /// Whether two changes agree: the same unmet priority and requests
  /// refused, costs within rounding.
  static func agree(_ a: ObjectiveChange, _ b: ObjectiveChange) -> Bool {
    a.unmet == b.unmet && a.refused == b.refused && abs(a.cost - b.cost) <= 1e-6 * max(1, abs(b.cost))
  }
}
