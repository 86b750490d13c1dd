extension BlockedPairs {
  /// The blocked pairs of a plan's case: found again for the pupils a
  /// touched setting is eligible to (`delta.touched`), copied from the
  /// case's own for everyone else, with settings renumbered. The same as
  /// `init(case: planned)`, in a fraction of its time.
  ///
  /// A blocked pair is an eligible pair at a setting where the pupil's need
  /// has no usable place. For a setting the plan leaves unchanged, the
  /// eligibility rules, the journey, the rank and the blocked test read what
  /// they read in the case (the argument of
  /// `CandidateSet.init(case:reusing:of:origin:)`), and the travel rows of a
  /// pupil at kept settings keep their order; so a pupil to whom no touched
  /// setting is eligible has the same blocked pairs, in the same order.
  ///
  /// - Parameters:
  ///   - planned: the case with the plan applied.
  ///   - base: the blocked pairs of the case `delta` was taken against.
  ///   - delta: what the plan changed (`PlanDelta`).
  package init(case planned: Case, reusing base: BlockedPairs, delta: PlanDelta) {
    let pupilCount = planned.pupils.count
    let touched = delta.touched
    let finder = BlockedPairFinder(planned)
    var lists = [[BlockedPair]](repeating: [], count: pupilCount)
    if !finder.blockedSettings.isEmpty {
      if let travel = planned.travel {
        var settingBlocked = [Bool](repeating: false, count: planned.settings.count)
        for s in finder.blockedSettings { settingBlocked[s] = true }
        for k in 0..<travel.count where settingBlocked[Int(travel.setting[k])] {
          let p = Int(travel.pupil[k])
          guard touched[p] else { continue }
          if let found = finder.pair(p, Int(travel.setting[k]), travel.minutes[k]) { lists[p].append(found) }
        }
      } else {
        for p in 0..<pupilCount where touched[p] { lists[p] = finder.estimatedPairs(p) }
      }
    }
    offsets = [0]
    offsets.reserveCapacity(pupilCount + 1)
    setting = []
    setting.reserveCapacity(base.setting.count)
    minutes = []
    minutes.reserveCapacity(base.minutes.count)
    rank = []
    rank.reserveCapacity(base.rank.count)
    for p in 0..<pupilCount {
      if touched[p] {
        for pair in lists[p] {
          setting.append(pair.setting)
          minutes.append(pair.minutes)
          rank.append(pair.rank)
        }
      } else {
        // Never -1: a closed setting eligible to this pupil would have marked it touched.
        for pair in base.pairs(of: p) { setting.append(delta.newIndex[Int(base.setting[pair])]) }
        minutes.append(contentsOf: base.minutes[base.pairs(of: p)])
        rank.append(contentsOf: base.rank[base.pairs(of: p)])
      }
      offsets.append(setting.count)
    }
  }
}
