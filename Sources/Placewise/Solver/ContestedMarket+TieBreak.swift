extension ContestedMarket {
  /// Duals of one pricing round: each setting's and live cap's price (zero
  /// where none), and each active pupil's dual.
  struct RoundDuals {
    var setting: [LexCost] = []
    var cap: [CapKey: LexCost] = [:]
    var pupil: [LexCost] = []
  }

  /// Applies the documented tie rule (`TieBreak`) to an allocation the
  /// pricing loop has proved optimal at both levels: among all allocations
  /// equally good at both, it returns one with the least tie-break sum.
  ///
  /// Why this is exact: the last round's duals (extended to fixed pupils by
  /// their own pair, as in the pricing) are an optimal dual solution of the
  /// full two-level LP, so by complementary slackness an allocation is
  /// optimal at both levels exactly when it uses only pairs (and unplaced
  /// columns) whose reduced cost is zero at both levels, and keeps every row
  /// whose dual is not zero at its present load. That set, the optimal face,
  /// is a network: pupils supply one place each to the settings (through
  /// their need's cap where one is set) or to "unplaced", along the face's
  /// pairs only. A pupil with one way on the face keeps it and only uses up
  /// places; the others form a minimum-cost flow whose costs are the
  /// tie-break weights times 1009, whole numbers, solved exactly by the
  /// network simplex from the present allocation.
  ///
  /// The tie-break is thus a flow over the pairs that tie, however many:
  /// a solve of the third level by GLPK needed the LP to hold enough of them,
  /// and on 1,200 identical pupils and 1,000 one-place settings at one point
  /// (1.2 million tied pairs) that took hundreds of pricing rounds' worth of
  /// columns and 214 s.
  mutating func breakTies(_ assignment: [Int], deadline: ContinuousClock.Instant?) throws(AllocationError) -> [Int] {
    let duals = lastDuals
    let pupilCount = input.pupils.count
    let settingCount = input.settings.count
    guard duals.setting.count == settingCount, duals.pupil.count == pupilCount else {
      throw AllocationError(.invariantBroken, "the tie-break found no duals from the pricing rounds")
    }
    func price(_ s: Int, _ k: NeedCode) -> LexCost {
      duals.cap.isEmpty ? duals.setting[s] : duals.setting[s] + (duals.cap[CapKey(setting: s, need: k)] ?? .zero)
    }

    // The pupils with more than one way on the face, and their face pairs.
    var movable: [Int] = []
    var facePairs: [Int] = []
    var faceStart: [Int] = [0]
    var faceUnplaced: [Bool] = []
    var ways: [Int] = []
    for p in 0..<pupilCount {
      let pairs = candidates.pairs(of: p)
      guard !pairs.isEmpty else { continue }
      let own = assignment[p]
      let k = need[p]
      let Y: LexCost
      if isActive[p] || own < 0 {
        Y = duals.pupil[p]
      } else {
        Y = candidates.lexCost(own) - price(Int(candidates.setting[own]), k)
      }
      ways.removeAll(keepingCapacity: true)
      // As in the pricing: once a pair's lower bound is above zero no
      // later (dearer) pair has zero reduced cost; with Y1 < 0 none has.
      if Y.unmet > -0.5 {
        for pair in pairs {
          if LexCost.pastZero(units: candidates.units(pair), cost: candidates.cost(pair), dual: Y, within: tolerance) {
            break
          }
          let s = Int(candidates.setting[pair])
          if pair == own || (candidates.lexCost(pair) - Y - price(s, k)).isZero(within: tolerance) {
            ways.append(pair)
          }
        }
      }
      if own >= 0, !ways.contains(own) { ways.append(own) }
      let unplaced =
        own < 0 || (candidates.unplacedLexCost(p, priority: input.pupils[p].priority) - Y).isZero(within: tolerance)
      guard ways.count + (unplaced ? 1 : 0) > 1 else { continue }
      movable.append(p)
      facePairs.append(contentsOf: ways)
      faceStart.append(facePairs.count)
      faceUnplaced.append(unplaced)
    }
    tieBreakPupils = movable.count
    guard !movable.isEmpty else { return assignment }

    // Loads: all pupils', and the movable pupils' (the rest are fixed).
    var load = [Int](repeating: 0, count: settingCount)
    var capLoad: [CapKey: Int] = [:]
    for p in 0..<pupilCount where assignment[p] >= 0 {
      let s = Int(candidates.setting[assignment[p]])
      load[s] += 1
      let key = CapKey(setting: s, need: need[p])
      if caps[key] != nil { capLoad[key, default: 0] += 1 }
    }
    var movableLoad = [Int](repeating: 0, count: settingCount)
    var movableCapLoad: [CapKey: Int] = [:]
    for p in movable where assignment[p] >= 0 {
      let s = Int(candidates.setting[assignment[p]])
      movableLoad[s] += 1
      let key = CapKey(setting: s, need: need[p])
      if caps[key] != nil { movableCapLoad[key, default: 0] += 1 }
    }

    // Nodes: movable pupils, then the settings and caps their face pairs reach
    // (in order of first use), then the root.
    var settingNode = [Int](repeating: -1, count: settingCount)
    var settingsUsed: [Int] = []
    var capIndex: [CapKey: Int] = [:]
    var capsUsed: [CapKey] = []
    for (i, p) in movable.enumerated() {
      for pair in facePairs[faceStart[i]..<faceStart[i + 1]] {
        let s = Int(candidates.setting[pair])
        if settingNode[s] < 0 {
          settingNode[s] = movable.count + settingsUsed.count
          settingsUsed.append(s)
        }
        let key = CapKey(setting: s, need: need[p])
        if caps[key] != nil, capIndex[key] == nil {
          capIndex[key] = capsUsed.count
          capsUsed.append(key)
        }
      }
    }
    let firstCapNode = movable.count + settingsUsed.count
    let root = firstCapNode + capsUsed.count
    var network = NetworkSimplex(nodeCount: root + 1, root: root)
    var treeArc = [Int?](repeating: nil, count: root + 1)
    let unbounded = Int64(pupilCount) + 1

    var pairArc: [(arc: Int, pupil: Int, pair: Int)] = []
    var unplacedArc: [Int?] = []
    for (i, p) in movable.enumerated() {
      let own = assignment[p]
      let id = input.pupils[p].id
      for pair in facePairs[faceStart[i]..<faceStart[i + 1]] {
        let s = Int(candidates.setting[pair])
        let to = capIndex[CapKey(setting: s, need: need[p])].map { firstCapNode + $0 } ?? settingNode[s]
        let arc = network.addArc(
          from: i, to: to, cost: tieBreak.wholeWeight(pupil: id, setting: s), lower: 0, upper: 1,
          flow: pair == own ? 1 : 0)
        pairArc.append((arc, p, pair))
      }
      if faceUnplaced[i] {
        let arc = network.addArc(from: i, to: root, cost: 0, lower: 0, upper: unbounded, flow: own < 0 ? 1 : 0)
        unplacedArc.append(arc)
        treeArc[i] = arc
      } else {
        unplacedArc.append(nil)
      }
    }
    // A row whose dual is not zero keeps its present load (as the LP's
    // levels fix it); the others may take up to their places left by the
    // fixed pupils.
    for (c, key) in capsUsed.enumerated() {
      let used = Int64(movableCapLoad[key, default: 0])
      let room = Int64(caps[key, default: 0] - (capLoad[key, default: 0] - movableCapLoad[key, default: 0]))
      let fixed = !(duals.cap[key] ?? .zero).isZero(within: tolerance)
      let arc = network.addArc(
        from: firstCapNode + c, to: settingNode[key.setting], cost: 0, lower: fixed ? used : 0,
        upper: fixed ? used : room, flow: used)
      if used < (fixed ? used : room) { treeArc[firstCapNode + c] = arc }
    }
    for (i, s) in settingsUsed.enumerated() {
      let used = Int64(movableLoad[s])
      let room = Int64(self.free[s] - (load[s] - movableLoad[s]))
      let fixed = !duals.setting[s].isZero(within: tolerance)
      let arc = network.addArc(
        from: movable.count + i, to: root, cost: 0, lower: fixed ? used : 0, upper: fixed ? used : room, flow: used)
      if used < (fixed ? used : room) { treeArc[movable.count + i] = arc }
    }
    try network.solve(treeArc: treeArc, deadline: deadline, refusal: "the tie-break's network simplex failed")
    tieBreakPivots = network.pivots
    monitor.log("tie-break: \(movable.count) pupils, \(network.flow.count) arcs, \(network.pivots) pivots")

    var result = assignment
    for (i, p) in movable.enumerated() {
      if let arc = unplacedArc[i], network.flow[arc] == 1 { result[p] = -1 }
    }
    for entry in pairArc where network.flow[entry.arc] == 1 { result[entry.pupil] = entry.pair }
    tieBreakMoves = movable.count { result[$0] != assignment[$0] }
    return result
  }
}
