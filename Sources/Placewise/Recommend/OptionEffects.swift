import Foundation

/// Every case a set of options can make, as one flow network whose
/// capacities depend on the set: the network ``ValueCut`` prices.
///
/// Nodes: T, U ("unplaced"), every setting of the case, every setting an
/// option opens (one node per option and URN: a school offered in three
/// sizes is three nodes), the cap nodes of their `need_places` caps, and the
/// pupils. Arcs and their costs do not depend on the set; only capacities
/// do: a setting's free places (0 when closed or not opened), a cap, and a
/// pupil's arc to a setting, 1 when the setting is open and designated for
/// the pupil's need, else 0. For an allowed set x this network's optimum is
/// the optimum of the case the contract's words make: a closed setting or
/// a setting not opened has no capacity at all, an undesignated need no arc,
/// and every other journey and preference rank is unchanged.
///
/// Options compose: with several taken, capacities add up, designations
/// join, and the contract puts every option touching a setting that one of
/// them closes in one group, so at most one of them is taken. So each
/// capacity is a known function of x (``CapacityForm``), read from the case
/// with each option applied alone.
struct OptionEffects: Sendable {
  /// One group of pupil arcs with the same capacity: the pupils of one need
  /// at one setting.
  struct ArcGroup: Sendable {
    var setting: Int
    var need: NeedCode
    var form: CapacityForm
    var pupils: [Int32] = []
    var costs: [Double] = []
    /// Per arc: 1 where it refuses the pupil's protected request.
    var units: [UInt8] = []
  }

  /// A need cap of a setting.
  struct Cap: Sendable {
    var setting: Int
    var need: NeedCode
    var form: CapacityForm
  }

  /// The case's settings, nodes 0 ..< baseCount of the network's settings.
  let baseCount: Int
  /// The settings options open, nodes baseCount ..< : the option and its URN.
  let opened: [(option: Int, urn: URN)]
  /// Free places of each setting node that options change (nil: fixed).
  let freePlaces: [CapacityForm?]
  /// The free places a setting node has when open: what pricing a node
  /// absent from a set's case weighs its places by.
  let referencePlaces: [Int]
  /// The caps options change, or of settings options open.
  let caps: [Cap]
  /// The pupil arcs whose existence depends on the set.
  let arcGroups: [ArcGroup]
  /// The arc groups of each setting node.
  let groupsOfSetting: [[Int]]
  /// Each option's group.
  let groupOf: [Int]

  /// The number of setting nodes.
  var settingCount: Int { baseCount + opened.count }

  /// Reads the options' effects from the case with each option applied alone.
  ///
  /// - Throws: `AllocationError` when an option does not apply alone (the
  ///   options file was checked for that) or two groups touch a setting
  ///   one of them closes.
  init(_ input: RecommendationInput) throws(AllocationError) {
    let base = input.base
    let settings = base.input.settings
    baseCount = settings.count
    var groupOf = [Int](repeating: 0, count: input.options.count)
    for (g, members) in input.groups.enumerated() { for o in members { groupOf[o] = g } }
    self.groupOf = groupOf
    let alone = try Self.statesAlone(input)
    self.opened = alone.opened
    let count = settings.count + alone.opened.count
    var effects = Accumulated(
      freePlaces: [CapacityForm?](repeating: nil, count: count), referencePlaces: [Int](repeating: 0, count: count))
    for (s, setting) in settings.enumerated() {
      try effects.addCaseSetting(s, setting, states: alone.states, input: input, groupOf: groupOf)
    }
    for (n, setting) in alone.openedSettings.enumerated() {
      effects.addOpenedSetting(settings.count + n, setting, option: alone.opened[n].option)
    }
    var groups = effects.groups
    Self.findPairs(&groups, base: base, openedSettings: alone.openedSettings, opened: alone.opened)
    groups.removeAll { $0.pupils.isEmpty }
    var groupsOfSetting = [[Int]](repeating: [], count: count)
    for (i, group) in groups.enumerated() { groupsOfSetting[group.setting].append(i) }
    self.freePlaces = effects.freePlaces
    self.referencePlaces = effects.referencePlaces
    self.caps = effects.caps
    self.arcGroups = groups
    self.groupsOfSetting = groupsOfSetting
  }

