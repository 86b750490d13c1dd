import Foundation

/// What `recommend` ranks second and third, after unmet priority.
public enum RecommendationOrder: String, Sendable, CaseIterable {
  /// (2) capital cost, (3) placement cost: the default.
  case capital
  /// (2) placement cost, (3) capital cost.
  case travel
  /// (2) the whole-life cost, capital + years × (annual cost + C in pounds),
  /// (3) capital cost (case format 2; needs `cost = "pounds"`).
  case wholeLife = "whole-life"
}

/// The limits and the order of a search.
public struct RecommendationCriteria: Sendable {
  /// Capital budget, pounds.
  public var budget: Double
  /// Annual budget, pounds, if any.
  public var annualBudget: Double?
  /// What ranks after unmet priority.
  public var then: RecommendationOrder
  /// The years of running costs a whole-life cost counts (`--years`).
  public var years: Double = 5

  /// Creates criteria.
  public init(budget: Double, annualBudget: Double? = nil, then: RecommendationOrder = .capital, years: Double = 5) {
    self.budget = budget
    self.annualBudget = annualBudget
    self.then = then
    self.years = years
  }
}

/// A set of options with the exact optimum of the case it makes.
public struct EvaluatedSet: Sendable {
  /// Per option, in file order: taken or not.
  public var chosen: [Bool]
  /// U of the case with the set applied.
  public var unmetPriority: Int
  /// R of the case with the set applied (case format 2).
  public var requestsRefused = 0
  /// U and R as the search ranks them: `U * unitWeight + R`, which orders
  /// sets as (U, R) does (`CandidateSet.unitWeight`, the same for every set
  /// the search may rank).
  public var rankedUnmet: Int
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
    rankedUnmet = unmetPriority
    self.placementCost = placementCost
    self.capitalCost = capitalCost
    self.annualCost = annualCost
  }

  /// The whole-life cost over `years`, capital + years × (annual cost +
  /// placement cost), summed in decimal from the shortest digits of each
  /// figure (as the outputs print them) and then read back as a double, so
  /// that it agrees with a reader's own sum: in binary, 0.1 + 0.2 is
  /// 0.30000000000000004.
  public func wholeLifeCost(years: Int) -> Double {
    func decimal(_ value: Double) -> Decimal? { Decimal(string: "\(value)", locale: Locale(identifier: "en_GB")) }
    guard let capital = decimal(capitalCost), let annual = decimal(annualCost), let cost = decimal(placementCost)
    else {
      return RecommendationKey.wholeLife(
        capital: capitalCost, annual: annualCost, cost: placementCost, years: Double(years))
    }
    let sum = capital + Decimal(years) * (annual + cost)
    return Double("\(sum)")
      ?? RecommendationKey.wholeLife(
        capital: capitalCost, annual: annualCost, cost: placementCost, years: Double(years))
  }

  /// Whether this set beats `other` by the contract's order: U, then the
  /// two levels `then` names, then annual cost, then the set that leaves
  /// out the earliest-listed option where the two differ.
  public func isBetter(than other: EvaluatedSet, then: RecommendationOrder, years: Double = 5) -> Bool {
    let order = RecommendationKey(self, then, years: years).compare(RecommendationKey(other, then, years: years))
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

  init(unmet: Int, capital: Double, cost: Double, annual: Double, _ then: RecommendationOrder, years: Double = 5) {
    self.unmet = unmet
    switch then {
    case .capital: (second, third) = (capital, cost)
    case .travel: (second, third) = (cost, capital)
    case .wholeLife:
      (second, third) = (Self.wholeLife(capital: capital, annual: annual, cost: cost, years: years), capital)
    }
    self.annual = annual
  }

  init(_ set: EvaluatedSet, _ then: RecommendationOrder, years: Double = 5) {
    self.init(
      unmet: set.rankedUnmet, capital: set.capitalCost, cost: set.placementCost, annual: set.annualCost, then,
      years: years)
  }

  /// Capital plus `years` of the set's annual cost and the allocation's
  /// placement cost (pounds a year).
  static func wholeLife(capital: Double, annual: Double, cost: Double, years: Double) -> Double {
    capital + years * (annual + cost)
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
  /// R of the case as given.
  public var baselineRequestsRefused = 0
  /// The best set for each budget of the frontier, budgets rising.
  public var frontier: [(budget: Double, set: EvaluatedSet)]?
  /// Allocations solved exactly during the search, the case's own included.
  public var allocationsSolved: Int
  /// Master MIPs solved during the search.
  public var masterSolves: Int
  /// The search's exact allocation of the best set, for ``Recommendation/allocate(_:chosen:solved:options:)``
  /// to use instead of solving the set again.
  public var bestAllocation: Allocation?
}

/// `recommend`: the exact best set of options for a budget.
///
/// A master MIP over the options, solved by GLPK's branch and bound, proposes
/// sets; each proposal is allocated exactly (warm-started from the case's
/// optimum) and adds a cut from the allocation's node potentials that
/// bounds unmet priority from below on every set (``ValueCut``). Level by
/// level (``RecommendationSearch``), the master's bound proves when no set
/// left could be better, so the answer is the one enumeration would pick.
public enum Recommendation {
  /// Searches for the best set, and the frontier of `frontierSteps` + 1
  /// budgets from 0 to the budget when asked for.
  ///
  /// - Throws: `AllocationError` when a solve fails or a result breaks an invariant.
  public static func run(
    _ input: RecommendationInput, criteria: RecommendationCriteria, frontierSteps: Int? = nil,
    options: AllocationOptions = AllocationOptions()
  ) throws(AllocationError) -> RecommendationResult {
    let search = try RecommendationSearch(input: input, options: options)
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
    var result = RecommendationResult(
      best: best, baselineUnmetPriority: search.baseline.unmetPriority,
      baselinePlacementCost: search.baseline.placementCost, frontier: frontier,
      allocationsSolved: search.solvedCount, masterSolves: search.masterSolves)
    result.baselineRequestsRefused = search.baseline.requestsRefused
    result.bestAllocation = search.allocation(of: best.chosen)
    return result
  }

  /// The case with the chosen options applied, allocated and checked: what
  /// `allocation/` is rendered from. `solved`, the search's allocation of
  /// the set (``RecommendationResult/bestAllocation``), is checked and used
  /// instead of solving the set again.
  ///
  /// - Throws: `AllocationError` when the solve fails or `solved` breaks an invariant.
  public static func allocate(
    _ input: RecommendationInput, chosen: [Bool], solved: Allocation? = nil,
    options: AllocationOptions = AllocationOptions()
  ) throws(AllocationError) -> AllocationRun {
    var problems = ProblemList(limit: 1)
    guard let planned = PlanApplication.apply(input.plan(choosing: chosen), to: input.base, problems: &problems)
    else { throw AllocationError(.invariantBroken, "the recommended set of options does not apply to the case") }
    return try AllocationRun(case: planned.input, solved: solved, options: options)
  }
}
