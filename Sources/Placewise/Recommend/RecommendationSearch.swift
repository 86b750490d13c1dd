import Foundation

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
/// 2. The second level. The master keeps only sets whose every U cut is at
///    most U* (a set with U = U* meets them all, since cuts bound U from
///    below) and takes them in rising order of the second level's bound:
///    capital (`--then capital`), or θ >= every cut of C on sets with U = U*
///    (`--then travel`, ``ValueCut/Level/weighted(_:)``). Each proposal is
///    allocated (its U cut removes it if its U > U*) or, if already known,
///    removed by a no-good row. It stops once the master's bound exceeds the
///    least capital (or C) of a set with U* by more than rounding can
///    account for: every set that could tie with or beat the best is then
///    allocated.
/// 3. The contract's order and tie rule over every allocated allowed set.
final class RecommendationSearch {
  /// A set allocated exactly: its figures and its cuts.
  struct Evaluation: Sendable {
    var set: EvaluatedSet
    /// Bounds U from below.
    var cut: ValueCut
    /// Bounds W U + C from below (`ValueCut.Level.weighted`).
    var costCut: ValueCut
    /// The W of `costCut`.
    var weight: Double
    /// The set's allocation (warm-started from the case's, but as exact).
    var allocation: Allocation

    /// The cut bounding C from below on the sets whose U is `unmet`.
    func costCut(unmet: Int) -> ValueCut {
      var cut = costCut
      cut.value -= weight * Double(unmet)
      return cut
    }
  }

