import Foundation
import ParallelWork

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
  /// Penalties of each pair, in minutes-equivalent: the preference penalty
  /// plus (version 2) the move penalty.
  package internal(set) var penalty: [Double]
  /// Per pair: 1 where the pupil has a protected request and this is not
  /// it (a request refused, level R), else 0.
  package internal(set) var refuses: [UInt8]
  /// Per pupil: the number of settings eligible by all six rules, full or not.
  package internal(set) var eligibleCount: [Int32]
  /// Per pupil: the terms of the law (request, current setting, agreed placement).
  package internal(set) var terms: [PupilTerms]
  /// Per setting, in `cost = "pounds"` mode: its `cost_per_place` (0 when
  /// not given); empty in minutes mode.
  package internal(set) var placeCost: [Double] = []
  /// Pounds a year of one minute-equivalent, in pounds mode.
  package internal(set) var poundsPerMinute: Double = 0
  /// How many units of the solver's first level one unit of priority is
  /// worth: `2 * (protected requests) + 1`, so that the first level,
  /// `unmet priority * unitWeight + requests refused`, orders allocations
  /// as (U, R) does, and a difference of it splits back into (ΔU, ΔR).
  package internal(set) var unitWeight: Int = 1

  /// The number of pupils.
  public var pupilCount: Int { offsets.count - 1 }
  /// The number of usable pairs.
  public var count: Int { setting.count }

  /// The pairs of one pupil.
  public func pairs(of pupil: Int) -> Range<Int> { offsets[pupil]..<offsets[pupil + 1] }

  /// The placement cost of a pair (level C): journey minutes plus
  /// penalties; in pounds mode, the setting's place cost plus
  /// `pounds_per_minute` times those.
  @inline(__always)
  public func cost(_ pair: Int) -> Double {
    let minutesEquivalent = minutes[pair] + penalty[pair]
    return placeCost.isEmpty ? minutesEquivalent : placeCost[Int(setting[pair])] + poundsPerMinute * minutesEquivalent
  }

  /// A pair's first-level cost: 1 where it refuses a protected request.
  @inline(__always)
  public func units(_ pair: Int) -> Int { Int(refuses[pair]) }

  /// A pupil's first-level cost of being left unplaced: its priority in
  /// units, plus its protected request refused.
  @inline(__always)
  public func unplacedUnits(_ p: Int, priority: Int) -> Int {
    priority * unitWeight + (terms[p].request >= 0 ? 1 : 0)
  }

  /// A pupil's cost of being left unplaced in the auction's units
  /// (`PriceAuction`): its priority where no request is protected (the
  /// solver's units then); else two per unit of priority plus its protected
  /// request. The auction only steers the start, and prices that climb
  /// towards `unitWeight` times a priority in steps of its epsilon would
  /// make it run to its work limit on every case with many requests.
  @inline(__always)
  public func auctionUnplacedUnits(_ p: Int, priority: Int) -> Int {
    unitWeight == 1 ? priority : 2 * priority + (terms[p].request >= 0 ? 1 : 0)
  }

  /// Sets `unitWeight` from the protected requests.
  mutating func weighUnits() {
    unitWeight = 2 * terms.count { $0.request >= 0 } + 1
  }
}

/// What the law makes of one pupil (case format 2).
package struct PupilTerms: Sendable, Equatable {
  /// The protected request's setting index, or -1.
  package var request: Int32 = -1
  /// The request's setting, if it passed conditions 1 and 2 but failed
  /// condition 3 (the resources margin), or -1.
  package var exceptedOnCost: Int32 = -1
  /// The annual cost of the request and of the least costly eligible
  /// setting, where the resources test was made.
  package var requestAnnualCost: Double = 0
  package var leastAnnualCost: Double = 0
  /// The current setting's index where the pupil could stay there, or -1.
  package var stay: Int32 = -1
  /// The agreed placement's setting index (`fixed_urn`), or -1.
  package var fixed: Int32 = -1
  /// Whether the agreed placement breaks one of rules 1 to 6.
  package var fixedBreaksRules = false
}

