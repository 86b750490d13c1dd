import Foundation
import ParallelWork

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
  /// Journey minutes of each pair.
  var minutes: [Double]
  /// Preference rank of each pair (0: not listed), as `CandidateSet` stores it.
  var rank: [Int32]

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
    var lists = [[BlockedPair]](repeating: [], count: pupilCount)
    if !blockedSettings.isEmpty {
      if let travel = input.travel {
        var settingBlocked = [Bool](repeating: false, count: settings.count)
        for s in blockedSettings { settingBlocked[s] = true }
        for k in 0..<travel.count where settingBlocked[Int(travel.setting[k])] {
          let p = Int(travel.pupil[k])
          if let found = finder.pair(p, Int(travel.setting[k]), travel.minutes[k]) { lists[p].append(found) }
        }
      } else {
        // Chunks of at least 1,024 pupils, at most about 64 of them.
        let chunkSize = max(1024, pupilCount / 64 + 1)
        let chunks = (pupilCount + chunkSize - 1) / chunkSize
        lists = parallelChunks(pupilCount, chunks: chunks) { $0.map(finder.estimatedPairs) }.flatMap { $0 }
      }
    }
    offsets = [0]
    offsets.reserveCapacity(pupilCount + 1)
    setting = []
    minutes = []
    rank = []
    for list in lists {
      for pair in list {
        setting.append(pair.setting)
        minutes.append(pair.minutes)
        rank.append(pair.rank)
      }
      offsets.append(setting.count)
    }
  }
}

/// A blocked pair as found: its setting, journey and preference rank.
struct BlockedPair: Sendable {
  var setting: Int32
  var minutes: Double
  var rank: Int32
}

/// What finding blocked pairs reads, shared read-only by the threads.
struct BlockedPairFinder: Sendable {
  let input: Case
  /// Per setting and need code (at `CapKey.index`): no place can be used.
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
    let agreed = AgreedPlaces(
      input, urnIndex: Dictionary(input.settings.enumerated().map { ($1.urn, $0) }, uniquingKeysWith: { a, _ in a }))
    var blocked = [Bool](repeating: false, count: input.settings.count * CapKey.needSlots)
    var blockedSettings: [Int] = []
    for (s, setting) in input.settings.enumerated() {
      var any = false
      for need in NeedCode.allCases
      where agreed.freePlaces(s, setting) == 0 || agreed.cap(CapKey(setting: s, need: need), setting) == 0 {
        blocked[CapKey(setting: s, need: need).index] = true
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

  /// The pair of pupil p at setting s with this journey, if it is eligible
  /// and blocked (a pupil with an agreed placement has none: it cannot move).
  func pair(_ p: Int, _ s: Int, _ minutes: Double) -> BlockedPair? {
    let pupil = input.pupils[p]
    guard pupil.fixedURN == nil, blocked[CapKey(setting: s, need: pupil.primaryNeed).index],
      Eligibility.admits(rules[s], pupil)
    else { return nil }
    let rank = pupil.preferenceRank(of: input.settings[s].urn)
    guard
      Eligibility.journeyAllowed(
        minutes: minutes, limit: Eligibility.journeyLimit(pupil, input.policy),
        isPreference: Eligibility.isExempt(input.settings[s].urn, pupil, input.policy))
    else { return nil }
    return BlockedPair(setting: Int32(s), minutes: minutes, rank: Int32(rank ?? 0))
  }

  /// Pupil p's blocked pairs with journeys estimated from coordinates: its
  /// preferences and current setting (exempt from the journey limit) by
  /// name, the rest through the grid, as `CandidateSet` finds its pairs.
  func estimatedPairs(_ p: Int) -> [BlockedPair] {
    let pupil = input.pupils[p]
    guard pupil.fixedURN == nil else { return [] }
    let policy = input.policy
    let limit = Eligibility.journeyLimit(pupil, policy)
    var row: [BlockedPair] = []
    func consider(_ s: Int) {
      let setting = input.settings[s]
      let minutes = policy.estimatedMinutes(
        fromEasting: pupil.easting, northing: pupil.northing, toEasting: setting.easting, northing: setting.northing)
      if let found = pair(p, s, minutes) { row.append(found) }
    }
    var named: [Int] = []
    for urn in pupil.preferences + [pupil.currentURN].compactMap(\.self) {
      guard let s = urnIndex[urn], !named.contains(s) else { continue }
      named.append(s)
      consider(s)
    }
    guard let grid else { return row }
    // Metres reachable, widened a little so that rounding never drops a pair the exact test keeps.
    let radius = limit * policy.speedKmh / 60 / policy.detourFactor * 1000 * (1 + 1e-9) + 1
    grid.forEachSetting(near: pupil.easting, pupil.northing, radius: radius, kinds: pupil.provision) { k in
      let s = blockedSettings[k]
      if !named.contains(s) { consider(s) }
    }
    return row
  }
}
