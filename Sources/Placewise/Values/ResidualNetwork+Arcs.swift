/// What building a `ResidualNetwork`'s compressed arcs reads, shared
/// read-only by the slices built at once.
struct ResidualArcBuilder: Sendable {
  let input: Case
  let candidates: CandidateSet
  let allocation: Allocation
  let blocked: BlockedPairs
  let nodeCount: Int
  /// Node a's pupils are `pupilAt[pupilsFrom[a] ..< pupilsFrom[a + 1]]`.
  let pupilsFrom: [Int]
  let pupilAt: [Int32]
  let capLimits: [Int]
  let capSettings: [Int]
  let usedAt: [Int]
  let capUsedAt: [Int]
  let capNodeTable: [Int32]
  let anyPupilUnplaced: Bool

  /// The arcs out of the nodes `nodes`: per node its arc count, then every
  /// arc's head and length, heads ascending within a node.
  func arcs(of nodes: Range<Int>) -> (counts: [Int], heads: [Int32], lengths: [ObjectiveChange]) {
    let settings = input.settings
    let pupils = input.pupils
    let firstCap = 2 + settings.count
    var counts: [Int] = []
    var heads: [Int32] = []
    var lengths: [ObjectiveChange] = []
    var best = [ObjectiveChange](repeating: .unreachable, count: nodeCount)
    var touched: [Int] = []
    func offer(_ head: Int, _ length: ObjectiveChange) {
      if best[head].isUnreachable { touched.append(head) }
      if length < best[head] { best[head] = length }
    }
    for a in nodes {
      for k in pupilsFrom[a]..<pupilsFrom[a + 1] {
        let p = Int(pupilAt[k])
        let pupil = pupils[p]
        // An agreed placement never moves: its pupil has no residual arcs.
        if candidates.terms[p].fixed >= 0 { continue }
        let own: ObjectiveChange
        let unplacedUnits = candidates.unplacedUnits(p, priority: pupil.priority)
        if case .placed(_, let pair) = allocation.placements[p] {
          own = ObjectiveChange(unmet: candidates.units(pair), cost: candidates.cost(pair))
          offer(ResidualNetwork.unplaced, ObjectiveChange(unmet: unplacedUnits - own.unmet, cost: -own.cost))
        } else {
          own = ObjectiveChange(unmet: unplacedUnits, cost: 0)
        }
        for pair in candidates.pairs(of: p) {
          let head = ResidualNetwork.entry(capNodeTable, Int(candidates.setting[pair]), pupil.primaryNeed)
          if head != a {
            offer(
              head, ObjectiveChange(unmet: candidates.units(pair) - own.unmet, cost: candidates.cost(pair) - own.cost)
            )
          }
        }
        for pair in blocked.pairs(of: p) {
          let s = Int(blocked.setting[pair])
          let head = ResidualNetwork.entry(capNodeTable, s, pupil.primaryNeed)
          guard head != a else { continue }
          let (units, cost) = candidates.price(
            p, pupil, setting: s, minutes: blocked.minutes[pair], rank: blocked.rank[pair], policy: input.policy)
          offer(head, ObjectiveChange(unmet: units - own.unmet, cost: cost - own.cost))
        }
      }
      // The arcs of the network's own structure, all of length 0.
      switch a {
      case ResidualNetwork.sink:
        for s in 0..<settings.count where usedAt[s] > 0 { offer(2 + s, .zero) }
        if anyPupilUnplaced { offer(ResidualNetwork.unplaced, .zero) }
      case ResidualNetwork.unplaced:
        offer(ResidualNetwork.sink, .zero)
      case let node where node < firstCap:
        let s = node - 2
        if usedAt[s] < settings[s].freePlaces { offer(ResidualNetwork.sink, .zero) }
        for need in NeedCode.allCases {
          let cap = Int(capNodeTable[CapKey(setting: s, need: need).index])
          if cap >= 0 && capUsedAt[cap - firstCap] > 0 { offer(cap, .zero) }
        }
      default:
        let c = a - firstCap
        if capUsedAt[c] < capLimits[c] { offer(2 + capSettings[c], .zero) }
      }
      touched.sort()
      for head in touched {
        heads.append(Int32(head))
        lengths.append(best[head])
        best[head] = .unreachable
      }
      counts.append(touched.count)
      touched.removeAll(keepingCapacity: true)
    }
    return (counts, heads, lengths)
  }
}

/// Sorts each node's arcs by reduced length (`ResidualNetwork.arcReduced`).
struct ResidualArcSorter: Sendable {
  /// The node potentials.
  let pi: [ObjectiveChange]
  let starts: [Int]
  let unsortedHead: [Int32]
  let lengthOf: [ObjectiveChange]

  /// The heads and reduced lengths of the arcs out of `nodes`, each node's
  /// sorted by reduced length (ties by arc).
  func sorted(_ nodes: Range<Int>) -> (heads: [Int32], reduced: [ObjectiveChange]) {
    var heads: [Int32] = []
    var reducedArcs: [ObjectiveChange] = []
    var order: [Int] = []
    var reduced: [ObjectiveChange] = []
    for u in nodes {
      let range = starts[u]..<starts[u + 1]
      order.removeAll(keepingCapacity: true)
      order.append(contentsOf: range)
      reduced.removeAll(keepingCapacity: true)
      for k in range {
        var step = lengthOf[k] + pi[u] - pi[Int(unsortedHead[k])]
        // Non-negative but for rounding: clamp, so that searches stay Dijkstra's.
        if step.unmet == 0 && step.cost < 0 { step.cost = 0 }
        reduced.append(step)
      }
      order.sort { (reduced[$0 - range.lowerBound], $0) < (reduced[$1 - range.lowerBound], $1) }
      for k in order {
        heads.append(unsortedHead[k])
        reducedArcs.append(reduced[k - range.lowerBound])
      }
    }
    return (heads, reducedArcs)
  }
}
