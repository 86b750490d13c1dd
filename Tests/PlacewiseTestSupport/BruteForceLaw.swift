public import Placewise

/// The optimum of a tiny case under case format 2, (U, R, C), found by
/// trying every assignment. Written again from the contract on purpose:
/// it shares nothing with the optimiser but the case model.
public enum BruteForceLaw {
  /// The three levels of an optimum.
  public struct Optimum: Sendable, CustomStringConvertible {
    /// Unmet priority.
    public var unmet: Int
    /// Protected requests refused.
    public var refused: Int
    /// Placement cost (minutes-equivalent or pounds).
    public var cost: Double
    /// One optimal assignment.
    public var assignment: [Int?]

    /// `(U, R, C)`.
    public var description: String { "(\(unmet), \(refused), \(cost))" }
  }

  /// A pupil's view of the case: its options and what the law makes of it.
  struct PupilView {
    var options: [(setting: Int, cost: Double)] = []
    var fixed: (setting: Int, cost: Double)?
    var request: Int?
  }

  static func minutes(_ input: Case, _ p: Int, _ s: Int, _ reach: [Int: [Int: Double]]) -> Double? {
    if input.travel != nil { return reach[p]?[s] }
    let pupil = input.pupils[p]
    let setting = input.settings[s]
    let dx = pupil.easting - setting.easting
    let dy = pupil.northing - setting.northing
    return (dx * dx + dy * dy).squareRoot() / 1000 * input.policy.detourFactor / input.policy.speedKmh * 60
  }

  static func views(_ input: Case) -> [PupilView] {
    let policy = input.policy
    var reach: [Int: [Int: Double]] = [:]
    if let travel = input.travel {
      for k in 0..<travel.count {
        reach[Int(travel.pupil[k]), default: [:]][Int(travel.setting[k])] = travel.minutes[k]
      }
    }
    return input.pupils.indices.map { p in
      let pupil = input.pupils[p]
      func rules1to4and6(_ s: Int) -> Bool {
        let setting = input.settings[s]
        if !pupil.provision.contains(setting.kind) { return false }
        if !setting.needs.isEmpty && !setting.needs.contains(pupil.primaryNeed) { return false }
        let ageOK =
          policy.ageRange == .gias
          ? setting.lowAge <= pupil.age && pupil.age < setting.highAge
          : setting.lowAge <= pupil.age && pupil.age <= setting.highAge
        if !ageOK { return false }
        if setting.gender == .boys && pupil.sex != .male { return false }
        if setting.gender == .girls && pupil.sex != .female { return false }
        return !pupil.excludedURNs.contains(setting.urn)
      }
      let limit =
        pupil.maxTravelMinutes ?? (pupil.age <= 10 ? policy.maxTravelMinutesPrimary : policy.maxTravelMinutesSecondary)
      let current = input.settings.firstIndex { $0.urn == pupil.currentURN }
      func eligible(_ s: Int) -> Bool {
        guard rules1to4and6(s), let m = minutes(input, p, s, reach) else { return false }
        let exempt = pupil.preferences.contains(input.settings[s].urn) || (policy.movePenalty > 0 && s == current)
        return exempt || m <= limit
      }
      let canStay = current.map(eligible) ?? false
      func cost(_ s: Int) -> Double {
        // An agreed placement without a travel.csv row: estimated.
        let m =
          minutes(input, p, s, reach)
          ?? minutes(Case(settings: input.settings, pupils: input.pupils, policy: policy), p, s, [:]) ?? 0
        var penalty = 0.0
        if !pupil.preferences.isEmpty {
          penalty =
            pupil.preferences.firstIndex(of: input.settings[s].urn).map { policy.preferenceStep * Double($0) }
            ?? policy.unlistedPenalty
        }
        if canStay && s != current { penalty += policy.movePenalty }
        if policy.costUnit == .pounds {
          return (input.settings[s].costPerPlace ?? 0) + policy.poundsPerMinute * (m + penalty)
        }
        return m + penalty
      }
      var view = PupilView()
      for s in input.settings.indices where eligible(s) { view.options.append((s, cost(s))) }
      if let urn = pupil.fixedURN, let s = input.settings.firstIndex(where: { $0.urn == urn }) {
        view.fixed = (s, cost(s))
      }
      // The request and its protection.
      if policy.preferenceRule == .section39, let first = pupil.preferences.first,
        let r = input.settings.firstIndex(where: { $0.urn == first }), input.settings[r].statutoryRequest,
        rules1to4and6(r), let m = minutes(input, p, r, reach)
      {
        func annual(_ s: Int, _ m: Double) -> Double {
          (input.settings[s].costPerPlace ?? 0) + policy.poundsPerMinute * m
        }
        var protected = true
        if let margin = policy.resourcesMargin {
          let least = input.settings.indices.filter(eligible).map { annual($0, minutes(input, p, $0, reach) ?? 0) }
            .min()
          if let least, annual(r, m) > least + margin { protected = false }
        }
        if protected { view.request = r }
      }
      return view
    }
  }

