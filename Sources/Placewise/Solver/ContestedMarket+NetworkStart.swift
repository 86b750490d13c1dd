import Foundation

extension ContestedMarket {
  /// The rows of one LP part, as `solveComponent` numbers them.
  struct PartRows {
    var pupils: [Int]
    /// Pupil `pupils[i]`'s row is `firstPupilRow + i`.
    var firstPupilRow: Int
    var settingRow: [Int: Int]
    var capRow: [CapKey: Int]
    /// Places each setting and cap row has for this part.
    var left: [Int: Int]
  }

  /// A start for a part's LP found by the network simplex.
  struct NetworkStart {
    /// Each of the part's pupils' pair (-1: unplaced).
    var start: [Int]
    /// Each row's price in combined units (`weight` per unit of unmet priority).
    var rowPrice: [Int: Double]
    /// Places each setting and cap row has left at `start`.
    var room: [Int: Int]
    /// Each of the part's pupils' potential (its row's dual) in combined units.
    var pupilPotential: [Double]
    var pivots: Int
  }

  /// A price in combined units as a pair of levels (the nearest whole
  /// number of `weight`s, and the rest): a guide for the pricing only.
  func split(_ price: Double) -> LexCost {
    let unmet = (price / weight).rounded()
    return LexCost(unmet: unmet, placement: price - unmet * weight)
  }

  /// The optimum of a part's LP for the combined objective `weight *
  /// priority unmet + placement cost`, with costs rounded to whole multiples
  /// of a power of two, found by the exact network simplex from `start`:
  /// an allocation and row prices at (or next to) the LP's optimum, for
  /// GLPK's simplex to start from. Only the speed depends on it; GLPK's
  /// levels and the pricing prove the optimum, as from any other start.
  ///
  /// The LP is a flow network once each cap row is subtracted from its
  /// setting's row (see `TreeBasis`): every pupil sends one unit along one
  /// of its pairs, to its cap's node, else its setting's, else the root, or
  /// along its "unplaced" arc to the root; a cap's node passes at most its
  /// places on to its setting's node (or the root), a setting's node at
  /// most its places to the root. Nodes are the LP's rows, the root one
  /// more.
  ///
  /// Returns nil where the costs are too large to scale (the guide prices
  /// then shape the start, as without the network simplex).
  func networkStart(
    _ part: PartRows, start: [Int], deadline: ContinuousClock.Instant?
  ) throws(AllocationError) -> NetworkStart? {
    let pupils = part.pupils
    let rowCount = part.firstPupilRow + pupils.count
    let root = rowCount
    // The scale: the largest power of two (at most 2^24 per minute) that
    // keeps every sum of costs along a path exact in 64 bits.
    var largest = 1.0
    for p in pupils {
      largest = max(largest, weight * Double(candidates.unplacedUnits(p, priority: input.pupils[p].priority)))
      for pair in included[p] { largest = max(largest, candidates.combinedCost(pair, weight: weight)) }
    }
    let room = Double(Int64.max / 8) / (largest * Double(rowCount + 2))
    guard room >= 1 else { return nil }
    let scale = Double(1 << min(24, Int(log2(room).rounded(.down))))
    func scaled(_ value: Double) -> Int64 { Int64((value * scale).rounded()) }

    var network = NetworkSimplex(nodeCount: rowCount + 1, root: root)
    var treeArc = [Int?](repeating: nil, count: rowCount + 1)
    let unbounded = Int64(pupils.count) + 1
    var used: [Int: Int64] = [:]
    var pairArcs: [(arc: Int, pupil: Int, pair: Int)] = []
    pairArcs.reserveCapacity(pupils.count * 3)
    for (i, p) in pupils.enumerated() {
      let row = part.firstPupilRow + i
      for pair in included[p] {
        let s = Int(candidates.setting[pair])
        let key = CapKey(setting: s, need: need[p])
        let to = part.capRow[key] ?? part.settingRow[s] ?? root
        let on = pair == start[i]
        let arc = network.addArc(
          from: row, to: to, cost: scaled(candidates.combinedCost(pair, weight: weight)), lower: 0, upper: unbounded,
          flow: on ? 1 : 0)
        pairArcs.append((arc, i, pair))
        if on {
          treeArc[row] = arc
          for r in [part.capRow[key], part.settingRow[s]].compactMap({ $0 }) { used[r, default: 0] += 1 }
        }
      }
      let arc = network.addArc(
        from: row, to: root,
        cost: scaled(weight * Double(candidates.unplacedUnits(p, priority: input.pupils[p].priority))),
        lower: 0, upper: unbounded,
        flow: start[i] < 0 ? 1 : 0)
      if start[i] < 0 { treeArc[row] = arc }
    }
    // Slack arcs: a row with places left hangs from the root (a cap's from
    // its setting's row) by its own arc; a full one by an artificial arc.
    var slackArc: [Int: Int] = [:]
    for (key, r) in part.capRow.sorted(by: { $0.value < $1.value }) {
      let flow = used[r, default: 0]
      let places = Int64(part.left[r, default: 0])
      let arc = network.addArc(
        from: r, to: part.settingRow[key.setting] ?? root, cost: 0, lower: 0, upper: places, flow: flow)
      slackArc[r] = arc
      if flow < places { treeArc[r] = arc }
    }
    for (_, r) in part.settingRow.sorted(by: { $0.value < $1.value }) {
      let flow = used[r, default: 0]
      let places = Int64(part.left[r, default: 0])
      let arc = network.addArc(from: r, to: root, cost: 0, lower: 0, upper: places, flow: flow)
      slackArc[r] = arc
      if flow < places { treeArc[r] = arc }
    }
    try network.solve(treeArc: treeArc, deadline: deadline, refusal: "the network simplex refused an LP part's start")

    var result = NetworkStart(
      start: [Int](repeating: -1, count: pupils.count), rowPrice: [:], room: [:],
      pupilPotential: (0..<pupils.count).map { Double(network.potential[part.firstPupilRow + $0]) / scale },
      pivots: network.pivots)
    for entry in pairArcs where network.flow[entry.arc] == 1 { result.start[entry.pupil] = entry.pair }
    for (r, arc) in slackArc {
      result.room[r] = Int(network.upper[arc] - network.flow[arc])
      let above = Int(network.head[arc])
      result.rowPrice[r] = Double(network.potential[r] - network.potential[above]) / scale
    }
    return result
  }
}

extension NetworkSimplex {
  /// `solve`, its failures told as the domain's: the deadline as a time
  /// limit, anything else (a start the caller built wrong) as a broken
  /// invariant, `refusal` and the failure.
  mutating func solve(treeArc: [Int?], deadline: ContinuousClock.Instant?, refusal: String) throws(AllocationError) {
    do {
      try solve(treeArc: treeArc, deadline: deadline)
    } catch .timeLimit {
      throw AllocationError.timeLimit
    } catch {
      throw AllocationError(.invariantBroken, "\(refusal): \(error)")
    }
  }
}