extension CandidateSet {
  /// Builds the candidates of a case by the six eligibility rules.
  ///
  /// With a travel matrix only the listed pairs are reachable; without one,
  /// every pair is reachable, its journey is estimated from coordinates, and
  /// the settings within a pupil's journey limit are found through a spatial
  /// grid (its preferences, current and agreed settings, exempt from the
  /// limit or outside the rules, are added by name). Pupils are split into
  /// chunks built in parallel; the result does not depend on the split.
  ///
  /// A pupil with an agreed placement (`fixed_urn`) has that one pair,
  /// whatever the rules say; the places agreed placements take are not
  /// free for anyone else.
  public init(case input: Case) {
    let pupilCount = input.pupils.count
    let builder = CandidateBuilder(input)
    // Chunks of at least 1,024 pupils, at most about 64 of them.
    let chunkSize = max(1024, pupilCount / 64 + 1)
    let chunks = (pupilCount + chunkSize - 1) / chunkSize
    let built = parallelChunks(pupilCount, chunks: chunks) { builder.build($0) }
    self.init(chunks: built, policy: input.policy, settings: input.settings)
  }

  /// Joins chunks built in pupil order.
  init(chunks parts: [CandidateChunk], policy: Policy, settings: [Setting]) {
    let pupilCount = parts.reduce(0) { $0 + $1.counts.count }
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
    refuses = []
    refuses.reserveCapacity(total)
    eligibleCount = []
    eligibleCount.reserveCapacity(pupilCount)
    terms = []
    terms.reserveCapacity(pupilCount)
    for part in parts {
      let base = setting.count
      offsets.append(contentsOf: part.counts.reduce(into: [Int]()) { acc, n in acc.append((acc.last ?? base) + n) })
      setting.append(contentsOf: part.setting)
      minutes.append(contentsOf: part.minutes)
      rank.append(contentsOf: part.rank)
      penalty.append(contentsOf: part.penalty)
      refuses.append(contentsOf: part.refuses)
      eligibleCount.append(contentsOf: part.eligible)
      terms.append(contentsOf: part.terms)
    }
    setMoney(policy: policy, settings: settings)
    weighUnits()
  }

  /// The place costs and price of a minute, in pounds mode.
  mutating func setMoney(policy: Policy, settings: [Setting]) {
    guard policy.costUnit == .pounds else { return }
    placeCost = settings.map { $0.costPerPlace ?? 0 }
    poundsPerMinute = policy.poundsPerMinute
  }
}

/// The candidates of a run of pupils.
struct CandidateChunk: Sendable {
  var counts: [Int] = []
  var setting: [Int32] = []
  var minutes: [Double] = []
  var rank: [Int32] = []
  var penalty: [Double] = []
  var refuses: [UInt8] = []
  var eligible: [Int32] = []
  var terms: [PupilTerms] = []
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
  /// eligible pair there can be used (a free place once agreed placements
  /// have taken theirs, and no cap of 0).
  let usable: [Bool]
  /// What rules 1 to 4 and 6 read of each setting.
  let rules: [Eligibility.Rules]
  /// Each setting's coordinates, for estimated journeys.
  let easting: [Double]
  let northing: [Double]
  /// Each setting's annual cost of a place (0 when not given).
  let annualPlaceCost: [Double]

  /// With `only`, the travel-matrix pairs are grouped for the flagged
  /// pupils alone (`build` may then be asked for those pupils only).
  init(_ input: Case, only: [Bool]? = nil) {
    self.input = input
    rules = input.settings.map { Eligibility.Rules($0, policy: input.policy) }
    easting = input.settings.map(\.easting)
    northing = input.settings.map(\.northing)
    annualPlaceCost = input.settings.map { $0.costPerPlace ?? 0 }
    urnIndex = Dictionary(input.settings.enumerated().map { ($1.urn, $0) }, uniquingKeysWith: { a, _ in a })
    let agreed = AgreedPlaces(input, urnIndex: urnIndex)
    var usable = [Bool](repeating: false, count: input.settings.count * CapKey.needSlots)
    for (s, setting) in input.settings.enumerated() {
      for need in NeedCode.allCases {
        let key = CapKey(setting: s, need: need)
        usable[key.index] = agreed.freePlaces(s, setting) > 0 && agreed.cap(key, setting) ?? 1 > 0
      }
    }
    self.usable = usable
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
    var chunk = CandidateChunk()
    var scratch = PupilScratch()
    for p in pupils { buildRow(p, into: &chunk, scratch: &scratch) }
    return chunk
  }
}
