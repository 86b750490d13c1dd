import Foundation

/// The residual network of an optimal allocation, with lexicographic
/// (unmet priority, placement cost) arc lengths, compressed to settings.
///
/// **The flow network.** The allocation is a min-cost flow: each pupil p
/// sends one unit, either along a candidate arc to the node of setting s
/// (length (0, cost of the pair)) or to the node U, "unplaced" (length
/// (priority, 0)). Where a `need_places` cap binds p's need at s, p's arc
/// ends at the cap node (s, k), which feeds s through an arc of capacity
/// cap. Setting s feeds the sink T through an arc of capacity free places;
/// U feeds T without limit. An allocation is optimal exactly when its
/// residual network has no cycle of negative length.
///
/// **Compression.** A pupil node has one residual arc in, from its current
/// node d(p) (the node its unit enters: a setting, a cap node, or U), and
/// arcs out to every other node it could use and, when placed, to U. So every
/// path through p is d(p) -> p -> x, and the network keeps, per pair of
/// nodes (a, x), one arc of the least length over the pupils at a:
/// `length(p -> x) - length(p's own arc)`. A simple path visits a once, so it
/// uses each pupil at most once, and shortest simple paths of the
/// compressed network are those of the full one. Nodes: T, U, one per
/// setting, one per cap that binds a designated need: a few thousand even
/// at 500,000 pupils, while the pupil arcs (every candidate pair) are
/// scanned once.
///
/// **Searches.** Node potentials come once from a label-correcting search
/// (Bellman-Ford with a queue) from a virtual root; every later search is
/// Dijkstra on reduced lengths `l(u, v) + pi(u) - pi(v)`, which are
/// lexicographically non-negative because the allocation has no negative
/// cycle.
struct ResidualNetwork: Sendable {
  /// The sink.
  static let sink = 0
  /// The "unplaced" node.
  static let unplaced = 1

  let settingCount: Int
  /// Nodes: T, U, the settings, then the cap nodes.
  let nodeCount: Int
  /// The cap node of each (setting, need), at `CapKey.index`, or -1 when no cap binds that need there.
  let capNode: [Int32]
  /// The setting of each cap node (indexed by node - first cap node).
  let capSetting: [Int]
  /// Pupils placed at each setting.
  let used: [Int]
  /// Pupils placed through each cap node (indexed by node - first cap node).
  let capUsed: [Int]
  /// Each pupil's current node: the node its unit enters.
  let current: [Int32]
  /// Each pupil's placement cost where it is placed (0 when unplaced).
  let ownCost: [Double]
  /// Each pupil's first-level units where it is (`CandidateSet.units`, or
  /// its unplaced units).
  let ownUnits: [Int]
  /// Units of the first level per unit of priority (`CandidateSet.unitWeight`).
  let unitWeight: Int
  /// Agreed placements (`fixed_urn`) per setting, and per cap node
  /// (indexed by node - first cap node): places that never move.
  let agreedAt: [Int]
  let agreedAtCap: [Int]
  /// Compressed arcs: the arcs out of node a are `arcStart[a] ..< arcStart[a + 1]`.
  let arcStart: [Int]
  private(set) var arcHead: [Int32]
  let arcLength: [ObjectiveChange]
  /// Node potentials: shortest distances from a virtual root joined to every node.
  private(set) var potential: [ObjectiveChange]
  /// Each arc's reduced length `l(u, v) + pi(u) - pi(v)` (rounding below 0
  /// clamped), the arcs of each node sorted by it, so that a search can
  /// look at a node's arcs shortest first and stop early (`arcHead` is in
  /// the same order; `arcLength` is not needed after the potentials).
  private(set) var arcReduced: [ObjectiveChange] = []

  /// Rounding slack on the cost level: journeys are summed in different
  /// orders along different paths, so a zero-length cycle can come out a few
  /// ulps below zero.
  static let tolerance = 1e-7

  /// The node of setting s.
  @inlinable
  func settingNode(_ s: Int) -> Int { 2 + s }
  /// The first cap node.
  var firstCapNode: Int { 2 + settingCount }

  /// The node a pupil with this need enters at setting s.
  @inlinable
  func entry(setting s: Int, need: NeedCode) -> Int {
    let cap = Int(capNode[CapKey(setting: s, need: need).index])
    return cap >= 0 ? cap : settingNode(s)
  }

