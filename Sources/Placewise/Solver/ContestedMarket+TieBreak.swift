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
    guard duals.setting.count == input.settings.count, duals.pupil.count == input.pupils.count else {
      throw AllocationError(.invariantBroken, "the tie-break found no duals from the pricing rounds")
    }
    let face = optimalFace(assignment, duals)
    tieBreakPupils = face.movable.count
    guard !face.movable.isEmpty else { return assignment }
    var tie = tieNetwork(face, assignment, duals)
    try tie.network.solve(
      treeArc: tie.treeArc, deadline: deadline, refusal: "the tie-break's network simplex failed")
    tieBreakPivots = tie.network.pivots
    monitor.log("tie-break: \(face.movable.count) pupils, \(tie.network.flow.count) arcs, \(tie.network.pivots) pivots")

    var result = assignment
    for (i, p) in face.movable.enumerated() {
      if let arc = tie.unplacedArc[i], tie.network.flow[arc] == 1 { result[p] = -1 }
    }
    for entry in tie.pairArc where tie.network.flow[entry.arc] == 1 { result[entry.pupil] = entry.pair }
    tieBreakMoves = face.movable.count { result[$0] != assignment[$0] }
    return result
  }

  /// The pupils with more than one way on the optimal face, and their ways.
  private struct Face {
    var movable: [Int] = []
    /// Movable pupil i's face pairs: `facePairs[faceStart[i] ..< faceStart[i + 1]]`.
    var facePairs: [Int] = []
    var faceStart: [Int] = [0]
    /// Whether movable pupil i may be unplaced on the face.
    var faceUnplaced: [Bool] = []

    func pairs(_ i: Int) -> ArraySlice<Int> { facePairs[faceStart[i]..<faceStart[i + 1]] }
  }

  /// A row's price at both levels: the setting's dual plus its cap's for need k.
  private func price(_ duals: RoundDuals, _ s: Int, _ k: NeedCode) -> LexCost {
    duals.cap.isEmpty ? duals.setting[s] : duals.setting[s] + (duals.cap[CapKey(setting: s, need: k)] ?? .zero)
  }

  /// The optimal face: each pupil's pairs of zero reduced cost (and its
  /// own), and whether it may be unplaced; only pupils with two ways or more.
  private func optimalFace(_ assignment: [Int], _ duals: RoundDuals) -> Face {
    var face = Face()
    var ways: [Int] = []
    for p in 0..<input.pupils.count {
      let pairs = candidates.pairs(of: p)
      guard !pairs.isEmpty else { continue }
      let own = assignment[p]
      let k = need[p]
      let Y: LexCost
      if isActive[p] || own < 0 {
        Y = duals.pupil[p]
      } else {
        Y = candidates.lexCost(own) - price(duals, Int(candidates.setting[own]), k)
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
          if pair == own || (candidates.lexCost(pair) - Y - price(duals, s, k)).isZero(within: tolerance) {
            ways.append(pair)
          }
        }
      }
      if own >= 0, !ways.contains(own) { ways.append(own) }
      let unplaced =
        own < 0 || (candidates.unplacedLexCost(p, priority: input.pupils[p].priority) - Y).isZero(within: tolerance)
      guard ways.count + (unplaced ? 1 : 0) > 1 else { continue }
      face.movable.append(p)
      face.facePairs.append(contentsOf: ways)
      face.faceStart.append(face.facePairs.count)
      face.faceUnplaced.append(unplaced)
    }
    return face
  }

  /// Places used at each setting and cap: by all pupils, and by `pupils` alone.
  private func loads(_ assignment: [Int], of pupils: some Sequence<Int>) -> (setting: [Int], cap: [CapKey: Int]) {
    var load = [Int](repeating: 0, count: input.settings.count)
    var capLoad: [CapKey: Int] = [:]
    for p in pupils where assignment[p] >= 0 {
      let s = Int(candidates.setting[assignment[p]])
      load[s] += 1
      let key = CapKey(setting: s, need: need[p])
      if caps[key] != nil { capLoad[key, default: 0] += 1 }
    }
    return (load, capLoad)
  }

  /// The tie-break's flow network and its first tree.
  private struct TieNetwork {
    var network: NetworkSimplex
    var treeArc: [Int?]
    var pairArc: [(arc: Int, pupil: Int, pair: Int)] = []
    var unplacedArc: [Int?] = []
  }

  /// The network of the face: movable pupils, then the settings and caps
  /// their face pairs reach (in order of first use), then the root; a
  /// pair's cost is its tie-break weight, and rows whose dual is not zero
  /// keep their present load.
  private func tieNetwork(_ face: Face, _ assignment: [Int], _ duals: RoundDuals) -> TieNetwork {
    let movable = face.movable
    let all = loads(assignment, of: 0..<input.pupils.count)
    let moving = loads(assignment, of: movable)
    var settingNode = [Int](repeating: -1, count: input.settings.count)
    var settingsUsed: [Int] = []
    var capIndex: [CapKey: Int] = [:]
    var capsUsed: [CapKey] = []
    for (i, p) in movable.enumerated() {
      for pair in face.pairs(i) {
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
    var tie = TieNetwork(
      network: NetworkSimplex(nodeCount: root + 1, root: root), treeArc: [Int?](repeating: nil, count: root + 1))
    let unbounded = Int64(input.pupils.count) + 1
    for (i, p) in movable.enumerated() {
      let own = assignment[p]
      let id = input.pupils[p].id
      for pair in face.pairs(i) {
        let s = Int(candidates.setting[pair])
        let to = capIndex[CapKey(setting: s, need: need[p])].map { firstCapNode + $0 } ?? settingNode[s]
        let arc = tie.network.addArc(
          from: i, to: to, cost: tieBreak.wholeWeight(pupil: id, setting: s), lower: 0, upper: 1,
          flow: pair == own ? 1 : 0)
        tie.pairArc.append((arc, p, pair))
      }
      if face.faceUnplaced[i] {
        let arc = tie.network.addArc(from: i, to: root, cost: 0, lower: 0, upper: unbounded, flow: own < 0 ? 1 : 0)
        tie.unplacedArc.append(arc)
        tie.treeArc[i] = arc
      } else {
        tie.unplacedArc.append(nil)
      }
    }
    // A row whose dual is not zero keeps its present load (as the LP's
    // levels fix it); the others may take up to their places left by the
    // fixed pupils.
    for (c, key) in capsUsed.enumerated() {
      let used = Int64(moving.cap[key, default: 0])
      let room = Int64(caps[key, default: 0] - (all.cap[key, default: 0] - moving.cap[key, default: 0]))
      let fixed = !(duals.cap[key] ?? .zero).isZero(within: tolerance)
      let arc = tie.network.addArc(
        from: firstCapNode + c, to: settingNode[key.setting], cost: 0, lower: fixed ? used : 0,
        upper: fixed ? used : room, flow: used)
      if used < (fixed ? used : room) { tie.treeArc[firstCapNode + c] = arc }
    }
    for (i, s) in settingsUsed.enumerated() {
      let used = Int64(moving.setting[s])
      let room = Int64(self.free[s] - (all.setting[s] - moving.setting[s]))
      let fixed = !duals.setting[s].isZero(within: tolerance)
      let arc = tie.network.addArc(
        from: movable.count + i, to: root, cost: 0, lower: fixed ? used : 0, upper: fixed ? used : room, flow: used)
      if used < (fixed ? used : room) { tie.treeArc[movable.count + i] = arc }
    }
    return tie
  }
}