  /// Each option applied alone: its state of every case setting (nil:
  /// closed), and the settings it opens.
  private static func statesAlone(_ input: RecommendationInput) throws(AllocationError) -> (
    states: [[Setting?]], opened: [(option: Int, urn: URN)], openedSettings: [Setting]
  ) {
    let base = input.base
    var states: [[Setting?]] = []
    var opened: [(option: Int, urn: URN)] = []
    var openedSettings: [Setting] = []
    for (o, option) in input.options.enumerated() {
      let file = input.file
      let plan = Plan(name: file.name, file: file.file, rows: option.rows.map { file.rows[$0] }, columns: file.columns)
      var problems = ProblemList(limit: 1)
      guard let planned = PlanApplication.apply(plan, to: base, problems: &problems) else {
        throw AllocationError(.invariantBroken, "option \(option.id) does not apply to the case on its own")
      }
      var state = [Setting?](repeating: nil, count: base.input.settings.count)
      for (s, origin) in planned.origin.enumerated() {
        if origin >= 0 {
          state[origin] = planned.input.settings[s]
        } else {
          opened.append((o, planned.input.settings[s].urn))
          openedSettings.append(planned.input.settings[s])
        }
      }
      states.append(state)
    }
    return (states, opened, openedSettings)
  }

  /// The effects on free places, caps and designations, gathered setting
  /// by setting (arc groups before their pupils are found).
  private struct Accumulated {
    var freePlaces: [CapacityForm?]
    var referencePlaces: [Int]
    var caps: [Cap] = []
    var groups: [ArcGroup] = []

    static func designated(_ setting: Setting, _ need: NeedCode) -> Bool {
      setting.needs.isEmpty || setting.needs.contains(need)
    }

    /// The options' effects on case setting s.
    mutating func addCaseSetting(
      _ s: Int, _ setting: Setting, states: [[Setting?]], input: RecommendationInput, groupOf: [Int]
    ) throws(AllocationError) {
      referencePlaces[s] = setting.freePlaces
      let touchers = input.options.indices.filter { o in
        guard let state = states[o][s] else { return true }
        return state.capacity != setting.capacity || state.needs != setting.needs
          || state.needPlaces != setting.needPlaces
      }
      guard !touchers.isEmpty else { return }
      let oneGroup = Set(touchers.map { groupOf[$0] }).count == 1
      if !oneGroup, touchers.contains(where: { states[$0][s] == nil }) {
        throw AllocationError(.invariantBroken, "options of several groups touch a setting one of them closes")
      }
      if setting.freePlaces == 0 {
        referencePlaces[s] = touchers.map { states[$0][s]?.freePlaces ?? 0 }.max() ?? 0
      }
      let places: CapacityForm
      if oneGroup {
        places = .withinGroup(
          base: setting.freePlaces, alone: touchers.map { ($0, states[$0][s]?.freePlaces ?? 0) })
      } else {
        var form = CapacityForm(
          shape: .freePlaces, base: setting.capacity - setting.onRoll,
          changes: touchers.map { ($0, (states[$0][s]?.capacity ?? setting.capacity) - setting.capacity) })
        var lowest = form.base
        for members in input.groups {
          lowest += min(0, form.changes.filter { members.contains($0.option) }.map(\.change).min() ?? 0)
        }
        form.neverNegative = lowest >= 0
        places = form
      }
      if !places.changes.isEmpty { freePlaces[s] = places }
      for need in setting.needPlaces.keys.sorted(by: { $0.rawValue < $1.rawValue }) {
        let cap = setting.needPlaces[need] ?? 0
        let form = CapacityForm.withinGroup(
          base: cap, alone: touchers.map { ($0, states[$0][s]?.needPlaces[need] ?? cap) })
        // Changes to caps add up across groups, so the same form is exact either way.
        if !form.changes.isEmpty { caps.append(Cap(setting: s, need: need, form: form)) }
      }
      for need in NeedCode.allCases {
        let before = Self.designated(setting, need) ? 1 : 0
        let alone = touchers.map { o in (o, states[o][s].map { Self.designated($0, need) ? 1 : 0 } ?? 0) }
        guard alone.contains(where: { $0.1 != before }) else { continue }
        let form: CapacityForm
        if oneGroup {
          form = .withinGroup(base: before, alone: alone)
        } else {
          // Several groups and no closure: designations only add, so `before` is 0.
          form = CapacityForm(shape: .anyOf, base: 0, changes: alone.filter { $0.1 == 1 }.map { ($0.0, 1) })
        }
        groups.append(ArcGroup(setting: s, need: need, form: form))
      }
    }

    /// The effects of the setting option o opens, at node u.
    mutating func addOpenedSetting(_ u: Int, _ setting: Setting, option o: Int) {
      referencePlaces[u] = setting.freePlaces
      freePlaces[u] = CapacityForm(shape: .exact, base: 0, changes: [(o, setting.freePlaces)])
      for need in setting.needPlaces.keys.sorted(by: { $0.rawValue < $1.rawValue }) {
        guard let cap = setting.cap(for: need) else { continue }
        caps.append(Cap(setting: u, need: need, form: CapacityForm(shape: .exact, base: 0, changes: [(o, cap)])))
      }
      for need in NeedCode.allCases where Self.designated(setting, need) {
        groups.append(
          ArcGroup(setting: u, need: need, form: CapacityForm(shape: .exact, base: 0, changes: [(o, 1)])))
      }
    }
  }

