extension Allocation {
  /// Checks what must hold of any allocation before it is written: one
  /// placement per input pupil, each placement eligible by all five rules,
  /// free places and need caps respected, and each unplaced reason true.
  ///
  /// A violation is a bug in Placewise, never a property of the input, so it
  /// is thrown loudly instead of written.
  public func verify(case input: Case, candidates: CandidateSet) throws(AllocationError) {
    func broken(_ what: String) -> AllocationError {
      AllocationError(.invariantBroken, "allocation invariant broken: \(what)")
    }
    guard placements.count == input.pupils.count else {
      throw broken("\(placements.count) placements for \(input.pupils.count) pupils")
    }
    var used = [Int](repeating: 0, count: input.settings.count)
    var usedByNeed: [CapKey: Int] = [:]
    for (p, placement) in placements.enumerated() {
      let pupil = input.pupils[p]
      switch placement {
      case .placed(let s, let pair):
        guard candidates.pairs(of: p).contains(pair), Int(candidates.setting[pair]) == s else {
          throw broken("pupil \(pupil.id) is placed through a pair that is not its own")
        }
        let setting = input.settings[s]
        let fixed = Int(candidates.terms[p].fixed)
        if fixed >= 0 {
          // An agreed placement stands whatever the rules say, and takes
          // its place before anyone else.
          guard s == fixed else { throw broken("pupil \(pupil.id) is not at its agreed placement") }
          continue
        }
        guard Eligibility.admits(setting, pupil, policy: input.policy) else {
          throw broken("pupil \(pupil.id) is placed at \(setting.urn), which rules 1-4 or 6 exclude")
        }
        let limit = Eligibility.journeyLimit(pupil, input.policy)
        let isExempt = Eligibility.isExempt(setting.urn, pupil, input.policy)
        guard Eligibility.journeyAllowed(minutes: candidates.minutes[pair], limit: limit, isPreference: isExempt)
        else {
          throw broken("pupil \(pupil.id) is placed at \(setting.urn) beyond its journey limit")
        }
        used[s] += 1
        usedByNeed[CapKey(setting: s, need: pupil.primaryNeed), default: 0] += 1
      case .unplaced(let reason):
        let hasEligible = candidates.eligibleCount[p] > 0
        guard hasEligible == (reason == .eligibleSettingsFull) else {
          throw broken("pupil \(pupil.id) is unplaced with reason '\(reason)', which is not true")
        }
      }
    }
    // Places and caps as agreed placements leave them for everyone else.
    let agreed = AgreedPlaces(
      input,
      urnIndex: Dictionary(
        input.settings.enumerated().map { ($1.urn, $0) }, uniquingKeysWith: { a, _ in a }))
    for (s, setting) in input.settings.enumerated() where used[s] > agreed.freePlaces(s, setting) {
      throw broken("\(setting.urn) takes \(used[s]) pupils but has \(agreed.freePlaces(s, setting)) free places")
    }
    // An unplaced pupil with eligible settings must find each of them full:
    // otherwise placing it there would lower the unmet priority.
    for (p, placement) in placements.enumerated() where placement == .unplaced(.eligibleSettingsFull) {
      let need = input.pupils[p].primaryNeed
      for pair in candidates.pairs(of: p) {
        let s = Int(candidates.setting[pair])
        let key = CapKey(setting: s, need: need)
        let capFull = agreed.cap(key, input.settings[s]).map { usedByNeed[key, default: 0] >= $0 }
        guard used[s] >= agreed.freePlaces(s, input.settings[s]) || capFull == true else {
          throw broken("pupil \(input.pupils[p].id) is unplaced while \(input.settings[s].urn) has room for it")
        }
      }
    }
    for (key, count) in usedByNeed {
      let setting = input.settings[key.setting]
      if let cap = agreed.cap(key, setting), count > cap {
        throw broken("\(setting.urn) takes \(count) pupils with need \(key.need) above its cap of \(cap)")
      }
    }
  }
}
