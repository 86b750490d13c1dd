import Foundation
import GLPK

/// The branch and bound of ``Recommendation``: the case's allocations by
/// set of options (exact sets and relaxations), solved once each and kept
/// for every budget of a frontier.
final class RecommendationSearch: @unchecked Sendable {
  /// The exact optimum of a case made from options.
  struct Optimum: Sendable {
    var unmet: Int
    var cost: Double
  }

  /// A case to allocate: the options applied as they are, and the options
  /// relaxed (applied without their removals).
  struct CaseKey: Hashable, Sendable {
    var decided: [Int]
    var relaxed: [Int]
  }

  let input: RecommendationInput
  let options: AllocationOptions
  let parallel: Bool
  /// The case as given: U, C and the empty set.
  let baseline: EvaluatedSet
  private let baseRun: AllocationRun
  private let lock = NSLock()
  /// nil: the key's rows do not apply together (no allowed set, no bound).
  private var cache: [CaseKey: Optimum?] = [:]
  private var solved = 0

  /// Allocates the case as given.
  init(input: RecommendationInput, options: AllocationOptions, parallel: Bool) throws(AllocationError) {
    self.input = input
    self.options = options
    self.parallel = parallel && GLPKEnvironment.isThreadLocal
    baseRun = try AllocationRun(case: input.input, options: options)
    baseline = EvaluatedSet(
      chosen: Array(repeating: false, count: input.options.count), unmetPriority: baseRun.summary.unmetPriority,
      placementCost: baseRun.summary.placementCost, capitalCost: 0, annualCost: 0)
    solved = 1
  }

  /// Allocations solved so far, the baseline included.
  var solvedCount: Int {
    lock.lock()
    defer { lock.unlock() }
    return solved
  }

  /// Sums of money are compared with a relative 1e-9 slack: the same
  /// costs summed in another order may differ in the last bits.
  static func within(_ sum: Double, _ limit: Double) -> Bool { sum <= limit + 1e-9 * max(1, abs(limit)) }

  /// The best allowed set within the criteria's budgets.
  func best(_ criteria: RecommendationCriteria) throws(AllocationError) -> EvaluatedSet {
    let annualLimit = criteria.annualBudget ?? .infinity
    let groups = input.groups
    let costs = input.options
    var incumbent = baseline
    func key(_ optimum: Optimum, capital: Double, annual: Double) -> RecommendationKey {
      RecommendationKey(unmet: optimum.unmet, capital: capital, cost: optimum.cost, annual: annual, criteria.then)
    }
    func affordable(_ o: Int, _ capital: Double, _ annual: Double) -> Bool {
      Self.within(capital + costs[o].capitalCost, criteria.budget)
        && Self.within(annual + costs[o].annualCost, annualLimit)
    }
    func visit(depth: Int, decided: [Int], capital: Double, annual: Double) throws(AllocationError) {
      var children: [(decided: [Int], capital: Double, annual: Double)] = [(decided, capital, annual)]
      for o in groups[depth] where affordable(o, capital, annual) {
        children.append((decided + [o], capital + costs[o].capitalCost, annual + costs[o].annualCost))
      }
      let keys = children.map { child in
        var relaxed: [Int] = []
        for group in groups[(depth + 1)...] {
          for o in group where affordable(o, child.capital, child.annual) { relaxed.append(o) }
        }
        return CaseKey(decided: child.decided.sorted(), relaxed: relaxed)
      }
      let optima = try optima(keys)
      // The most promising child first, so that a good set is found early
      // and cuts the rest; a child without a bound last.
      let order = children.indices.sorted { a, b in
        switch (optima[a], optima[b]) {
        case (let x?, let y?):
          let c = key(x, capital: children[a].capital, annual: children[a].annual)
            .compare(key(y, capital: children[b].capital, annual: children[b].annual))
          return c != 0 ? c < 0 : a < b
        case (.some, nil): return true
        case (nil, .some): return false
        case (nil, nil): return a < b
        }
      }
      let isLeaf = depth + 1 == groups.count
      for i in order {
        let child = children[i]
        if let optimum = optima[i] {
          // A bound strictly worse than the best set: no completion can win.
          if key(optimum, capital: child.capital, annual: child.annual).compare(
            RecommendationKey(incumbent, criteria.then))
            > 0
          {
            continue
          }
          if isLeaf {
            var chosen = Array(repeating: false, count: costs.count)
            for o in child.decided { chosen[o] = true }
            var capital = 0.0
            var annual = 0.0
            for (o, option) in costs.enumerated() where chosen[o] {
              capital += option.capitalCost
              annual += option.annualCost
            }
            let set = EvaluatedSet(
              chosen: chosen, unmetPriority: optimum.unmet, placementCost: optimum.cost, capitalCost: capital,
              annualCost: annual)
            if set.isBetter(than: incumbent, then: criteria.then) { incumbent = set }
            continue
          }
        } else if isLeaf {
          continue  // the set's rows do not apply together: not an allowed set
        }
        try visit(depth: depth + 1, decided: child.decided, capital: child.capital, annual: child.annual)
      }
    }
    if !groups.isEmpty { try visit(depth: 0, decided: [], capital: 0, annual: 0) }
    return incumbent
  }