  /// Tries every assignment that respects free places and caps, with the
  /// agreed placements taking theirs first.
  public static func solve(_ input: Case) -> Optimum {
    let views = views(input)
    var free = input.settings.map { max(0, $0.capacity - $0.onRoll) }
    var caps: [[Int?]] = input.settings.map { setting in
      NeedCode.allCases.map { need in
        guard let cap = setting.needPlaces[need], setting.needs.isEmpty || setting.needs.contains(need) else {
          return nil
        }
        return cap
      }
    }
    var current = [Int?](repeating: nil, count: input.pupils.count)
    var baseRefused = 0
    var baseCost = 0.0
    for (p, view) in views.enumerated() {
      guard let fixed = view.fixed else { continue }
      current[p] = fixed.setting
      free[fixed.setting] = max(0, free[fixed.setting] - 1)
      let need = input.pupils[p].primaryNeed.rawValue
      caps[fixed.setting][need] = caps[fixed.setting][need].map { max(0, $0 - 1) }
      baseCost += fixed.cost
      if let r = view.request, r != fixed.setting { baseRefused += 1 }
    }
    var best = Optimum(unmet: .max, refused: .max, cost: .infinity, assignment: current)
    func visit(_ p: Int, _ unmet: Int, _ refused: Int, _ cost: Double) {
      if p == input.pupils.count {
        let better =
          unmet != best.unmet
          ? unmet < best.unmet
          : refused != best.refused ? refused < best.refused : cost < best.cost - 1e-9 * max(1, abs(cost))
        if better { best = Optimum(unmet: unmet, refused: refused, cost: cost, assignment: current) }
        return
      }
      let view = views[p]
      if view.fixed != nil { return visit(p + 1, unmet, refused, cost) }
      let need = input.pupils[p].primaryNeed.rawValue
      for (s, c) in view.options where free[s] > 0 && (caps[s][need] ?? 1) > 0 {
        free[s] -= 1
        caps[s][need] = caps[s][need].map { $0 - 1 }
        current[p] = s
        visit(p + 1, unmet, refused + (view.request != nil && view.request != s ? 1 : 0), cost + c)
        current[p] = nil
        free[s] += 1
        caps[s][need] = caps[s][need].map { $0 + 1 }
      }
      visit(p + 1, unmet + input.pupils[p].priority, refused + (view.request != nil ? 1 : 0), cost)
    }
    visit(0, 0, baseRefused, baseCost)
    return best
  }
}

