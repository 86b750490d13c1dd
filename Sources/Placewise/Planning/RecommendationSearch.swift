import Foundation
import GLPK

/// The search of ``Recommendation``: a master MIP over the options proposes
/// sets, each proposal is allocated exactly, and each allocation adds a cut
/// (``ValueCut``) that the master keeps. Allocations and cuts do not depend
/// on the budget, so a frontier's budgets share them.
///
/// For one budget, level by level:
/// 1. Unmet priority. The master minimises θ over the allowed sets with
///    θ >= every cut. Its optimum bounds U from below on every set it has not
///    removed, so once it exceeds the least U found less one half (U is a
///    whole number), that U is the optimum U*.
/// 2. The second level. The master keeps only sets whose every cut is at
///    most U* (a set with U = U* meets them all, since cuts bound U from
///    below) and takes them in rising order of the second level's bound:
///    capital (`--then capital`), or with `--then travel` in any order, every
///    one. Each proposal is allocated (its cut removes it if its U > U*) or,
///    if already known, removed by a no-good row. With `--then capital` it
///    stops once the least capital proposed exceeds the least capital of a
///    set with U* by more than rounding can account for: every set that
///    could tie with or beat the best is then allocated.
/// 3. The contract's order and tie rule over every allocated allowed set.
final class RecommendationSearch: @unchecked Sendable {
  /// A set allocated exactly: its figures and its cut.
  struct Evaluation: Sendable {
    var set: EvaluatedSet
    var cut: ValueCut
  }

  let input: RecommendationInput
  let options: AllocationOptions
  /// The case as given: U, C and the empty set.
  let baseline: EvaluatedSet
  private let baseRun: AllocationRun
  private let effects: OptionEffects
  /// Allocated sets; nil: the set's rows do not apply together.
  private var evaluated: [[Bool]: Evaluation?] = [:]
  /// Every cut so far, in the order taken.
  private var cuts: [ValueCut] = []
  /// Sets whose rows do not apply together, in the order found.
  private var inapplicable: [[Bool]] = []
  /// Allocations solved so far, the baseline included.
  private(set) var solvedCount = 0
  /// Master MIPs solved so far.
  private(set) var masterSolves = 0

  /// Allocates the case as given and reads the options' effects.
  init(input: RecommendationInput, options: AllocationOptions) throws(AllocationError) {
    self.input = input
    var quiet = options
    quiet.placeValues = false
    quiet.explanations = false
    self.options = quiet
    effects = try OptionEffects(input)
    baseRun = try AllocationRun(case: input.input, options: quiet)
    let none = Array(repeating: false, count: input.options.count)
    baseline = EvaluatedSet(
      chosen: none, unmetPriority: baseRun.summary.unmetPriority, placementCost: baseRun.summary.placementCost,
      capitalCost: 0, annualCost: 0)
    let planned = PlannedCase(plan: nil, name: "baseline", input: input.input, origin: Array(input.input.settings.indices))
    try record(none, planned: planned, run: baseRun)
  }

  /// Sums of money are compared with a relative 1e-9 slack: the same
  /// costs summed in another order may differ in the last bits.
  static func within(_ sum: Double, _ limit: Double) -> Bool { sum <= limit + 1e-9 * max(1, abs(limit)) }

  /// The capital and annual cost of a set, summed in file order.
  func costs(_ chosen: [Bool]) -> (capital: Double, annual: Double) {
    var capital = 0.0
    var annual = 0.0
    for (o, option) in input.options.enumerated() where chosen[o] {
      capital += option.capitalCost
      annual += option.annualCost
    }
    return (capital, annual)
  }