  /// Builds the network of a verified allocation and its potentials.
  ///
  /// - Throws: `AllocationError` when the allocation's residual network has a
  ///   negative cycle: the allocation is not optimal, which `verify` cannot see.
  init(case input: Case, candidates: CandidateSet, allocation: Allocation, blocked: BlockedPairs)
    throws(AllocationError)
  {
    let settings = input.settings
    let pupils = input.pupils
    settingCount = settings.count
    var capNode = [Int32](repeating: -1, count: settings.count * CapKey.needSlots)
    var capSetting: [Int] = []
    var capLimit: [Int] = []
    for (s, setting) in settings.enumerated() {
      for need in NeedCode.allCases {
        guard let cap = setting.cap(for: need) else { continue }
        capNode[CapKey(setting: s, need: need).index] = Int32(2 + settings.count + capSetting.count)
        capSetting.append(s)
        capLimit.append(cap)
      }
    }
    let nodeCount = 2 + settings.count + capSetting.count
    self.nodeCount = nodeCount
    self.capNode = capNode
    self.capSetting = capSetting
    let firstCap = 2 + settings.count

    var used = [Int](repeating: 0, count: settings.count)
    var capUsed = [Int](repeating: 0, count: capSetting.count)
    var current = [Int32](repeating: Int32(Self.unplaced), count: pupils.count)
    var anyUnplaced = false
    for (p, placement) in allocation.placements.enumerated() {
      guard let s = placement.setting else {
        anyUnplaced = true
        continue
      }
      used[s] += 1
      let node = Self.entry(capNode, s, pupils[p].primaryNeed)
      if node >= firstCap { capUsed[node - firstCap] += 1 }
      current[p] = Int32(node)
    }
    self.used = used
    self.capUsed = capUsed
    self.current = current
    ownCost = allocation.placements.map { placement in
      if case .placed(_, let pair) = placement { candidates.cost(pair) } else { 0 }
    }
    ownUnits = allocation.placements.indices.map { p in
      if case .placed(_, let pair) = allocation.placements[p] {
        candidates.units(pair)
      } else {
        candidates.unplacedUnits(p, priority: pupils[p].priority)
      }
    }
    unitWeight = candidates.unitWeight
    var agreedAt = [Int](repeating: 0, count: settings.count)
    var agreedAtCap = [Int](repeating: 0, count: capSetting.count)
    for (p, terms) in candidates.terms.enumerated() where terms.fixed >= 0 {
      agreedAt[Int(terms.fixed)] += 1
      let node = Self.entry(capNode, Int(terms.fixed), pupils[p].primaryNeed)
      if node >= firstCap { agreedAtCap[node - firstCap] += 1 }
    }
    self.agreedAt = agreedAt
    self.agreedAtCap = agreedAtCap

    // Pupils grouped by current node (counting sort, input order within a node).
    var groupStart = [Int](repeating: 0, count: nodeCount + 1)
    for node in current { groupStart[Int(node) + 1] += 1 }
    for a in 0..<nodeCount { groupStart[a + 1] += groupStart[a] }
    var next = groupStart
    var byNode = [Int32](repeating: 0, count: pupils.count)
    for (p, node) in current.enumerated() {
      byNode[next[Int(node)]] = Int32(p)
      next[Int(node)] += 1
    }

    // Each node's arcs depend on its own pupils only: built in slices of
    // about equal numbers of pupils on every core, then joined in node order.
    let slices = Self.slices(nodeCount: nodeCount, groupStart: groupStart)
    let pupilsFrom = groupStart
    let pupilAt = byNode
    let capLimits = capLimit
    let capSettings = capSetting
    let usedAt = used
    let capUsedAt = capUsed
    let capNodeTable = capNode
    let anyPupilUnplaced = anyUnplaced
    let built = ParallelSlots<(counts: [Int], heads: [Int32], lengths: [ObjectiveChange])>(count: slices.count)
    DispatchQueue.concurrentPerform(iterations: slices.count) { slice in
      var counts: [Int] = []
      var heads: [Int32] = []
      var lengths: [ObjectiveChange] = []
      var best = [ObjectiveChange](repeating: .unreachable, count: nodeCount)
      var touched: [Int] = []
      func offer(_ head: Int, _ length: ObjectiveChange) {
        if best[head].isUnreachable { touched.append(head) }
        if length < best[head] { best[head] = length }
      }
      for a in slices[slice] {
        for k in pupilsFrom[a]..<pupilsFrom[a + 1] {
          let p = Int(pupilAt[k])
          let pupil = pupils[p]
          // An agreed placement never moves: its pupil has no residual arcs.
          if candidates.terms[p].fixed >= 0 { continue }
          let own: ObjectiveChange
          let unplacedUnits = candidates.unplacedUnits(p, priority: pupil.priority)
          if case .placed(_, let pair) = allocation.placements[p] {
            own = ObjectiveChange(unmet: candidates.units(pair), cost: candidates.cost(pair))
            offer(Self.unplaced, ObjectiveChange(unmet: unplacedUnits - own.unmet, cost: -own.cost))
          } else {
            own = ObjectiveChange(unmet: unplacedUnits, cost: 0)
          }
          for pair in candidates.pairs(of: p) {
            let head = Self.entry(capNodeTable, Int(candidates.setting[pair]), pupil.primaryNeed)
            if head != a {
              offer(
                head, ObjectiveChange(unmet: candidates.units(pair) - own.unmet, cost: candidates.cost(pair) - own.cost)
              )
            }
          }
          for pair in blocked.pairs(of: p) {
            let s = Int(blocked.setting[pair])
            let head = Self.entry(capNodeTable, s, pupil.primaryNeed)
            guard head != a else { continue }
            let (units, cost) = candidates.price(
              p, pupil, setting: s, minutes: blocked.minutes[pair], rank: blocked.rank[pair], policy: input.policy)
            offer(head, ObjectiveChange(unmet: units - own.unmet, cost: cost - own.cost))
          }
        }
        // The arcs of the network's own structure, all of length 0.
        switch a {
        case Self.sink:
          for s in 0..<settings.count where usedAt[s] > 0 { offer(2 + s, .zero) }
          if anyPupilUnplaced { offer(Self.unplaced, .zero) }
        case Self.unplaced:
          offer(Self.sink, .zero)
        case let node where node < firstCap:
          let s = node - 2
          if usedAt[s] < settings[s].freePlaces { offer(Self.sink, .zero) }
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
      built.store(slice, (counts, heads, lengths))
    }
    var arcStart = [0]
    arcStart.reserveCapacity(nodeCount + 1)
    var arcHead: [Int32] = []
    var arcLength: [ObjectiveChange] = []
    for part in built.values() {
      for count in part.counts { arcStart.append(arcStart[arcStart.count - 1] + count) }
      arcHead.append(contentsOf: part.heads)
      arcLength.append(contentsOf: part.lengths)
    }
    self.arcStart = arcStart
    self.arcHead = arcHead
    self.arcLength = arcLength
    potential = []
    potential = try potentials()

    // Reduced lengths, each node's arcs sorted by them: in the same slices.
    let pi = potential
    let starts = arcStart
    let unsortedHead = arcHead
    let lengthOf = arcLength
    let sorted = ParallelSlots<(heads: [Int32], reduced: [ObjectiveChange])>(count: slices.count)
    DispatchQueue.concurrentPerform(iterations: slices.count) { slice in
      var heads: [Int32] = []
      var reducedArcs: [ObjectiveChange] = []
      var order: [Int] = []
      var reduced: [ObjectiveChange] = []
      for u in slices[slice] {
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
      sorted.store(slice, (heads, reducedArcs))
    }
    var sortedHead: [Int32] = []
    var reducedArcs: [ObjectiveChange] = []
    sortedHead.reserveCapacity(arcHead.count)
    reducedArcs.reserveCapacity(arcHead.count)
    for part in sorted.values() {
      sortedHead.append(contentsOf: part.heads)
      reducedArcs.append(contentsOf: part.reduced)
    }
    self.arcHead = sortedHead
    arcReduced = reducedArcs
  }

  /// The node a pupil with `need` enters at setting s, from the cap-node table.
  private static func entry(_ capNode: [Int32], _ s: Int, _ need: NeedCode) -> Int {
    let cap = Int(capNode[CapKey(setting: s, need: need).index])
    return cap >= 0 ? cap : 2 + s
  }

  /// Node ranges holding about equal numbers of pupils (and at least a
  /// few nodes each), in order, covering every node: one per core's share.
  private static func slices(nodeCount: Int, groupStart: [Int]) -> [Range<Int>] {
    let pupils = groupStart[nodeCount]
    let count = max(1, min(8, nodeCount / 64, pupils / 4096))
    var bounds = [0]
    var a = 0
    for k in 1..<count {
      let goal = k * pupils / count
      while a < nodeCount && groupStart[a] < goal { a += 1 }
      if a > bounds[bounds.count - 1] { bounds.append(a) }
    }
    bounds.append(nodeCount)
    return (0..<(bounds.count - 1)).map { bounds[$0]..<bounds[$0 + 1] }.filter { !$0.isEmpty }
  }

  /// Shortest distances from a virtual root with a 0-length arc to every
  /// node (so every distance is at most 0), by Bellman-Ford with a FIFO
  /// queue. A node relaxed `nodeCount` times lies on a negative cycle.
  private func potentials() throws(AllocationError) -> [ObjectiveChange] {
    var distance = [ObjectiveChange](repeating: .zero, count: nodeCount)
    var queued = [Bool](repeating: true, count: nodeCount)
    var relaxed = [Int](repeating: 0, count: nodeCount)
    var queue = Array(0..<nodeCount)
    var head = 0
    while head < queue.count {
      let u = queue[head]
      head += 1
      if head > 1 << 20 {
        queue.removeFirst(head)
        head = 0
      }
      queued[u] = false
      let du = distance[u]
      for k in arcStart[u]..<arcStart[u + 1] {
        let v = Int(arcHead[k])
        let candidate = du + arcLength[k]
        guard ObjectiveChange.clearlyBelow(candidate, distance[v], tolerance: Self.tolerance) else { continue }
        distance[v] = candidate
        relaxed[v] += 1
        guard relaxed[v] <= nodeCount else {
          throw AllocationError(
            .invariantBroken, "allocation invariant broken: the allocation is not optimal (a negative cycle)")
        }
        if !queued[v] {
          queued[v] = true
          queue.append(v)
        }
      }
    }
    return distance
  }
}

/// Dijkstra's search on a `ResidualNetwork`'s reduced lengths, with arrays
/// kept between searches (one searcher per thread).
struct ResidualSearch {
  private let network: ResidualNetwork
  /// Reduced distance from the current source (valid where `settled` or reached).
  private var reduced: [ObjectiveChange]
  private var settled: [Bool]
  private var touched: [Int] = []
  private var heap = ChangeHeap()

  init(_ network: ResidualNetwork) {
    self.network = network
    reduced = [ObjectiveChange](repeating: .unreachable, count: network.nodeCount)
    settled = [Bool](repeating: false, count: network.nodeCount)
  }

  /// The shortest path lengths (true lengths, not reduced) from `source` to
  /// each of `targets`, `.unreachable` where there is no path. Stops once
  /// every target is settled; with no targets given, settles every node
  /// and returns all distances.
  ///
  /// Each node's arcs are sorted by reduced length, so the heap holds one
  /// entry per settled node: its next arc not yet looked at. An arc is only
  /// looked at once every shorter one has been, so a search that stops
  /// early never looks at the long arcs of the nodes it settled (the
  /// compressed network is nearly dense: most of its arcs are long).
  mutating func distances(from source: Int, to targets: [Int]?) -> [ObjectiveChange] {
    search(from: source, to: targets, hub: nil)
    let pi = network.potential
    func trueLength(_ node: Int) -> ObjectiveChange {
      guard settled[node] else { return .unreachable }
      return reduced[node] + pi[node] - pi[source]
    }
    if let targets { return targets.map(trueLength) }
    return (0..<network.nodeCount).map(trueLength)
  }

  /// Reduced distances from `source` to every node (`.unreachable` where
  /// there is no path), for `distances(from:to:through:)`.
  mutating func reducedDistances(from source: Int) -> [ObjectiveChange] {
    search(from: source, to: nil, hub: nil)
    return (0..<network.nodeCount).map { settled[$0] ? reduced[$0] : .unreachable }
  }

  /// As `distances(from:to:)`, but the search does not go on from `hub`:
  /// a path through the hub is its shortest part to the hub plus the
  /// shortest from the hub on, `hubReduced` (the reduced distances from
  /// the hub, `reducedDistances(from: hub)`). The search stops once every
  /// target is settled or has no shorter path left than the one through
  /// the hub.
  ///
  /// Why this is exact: a shortest path from source to target either
  /// passes through the hub, and then it is a shortest path to the hub
  /// followed by a shortest path from it (no cycle is negative), or it does
  /// not, and then Dijkstra's search without the hub's arcs finds it. Reduced
  /// lengths add up along a path like true ones (the potentials cancel).
  ///
  /// The sink is such a hub: every setting with a pupil hangs from it by an
  /// arc of length 0, so a search that goes on from it settles most of the
  /// network (at 500,000 pupils, 9,900 of 19,348 nodes a search on average).
  mutating func distances(from source: Int, to targets: [Int], through hub: Int, hubReduced: [ObjectiveChange])
    -> [ObjectiveChange]
  {
    let viaHub = search(from: source, to: targets, hub: (hub, hubReduced))
    let pi = network.potential
    return targets.map { t in
      var best = settled[t] ? reduced[t] : ObjectiveChange.unreachable
      if let toHub = viaHub, !hubReduced[t].isUnreachable, toHub + hubReduced[t] < best {
        best = toHub + hubReduced[t]
      }
      return best.isUnreachable ? .unreachable : best + pi[t] - pi[source]
    }
  }

  /// Dijkstra's search on reduced lengths from `source`, stopping as
  /// `distances(from:to:)` and `distances(from:to:through:hubReduced:)`
  /// say; returns the reduced distance to the hub (nil: none, or not reached).
  @discardableResult
  private mutating func search(
    from source: Int, to targets: [Int]?, hub: (node: Int, reduced: [ObjectiveChange])?
  ) -> ObjectiveChange? {
    for node in touched { settled[node] = false }
    touched.removeAll(keepingCapacity: true)
    heap.removeAll()
    var remaining = targets.map { Set($0) } ?? []
    let all = targets == nil
    var toHub: ObjectiveChange?
    // Once the hub is settled: the longest path through it to a target not
    // yet settled (the search can stop when the heap's least key reaches it).
    var hubBound = ObjectiveChange.unreachable
    func boundThroughHub() -> ObjectiveChange {
      guard let toHub, let hub else { return .unreachable }
      var longest = ObjectiveChange.zero
      for t in remaining {
        guard !hub.reduced[t].isUnreachable else { return .unreachable }
        let length = toHub + hub.reduced[t]
        if longest < length { longest = length }
      }
      return longest
    }
    func settle(_ node: Int, _ distance: ObjectiveChange) -> Bool {
      settled[node] = true
      reduced[node] = distance
      touched.append(node)
      if !all, remaining.remove(node) != nil, toHub != nil { hubBound = boundThroughHub() }
      if let hub, node == hub.node {
        toHub = distance
        hubBound = boundThroughHub()
      } else {
        let first = network.arcStart[node]
        if first < network.arcStart[node + 1] { heap.push(distance + network.arcReduced[first], first, node) }
      }
      return !all && remaining.isEmpty
    }
    var done = settle(source, .zero)
    while !done, let (key, k, u) = heap.pop() {
      if !(key < hubBound) { break }
      let next = k + 1
      if next < network.arcStart[u + 1] { heap.push(reduced[u] + network.arcReduced[next], next, u) }
      let v = Int(network.arcHead[k])
      if !settled[v] { done = settle(v, key) }
    }
    return toHub
  }
}

extension ResidualSearch {
  /// `body(search, i)` for each i in `0..<count`, shared out over the cores
  /// with one searcher each; the results in index order.
  static func each<T: Sendable>(
    _ count: Int, on network: ResidualNetwork, _ body: @Sendable (inout ResidualSearch, Int) -> T
  ) -> [T] {
    let workers = min(max(1, ProcessInfo.processInfo.activeProcessorCount), max(1, count))
    let results = ParallelSlots<[(index: Int, value: T)]>(count: workers)
    DispatchQueue.concurrentPerform(iterations: workers) { worker in
      var search = ResidualSearch(network)
      var found: [(index: Int, value: T)] = []
      for i in stride(from: worker, to: count, by: workers) { found.append((i, body(&search, i))) }
      results.store(worker, found)
    }
    return results.values().joined().sorted { $0.index < $1.index }.map(\.value)
  }
}

/// A binary min-heap of (length, arc, node).
struct ChangeHeap {
  private var items: [(ObjectiveChange, Int, Int)] = []

  mutating func removeAll() { items.removeAll(keepingCapacity: true) }

  mutating func push(_ key: ObjectiveChange, _ arc: Int, _ node: Int) {
    items.append((key, arc, node))
    var i = items.count - 1
    while i > 0 {
      let parent = (i - 1) / 2
      guard items[i].0 < items[parent].0 else { break }
      items.swapAt(i, parent)
      i = parent
    }
  }

  mutating func pop() -> (ObjectiveChange, Int, Int)? {
    guard let top = items.first else { return nil }
    let last = items.removeLast()
    if !items.isEmpty {
      items[0] = last
      var i = 0
      while true {
        let l = 2 * i + 1
        let r = l + 1
        var m = i
        if l < items.count && items[l].0 < items[m].0 { m = l }
        if r < items.count && items[r].0 < items[m].0 { m = r }
        if m == i { break }
        items.swapAt(i, m)
        i = m
      }
    }
    return top
  }
}
