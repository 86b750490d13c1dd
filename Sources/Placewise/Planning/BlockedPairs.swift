import Foundation

/// The eligible (pupil, setting) pairs a `CandidateSet` leaves out because
/// they can never be used: the setting has no free place, or its cap for
/// the pupil's need is 0.
///
/// They carry no flow in any allocation of the case, but one more place (or
/// one more capped place) opens them, so a place value needs them: they are
/// the arcs into a setting that has no room at all. Stored by pupil in
/// compressed rows like `CandidateSet`, found by the same five rules.
package struct BlockedPairs: Sendable {
  /// Start of each pupil's pairs; `pupilCount + 1` entries.
  var offsets: [Int]
  /// Setting index of each pair.
  var setting: [Int32]
  /// Journey minutes plus preference penalty of each pair.
  var cost: [Double]

  /// The pairs of one pupil.
  func pairs(of pupil: Int) -> Range<Int> { offsets[pupil]..<offsets[pupil + 1] }

  /// Finds the blocked pairs of a case. Only settings with a blocked need
  /// are looked at, so with a travel matrix this is one pass over its rows,
  /// and without one, a test of each pupil against those few settings.
  package init(case input: Case) {
    let settings = input.settings
    let pupilCount = input.pupils.count
    let finder = BlockedPairFinder(input)
    let blockedSettings = finder.blockedSettings
    var lists = [[(setting: Int32, cost: Double)]](repeating: [], count: pupilCount)
    if !blockedSettings.isEmpty {
      if let travel = input.travel {
        var settingBlocked = [Bool](repeating: false, count: settings.count)
        for s in blockedSettings { settingBlocked[s] = true }
        for k in 0..<travel.count where settingBlocked[Int(travel.setting[k])] {
          let p = Int(travel.pupil[k])
          if let found = finder.pair(p, Int(travel.setting[k]), travel.minutes[k]) { lists[p].append(found) }
        }
      } else {
        let chunkSize = max(1024, pupilCount / 64 + 1)
        let chunks = (pupilCount + chunkSize - 1) / chunkSize
        let results = ParallelSlots<[[(setting: Int32, cost: Double)]]>(count: chunks)
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
          let range = (chunk * chunkSize)..<min(pupilCount, (chunk + 1) * chunkSize)
          results.store(chunk, range.map(finder.estimatedPairs))
        }
        lists = results.values().flatMap { $0 }
      }
    }
    offsets = [0]
    offsets.reserveCapacity(pupilCount + 1)
    setting = []
    cost = []
    for list in lists {
      for (s, c) in list {
        setting.append(s)
        cost.append(c)
      }
      offsets.append(setting.count)
    }
  }
}

/// What finding blocked pairs reads, shared read-only by the threads.
struct BlockedPairFinder: Sendable {
  let input: Case
  /// Per setting and need code (`setting * 16 + need`): no place can be used.
  let blocked: [Bool]
  /// Settings with a blocked need, ascending.
  let blockedSettings: [Int]
  let rules: [Eligibility.Rules]
  let urnIndex: [URN: Int]
  /// The blocked settings on a grid (indices into `blockedSettings`), for
  /// estimated journeys: a pupil is tested only against those within reach.
  let grid: SettingGrid?

  init(_ input: Case) {
    self.input = input
    var blocked = [Bool](repeating: false, count: input.settings.count * 16)
    var blockedSettings: [Int] = []
    for (s, setting) in input.settings.enumerated() {
      var any = false
      for need in NeedCode.allCases where setting.freePlaces == 0 || setting.cap(for: need) == 0 {
        blocked[s * 16 + need.rawValue] = true
        any = true
      }
      if any { blockedSettings.append(s) }
    }
    self.blocked = blocked
    self.blockedSettings = blockedSettings
    rules = input.settings.map { Eligibility.Rules($0, policy: input.policy) }
    urnIndex = Dictionary(input.settings.enumerated().map { ($1.urn, $0) }, uniquingKeysWith: { a, _ in a })
    grid =
      input.travel == nil && !blockedSettings.isEmpty
      ? SettingGrid(settings: blockedSettings.map { input.settings[$0] }) : nil
  }

  /// The pair of pupil p at setting s with this journey, if it is eligible and blocked.
  func pair(_ p: Int, _ s: Int, _ minutes: Double) -> (setting: Int32, cost: Double)? {
    let pupil = input.pupils[p]
    guard blocked[s * 16 + pupil.primaryNeed.rawValue], Eligibility.admits(rules[s], pupil) else { return nil }
    let rank = pupil.preferenceRank(of: input.settings[s].urn)
    guard
      Eligibility.journeyAllowed(
        minutes: minutes, limit: Eligibility.journeyLimit(pupil, input.policy), isPreference: rank != nil)
    else { return nil }
    let penalty = Eligibility.preferencePenalty(
      rank: rank, hasPreferences: !pupil.preferences.isEmpty, policy: input.policy)
    return (Int32(s), minutes + penalty)
  }

  /// Pupil p's blocked pairs with journeys estimated from coordinates: its
  /// preferences (exempt from the journey limit) by name, the rest through
  /// the grid, as `CandidateSet` finds its pairs.
  func estimatedPairs(_ p: Int) -> [(setting: Int32, cost: Double)] {
    let pupil = input.pupils[p]
    let need = pupil.primaryNeed.rawValue
    let policy = input.policy
    let limit = Eligibility.journeyLimit(pupil, policy)
    let hasPreferences = !pupil.preferences.isEmpty
    var row: [(setting: Int32, cost: Double)] = []
    func consider(_ s: Int, rank: Int?) {
      guard blocked[s * 16 + need], Eligibility.admits(rules[s], pupil) else { return }
      let setting = input.settings[s]
      let minutes = policy.estimatedMinutes(
        fromEasting: pupil.easting, northing: pupil.northing, toEasting: setting.easting, northing: setting.northing)
      guard Eligibility.journeyAllowed(minutes: minutes, limit: limit, isPreference: rank != nil) else { return }
      let penalty = Eligibility.preferencePenalty(rank: rank, hasPreferences: hasPreferences, policy: policy)
      row.append((Int32(s), minutes + penalty))
    }
    var preferred: [Int] = []
    for (position, urn) in pupil.preferences.enumerated() {
      guard let s = urnIndex[urn], !preferred.contains(s) else { continue }
      preferred.append(s)
      consider(s, rank: position + 1)
    }
    guard let grid else { return row }
    // Metres reachable, widened a little so that rounding never drops a pair the exact test keeps.
    let radius = limit * policy.speedKmh / 60 / policy.detourFactor * 1000 * (1 + 1e-9) + 1
    grid.forEachSetting(near: pupil.easting, pupil.northing, radius: radius, kinds: pupil.provision) { k in
      let s = blockedSettings[k]
      if !preferred.contains(s) { consider(s, rank: nil) }
    }
    return row
  }
}