/// Random tiny cases that exercise case format 2: both age rules,
/// requests (parents' and young people's), statutory and non-statutory
/// settings, `ap`, colleges and post-16 institutions, current settings that
/// can and cannot keep the pupil, agreed and excluded placements (agreed
/// ones over capacity too), pounds and the resources margin.
public enum RandomLawCases {
  /// A case of 2 to 4 settings and 3 to 7 pupils.
  public static func tiny(seed: UInt64) -> Case {
    var rng = SeededGenerator(seed: seed &* 7919 &+ 17)
    func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &rng) }
    func chance(_ n: Int) -> Bool { int(1...n) == 1 }
    let kinds: [SettingKind] = [.special, .independent, .resourced, .mainstream, .ap, .college, .post16]
    let needs: [NeedCode] = [.asd, .semh, .sld]
    var policy = Policy()
    policy.ageRange = chance(2) ? .gias : .inclusive
    policy.preferenceRule = chance(4) ? .weighted : .section39
    policy.movePenalty = chance(3) ? 0 : Double(int(5...40))
    policy.maxTravelMinutesPrimary = Double(int(10...40))
    policy.maxTravelMinutesSecondary = Double(int(20...60))
    policy.preferenceStep = Double(int(0...8))
    policy.unlistedPenalty = Double(int(0...10))
    if chance(3) {
      policy.costUnit = .pounds
      policy.poundsPerMinute = Double(int(1...200))
    }
    if chance(3) { policy.resourcesMargin = Double(int(0...30_000)) }
    let settingCount = int(2...4)
    var settings: [Setting] = []
    for s in 0..<settingCount {
      let low = int(4...12)
      var designated = EnumSet<NeedCode>()
      if chance(3) { designated.insert(needs[int(0...2)]) }
      var caps: [NeedCode: Int] = [:]
      if chance(4) { caps[needs[int(0...2)]] = int(0...2) }
      let statutory: Bool? = chance(2) ? nil : chance(2)
      settings.append(
        Setting(
          urn: URN("\(200_000 + s)"), name: "Setting \(s)", kind: kinds[int(0...6)],
          easting: Double(int(0...12_000)), northing: Double(int(0...12_000)), lowAge: low, highAge: low + int(0...9),
          capacity: int(0...2), onRoll: chance(4) ? 1 : 0, gender: chance(5) ? .boys : .mixed, needs: designated,
          needPlaces: caps, costPerPlace: chance(5) ? nil : Double(int(10...70) * 1000), statutoryRequest: statutory))
    }
    var pupils: [Pupil] = []
    for p in 0..<int(3...7) {
      var provision = EnumSet<SettingKind>()
      for kind in kinds where !chance(3) { provision.insert(kind) }
      if provision.isEmpty { provision.insert(.special) }
      var preferences: [URN] = []
      // Requests crowd onto the first settings, so that some are refused.
      for _ in 0..<int(0...3) {
        preferences.append(chance(8) ? URN("999999") : settings[chance(2) ? 0 : int(0...settingCount - 1)].urn)
      }
      var pupil = Pupil(
        id: PupilID("L\(p)"), easting: Double(int(0...12_000)), northing: Double(int(0...12_000)), age: int(4...18),
        primaryNeed: needs[int(0...2)], provision: provision, sex: chance(2) ? .male : .female,
        preferences: preferences, maxTravelMinutes: chance(5) ? Double(int(0...60)) : nil,
        priority: chance(4) ? int(2...3) : 1,
        currentURN: chance(2) ? settings[int(0...settingCount - 1)].urn : nil)
      if chance(3) { pupil.excludedURNs = [settings[int(0...settingCount - 1)].urn] }
      if chance(7) {
        let fixed = settings[int(0...settingCount - 1)].urn
        if !pupil.excludedURNs.contains(fixed) { pupil.fixedURN = fixed }
      }
      pupils.append(pupil)
    }
    var travel: TravelMatrix?
    if chance(3) {
      var matrix = TravelMatrix()
      for p in pupils.indices {
        for s in settings.indices where !chance(4) {
          matrix.append(pupil: p, setting: s, minutes: Double(int(0...900)) / 10)
        }
      }
      travel = matrix
    }
    return Case(settings: settings, pupils: pupils, travel: travel, policy: policy)
  }
}

extension RandomLawCases {
  /// A tiny case where requests compete with journeys: settings of one
  /// kind for any need and age, few places, some pupils asking far from
  /// home for a setting that others without a request live near.
  public static func contestedRequests(seed: UInt64) -> Case {
    var rng = SeededGenerator(seed: seed &* 104_729 &+ 3)
    func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &rng) }
    var policy = Policy()
    policy.preferenceStep = Double(int(0...5))
    policy.unlistedPenalty = Double(int(0...10))
    policy.movePenalty = Double(int(0...1) * 20)
    // Sometimes an independent school, dearer than the rest, and a margin
    // that puts it beyond a request's protection.
    if int(0...2) == 0 { policy.resourcesMargin = Double(int(0...3) * 10_000) }
    let settingCount = int(2...3)
    let settings = (0..<settingCount).map { s in
      Setting(
        urn: URN("\(300_000 + s)"), name: "Setting \(s)", kind: .special, easting: Double(s * 8000),
        northing: 0, lowAge: 4, highAge: 19, capacity: int(1...2), costPerPlace: s == 0 ? 60_000 : 24_000)
    }
    let pupils = (0..<int(3...6)).map { p -> Pupil in
      let requests = int(0...1) == 1
      let near = int(0...settingCount - 1)
      return Pupil(
        id: PupilID("C\(p)"), easting: Double(near * 8000 + int(0...3000)), northing: Double(int(0...3000)),
        age: int(5...17), primaryNeed: .asd, provision: EnumSet([.special]),
        preferences: requests ? [settings[(near + 1) % settingCount].urn] : [],
        priority: 1, currentURN: int(0...3) == 0 ? settings[int(0...settingCount - 1)].urn : nil)
    }
    return Case(settings: settings, pupils: pupils, policy: policy)
  }
}