  let input: RecommendationInput
  let options: AllocationOptions
  /// The case as given: U, C and the empty set.
  let baseline: EvaluatedSet
  private let baseRun: AllocationRun
  private let effects: OptionEffects
  /// Allocated sets; nil: the set's rows do not apply together.
  private var evaluated: [[Bool]: Evaluation?] = [:]
  /// Every allocated set, in the order allocated.
  private var history: [Evaluation] = []
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
    baseline = Self.evaluated(none, run: baseRun, capital: 0, annual: 0)
    let planned = PlannedCase(
      plan: nil, name: "baseline", input: input.input, origin: Array(input.input.settings.indices))
    try record(none, planned: planned, run: baseRun)
  }

  /// Whether amounts of money sum to within a limit, to the penny: each is
  /// taken in whole pence (every amount in range converts exactly) and
  /// summed as a whole number, so no order of summing and no rounding
  /// lets a set over its budget through. A relative slack of 1e-9 let two
  /// options of £250,000,000.20 through a budget of £500m (hostile trial,
  /// round ten). Decision: amounts are compared to the penny (a fraction
  /// of a penny is rounded to the nearest).
  static func within(_ amounts: [Double], _ limit: Double) -> Bool {
    guard limit.isFinite else { return true }
    let cap = Pence.of(limit)
    var sum: Int64 = 0
    for amount in amounts {
      let (next, overflow) = sum.addingReportingOverflow(Pence.of(amount))
      if overflow { return false }
      sum = next
    }
    return sum <= cap
  }

  /// The capital and annual cost of a set, added to the penny.
  func costs(_ chosen: [Bool]) -> (capital: Double, annual: Double) {
    let taken = input.options.indices.filter { chosen[$0] }.map { input.options[$0] }
    return (Pence.sum(taken.map(\.capitalCost)), Pence.sum(taken.map(\.annualCost)))
  }

  /// The best allowed set within the criteria's budgets.
  func best(_ criteria: RecommendationCriteria) throws(AllocationError) -> EvaluatedSet {
    guard !input.options.isEmpty else { return baseline }
    let annualLimit = criteria.annualBudget ?? .infinity
    func allowed(_ chosen: [Bool]) -> Bool {
      let taken = input.options.indices.filter { chosen[$0] }
      return Self.within(taken.map { input.options[$0].capitalCost }, criteria.budget)
        && Self.within(taken.map { input.options[$0].annualCost }, annualLimit)
    }
    func known() -> [EvaluatedSet] {
      evaluated.values.compactMap { $0?.set }.filter { allowed($0.chosen) }
    }
    var master = MasterProblem(
      capital: input.options.map(\.capitalCost), annual: input.options.map(\.annualCost), groups: input.groups,
      budget: criteria.budget, annualBudget: criteria.annualBudget, timeLimit: options.timeLimit)

    // Level 1: unmet priority.
    master.boundCuts = history.map(\.cut)
    master.excluded = inapplicable
    var unmet = known().map(\.rankedUnmet).min() ?? baseline.rankedUnmet
    while let chosen = try propose(&master, .bound, allowed: allowed, stop: { $0 > Double(unmet) - 0.5 }) {
      guard let evaluation = try evaluate(chosen) else {
        master.excluded.append(chosen)
        continue
      }
      master.boundCuts.append(evaluation.cut)
      unmet = min(unmet, evaluation.set.rankedUnmet)
    }

    // Level 2: every set that may still be best, among those whose cuts allow U*.
    let limit = Double(unmet) + 0.5
    master.boundCuts = []
    master.limits = history.map { ($0.cut, limit) }
    master.excluded = inapplicable
    let best = known().filter { $0.rankedUnmet == unmet }
    // Rounding in sums of money, minutes and GLPK's tolerances is far below this.
    func slack(_ value: Double) -> Double { 1e-6 * max(1, abs(value)) }
    let years = criteria.years
    func wholeLife(_ set: EvaluatedSet) -> Double {
      RecommendationKey.wholeLife(
        capital: set.capitalCost, annual: set.annualCost, cost: set.placementCost, years: years)
    }
    var leastCapital = best.map(\.capitalCost).min() ?? .infinity
    var leastCost = best.map(\.placementCost).min() ?? .infinity
    var leastWholeLife = best.map(wholeLife).min() ?? .infinity
    let objective: MasterProblem.Objective
    let stop: (Double) -> Bool
    switch criteria.then {
    case .capital:
      objective = .capital
      stop = { $0 > leastCapital + slack(leastCapital) }
    case .travel:
      objective = .bound
      master.boundCuts = history.map { $0.costCut(unmet: unmet) }
      stop = { $0 > leastCost + slack(leastCost) }
    case .wholeLife:
      // The master's bound: capital + years × (annual + a lower bound on C).
      objective = .wholeLife(years: years)
      master.boundCuts = history.map { $0.costCut(unmet: unmet) }
      stop = { $0 > leastWholeLife + slack(leastWholeLife) }
    }
    while let chosen = try propose(&master, objective, allowed: allowed, stop: stop) {
      master.excluded.append(chosen)
      guard let evaluation = try evaluate(chosen) else { continue }
      master.limits.append((evaluation.cut, limit))
      if criteria.then != .capital { master.boundCuts.append(evaluation.costCut(unmet: unmet)) }
      if evaluation.set.rankedUnmet == unmet {
        leastCapital = min(leastCapital, evaluation.set.capitalCost)
        leastCost = min(leastCost, evaluation.set.placementCost)
        leastWholeLife = min(leastWholeLife, wholeLife(evaluation.set))
      }
    }

    // Level 3: the contract's order over every allocated allowed set.
    return ranked(known(), criteria)
  }

  /// Solves the master until it proposes a set that is allowed and not yet
  /// allocated, or none is left or `stop` says its bound is not worth it.
  /// A known set is removed for the rest of the level.
  private func propose(
    _ master: inout MasterProblem, _ objective: MasterProblem.Objective, allowed: ([Bool]) -> Bool,
    stop: (Double) -> Bool
  ) throws(AllocationError) -> [Bool]? {
    while true {
      masterSolves += 1
      guard let (chosen, bound) = try master.solve(objective), !stop(bound) else { return nil }
      if evaluated[chosen] != nil {
        master.excluded.append(chosen)
      } else if !allowed(chosen) {
        // Over a budget by less than GLPK's tolerance.
        master.excluded.append(chosen)
      } else {
        return chosen
      }
    }
  }

  /// The best of `sets` by the contract's order and tie rule (the baseline
  /// when none beats it): taken in the order of the tie rule, so that the
  /// first of equals stays.
  private func ranked(_ sets: [EvaluatedSet], _ criteria: RecommendationCriteria) -> EvaluatedSet {
    var chosen = baseline
    for set in sets.sorted(by: { $0.chosen.lexicographicallyPrecedes($1.chosen) { !$0 && $1 } })
    where set.isBetter(than: chosen, then: criteria.then, years: criteria.years) {
      chosen = set
    }
    return chosen
  }

  /// The exact allocation the search found for `chosen`, if it allocated
  /// that set: what `recommend` writes as `allocation/`, not solved again.
  func allocation(of chosen: [Bool]) -> Allocation? {
    evaluated[chosen]??.allocation
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
    let blocked = BlockedPairs(case: planned.input)
    let network = try ResidualNetwork(
      case: planned.input, candidates: run.candidates, allocation: run.allocation, blocked: blocked)
    let summary = run.summary
    let (capital, annual) = costs(chosen)
    let set = Self.evaluated(chosen, run: run, capital: capital, annual: annual)
    let cut = ValueCut.make(
      .unmet, effects, at: chosen, planned: planned, network: network, value: Double(set.rankedUnmet))
    let weight = ValueCut.weight(
      network: network, case: planned.input, candidates: run.candidates, blocked: blocked)
    let costCut = ValueCut.make(
      .weighted(weight), effects, at: chosen, planned: planned, network: network,
      value: weight * Double(set.rankedUnmet) + summary.placementCost)
    let evaluation = Evaluation(set: set, cut: cut, costCut: costCut, weight: weight, allocation: run.allocation)
    evaluated[chosen] = .some(evaluation)
    history.append(evaluation)
    solvedCount += 1
    return evaluation
  }

  /// A set's figures from its exact allocation, with U and R folded as the
  /// search ranks them.
  static func evaluated(_ chosen: [Bool], run: AllocationRun, capital: Double, annual: Double) -> EvaluatedSet {
    var set = EvaluatedSet(
      chosen: chosen, unmetPriority: run.summary.unmetPriority, placementCost: run.summary.placementCost,
      capitalCost: capital, annualCost: annual)
    set.requestsRefused = run.summary.requestsRefused
    set.rankedUnmet = run.summary.unmetPriority * run.candidates.unitWeight + run.summary.requestsRefused
    return set
  }
}
