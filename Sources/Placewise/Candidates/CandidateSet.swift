import Foundation

/// Every eligible (pupil, setting) pair of a case with its journey and
/// preference penalty: the columns the optimiser may choose from.
///
/// Stored by pupil in compressed rows: the pairs of pupil `p` are
/// `offsets[p] ..< offsets[p + 1]`, cheapest first (journey minutes plus
/// preference penalty; equal costs by setting index), so that a search for
/// a pupil's best pairs at non-negative prices can stop early. Pairs at
/// settings with no free place are left out (they can never be used), but
/// counted in `eligibleCount`, so that an unplaced pupil's reason can tell
/// "no eligible setting" from "every eligible setting full".
public struct CandidateSet: Sendable {
  /// Start of each pupil's pairs; `pupilCount + 1` entries.
  package internal(set) var offsets: [Int]
  /// Setting index of each pair.
  package internal(set) var setting: [Int32]
  /// Journey minutes of each pair.
  package internal(set) var minutes: [Double]
  /// Preference rank (1-based) of each pair, 0 when the setting is not listed.
  package internal(set) var rank: [Int32]
  /// Preference penalty of each pair, in minutes-equivalent.
  package internal(set) var penalty: [Double]
  /// Per pupil: the number of settings eligible by all five rules, full or not.
  package internal(set) var eligibleCount: [Int32]

  /// The number of pupils.
  public var pupilCount: Int { offsets.count - 1 }
  /// The number of usable pairs.
  public var count: Int { setting.count }

  /// The pairs of one pupil.
  public func pairs(of pupil: Int) -> Range<Int> { offsets[pupil]..<offsets[pupil + 1] }

  /// The placement cost of a pair: journey minutes plus preference penalty.
  public func cost(_ pair: Int) -> Double { minutes[pair] + penalty[pair] }
}

extension CandidateSet {
  /// Builds the candidates of a case by the five eligibility rules.
  ///
  /// With a travel matrix only the listed pairs are reachable; without one,
  /// every pair is reachable, its journey is estimated from coordinates, and
  /// the settings within a pupil's journey limit are found through a spatial
  /// grid (its preferences, exempt from the limit, are added by name). Pupils
  /// are split into chunks built in parallel; the result does not depend on
  /// the split.
  public init(case input: Case) {
    let pupilCount = input.pupils.count
    let builder = CandidateBuilder(input)
    let chunkSize = max(1024, pupilCount / 64 + 1)
    let chunks = (pupilCount + chunkSize - 1) / chunkSize
    let results = ParallelSlots<CandidateChunk>(count: chunks)
    DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
      let range = (chunk * chunkSize)..<min(pupilCount, (chunk + 1) * chunkSize)
      results.store(chunk, builder.build(range))
    }
    let parts = results.values()
    let total = parts.reduce(0) { $0 + $1.setting.count }
    offsets = [0]
    offsets.reserveCapacity(pupilCount + 1)
    setting = []
    setting.reserveCapacity(total)
    minutes = []
    minutes.reserveCapacity(total)
    rank = []
    rank.reserveCapacity(total)
    penalty = []
    penalty.reserveCapacity(total)
    eligibleCount = []
    eligibleCount.reserveCapacity(pupilCount)
    for part in parts {
      let base = setting.count
      offsets.append(contentsOf: part.counts.reduce(into: [Int]()) { acc, n in acc.append((acc.last ?? base) + n) })
      setting.append(contentsOf: part.setting)
      minutes.append(contentsOf: part.minutes)
      rank.append(contentsOf: part.rank)
      penalty.append(contentsOf: part.penalty)
      eligibleCount.append(contentsOf: part.eligible)
    }
  }
}

/// The candidates of a run of pupils.
struct CandidateChunk: Sendable {
  var counts: [Int] = []
  var setting: [Int32] = []
  var minutes: [Double] = []
  var rank: [Int32] = []
  var penalty: [Double] = []
  var eligible: [Int32] = []
}

/// What building candidates needs, shared read-only by the threads.
struct CandidateBuilder: Sendable {
  let input: Case
  let urnIndex: [URN: Int]
  let grid: SettingGrid?
  /// Travel-matrix pairs grouped by pupil: `travelOrder[travelOffsets[p]..<travelOffsets[p + 1]]`.
  let travelOffsets: [Int]
  let travelOrder: [Int32]
  /// Per setting and need code (at `CapKey.index`): whether an
  /// eligible pair there can be used (a free place, and no cap of 0).
  let usable: [Bool]
  /// What rules 1 to 4 read of each setting.
  let rules: [Eligibility.Rules]
  /// Each setting's coordinates, for estimated journeys.
  let easting: [Double]
  let northing: [Double]

