/// How a plan's case differs from the case it was applied to, pupil by
/// pupil: which pupils a changed, opened or closed setting is eligible to
/// (their candidate and blocked pairs are rebuilt), and how the kept
/// settings are renumbered (everyone else's pairs are copied, renumbered).
/// See `CandidateSet.init(case:reusing:of:origin:)` for why the pairs of
/// the other pupils cannot change.
package struct PlanDelta: Sendable {
  /// Per pupil: whether a touched setting is eligible to it by all five
  /// rules in the case or in the plan's case.
  let touched: [Bool]
  /// Per setting of the case: its index in the plan's case (-1: closed).
  let newIndex: [Int32]
  /// Whether any kept setting has a new index (a closure came before it).
  let renumbered: Bool

  /// The delta of `planned` against `base`, or nil when `planned` is not
  /// `base` with a plan applied as `PlanApplication` applies one (other
  /// pupils or policy, settings reordered, journeys from a travel matrix in
  /// one and not the other): such a case is built from scratch.
  ///
  /// - Parameters:
  ///   - planned: the case with a plan applied.
  ///   - base: the case the plan was applied to.
  ///   - origin: each setting of `planned`: its index in `base`, or -1 for
  ///     a setting the plan opens.
  package init?(planned: Case, base: Case, origin: [Int]) {
    let kept = origin.filter { $0 >= 0 }
    // A plan's batch is the case's, followed by the pupils its closures
    // displace (always rebuilt).
    guard planned.pupils.count >= base.pupils.count, planned.policy == base.policy,
      origin.count == planned.settings.count, (planned.travel == nil) == (base.travel == nil),
      zip(kept, kept.dropFirst()).allSatisfy({ $0 < $1 }), kept.allSatisfy({ $0 < base.settings.count })
    else { return nil }
    var newIndex = [Int32](repeating: -1, count: base.settings.count)
    for (s, o) in origin.enumerated() where o >= 0 { newIndex[o] = Int32(s) }
    self.newIndex = newIndex
    renumbered = origin.enumerated().contains { $0.element >= 0 && $0.element != $0.offset }
    touched = Self.touchedPupils(planned, base, origin: origin)
  }

  /// Per pupil: whether a setting the plan changes, opens or closes is
  /// eligible to it by all five rules in the case or in the plan's case.
  static func touchedPupils(_ planned: Case, _ baseCase: Case, origin: [Int]) -> [Bool] {
    // Closed settings stay true: only kept, unchanged ones are cleared.
    var touchedBase = [Bool](repeating: true, count: baseCase.settings.count)
    var touchedPlan = [Bool](repeating: false, count: planned.settings.count)
    for (s, o) in origin.enumerated() {
      if o >= 0 && Self.sameForCandidates(baseCase.settings[o], planned.settings[s]) {
        touchedBase[o] = false
      } else {
        touchedPlan[s] = true
      }
    }
    // A pupil with an agreed placement has one pair whatever the rules
    // say: rebuilt every time (there are few).
    var affected = planned.pupils.indices.map { p in p >= baseCase.pupils.count || planned.pupils[p].fixedURN != nil }
    let policy = planned.policy
    func mark(_ input: Case, _ touched: [Bool]) {
      let rules = input.settings.map { Eligibility.Rules($0, policy: input.policy) }
      func eligible(_ p: Int, _ s: Int, _ minutes: Double) -> Bool {
        let pupil = input.pupils[p]
        return Eligibility.admits(rules[s], pupil)
          && Eligibility.journeyAllowed(
            minutes: minutes, limit: Eligibility.journeyLimit(pupil, policy),
            isPreference: Eligibility.isExempt(input.settings[s].urn, pupil, policy))
      }
      if let travel = input.travel {
        for k in 0..<travel.count where touched[Int(travel.setting[k])] {
          let p = Int(travel.pupil[k])
          if !affected[p] && eligible(p, Int(travel.setting[k]), travel.minutes[k]) { affected[p] = true }
        }
      } else {
        for (s, setting) in input.settings.enumerated() where touched[s] {
          for (p, pupil) in input.pupils.enumerated() where !affected[p] {
            let minutes = policy.estimatedMinutes(
              fromEasting: pupil.easting, northing: pupil.northing, toEasting: setting.easting,
              northing: setting.northing)
            if eligible(p, s, minutes) { affected[p] = true }
          }
        }
      }
    }
    mark(baseCase, touchedBase)
    mark(planned, touchedPlan)
    return affected
  }

  /// Whether two versions of a setting give every pupil the same pairs:
  /// every field the eligibility rules, the usable and blocked tests, the
  /// journey estimate or the preference ranks read.
  static func sameForCandidates(_ a: Setting, _ b: Setting) -> Bool {
    a.urn == b.urn && a.kind == b.kind && a.needs == b.needs && a.lowAge == b.lowAge && a.highAge == b.highAge
      && a.gender == b.gender && a.capacity == b.capacity && a.onRoll == b.onRoll && a.needPlaces == b.needPlaces
      && a.easting == b.easting && a.northing == b.northing && a.costPerPlace == b.costPerPlace
      && a.statutoryRequest == b.statutoryRequest
  }
}