  /// The optima of the keys' cases, from the cache or solved (two at a
  /// time where GLPK allows it).
  func optima(_ keys: [CaseKey]) throws(AllocationError) -> [Optimum?] {
    var results = [Result<Optimum?, AllocationError>?](repeating: nil, count: keys.count)
    var missing: [Int] = []
    lock.lock()
    for (i, key) in keys.enumerated() {
      if let known = cache[key] { results[i] = .success(known) } else { missing.append(i) }
    }
    lock.unlock()
    let toSolve = missing.map { keys[$0] }
    let slots = ParallelSlots<Result<Optimum?, AllocationError>>(count: missing.count)
    let solveOne: @Sendable (Int) -> Void = { m in
      slots.store(m, Result { () throws(AllocationError) -> Optimum? in try self.solve(toSolve[m]) })
    }
    if parallel && missing.count > 1 {
      let counter = Counter(count: missing.count)
      DispatchQueue.concurrentPerform(iterations: 2) { _ in
        while let m = counter.take() { solveOne(m) }
      }
    } else {
      for m in missing.indices { solveOne(m) }
    }
    for (m, result) in slots.values().enumerated() { results[missing[m]] = result }
    var found: [Optimum?] = []
    for result in results {
      guard let result else { continue }
      found.append(try result.get())
    }
    return found
  }

  /// Allocates one case made from options; nil when its rows do not apply.
  private func solve(_ key: CaseKey) throws(AllocationError) -> Optimum? {
    let optimum: Optimum?
    if let plan = relaxedPlan(key) {
      var problems = ProblemList(limit: 1)
      if let planned = PlanApplication.apply(plan, to: input.base, problems: &problems) {
        let candidates = CandidateSet(case: planned.input)
        var planOptions = options
        if options.method == .contestedMarket {
          planOptions.start = Comparison.start(
            from: baseRun.allocation, baseRun.candidates, for: planned, candidates: candidates)
        }
        let run = try AllocationRun(case: planned.input, candidates: candidates, options: planOptions)
        optimum = Optimum(unmet: run.summary.unmetPriority, cost: run.summary.placementCost)
      } else {
        optimum = nil
      }
    } else {
      optimum = nil
    }
    lock.lock()
    cache[key] = optimum
    if optimum != nil { solved += 1 }
    lock.unlock()
    return optimum
  }

  /// The rows of a key's case: the relaxed options' new settings first (a
  /// URN opened by several relaxed options once, with their capacities
  /// summed), then the decided options' rows in file order, then the
  /// relaxed options' place rises. nil when two relaxed options open the
  /// same URN as different settings (no bound is taken then).
  func relaxedPlan(_ key: CaseKey) -> Plan? {
    let file = input.file
    var openings: [PlanRow] = []
    var opened: [URN: Setting] = [:]
    var rises: [PlanRow] = []
    for o in key.relaxed {
      for r in input.options[o].rows {
        let row = file.rows[r]
        switch row.action {
        case .newSetting(let setting):
          if let first = opened[setting.urn] {
            guard Self.sameButCapacity(first, setting) else { return nil }
            if setting.capacity > 0 {
              rises.append(
                PlanRow(line: row.line, action: .addPlaces(urn: setting.urn, places: setting.capacity, need: nil)))
            }
          } else {
            opened[setting.urn] = setting
            openings.append(row)
          }
        case .addPlaces(_, let places, _) where places > 0:
          rises.append(row)
        case .addPlaces(let urn, _, let need?):
          // A removal that designates the setting for a need: the
          // designation kept, the places not removed (one added instead,
          // since a row must change places).
          rises.append(PlanRow(line: row.line, action: .addPlaces(urn: urn, places: 1, need: need)))
        case .addPlaces, .closeSetting:
          continue
        }
      }
    }
    var decided: [Int] = []
    for o in key.decided { decided += input.options[o].rows }
    decided.sort()
    return Plan(
      name: file.name, file: file.file, rows: openings + decided.map { file.rows[$0] } + rises,
      columns: file.columns)
  }

  /// Whether two settings differ in capacity alone: opening both as one
  /// with the capacities summed admits every pupil either admits.
  static func sameButCapacity(_ a: Setting, _ b: Setting) -> Bool {
    a.urn == b.urn && a.kind == b.kind && a.easting == b.easting && a.northing == b.northing && a.lowAge == b.lowAge
      && a.highAge == b.highAge && a.onRoll == b.onRoll && a.gender == b.gender && a.needs == b.needs
      && a.needPlaces == b.needPlaces
  }
}

/// Hands out 0, 1, 2, ... to whichever thread asks next.
private final class Counter: @unchecked Sendable {
  private let lock = NSLock()
  private var next = 0
  private let count: Int

  init(count: Int) { self.count = count }

  func take() -> Int? {
    lock.lock()
    defer { lock.unlock() }
    guard next < count else { return nil }
    next += 1
    return next - 1
  }
}
