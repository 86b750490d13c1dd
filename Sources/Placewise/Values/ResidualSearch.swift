import Foundation
import ParallelWork

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
    // Worker w takes w, w + workers, ...: a share of every part of the
    // index range each.
    let workers = min(defaultWorkerCount, max(1, count))
    let found = parallelMap(workers) { worker in
      var search = ResidualSearch(network)
      return stride(from: worker, to: count, by: workers).map { i in (index: i, value: body(&search, i)) }
    }
    return found.joined().sorted { $0.index < $1.index }.map(\.value)
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
