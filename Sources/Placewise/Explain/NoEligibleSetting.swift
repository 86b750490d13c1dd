import ParallelWork

/// Why pupils have no eligible setting at all, found without solving: for
/// each, the nearest setting that passes rules 1 to 4 and is reachable but
/// lies beyond the pupil's journey limit, if there is one. Used by
/// `validate` (a planner can fix these before allocating) and by the
/// explanations of pupils left unplaced for that reason.
public struct NoEligibleSetting: Sendable {
  /// The pupils with no eligible setting, by index, in input order.
  public let pupils: [Int]
  /// For each of `pupils`: the nearest setting beyond the journey limit
  /// (least journey minutes, then input order), or nil when no setting of
  /// the allowed kinds designated for the need takes the pupil at all.
  public let nearestBeyondLimit: [(setting: Int, minutes: Double)?]

  /// Finds the pupils of a case whose candidates show no eligible setting.
  public init(case input: Case, candidates: CandidateSet) {
    // An agreed placement (`fixed_urn`) stands whatever the rules say: its
    // pupil is placed, not left without an eligible setting (round
    // twenty-one: validate listed one as "left unplaced whatever the
    // allocation").
    let pupils = (0..<input.pupils.count).filter { candidates.eligibleCount[$0] == 0 && candidates.terms[$0].fixed < 0 }
    self.pupils = pupils
    var slot = [Int](repeating: -1, count: input.pupils.count)
    for (k, p) in pupils.enumerated() { slot[p] = k }
    var nearest = [(setting: Int, minutes: Double)?](repeating: nil, count: pupils.count)
    let rules = input.settings.map { Eligibility.Rules($0, policy: input.policy) }
    func offer(_ k: Int, _ s: Int, _ minutes: Double) {
      guard Eligibility.admits(rules[s], input.pupils[pupils[k]]) else { return }
      if let best = nearest[k], (best.minutes, best.setting) <= (minutes, s) { return }
      nearest[k] = (s, minutes)
    }
    if let travel = input.travel {
      for row in 0..<travel.count {
        let k = slot[Int(travel.pupil[row])]
        if k >= 0 { offer(k, Int(travel.setting[row]), travel.minutes[row]) }
      }
    } else {
      // Every setting for every such pupil (7,932 x 18,519 at 500,000
      // pupils): the rules first, which most settings fail, then the
      // journey; the pupils in chunks on every core.
      let found = parallelChunks(pupils.count) { range in
        range.map { k -> (setting: Int, minutes: Double)? in
          let pupil = input.pupils[pupils[k]]
          var best: (setting: Int, minutes: Double)?
          for (s, setting) in input.settings.enumerated() where Eligibility.admits(rules[s], pupil) {
            let minutes = input.policy.estimatedMinutes(
              fromEasting: pupil.easting, northing: pupil.northing, toEasting: setting.easting,
              northing: setting.northing)
            if let held = best, (held.minutes, held.setting) <= (minutes, s) { continue }
            best = (s, minutes)
          }
          return best
        }
      }
      nearest = found.flatMap { $0 }
    }
    nearestBeyondLimit = nearest
  }

  /// The reason in a sentence, for the `k`-th pupil of `pupils`: no setting
  /// of the allowed kinds designated for the need, within the age range
  /// and the journey limit, naming the nearest one beyond the limit.
  public func reason(_ k: Int, case input: Case) -> String {
    let pupil = input.pupils[pupils[k]]
    let kinds = pupil.provision.map(\.word).joined(separator: ", ")
    let limit = Eligibility.journeyLimit(pupil, input.policy)
    let limitText = limit.isFinite ? NumberWords.plain(limit) + "-minute" : "unlimited"
    let what =
      "no setting of the kinds the EHC plan allows (\(kinds)) that is designated for \(pupil.primaryNeed.code) "
      + "and takes this child's age and sex"
    guard let nearest = nearestBeyondLimit[k] else {
      let reachable = input.travel == nil ? "" : ", with a journey to it listed in travel.csv"
      return "The case has " + what + reachable + "."
    }
    // Rounded to whole minutes, a journey just over the limit would read as the limit itself.
    let away =
      nearest.minutes.rounded() <= limit
      ? NumberWords.plain(nearest.minutes) + " minutes"
      : ExplanationText.minutes(nearest.minutes)
    return what.prefix(1).uppercased() + what.dropFirst()
      + " is within the \(limitText) journey limit; the nearest, \(input.settings[nearest.setting].name), is "
      + "\(away) away."
  }
}