  /// The setting node of a setting a set's case opens: the node of the
  /// option of the set that opens that URN.
  func openedNode(urn: URN, chosen: [Bool]) -> Int? {
    opened.indices.first { opened[$0].urn == urn && chosen[opened[$0].option] }.map { baseCount + $0 }
  }

  /// Fills each arc group with the pupils of its need that the five
  /// eligibility rules admit at its setting once designated for the need:
  /// a `CandidateSet` of a case holding just those settings, each with room
  /// for everyone and designated for every need, so that the pairs,
  /// journeys and preference penalties are those the allocation sees. A
  /// case finds a preference by URN, so settings sharing one (a school
  /// offered in several sizes) go in separate cases.
  private static func findPairs(
    _ groups: inout [ArcGroup], base: CaseWithOpenings, openedSettings: [Setting], opened: [(option: Int, urn: URN)]
  ) {
    let settings = base.input.settings
    let policy = base.input.policy
    // The law's terms are the case's in every set (`lawProblems` refuses
    // options that change them): a pair's units and penalties come from them.
    let terms = LawTerms.of(CandidateSet(case: base.input), settings: settings)
    var nodes: [Int] = []
    for group in groups where nodes.last != group.setting { nodes.append(group.setting) }
    var batches: [[Int]] = []
    var seen: [URN: Int] = [:]
    for u in nodes {
      let urn = u < settings.count ? settings[u].urn : opened[u - settings.count].urn
      let batch = seen[urn, default: 0]
      seen[urn] = batch + 1
      if batch == batches.count { batches.append([]) }
      batches[batch].append(u)
    }
    var groupOf: [CapKey: Int] = [:]
    for (i, group) in groups.enumerated() { groupOf[CapKey(setting: group.setting, need: group.need)] = i }
    for batch in batches {
      let aux = auxiliaryCase(batch, base: base, openedSettings: openedSettings, opened: opened)
      let candidates = CandidateSet(case: aux)
      for p in 0..<candidates.pupilCount {
        let pupil = base.input.pupils[p]
        for pair in candidates.pairs(of: p) {
          let node = Int(candidates.setting[pair])
          guard let i = groupOf[CapKey(setting: batch[node], need: pupil.primaryNeed)] else { continue }
          let setting = aux.settings[node]
          var penalty = Eligibility.preferencePenalty(storedRank: candidates.rank[pair], pupil: pupil, policy: policy)
          if let stay = terms[p].stay, stay != setting.urn, policy.movePenalty > 0 { penalty += policy.movePenalty }
          let minutesEquivalent = candidates.minutes[pair] + penalty
          groups[i].pupils.append(Int32(p))
          groups[i].costs.append(
            policy.costUnit == .pounds
              ? (setting.costPerPlace ?? 0) + policy.poundsPerMinute * minutesEquivalent : minutesEquivalent)
          groups[i].units.append(terms[p].request.map { $0 != setting.urn ? 1 : 0 } ?? 0)
        }
      }
    }
  }

  /// The case's pupils with just the given setting nodes, each open to
  /// every need with room for everyone, and their journeys.
  private static func auxiliaryCase(
    _ nodes: [Int], base: CaseWithOpenings, openedSettings: [Setting], opened: [(option: Int, urn: URN)]
  ) -> Case {
    let settings = base.input.settings
    var aux = base.input
    aux.settings = nodes.map { u in
      var setting = u < settings.count ? settings[u] : openedSettings[u - settings.count]
      setting.needs = EnumSet()
      setting.needPlaces = [:]
      setting.needPlacesOrder = []
      setting.capacity = 1 << 40
      setting.onRoll = 0
      return setting
    }
    guard let travel = base.input.travel else { return aux }
    var auxOf = [[Int32]](repeating: [], count: settings.count)
    var openingAux = [[Int32]](repeating: [], count: base.openings.count)
    var openingIndex: [URN: Int] = [:]
    for (i, urn) in base.openings.enumerated() where openingIndex[urn] == nil { openingIndex[urn] = i }
    for (a, u) in nodes.enumerated() {
      if u < settings.count {
        auxOf[u].append(Int32(a))
      } else if let i = openingIndex[opened[u - settings.count].urn] {
        openingAux[i].append(Int32(a))
      }
    }
    var matrix = TravelMatrix()
    for k in 0..<travel.count {
      for a in auxOf[Int(travel.setting[k])] {
        matrix.append(pupil: Int(travel.pupil[k]), setting: Int(a), minutes: travel.minutes[k])
      }
    }
    let openingTravel = base.openingTravel
    for k in 0..<openingTravel.count {
      for a in openingAux[Int(openingTravel.setting[k])] {
        matrix.append(pupil: Int(openingTravel.pupil[k]), setting: Int(a), minutes: openingTravel.minutes[k])
      }
    }
    aux.travel = matrix
    return aux
  }
}
