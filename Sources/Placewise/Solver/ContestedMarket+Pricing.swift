import Foundation
import GLPK
import ParallelWork

extension ContestedMarket {
  struct RoundResult {
    var isOptimal: Bool
    var assignment: [Int]
    /// LP columns the pricing added for the next round.
    var addedColumns = 0
  }

  mutating func solveRound(deadline: ContinuousClock.Instant?, proving: Bool = true) throws(AllocationError)
    -> RoundResult
  {
    activatedFrom = [:]
    let settingCount = input.settings.count
    let activePupils = (0..<input.pupils.count).filter { isActive[$0] }

    let (demand, hasSettingRow, liveCaps) = lpRows(activePupils)
    let liveCapSet = Set(liveCaps)
    // Pupils linked only through rows: settings without a row couple nobody.
    // Each connected part is an LP of its own, solved apart (in parallel
    // where GLPK keeps an environment per thread).
    let components = self.components(activePupils, hasSettingRow: hasSettingRow, liveCaps: liveCaps)
    lastLPPupils = activePupils.count
    lastLPColumns = activePupils.reduce(0) { $0 + included[$1].count + 1 }
    lastComponents = components.count
    monitor.report(.pricingRound(round: rounds, lpPupils: activePupils.count))
    monitor.log(
      "round \(rounds): \(activePupils.count) pupils, \(lastLPColumns) cols, parts \(components.map(\.count).sorted(by: >).prefix(5))"
    )

    let results = solveComponents(
      components, hasSettingRow: hasSettingRow, liveCaps: liveCapSet, deadline: deadline, proving: proving)

    var assignment = fixedPair
    for p in activePupils { assignment[p] = -1 }
    // Duals of each setting row, cap row and pupil row (zero where none).
    var ySetting = [LexCost](repeating: .zero, count: settingCount)
    var yCap: [CapKey: LexCost] = [:]
    var yPupil = [LexCost](repeating: .zero, count: input.pupils.count)
    for slot in results {
      let result = try slot.get()
      if result.refusedStart { refusedStarts += 1 }
      modelBuildSeconds += result.buildSeconds
      networkPivots += result.networkPivots
      networkSeconds += result.networkSeconds
      startIterations += result.startIterations
      simplexIterations += result.iterations
      for (p, pair) in result.assignment { assignment[p] = pair }
      for (s, y) in result.settingDuals { ySetting[s] = y }
      for (key, y) in result.capDuals { yCap[key] = y }
      for (p, y) in result.pupilDuals { yPupil[p] = y }
    }
    monitor.log(
      "round \(rounds) solved\(proving ? " by GLPK" : " by the network simplex only"); so far: network starts \(networkPivots) pivots in \(networkSeconds) s, "
        + "GLPK \(simplexIterations) iterations (\(startIterations) from the starts)")
    // Full settings the LP does not see take the auction's price.
    for s in 0..<settingCount where demand[s] == 0 && fixedLoad[s] >= free[s] && s < externalPrice.count {
      ySetting[s] = .zero - externalPrice[s]
    }
    priceFullRowlessSettings(
      assignment: assignment, hasSettingRow: hasSettingRow, ySetting: &ySetting, yCap: yCap, yPupil: &yPupil)
    lastDuals = RoundDuals(setting: ySetting, cap: yCap, pupil: yPupil)

    // The next round's start is shaped by these duals, in combined units.
    settingPrice = ySetting.map { -(weight * $0.unmet + $0.placement) }
    capPrice = yCap.mapValues { -(weight * $0.unmet + $0.placement) }

    // Pricing every pair of every pupil, with reduced costs compared
    // lexicographically: read-only, in slices on every core; then the
    // verdicts are applied in pupil order, as one pass would.
    let verdicts = priceAll(ySetting: ySetting, yCap: yCap, yPupil: yPupil)
    let (changed, added) = apply(verdicts, assignment: assignment)
    // Next round starts from this round's allocation (activated pupils at the
    // pair they held while fixed, or at the one that priced them out where
    // its setting had room: `activatedFrom`).
    var next = assignment
    for (p, own) in activatedFrom { next[p] = own }
    startPair = next
    return RoundResult(isOptimal: !changed, assignment: assignment, addedColumns: added)
  }

