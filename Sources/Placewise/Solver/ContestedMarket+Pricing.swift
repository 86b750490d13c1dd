import Dispatch
import Foundation
import GLPK

extension ContestedMarket {
  struct RoundResult {
    var isOptimal: Bool
    var assignment: [Int]
  }

  mutating func solveRound(deadline: ContinuousClock.Instant?) throws -> RoundResult {
    activatedFrom = [:]
    let settingCount = input.settings.count
    let activePupils = (0..<input.pupils.count).filter { isActive[$0] }

    // Demand on each setting and cap from the LP's pairs.
    var demand = [Int](repeating: 0, count: settingCount)
    var capDemand: [Int: Int] = [:]
    for p in activePupils {
      for pair in included[p] {
        let s = Int(candidates.setting[pair])
        demand[s] += 1
        let key = s * 16 + need[p]
        if caps[key] != nil { capDemand[key, default: 0] += 1 }
      }
    }
    // Rows only where the LP's pairs could overfill what fixed pupils leave.
    var hasSettingRow = [Bool](repeating: false, count: settingCount)
    for s in 0..<settingCount where demand[s] > free[s] - fixedLoad[s] { hasSettingRow[s] = true }
    var liveCaps: [Int] = []
    for key in capDemand.keys.sorted() {
      let s = key / 16
      let residualCap = caps[key]! - fixedCapLoad[key, default: 0]
      if capDemand[key]! > residualCap, residualCap < free[s] - fixedLoad[s] { liveCaps.append(key) }
    }
    let liveCapSet = Set(liveCaps)

    // Pupils linked only through rows: settings without a row couple nobody.
    // Each connected part is an LP of its own, solved apart (in parallel
    // where GLPK keeps an environment per thread).
    var sets = UnionFind(count: activePupils.count + settingCount + liveCaps.count)
    let capNode = Dictionary(
      uniqueKeysWithValues: liveCaps.enumerated().map { ($1, activePupils.count + settingCount + $0) })
    for (i, p) in activePupils.enumerated() {
      for pair in included[p] {
        let s = Int(candidates.setting[pair])
        if hasSettingRow[s] { sets.union(i, activePupils.count + s) }
        if let node = capNode[s * 16 + need[p]] { sets.union(i, node) }
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
    lastLPPupils = activePupils.count
    lastLPColumns = activePupils.reduce(0) { $0 + included[$1].count + 1 }
    lastComponents = components.count
    Profile.log(
      "round \(rounds): \(activePupils.count) pupils, \(lastLPColumns) cols, parts \(components.map(\.count).sorted(by: >).prefix(5))"
    )

    let market = self
    let parts = components
    let rowSettings = hasSettingRow
    let results = ParallelSlots<Result<ComponentResult, any Error>>(count: components.count)
    let solveOne: @Sendable (Int) -> Void = { c in
      results.store(c, Result { try market.solveComponent(parts[c], rowSettings, liveCapSet, deadline) })
    }
    if GLPKEnvironment.isThreadLocal && components.count > 1 {
      // Largest first, so the two cores finish together.
      let order = components.indices.sorted { components[$0].count > components[$1].count }
      DispatchQueue.concurrentPerform(iterations: order.count) { solveOne(order[$0]) }
    } else {
      for c in components.indices { solveOne(c) }
    }

    var assignment = fixedPair
    for p in activePupils { assignment[p] = -1 }
    // Duals per level: of each setting row, cap row and pupil row (0 where none).
    var ySetting = [[Double]](repeating: [Double](repeating: 0, count: settingCount), count: 3)
    var yCap = [[Int: Double]](repeating: [:], count: 3)
    var yPupil = [[Double]](repeating: [Double](repeating: 0, count: input.pupils.count), count: 3)
    for result in try results.values().map({ try $0.get() }) {
      if result.refusedStart { refusedStarts += 1 }
      modelBuildSeconds += result.buildSeconds
      for (p, pair) in result.assignment { assignment[p] = pair }
      for level in 0..<3 {
        for (s, y) in result.settingDuals[level] { ySetting[level][s] = y }
        for (key, y) in result.capDuals[level] { yCap[level][key] = y }
        for (p, y) in result.pupilDuals[level] { yPupil[level][p] = y }
      }
    }
    Profile.log("round \(rounds) solved")
    // Full settings the LP does not see take the auction's price.
    for s in 0..<settingCount where demand[s] == 0 && fixedLoad[s] >= free[s] && s < externalPrice.count {
      ySetting[0][s] = -externalPrice[s].0
      ySetting[1][s] = -externalPrice[s].1
    }

    // The next round's start is shaped by these duals, in combined units.
    settingPrice = (0..<settingCount).map { -(weight * ySetting[0][$0] + ySetting[1][$0]) }
    capPrice = [:]
    for (key, y) in yCap[0] { capPrice[key] = -weight * y }
    for (key, y) in yCap[1] { capPrice[key, default: 0] -= y }

    // Pricing every pair of every pupil, with reduced costs as triples
    // (level 1, level 2, level 3) compared lexicographically.
    var changed = false
    var activations = 0
    // Places left at each setting by this round's allocation: a pupil
    // activated for a cheaper pair at a setting with room starts the next
    // round there (a start only; the LP decides).
    var room = free
    for pair in assignment where pair >= 0 { room[Int(candidates.setting[pair])] -= 1 }
    for p in 0..<input.pupils.count {
      let pairs = candidates.pairs(of: p)
      guard !pairs.isEmpty else { continue }
      let k = need[p]
      let id = input.pupils[p].id
      // Most rounds have no live cap row: skip the lookup on this hot path.
      func price(_ level: Int, _ s: Int) -> Double {
        yCap[level].isEmpty ? ySetting[level][s] : ySetting[level][s] + (yCap[level][s * 16 + k] ?? 0)
      }
      func cost(_ level: Int, _ pair: Int) -> Double {
        switch level {
        case 0: 0
        case 1: candidates.cost(pair)
        default: tieBreak.weight(pupil: id, setting: Int(candidates.setting[pair]))
        }
      }
      var Y = (0.0, 0.0, 0.0)
      let own = fixedPair[p]
      if isActive[p] {
        Y = (yPupil[0][p], yPupil[1][p], yPupil[2][p])
      } else {
        // Enough pupils enter this round; the next round prices the rest.
        if activations >= maxActivations { continue }
        // The pupil's dual makes its own pair's reduced cost zero.
        let t = Int(candidates.setting[own])
        Y = (cost(0, own) - price(0, t), cost(1, own) - price(1, t), cost(2, own) - price(2, t))
        // Leaving the pupil unplaced: costs (priority, 0, 0).
        if isNegative(Double(input.pupils[p].priority) - Y.0, -Y.1, -Y.2) {
          activate(p, adding: nil)
          activations += 1
          changed = true
          continue
        }
      }
      // Pairs come cheapest first. Every price is lexicographically at most
      // zero (a row's level-2 dual can be positive only where its level-1
      // dual is negative), so a pair's reduced cost is at least
      // (-Y1, cost - Y2, .); once that is positive at level 1, or at level
      // 2 with Y1 = 0, no later (dearer) pair can price negative.
      let canStop = Y.0 < 0.5
      if Y.0 < -0.5 { continue }
      for pair in pairs where pair != own {
        if canStop && candidates.cost(pair) - Y.1 > tolerance.0 { break }
        let s = Int(candidates.setting[pair])
        let d = (
          cost(0, pair) - Y.0 - price(0, s), cost(1, pair) - Y.1 - price(1, s), cost(2, pair) - Y.2 - price(2, s)
        )
        guard isNegative(d.0, d.1, d.2) else { continue }
        if isActive[p] {
          if !included[p].contains(pair) {
            included[p].append(pair)
            changed = true
          }
        } else {
          activate(p, adding: pair)
          activations += 1
          let t = Int(candidates.setting[own])
          if room[s] > 0, caps[s * 16 + k] == nil {
            room[s] -= 1
            room[t] += 1
            activatedFrom[p] = pair
          }
          changed = true
          break
        }
      }
      if isActive[p] { included[p].sort() }
    }
    if changed {
      // Next round starts from this round's allocation (activated pupils at the
      // pair they held while fixed, or at the one that priced them out where
      // its setting had room: `activatedFrom`).
      var next = assignment
      for (p, own) in activatedFrom { next[p] = own }
      startPair = next
    }
    return RoundResult(isOptimal: !changed, assignment: assignment)
  }

  /// Whether the lexicographic reduced cost (d1, d2, d3) is below zero; d1
  /// is a whole number up to rounding.
  func isNegative(_ d1: Double, _ d2: Double, _ d3: Double) -> Bool {
    if d1 < -0.5 { return true }
    if d1 > 0.5 { return false }
    if d2 < -tolerance.0 { return true }
    if d2 > tolerance.0 { return false }
    return d3 < -tolerance.1
  }
}
