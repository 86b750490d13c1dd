import Foundation

/// What `recommend` ranks second and third, after unmet priority.
public enum RecommendationOrder: String, Sendable, CaseIterable {
  /// (2) capital cost, (3) placement cost: the default.
  case capital
  /// (2) placement cost, (3) capital cost.
  case travel
}

/// The limits and the order of a search.
public struct RecommendationCriteria: Sendable {
  /// Capital budget, pounds.
  public var budget: Double
  /// Annual budget, pounds, if any.
  public var annualBudget: Double?
  /// What ranks after unmet priority.
  public var then: RecommendationOrder

  /// Creates criteria.
  public init(budget: Double, annualBudget: Double? = nil, then: RecommendationOrder = .capital) {
    self.budget = budget
    self.annualBudget = annualBudget
    self.then = then
  }
}

/// A set of options with the exact optimum of the case it makes.
public struct EvaluatedSet: Sendable {
  /// Per option, in file order: taken or not.
  public var chosen: [Bool]
  /// U of the case with the set applied.
  public var unmetPriority: Int
  /// C of the case with the set applied.
  public var placementCost: Double
  /// The sum of the options' capital costs.
  public var capitalCost: Double
  /// The sum of the options' annual costs.
  public var annualCost: Double

  /// Creates a set's figures.
  public init(chosen: [Bool], unmetPriority: Int, placementCost: Double, capitalCost: Double, annualCost: Double) {
    self.chosen = chosen
    self.unmetPriority = unmetPriority
    self.placementCost = placementCost
    self.capitalCost = capitalCost
    self.annualCost = annualCost
  }

  /// Whether this set beats `other` by the contract's order: U, then the
  /// two levels `then` names, then annual cost, then the set that leaves
  /// out the earliest-listed option where the two differ.
  public func isBetter(than other: EvaluatedSet, then: RecommendationOrder) -> Bool {
    let order = RecommendationKey(self, then).compare(RecommendationKey(other, then))
    if order != 0 { return order < 0 }
    for (a, b) in zip(chosen, other.chosen) where a != b { return !a }
    return false
  }
}

/// The four ranked figures of a set (or lower bounds on them), compared
/// lexicographically; money and minutes equal within a relative 1e-9 (sums
/// of the same terms in another order differ in the last bits).
struct RecommendationKey {
  var unmet: Int
  var second: Double
  var third: Double
  var annual: Double

  init(unmet: Int, capital: Double, cost: Double, annual: Double, _ then: RecommendationOrder) {
    self.unmet = unmet
    self.second = then == .capital ? capital : cost
    self.third = then == .capital ? cost : capital
    self.annual = annual
  }

  init(_ set: EvaluatedSet, _ then: RecommendationOrder) {
    self.init(
      unmet: set.unmetPriority, capital: set.capitalCost, cost: set.placementCost, annual: set.annualCost, then)
  }

  /// -1, 0 or 1 as this key is below, equal to or above `other`.
  func compare(_ other: RecommendationKey) -> Int {
    if unmet != other.unmet { return unmet < other.unmet ? -1 : 1 }
    for (a, b) in [(second, other.second), (third, other.third), (annual, other.annual)] {
      if abs(a - b) > 1e-9 * max(1, abs(a), abs(b)) { return a < b ? -1 : 1 }
    }
    return 0
  }
}

/// What `recommend` found: the best set, the baseline's figures, and the
/// frontier when asked for.
public struct RecommendationResult: Sendable {
  /// The best set within the budgets.
  public var best: EvaluatedSet
  /// U of the case as given.
  public var baselineUnmetPriority: Int
  /// C of the case as given.
  public var baselinePlacementCost: Double
  /// The best set for each budget of the frontier, budgets rising.
  public var frontier: [(budget: Double, set: EvaluatedSet)]?
  /// Allocations solved exactly during the search (bounds and sets).
  public var allocationsSolved: Int
}

/// `recommend`: the exact best set of options for a budget.
///
/// Branch and bound over the groups, in file order: each group takes one of
/// its options or none. A node's bound is the exact lexicographic optimum
/// (U, C) of a relaxed case: the options already decided applied as they
/// are, and every affordable option of the undecided groups applied at
/// once without its removals (no `close_setting`, no negative
/// `add_places`). Every allowed completion's case is a restriction of it
/// (fewer or equal places at every setting and cap, free places
/// `max(0, capacity - on_roll)` rising with capacity, fewer settings and
/// designations, the same journeys and preference ranks), so its optimum is
/// lexicographically at least the relaxation's: U >= U_relax, and C >=
/// C_relax where U = U_relax. With the decided options' capital and annual
/// cost (the least any completion spends) this bounds the contract's key,
/// and a node whose bound is strictly worse than the best set found is cut.
/// Ties with the bound are explored, so the tie rule is applied over every
/// set that could tie. Each leaf is the exact allocation of its set.
public enum Recommendation {
  /// Searches for the best set, and the frontier of `frontierSteps` + 1
  /// budgets from 0 to the budget when asked for.
  ///
  /// - Throws: `AllocationError` when a solve fails or a result breaks an invariant.
  public static func run(
    _ input: RecommendationInput, criteria: RecommendationCriteria, frontierSteps: Int? = nil,
    options: AllocationOptions = AllocationOptions(), parallel: Bool = true
  ) throws(AllocationError) -> RecommendationResult {
    let search = try RecommendationSearch(input: input, options: options, parallel: parallel)
    let best = try search.best(criteria)
    var frontier: [(budget: Double, set: EvaluatedSet)]?
    if let steps = frontierSteps, steps > 0 {
      var rows: [(budget: Double, set: EvaluatedSet)] = []
      for k in 0...steps {
        let budget = k == steps ? criteria.budget : criteria.budget * Double(k) / Double(steps)
        var limits = criteria
        limits.budget = budget
        rows.append((budget, try search.best(limits)))
      }
      frontier = rows
    }
    return RecommendationResult(
      best: best, baselineUnmetPriority: search.baseline.unmetPriority,
      baselinePlacementCost: search.baseline.placementCost, frontier: frontier,
      allocationsSolved: search.solvedCount)
  }

  /// The case with the chosen options applied, allocated and checked: what
  /// `allocation/` is rendered from.
  ///
  /// - Throws: `AllocationError` when the solve fails.
  public static func allocate(
    _ input: RecommendationInput, chosen: [Bool], options: AllocationOptions = AllocationOptions()
  ) throws(AllocationError) -> AllocationRun {
    var problems = ProblemList(limit: 1)
    guard let planned = PlanApplication.apply(input.plan(choosing: chosen), to: input.base, problems: &problems)
    else { throw AllocationError(.invariantBroken, "the recommended set of options does not apply to the case") }
    return try AllocationRun(case: planned.input, options: options)
  }
}