  /// The LP's rows this round: demand on each setting from the active
  /// pupils' pairs, the settings that need a row (the LP's pairs could
  /// overfill what fixed pupils leave), and the caps that do, in key order.
  private func lpRows(_ activePupils: [Int]) -> (demand: [Int], hasSettingRow: [Bool], liveCaps: [CapKey]) {
    let settingCount = input.settings.count
    // Demand on each setting and cap from the LP's pairs.
    var demand = [Int](repeating: 0, count: settingCount)
    var capDemand: [CapKey: Int] = [:]
    for p in activePupils {
      for pair in included[p] {
        let s = Int(candidates.setting[pair])
        demand[s] += 1
        let key = CapKey(setting: s, need: need[p])
        if caps[key] != nil { capDemand[key, default: 0] += 1 }
      }
    }
    // Rows only where the LP's pairs could overfill what fixed pupils leave.
    var hasSettingRow = [Bool](repeating: false, count: settingCount)
    for s in 0..<settingCount where demand[s] > free[s] - fixedLoad[s] { hasSettingRow[s] = true }
    var liveCaps: [CapKey] = []
    for (key, wanted) in capDemand.sorted(by: { $0.key < $1.key }) {
      let residualCap = caps[key, default: 0] - fixedCapLoad[key, default: 0]
      if wanted > residualCap, residualCap < free[key.setting] - fixedLoad[key.setting] { liveCaps.append(key) }
    }
    return (demand, hasSettingRow, liveCaps)
  }

  /// The active pupils in parts linked through rows, each part in pupil
  /// order, parts in order of their first pupil.
  private func components(_ activePupils: [Int], hasSettingRow: [Bool], liveCaps: [CapKey]) -> [[Int]] {
    let settingCount = input.settings.count
    var sets = UnionFind(count: activePupils.count + settingCount + liveCaps.count)
    let capNode = Dictionary(
      uniqueKeysWithValues: liveCaps.enumerated().map { ($1, activePupils.count + settingCount + $0) })
    for (i, p) in activePupils.enumerated() {
      for pair in included[p] {
        let s = Int(candidates.setting[pair])
        if hasSettingRow[s] { sets.union(i, activePupils.count + s) }
        if let node = capNode[CapKey(setting: s, need: need[p])] { sets.union(i, node) }
      }
    }
    var componentOf: [Int: Int] = [:]
    var components: [[Int]] = []
    for (i, p) in activePupils.enumerated() {
      let root = sets.find(i)
      if let c = componentOf[root] {
        components[c].append(p)
      } else {
        componentOf[root] = components.count
        components.append([p])
      }
    }
    return components
  }

  /// Each part's LP solved, in part order.
  private func solveComponents(
    _ components: [[Int]], hasSettingRow: [Bool], liveCaps liveCapSet: Set<CapKey>,
    deadline: ContinuousClock.Instant?, proving: Bool
  ) -> [Result<ComponentResult, AllocationError>] {
    let market = self
    let parts = components
    let rowSettings = hasSettingRow
    let solveOne: @Sendable (Int) -> Result<ComponentResult, AllocationError> = { c in
      Result { () throws(AllocationError) in
        try market.solveComponent(parts[c], rowSettings, liveCapSet, deadline, proving: proving)
      }
    }
    guard GLPKEnvironment.isThreadLocal && components.count > 1 else { return components.indices.map(solveOne) }
    // Largest first, so the two cores finish together.
    let order = components.indices.sorted { components[$0].count > components[$1].count }
    let solved = parallelMap(order.count) { solveOne(order[$0]) }
    var results = solved
    for (k, c) in order.enumerated() { results[c] = solved[k] }
    return results
  }

  /// Applies pricing's verdicts in pupil order, as one pass would: whether
  /// anything changed, and the LP columns added.
  private mutating func apply(_ verdicts: [(pupil: Int, verdict: Verdict)], assignment: [Int])
    -> (changed: Bool, added: Int)
  {
    var changed = false
    var activations = 0
    var added = 0
    // Places left at each setting by this round's allocation: a pupil
    // activated for a cheaper pair at a setting with room starts the next
    // round there (a start only; the LP decides).
    var room = free
    for pair in assignment where pair >= 0 { room[Int(candidates.setting[pair])] -= 1 }
    for (p, verdict) in verdicts {
      switch verdict {
      case .enter(let pairs):
        included[p].append(contentsOf: pairs)
        added += pairs.count
        included[p].sort()
        changed = true
      case .activate(let pair):
        // Enough pupils enter this round; the next round prices the rest.
        guard activations < maxActivations else { continue }
        let own = fixedPair[p]
        activate(p, adding: pair)
        added += included[p].count + 1
        activations += 1
        changed = true
        if let pair {
          let s = Int(candidates.setting[pair])
          let t = Int(candidates.setting[own])
          if room[s] > 0, caps[CapKey(setting: s, need: need[p])] == nil {
            room[s] -= 1
            room[t] += 1
            activatedFrom[p] = pair
          }
        }
      }
    }
    return (changed, added)
  }
}

