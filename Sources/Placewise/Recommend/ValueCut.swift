/// A linear lower bound on the optimum of every allowed set, taken from the
/// exact allocation of one set x̂ and its node potentials:
/// `V(y) >= value + Σ_o slope_o (y_o - x̂_o)`.
///
/// **Why it holds.** Let π be any node potentials of the network of
/// ``OptionEffects`` and r_a = c_a + π(tail) - π(head) the reduced cost of
/// arc a. For any flow f that sends each pupil's unit to T, Σ c_a f_a =
/// K + Σ r_a f_a with K = N π(T) - Σ_p π(p) (the potential terms telescope
/// along each unit's path), and 0 <= f_a <= u_a gives r_a f_a >= min(0,
/// r_a) u_a. So for every capacity vector u, V(u) >= K + Σ_a min(0, r_a)
/// u_a, whatever π is. When π and the optimal flow f̂ at û satisfy
/// complementary slackness (r_a < 0 only on full arcs, r_a > 0 only on empty
/// ones), equality holds at û, so V(u) >= V(û) + Σ_a min(0, r_a) (u_a - û_a).
/// The capacities are u(y) <= û + Σ_o d_o (y_o - x̂_o) (``CapacityForm``,
/// exact at x̂), and min(0, r_a) <= 0, which gives the cut with
/// slope_o = Σ_a min(0, r_a) d_{a,o}.
///
/// The potentials: at a node of x̂'s case, the allocation's residual
/// network potentials (shortest distances, so r >= 0 on every residual arc:
/// complementary slackness); at a pupil, π(p) = π(its node) - cost of its
/// own arc, so its own arc has r = 0 and its others r >= 0 (the compressed
/// network's arcs). A node absent from x̂'s case (a setting not opened or
/// closed, a cap of a need not designated) has only arcs of capacity 0 at
/// x̂, on which any r keeps complementary slackness, except a cap's arc to
/// its setting, given r = 0 by the cap node's potential equal to its
/// setting's. The absent setting's own potential is free: it is chosen to
/// make the cut strongest for reopening it alone (`bestPotential`).
///
/// Level 1 (unmet priority) has whole-number arc costs and potentials, so
/// its cuts have whole-number slopes and hold exactly. Level 2 (placement
/// cost, among sets with the least U) is bounded through the weighted
/// objective W U + C (``Level``).
struct ValueCut: Sendable {
  /// The set the cut was taken at.
  var at: [Bool]
  /// The optimum at that set.
  var value: Double
  /// Per option, the slope.
  var slopes: [Double]

  /// The bound at a set.
  func bound(_ y: [Bool]) -> Double {
    var sum = value
    for (o, slope) in slopes.enumerated() where y[o] != at[o] { sum += y[o] ? slope : -slope }
    return sum
  }

  /// Which objective a cut bounds.
  enum Level {
    /// Unmet priority U: a pupil's arc to a setting costs 0, its arc to U
    /// its priority.
    case unmet
    /// W U + C: a pupil's arc to a setting costs its placement cost, its
    /// arc to U W times its priority. For every W at least
    /// ``weight(network:case:candidates:blocked:)``, the potentials
    /// W π1 + π2 (π1, π2 the two levels of the residual network's potentials)
    /// keep complementary slackness with the lexicographic optimum, whose
    /// weighted cost is W U + C. On a set with U = U*, the cut bounds C from
    /// below by its value less W U*.
    case weighted(Double)
  }

  /// The cut of a level at a set, from its exact allocation.
  ///
  /// - Parameters:
  ///   - level: the level the cut bounds (unmet priority, or weighted).
  ///   - effects: what each option changes.
  ///   - chosen: the set x̂: which options it takes.
  ///   - planned: the case of the set x̂ (`origin` maps its settings to the case's).
  ///   - network: the residual network of its optimal allocation.
  ///   - value: the level's optimum at x̂ (U, or W U + C).
  /// - Returns: the cut: a linear lower bound on the level at every allowed set.
  static func make(
    _ level: Level, _ effects: OptionEffects, at chosen: [Bool], planned: PlannedCase, network: ResidualNetwork,
    value: Double
  ) -> ValueCut {
    let weight: Double
    switch level {
    case .unmet: weight = 1
    case .weighted(let w): weight = w
    }
    func potential(_ change: ObjectiveChange) -> Double {
      switch level {
      case .unmet: Double(change.unmet)
      case .weighted(let w): w * Double(change.unmet) + change.cost
      }
    }
    /// An arc's cost at this level: its units (a refused protected
    /// request, in the solver's folded first level), and its placement cost.
    func arcCost(_ units: Int, _ cost: Double) -> Double {
      switch level {
      case .unmet: Double(units)
      case .weighted(let w): w * Double(units) + cost
      }
    }
    let input = planned.input
    var node = [Double?](repeating: nil, count: effects.settingCount)
    var cap: [CapKey: Double] = [:]
    for (s, setting) in input.settings.enumerated() {
      let origin = planned.origin[s]
      guard let u = origin >= 0 ? origin : effects.openedNode(urn: setting.urn, chosen: chosen) else { continue }
      node[u] = potential(network.potential[network.settingNode(s)])
      for need in NeedCode.allCases {
        let c = Int(network.capNode[CapKey(setting: s, need: need).index])
        if c >= 0 { cap[CapKey(setting: u, need: need)] = potential(network.potential[c]) }
      }
    }
    let sink = potential(network.potential[ResidualNetwork.sink])
    let unplaced = potential(network.potential[ResidualNetwork.unplaced])
    // A pupil's potential leaves its own arc a reduced cost of 0.
    let pupil = input.pupils.indices.map { p in
      let current = Int(network.current[p])
      guard current != ResidualNetwork.unplaced else { return unplaced - weight * Double(network.ownUnits[p]) }
      return potential(network.potential[current]) - arcCost(network.ownUnits[p], network.ownCost[p])
    }
    for u in 0..<effects.settingCount where node[u] == nil {
      var values: [Double] = []
      for i in effects.groupsOfSetting[u] {
        let group = effects.arcGroups[i]
        for k in group.pupils.indices {
          values.append(pupil[Int(group.pupils[k])] + arcCost(Int(group.units[k]), group.costs[k]))
        }
      }
      node[u] = bestPotential(values: values, places: effects.referencePlaces[u], sink: sink)
    }
    func entry(_ u: Int, _ need: NeedCode) -> Double { cap[CapKey(setting: u, need: need)] ?? node[u] ?? sink }

    var slopes = [Double](repeating: 0, count: chosen.count)
    func add(_ dual: Double, _ form: CapacityForm) {
      guard dual != 0 else { return }
      for (o, slope) in form.slopes(at: chosen) { slopes[o] += dual * Double(slope) }
    }
    for (u, form) in effects.freePlaces.enumerated() {
      guard let form, let potential = node[u] else { continue }
      add(min(0, potential - sink), form)
    }
    for c in effects.caps {
      guard let potential = node[c.setting] else { continue }
      add(min(0, entry(c.setting, c.need) - potential), c.form)
    }
    for group in effects.arcGroups {
      let head = entry(group.setting, group.need)
      var dual = 0.0
      for k in group.pupils.indices {
        dual += min(0, arcCost(Int(group.units[k]), group.costs[k]) + pupil[Int(group.pupils[k])] - head)
      }
      add(dual, group.form)
    }
    return ValueCut(at: chosen, value: value, slopes: slopes)
  }

