extension CandidateSet {
  /// The candidates of a plan's case, rebuilt only for the pupils the plan
  /// can touch and copied from the case's own candidates for everyone else:
  /// the same set `init(case: planned)` builds, in a fraction of its time
  /// (`compare` builds one per plan).
  ///
  /// Why the other pupils' rows cannot change. A pupil's pairs and
  /// `eligibleCount` are a function of the settings eligible to it by the
  /// five rules and, for each, the journey, the preference rank (hence the
  /// penalty), whether a place there can be used (a free place, no cap of 0
  /// for the pupil's need) and the setting's index (it breaks ties in the
  /// cost order). For a setting the plan keeps unchanged (same URN, kind,
  /// needs, ages, gender, capacity, on roll, caps and coordinates), rules 1
  /// to 4 and the usable test read the same fields; its journeys are the
  /// same `travel.csv` rows (`PlanApplication` keeps a kept setting's rows)
  /// or the same estimate from the same coordinates; its rank is the
  /// position of the same URN in the pupil's unchanged list (a closure
  /// makes its URN unknown, which leaves the other URNs' positions as they
  /// were); and kept settings keep their order (closures remove indices,
  /// openings append), so ties fall the same way. Only the touched settings
  /// (changed, opened, closed) can then differ, and a pupil to whom none of
  /// them is eligible, in the case or in the plan's case, has the same row
  /// with its settings renumbered. The pupils rebuilt here are every pupil
  /// with a touched setting eligible by all five rules in either case (and
  /// a superset would only cost time).
  ///
  /// - Precondition: `planned` is `baseCase` with a plan applied, as
  ///   `PlanApplication` builds it (the same pupils, then any it displaces, and policy; settings and
  ///   journeys changed as the plan says), `base` is `baseCase`'s candidate
  ///   set, and `origin` gives each setting of `planned` its index in
  ///   `baseCase` (-1 for one the plan opens). A case found not to be so (a
  ///   different policy or number of pupils, settings reordered) is built
  ///   from scratch.
  package init(case planned: Case, reusing base: CandidateSet, of baseCase: Case, origin: [Int]) {
    guard base.pupilCount == baseCase.pupils.count,
      let delta = PlanDelta(planned: planned, base: baseCase, origin: origin)
    else {
      self.init(case: planned)
      return
    }
    self.init(case: planned, reusing: base, delta: delta)
  }

  /// The candidates of `planned`, rebuilt for `delta.touched` pupils only
  /// (see `init(case:reusing:of:origin:)`); `base` is the candidate set of
  /// the case `delta` was taken against.
  init(case planned: Case, reusing base: CandidateSet, delta: PlanDelta) {
    let affected = delta.touched
    let builder = CandidateBuilder(planned, only: affected)
    let rebuilt = builder.build(affected.indices.lazy.filter { affected[$0] })

    let newIndex = delta.newIndex
    let renumbered = delta.renumbered
    let pupilCount = planned.pupils.count
    let total = base.count + rebuilt.setting.count
    var offsets = [0]
    offsets.reserveCapacity(pupilCount + 1)
    var setting: [Int32] = []
    setting.reserveCapacity(total)
    var minutes: [Double] = []
    minutes.reserveCapacity(total)
    var rank: [Int32] = []
    rank.reserveCapacity(total)
    var penalty: [Double] = []
    penalty.reserveCapacity(total)
    var refuses: [UInt8] = []
    refuses.reserveCapacity(total)
    var eligibleCount: [Int32] = []
    eligibleCount.reserveCapacity(pupilCount)
    var terms: [PupilTerms] = []
    terms.reserveCapacity(pupilCount)
    var r = 0
    var next = 0
    for p in 0..<pupilCount {
      if affected[p] {
        let range = next..<(next + rebuilt.counts[r])
        setting.append(contentsOf: rebuilt.setting[range])
        minutes.append(contentsOf: rebuilt.minutes[range])
        rank.append(contentsOf: rebuilt.rank[range])
        penalty.append(contentsOf: rebuilt.penalty[range])
        refuses.append(contentsOf: rebuilt.refuses[range])
        eligibleCount.append(rebuilt.eligible[r])
        terms.append(rebuilt.terms[r])
        next = range.upperBound
        r += 1
      } else {
        let range = base.pairs(of: p)
        if renumbered {
          // Never -1: a closed setting eligible to this pupil would have flagged it.
          for pair in range { setting.append(newIndex[Int(base.setting[pair])]) }
        } else {
          setting.append(contentsOf: base.setting[range])
        }
        minutes.append(contentsOf: base.minutes[range])
        rank.append(contentsOf: base.rank[range])
        penalty.append(contentsOf: base.penalty[range])
        refuses.append(contentsOf: base.refuses[range])
        eligibleCount.append(base.eligibleCount[p])
        // Every setting a pupil's terms name is eligible to it (else it
        // would be -1), so it is kept and renumbered like its pairs.
        var kept = base.terms[p]
        if renumbered {
          for index in [\PupilTerms.request, \.exceptedOnCost, \.stay, \.fixed] where kept[keyPath: index] >= 0 {
            kept[keyPath: index] = newIndex[Int(kept[keyPath: index])]
          }
        }
        terms.append(kept)
      }
      offsets.append(setting.count)
    }
    self.init(
      offsets: offsets, setting: setting, minutes: minutes, rank: rank, penalty: penalty, refuses: refuses,
      eligibleCount: eligibleCount, terms: terms)
    setMoney(policy: planned.policy, settings: planned.settings)
    weighUnits()
  }
}