  /// The best allowed set within the criteria's budgets.
  func best(_ criteria: RecommendationCriteria) throws(AllocationError) -> EvaluatedSet {
    let annualLimit = criteria.annualBudget ?? .infinity
    func allowed(_ chosen: [Bool]) -> Bool {
      let (capital, annual) = costs(chosen)
      return Self.within(capital, criteria.budget) && Self.within(annual, annualLimit)
    }
    func known() -> [EvaluatedSet] {
      evaluated.values.compactMap { $0?.set }.filter { allowed($0.chosen) }
    }
    var master = MasterProblem(
      capital: input.options.map(\.capitalCost), annual: input.options.map(\.annualCost), groups: input.groups,
      budget: criteria.budget, annualBudget: criteria.annualBudget)

    /// Solves the master until it proposes a set that is allowed and not yet
    /// allocated, or none is left or `stop` says its bound is not worth it.
    /// A known set is handed to `seen` and removed for the rest of the level.
    func propose(_ objective: MasterProblem.Objective, stop: (Double) -> Bool, seen: ([Bool]) -> Void)
      throws(AllocationError) -> [Bool]?
    {
      while true {
        masterSolves += 1
        guard let (chosen, bound) = try master.solve(objective), !stop(bound) else { return nil }
        if let known = evaluated[chosen] {
          if known != nil { seen(chosen) }
          master.excluded.append(chosen)
        } else if !allowed(chosen) {
          // Over a budget by less than GLPK's tolerance.
          master.excluded.append(chosen)
        } else {
          return chosen
        }
      }
    }

    // Level 1: unmet priority.
    master.boundCuts = cuts
    master.excluded = inapplicable
    var unmet = known().map(\.unmetPriority).min() ?? baseline.unmetPriority
    while let chosen = try propose(.bound, stop: { $0 > Double(unmet) - 0.5 }, seen: { _ in }) {
      guard let evaluation = try evaluate(chosen) else {
        master.excluded.append(chosen)
        continue
      }
      master.boundCuts.append(evaluation.cut)
      unmet = min(unmet, evaluation.set.unmetPriority)
    }

    // Level 2: every set that may still be best, among those whose cuts allow U*.
    let limit = Double(unmet) + 0.5
    master.boundCuts = []
    master.limits = cuts.map { ($0, limit) }
    master.excluded = inapplicable
    var leastCapital = known().filter { $0.unmetPriority == unmet }.map(\.capitalCost).min() ?? .infinity
    func slack(_ capital: Double) -> Double { 1e-6 * max(1, abs(capital)) }
    let stop: (Double) -> Bool =
      criteria.then == .capital ? { $0 > leastCapital + slack(leastCapital) } : { _ in false }
    while let chosen = try propose(.capital, stop: stop, seen: { _ in }) {
      master.excluded.append(chosen)
      guard let evaluation = try evaluate(chosen) else { continue }
      master.limits.append((evaluation.cut, limit))
      if evaluation.set.unmetPriority == unmet { leastCapital = min(leastCapital, evaluation.set.capitalCost) }
    }

    // Level 3: the contract's order over every allocated allowed set.
    var best = baseline
    for set in known().sorted(by: { $0.chosen.lexicographicallyPrecedes($1.chosen) { !$0 && $1 } })
    where set.isBetter(than: best, then: criteria.then) {
      best = set
    }
    return best
  }

  /// Allocates a set, warm-started from the case's optimum, and records its
  /// figures and cut; nil when its rows do not apply together.
  func evaluate(_ chosen: [Bool]) throws(AllocationError) -> Evaluation? {
    var problems = ProblemList(limit: 1)
    guard let planned = PlanApplication.apply(input.plan(choosing: chosen), to: input.base, problems: &problems)
    else {
      evaluated[chosen] = .some(nil)
      inapplicable.append(chosen)
      return nil
    }
    let candidates = CandidateSet(case: planned.input)
    var planOptions = options
    if options.method == .contestedMarket {
      planOptions.start = Comparison.start(
        from: baseRun.allocation, baseRun.candidates, for: planned, candidates: candidates)
    }
    let run = try AllocationRun(case: planned.input, candidates: candidates, options: planOptions)
    return try record(chosen, planned: planned, run: run)
  }

  @discardableResult
  private func record(_ chosen: [Bool], planned: PlannedCase, run: AllocationRun) throws(AllocationError)
    -> Evaluation
  {
    let network = try ResidualNetwork(
      case: planned.input, candidates: run.candidates, allocation: run.allocation,
      blocked: BlockedPairs(case: planned.input))
    let cut = ValueCut.unmet(
      effects, at: chosen, planned: planned, network: network, unmet: run.summary.unmetPriority)
    let (capital, annual) = costs(chosen)
    let set = EvaluatedSet(
      chosen: chosen, unmetPriority: run.summary.unmetPriority, placementCost: run.summary.placementCost,
      capitalCost: capital, annualCost: annual)
    let evaluation = Evaluation(set: set, cut: cut)
    evaluated[chosen] = .some(evaluation)
    cuts.append(cut)
    solvedCount += 1
    return evaluation
  }
}
