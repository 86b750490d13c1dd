import Foundation
import ParallelWork

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

  /// Slack on the cost level: a cycle shorter than this below zero is a tie,
  /// not a better allocation. The solver proves its optimum in floating
  /// point, relative to the dearest pair (GLPK's own optimality tolerance is
  /// 1e-7, relative), so two costs that differ in the seventh significant
  /// figure of the dearest are a tie to it. An absolute slack failed valid
  /// cases after solving (hostile trial, round twenty-one): £10,000,000
  /// against £9,999,999.99, or journeys of whole minutes written with noise
  /// of a millionth. The 1 keeps it above the few ulps by which journeys
  /// summed in different orders along different paths differ.
  let tolerance: Double

  /// The cost-level slack for a case whose dearest pair costs `maxCost`.
  static func tolerance(maxCost: Double) -> Double { 1e-7 * (1 + maxCost) }

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
    let (capNode, capSetting, capLimit) = Self.capNodes(settings)
    let nodeCount = 2 + settings.count + capSetting.count
    self.nodeCount = nodeCount
    var maxCost = 0.0
    for pair in 0..<candidates.count { maxCost = max(maxCost, candidates.cost(pair)) }
    tolerance = Self.tolerance(maxCost: maxCost)
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
    (agreedAt, agreedAtCap) = Self.agreed(input, candidates, capNode: capNode, caps: capSetting.count)
    let (groupStart, byNode) = Self.grouped(current, nodeCount: nodeCount)

    // Each node's arcs depend on its own pupils only: built in slices of
    // about equal numbers of pupils on every core, then joined in node order.
    let slices = Self.slices(nodeCount: nodeCount, groupStart: groupStart)
    let builder = ResidualArcBuilder(
      input: input, candidates: candidates, allocation: allocation, blocked: blocked, nodeCount: nodeCount,
      pupilsFrom: groupStart, pupilAt: byNode, capLimits: capLimit, capSettings: capSetting, usedAt: used,
      capUsedAt: capUsed, capNodeTable: capNode, anyPupilUnplaced: anyUnplaced)
    let built = parallelMap(slices.count) { builder.arcs(of: slices[$0]) }
    var arcStart = [0]
    arcStart.reserveCapacity(nodeCount + 1)
    var arcHead: [Int32] = []
    var arcLength: [ObjectiveChange] = []
    for part in built {
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
    let sorter = ResidualArcSorter(pi: potential, starts: arcStart, unsortedHead: arcHead, lengthOf: arcLength)
    let sorted = parallelMap(slices.count) { sorter.sorted(slices[$0]) }
    self.arcHead = sorted.flatMap(\.heads)
    arcReduced = sorted.flatMap(\.reduced)
  }

  /// The cap node of each (setting, need) (at `CapKey.index`) whose need is capped
  /// (-1 elsewhere), and each cap node's setting and cap, in setting order.
  private static func capNodes(_ settings: [Setting]) -> (capNode: [Int32], capSetting: [Int], capLimit: [Int]) {
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
    return (capNode, capSetting, capLimit)
  }

  /// Agreed placements per setting and per cap node (`agreedAt`, `agreedAtCap`).
  private static func agreed(_ input: Case, _ candidates: CandidateSet, capNode: [Int32], caps: Int)
    -> (atSetting: [Int], atCap: [Int])
  {
    let firstCap = 2 + input.settings.count
    var agreedAt = [Int](repeating: 0, count: input.settings.count)
    var agreedAtCap = [Int](repeating: 0, count: caps)
    for (p, terms) in candidates.terms.enumerated() where terms.fixed >= 0 {
      agreedAt[Int(terms.fixed)] += 1
      let node = Self.entry(capNode, Int(terms.fixed), input.pupils[p].primaryNeed)
      if node >= firstCap { agreedAtCap[node - firstCap] += 1 }
    }
    return (agreedAt, agreedAtCap)
  }

  /// Pupils grouped by current node (counting sort, input order within a
  /// node): node a's pupils are `byNode[groupStart[a] ..< groupStart[a + 1]]`.
  private static func grouped(_ current: [Int32], nodeCount: Int) -> (groupStart: [Int], byNode: [Int32]) {
    var groupStart = [Int](repeating: 0, count: nodeCount + 1)
    for node in current { groupStart[Int(node) + 1] += 1 }
    for a in 0..<nodeCount { groupStart[a + 1] += groupStart[a] }
    var next = groupStart
    var byNode = [Int32](repeating: 0, count: current.count)
    for (p, node) in current.enumerated() {
      byNode[next[Int(node)]] = Int32(p)
      next[Int(node)] += 1
    }
    return (groupStart, byNode)
  }

  /// The node a pupil with `need` enters at setting s, from the cap-node table.
  static func entry(_ capNode: [Int32], _ s: Int, _ need: NeedCode) -> Int {
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
        guard ObjectiveChange.clearlyBelow(candidate, distance[v], tolerance: tolerance) else { continue }
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