  /// With `only`, the travel-matrix pairs are grouped for the flagged
  /// pupils alone (`build` may then be asked for those pupils only).
  init(_ input: Case, only: [Bool]? = nil) {
    self.input = input
    rules = input.settings.map(Eligibility.Rules.init)
    easting = input.settings.map(\.easting)
    northing = input.settings.map(\.northing)
    var usable = [Bool](repeating: false, count: input.settings.count * CapKey.needSlots)
    for (s, setting) in input.settings.enumerated() {
      for need in NeedCode.allCases {
        usable[CapKey(setting: s, need: need).index] = setting.freePlaces > 0 && setting.cap(for: need) ?? 1 > 0
      }
    }
    self.usable = usable
    urnIndex = Dictionary(input.settings.enumerated().map { ($1.urn, $0) }, uniquingKeysWith: { a, _ in a })
    if let travel = input.travel {
      grid = nil
      var offsets = [Int](repeating: 0, count: input.pupils.count + 1)
      for p in travel.pupil where only?[Int(p)] ?? true { offsets[Int(p) + 1] += 1 }
      for p in 0..<input.pupils.count { offsets[p + 1] += offsets[p] }
      var next = offsets
      var order = [Int32](repeating: 0, count: offsets[input.pupils.count])
      for k in 0..<travel.count {
        let p = Int(travel.pupil[k])
        guard only?[p] ?? true else { continue }
        order[next[p]] = Int32(k)
        next[p] += 1
      }
      travelOffsets = offsets
      travelOrder = order
    } else {
      grid = SettingGrid(settings: input.settings)
      travelOffsets = []
      travelOrder = []
    }
  }

  func build(_ pupils: some Sequence<Int>) -> CandidateChunk {
    let policy = input.policy
    var chunk = CandidateChunk()
    var row: [(setting: Int32, minutes: Double, rank: Int32, penalty: Double)] = []
    var preferred: [(setting: Int, rank: Int)] = []
    for p in pupils {
      let pupil = input.pupils[p]
      let limit = Eligibility.journeyLimit(pupil, policy)
      let hasPreferences = !pupil.preferences.isEmpty
      // The rank of each preferred setting in the case (a repeat keeps its first position).
      preferred.removeAll(keepingCapacity: true)
      for (position, urn) in pupil.preferences.enumerated() {
        if let s = urnIndex[urn], !preferred.contains(where: { $0.setting == s }) {
          preferred.append((s, position + 1))
        }
      }
      func rankOf(_ s: Int) -> Int? { preferred.first { $0.setting == s }?.rank }
      var eligible: Int32 = 0
      row.removeAll(keepingCapacity: true)

      let need = pupil.primaryNeed
      func consider(_ s: Int, _ journey: Double, _ rank: Int?) {
        // Rules, not a Setting: copying a Setting per pair retains its
        // strings and tables, which was a tenth of this phase.
        guard Eligibility.admits(rules[s], pupil),
          Eligibility.journeyAllowed(minutes: journey, limit: limit, isPreference: rank != nil)
        else { return }
        eligible += 1
        guard usable[CapKey(setting: s, need: need).index] else { return }
        let penalty = Eligibility.preferencePenalty(rank: rank, hasPreferences: hasPreferences, policy: policy)
        row.append((Int32(s), journey, Int32(rank ?? 0), penalty))
      }

      if let travel = input.travel {
        for k in travelOffsets[p]..<travelOffsets[p + 1] {
          let pair = Int(travelOrder[k])
          let s = Int(travel.setting[pair])
          consider(s, travel.minutes[pair], rankOf(s))
        }
      } else if let grid {
        func estimate(_ s: Int) -> Double {
          policy.estimatedMinutes(
            fromEasting: pupil.easting, northing: pupil.northing, toEasting: easting[s],
            northing: northing[s])
        }
        // Preferred settings are exempt from the limit: taken by name.
        for (s, rank) in preferred { consider(s, estimate(s), rank) }
        // Others within the limit: metres reachable, widened a little so that
        // rounding can never drop a pair the exact test below would keep.
        let radius = limit * policy.speedKmh / 60 / policy.detourFactor * 1000 * (1 + 1e-9) + 1
        grid.forEachSetting(near: pupil.easting, pupil.northing, radius: radius, kinds: pupil.provision) { s in
          guard !preferred.contains(where: { $0.setting == s }) else { return }
          consider(s, estimate(s), nil)
        }
      }
      // Cheapest first; the sum is the one `cost(_:)` computes.
      row.sort { ($0.minutes + $0.penalty, $0.setting) < ($1.minutes + $1.penalty, $1.setting) }
      for (s, journey, rank, penalty) in row {
        chunk.setting.append(s)
        chunk.minutes.append(journey)
        chunk.rank.append(rank)
        chunk.penalty.append(penalty)
      }
      chunk.counts.append(row.count)
      chunk.eligible.append(eligible)
    }
    return chunk
  }
}
