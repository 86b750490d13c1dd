import Foundation

/// What one more place is worth: one row of `place-values.csv`.
public struct PlaceValue: Sendable, Equatable {
  /// The setting, by index into the case's settings.
  public var setting: Int
  /// The capped need, for a cap row; nil for the setting's own row.
  public var need: NeedCode?
  /// The setting's free places for the batch, or the cap, for a cap row.
  public var freePlaces: Int
  /// Pupils placed there, or pupils of that need placed there, for a cap row.
  public var placesUsed: Int
  /// (ΔU, ΔR, ΔC) of the optimum with one more free place (or one more capped place).
  public var change: ObjectiveChange

  /// Creates a row.
  public init(setting: Int, need: NeedCode?, freePlaces: Int, placesUsed: Int, change: ObjectiveChange) {
    self.setting = setting
    self.need = need
    self.freePlaces = freePlaces
    self.placesUsed = placesUsed
    self.change = change
  }
}

/// The exact change of the optimum with one more place at each setting and
/// under each need cap, from the optimal allocation's residual network.
///
/// **One more free place at s.** The changed network has one more unit of
/// capacity on the arc s -> T. Let x be the old optimum and x' the new one;
/// x' - x is a circulation in the residual network of x (with the new unit)
/// and splits into unit cycles. A cycle that does not use the new unit is a
/// cycle of the old residual network, so it is not negative (x is optimal).
/// When s has a spare place, every cycle is such a cycle and the change is
/// (0, 0). When s is full, the new unit carries at most one of the cycles,
/// so the change is at least the length of the shortest cycle through the
/// new unit, and that cycle alone, added to x, is feasible: the change is
/// exactly `min((0, 0), d(T -> s))`, with d the shortest path length from T
/// to s in the old residual network (the cycle closes with s -> T, length 0).
/// One search from T gives every setting's figure.
///
/// **One more capped place at (s, k).** The same argument on the arc
/// (s, k) -> s: `min((0, 0), d(s -> (s, k)))` when the cap is used up, one
/// search from each setting with a full cap (stopping at its cap nodes).
/// A cap on a need the setting is not designated for binds nobody: (0, 0).
public enum PlaceValues {
  /// The rows of `place-values.csv`: each setting in input order, followed
  /// by its caps in the order written.
  ///
  /// - Throws: `AllocationError` when the allocation is not optimal (its
  ///   residual network has a negative cycle).
  public static func compute(case input: Case, candidates: CandidateSet, allocation: Allocation)
    throws(AllocationError) -> [PlaceValue]
  {
    let network = try ResidualNetwork(
      case: input, candidates: candidates, allocation: allocation, blocked: BlockedPairs(case: input))
    return compute(case: input, network: network)
  }

  static func compute(case input: Case, network: ResidualNetwork) -> [PlaceValue] {
    var search = ResidualSearch(network)
    let sinkReduced = search.reducedDistances(from: ResidualNetwork.sink)
    let pi = network.potential
    let fromSink = sinkReduced.indices.map { node in
      sinkReduced[node].isUnreachable ? .unreachable : sinkReduced[node] + pi[node] - pi[ResidualNetwork.sink]
    }
    func gain(_ length: ObjectiveChange) -> ObjectiveChange {
      length.isUnreachable || !(length < .zero) ? .zero : length.split(unitWeight: network.unitWeight)
    }

    // Settings with a full cap: one search each, from the setting to its full cap nodes.
    var capChange: [Int: ObjectiveChange] = [:]
    var sources: [(setting: Int, caps: [Int])] = []
    for s in input.settings.indices {
      var full: [Int] = []
      for need in NeedCode.allCases {
        let node = Int(network.capNode[CapKey(setting: s, need: need).index])
        guard node >= 0 else { continue }
        let c = node - network.firstCapNode
        if network.capUsed[c] >= input.settings[s].cap(for: need) ?? 0 { full.append(node) }
      }
      if !full.isEmpty { sources.append((s, full)) }
    }
    // One search per setting, shared out over the cores.
    let settingSources = sources
    let found = ResidualSearch.each(settingSources.count, on: network) { search, i in
      let (s, caps) = settingSources[i]
      let lengths = search.distances(
        from: network.settingNode(s), to: caps, through: ResidualNetwork.sink, hubReduced: sinkReduced)
      return Array(zip(caps, lengths))
    }
    for part in found {
      for (node, length) in part { capChange[node] = gain(length) }
    }

    var rows: [PlaceValue] = []
    for (s, setting) in input.settings.enumerated() {
      let used = network.used[s]
      // The place is added before agreed placements take theirs: where they
      // fill the setting past it, no one else gains it.
      let full = used >= setting.freePlaces && network.agreedAt[s] <= setting.freePlaces
      rows.append(
        PlaceValue(
          setting: s, need: nil, freePlaces: setting.freePlaces, placesUsed: used,
          change: full ? gain(fromSink[network.settingNode(s)]) : .zero))
      for need in setting.needPlacesOrder {
        let node = Int(network.capNode[CapKey(setting: s, need: need).index])
        let capUsed = node >= 0 ? network.capUsed[node - network.firstCapNode] : 0
        let capOpens = node >= 0 && network.agreedAtCap[node - network.firstCapNode] <= setting.needPlaces[need] ?? 0
        rows.append(
          PlaceValue(
            setting: s, need: need, freePlaces: setting.needPlaces[need] ?? 0, placesUsed: capUsed,
            change: capOpens ? capChange[node] ?? .zero : .zero))
      }
    }
    return rows
  }
}