  /// The least W for which W π1 + π2 keeps complementary slackness with the
  /// allocation, plus one: on every arc of x̂'s case whose reduced cost
  /// (r1, r2) has r1 != 0, W r1 + r2 must have the sign of r1 (an arc with
  /// r1 > 0 carries no flow, one with r1 < 0 is full, and the weighted
  /// reduced cost must allow that). Arcs with r1 = 0 keep the sign of r2.
  static func weight(network: ResidualNetwork, case input: Case, candidates: CandidateSet, blocked: BlockedPairs)
    -> Double
  {
    let pi = network.potential
    var least = 0.0
    func consider(_ r: ObjectiveChange) {
      if r.unmet != 0 { least = max(least, -r.cost / Double(r.unmet)) }
    }
    for (p, pupil) in input.pupils.enumerated() {
      let current = Int(network.current[p])
      let own = ObjectiveChange(unmet: network.ownUnits[p], cost: network.ownCost[p])
      let base = pi[current] - own
      if current != ResidualNetwork.unplaced {
        let unplacedUnits = candidates.unplacedUnits(p, priority: pupil.priority)
        consider(base + ObjectiveChange(unmet: unplacedUnits, cost: 0) - pi[ResidualNetwork.unplaced])
      }
      for pair in candidates.pairs(of: p) {
        let head = network.entry(setting: Int(candidates.setting[pair]), need: pupil.primaryNeed)
        if head != current { consider(base + candidates.change(pair) - pi[head]) }
      }
      for pair in blocked.pairs(of: p) {
        let s = Int(blocked.setting[pair])
        let head = network.entry(setting: s, need: pupil.primaryNeed)
        let (units, cost) = candidates.price(
          p, pupil, setting: s, minutes: blocked.minutes[pair], rank: blocked.rank[pair], policy: input.policy)
        consider(base + ObjectiveChange(unmet: units, cost: cost) - pi[head])
      }
    }
    for s in 0..<network.settingCount {
      consider(pi[network.settingNode(s)] - pi[ResidualNetwork.sink])
    }
    for c in 0..<(network.nodeCount - network.firstCapNode) {
      let node = network.firstCapNode + c
      consider(pi[node] - pi[network.settingNode(network.capSetting[c])])
    }
    consider(pi[ResidualNetwork.unplaced] - pi[ResidualNetwork.sink])
    return least + 1
  }

  /// The potential t of an absent setting that makes its reopening's
  /// slope, `places * min(0, t - π(T)) + Σ_p min(0, value_p - t)` (value_p =
  /// the pupil's potential plus its arc's cost), largest: the function is
  /// concave and piecewise linear, so its maximum is at π(T) or at one of
  /// the values.
  static func bestPotential(values: [Double], places: Int, sink: Double) -> Double {
    let sorted = values.sorted()
    var prefix = [0.0]
    prefix.reserveCapacity(sorted.count + 1)
    for v in sorted { prefix.append((prefix.last ?? 0) + v) }
    func slope(_ t: Double) -> Double {
      // Pupils with value below t: each adds value - t.
      var lo = 0
      var hi = sorted.count
      while lo < hi {
        let mid = (lo + hi) / 2
        if sorted[mid] < t { lo = mid + 1 } else { hi = mid }
      }
      return Double(places) * min(0, t - sink) + prefix[lo] - Double(lo) * t
    }
    var best = sink
    var bestSlope = slope(sink)
    for t in Set(sorted).sorted() {
      let s = slope(t)
      if s > bestSlope {
        best = t
        bestSlope = s
      }
    }
    return best
  }
}
