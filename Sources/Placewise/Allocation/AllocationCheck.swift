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
        guard Eligibility.admits(setting, pupil) else {
          throw broken("pupil \(pupil.id) is placed at \(setting.urn), which rules 1-4 exclude")
        }
        let limit = Eligibility.journeyLimit(pupil, input.policy)
        let isPreference = pupil.preferences.contains(setting.urn)
        guard Eligibility.journeyAllowed(minutes: candidates.minutes[pair], limit: limit, isPreference: isPreference)
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
    for (s, setting) in input.settings.enumerated() where used[s] > setting.freePlaces {
      throw broken("\(setting.urn) takes \(used[s]) pupils but has \(setting.freePlaces) free places")
    }
    // An unplaced pupil with eligible settings must find each of them full:
    // otherwise placing it there would lower the unmet priority.
    for (p, placement) in placements.enumerated() where placement == .unplaced(.eligibleSettingsFull) {
      let need = input.pupils[p].primaryNeed
      for pair in candidates.pairs(of: p) {
        let s = Int(candidates.setting[pair])
        let capFull = input.settings[s].cap(for: need).map {
          usedByNeed[CapKey(setting: s, need: need), default: 0] >= $0
        }
        guard used[s] >= input.settings[s].freePlaces || capFull == true else {
          throw broken("pupil \(input.pupils[p].id) is unplaced while \(input.settings[s].urn) has room for it")
        }
      }
    }
    for (key, count) in usedByNeed {
      let setting = input.settings[key.setting]
      if let cap = setting.cap(for: key.need), count > cap {
        throw broken("\(setting.urn) takes \(count) pupils with need \(key.need) above its cap of \(cap)")
      }
    }
  }
}