extension ContestedMarket {
  /// What pricing found for one pupil: an active pupil's new pairs (most
  /// negative first), or a fixed pupil to bring into the LP, with the pair
  /// that priced it out (nil: leaving it unplaced did).
  enum Verdict: Sendable {
    case enter([Int])
    case activate(Int?)
  }

  /// Prices every pair of every pupil at these duals, reading only; returns
  /// the pupils with something to do, in pupil order.
  func priceAll(ySetting: [LexCost], yCap: [CapKey: LexCost], yPupil: [LexCost]) -> [(pupil: Int, verdict: Verdict)] {
    let pupilCount = input.pupils.count
    let slices = max(1, min(16, pupilCount / 4096))
    let market = self
    let found = parallelChunks(pupilCount, chunks: slices) { range in
      range.compactMap { p in
        market.price(p, ySetting: ySetting, yCap: yCap, yPupil: yPupil).map { (pupil: p, verdict: $0) }
      }
    }
    return found.flatMap { $0 }
  }

  /// One pupil's pricing (see `solveRound`).
  private func price(_ p: Int, ySetting: [LexCost], yCap: [CapKey: LexCost], yPupil: [LexCost]) -> Verdict? {
    let pairs = candidates.pairs(of: p)
    guard !pairs.isEmpty else { return nil }
    let k = need[p]
    // Most rounds have no live cap row: skip the lookup on this hot path.
    func price(_ s: Int) -> LexCost {
      yCap.isEmpty ? ySetting[s] : ySetting[s] + (yCap[CapKey(setting: s, need: k)] ?? .zero)
    }
    func cost(_ pair: Int) -> LexCost { candidates.lexCost(pair) }
    var Y = LexCost.zero
    let own = fixedPair[p]
    if isActive[p] {
      Y = yPupil[p]
    } else {
      // The pupil's dual makes its own pair's reduced cost zero.
      Y = cost(own) - price(Int(candidates.setting[own]))
      // Leaving the pupil unplaced: costs (its units, 0).
      let unplaced = candidates.unplacedLexCost(p, priority: input.pupils[p].priority)
      if (unplaced - Y).isNegative(within: tolerance) { return .activate(nil) }
    }
    // Pairs come cheapest first, level by level. Every price is
    // lexicographically at most zero (a row's level-2 dual can be positive
    // only where its level-1 dual is negative), so a pair's reduced cost is
    // at least (units - Y1, cost - Y2); once that is positive no later
    // (dearer) pair can price negative (`LexCost.pastZero`).
    if Y.unmet < -0.5 { return nil }
    // An active pupil's new pairs, the most negative first (at most `maxNewPairs`).
    var entering: [(reduced: LexCost, pair: Int)] = []
    for pair in pairs where pair != own {
      if LexCost.pastZero(units: candidates.units(pair), cost: candidates.cost(pair), dual: Y, within: tolerance) {
        break
      }
      let s = Int(candidates.setting[pair])
      let reduced = cost(pair) - Y - price(s)
      guard reduced.isNegative(within: tolerance) else { continue }
      guard isActive[p] else { return .activate(pair) }
      if !included[p].contains(pair) { entering.keep(reduced, pair, atMost: maxNewPairs) }
    }
    return entering.isEmpty ? nil : .enter(entering.map(\.pair))
  }
}

extension [(reduced: LexCost, pair: Int)] {
  /// Inserts a pair in order of reduced cost (level by level, then pair
  /// index), keeping only the `limit` most negative.
  mutating func keep(_ reduced: LexCost, _ pair: Int, atMost limit: Int) {
    func less(_ a: (reduced: LexCost, pair: Int), _ b: (reduced: LexCost, pair: Int)) -> Bool {
      (a.reduced.unmet, a.reduced.placement, a.pair) < (b.reduced.unmet, b.reduced.placement, b.pair)
    }
    let new = (reduced: reduced, pair: pair)
    if count >= limit, let last, !less(new, last) { return }
    var i = count
    while i > 0 && less(new, self[i - 1]) { i -= 1 }
    insert(new, at: i)
    if count > limit { removeLast() }
  }
}
