/// The places agreed placements (`fixed_urn`) take at each setting and cap,
/// before anyone else is placed.
struct AgreedPlaces: Sendable {
  /// Agreed placements per setting.
  var atSetting: [Int]
  /// Agreed placements per setting and need (at `CapKey.index`).
  var atCap: [Int]

  init(_ input: Case, urnIndex: [URN: Int]) {
    atSetting = [Int](repeating: 0, count: input.settings.count)
    atCap = [Int](repeating: 0, count: input.settings.count * CapKey.needSlots)
    for pupil in input.pupils {
      guard let urn = pupil.fixedURN, let s = urnIndex[urn] else { continue }
      atSetting[s] += 1
      atCap[CapKey(setting: s, need: pupil.primaryNeed).index] += 1
    }
  }

  /// The places free for pupils without an agreed placement.
  func freePlaces(_ s: Int, _ setting: Setting) -> Int { max(0, setting.freePlaces - atSetting[s]) }

  /// The cap left for pupils without an agreed placement, if one binds.
  func cap(_ key: CapKey, _ setting: Setting) -> Int? {
    setting.cap(for: key.need).map { max(0, $0 - atCap[key.index]) }
  }
}

/// A pupil's row while it is built, kept between pupils for its storage.
struct PupilScratch {
  var row: [(setting: Int32, minutes: Double, rank: Int32, penalty: Double)] = []
  var preferred: [(setting: Int, rank: Int)] = []
  var named: [Int] = []
}

/// What scanning a pupil's settings finds besides its row: the journeys
/// to its request and agreed setting, whether it could stay, how many
/// settings are eligible and the least annual cost among them.
struct RowScan {
  var requestMinutes: Double?
  var canStay = false
  var fixedMinutes: Double?
  var fixedEligible = false
  var least = Double.infinity
  var eligible: Int32 = 0
}

extension CandidateBuilder {
  /// The pairs and terms of pupil p, appended to `chunk`.
  func buildRow(_ p: Int, into chunk: inout CandidateChunk, scratch: inout PupilScratch) {
    let pupil = input.pupils[p]
    // The rank of each preferred setting in the case (a repeat keeps its first position).
    scratch.preferred.removeAll(keepingCapacity: true)
    for (position, urn) in pupil.preferences.enumerated() {
      if let s = urnIndex[urn], !scratch.preferred.contains(where: { $0.setting == s }) {
        scratch.preferred.append((s, position + 1))
      }
    }
    let scan = scanSettings(p, pupil, scratch: &scratch)
    let terms = rowTerms(pupil, scan, scratch: &scratch)
    append(terms, eligible: scan.eligible, into: &chunk, scratch: &scratch)
  }

  /// The rank of setting s among the pupil's preferences, if it is one.
  @inline(__always)
  private static func rank(of s: Int, _ preferred: [(setting: Int, rank: Int)]) -> Int? {
    preferred.first { $0.setting == s }?.rank
  }

  /// The pupil's estimated journey to setting s.
  @inline(__always)
  private func estimate(_ pupil: Pupil, _ s: Int) -> Double {
    input.policy.estimatedMinutes(
      fromEasting: pupil.easting, northing: pupil.northing, toEasting: easting[s], northing: northing[s])
  }

  /// Every setting the pupil could reach (its `travel.csv` rows, or the
  /// settings named and those within its journey limit), each tested by
  /// the rules; the eligible ones fill `scratch.row`.
  @inline(__always)
  private func scanSettings(_ p: Int, _ pupil: Pupil, scratch: inout PupilScratch) -> RowScan {
    let policy = input.policy
    let limit = Eligibility.journeyLimit(pupil, policy)
    let hasPreferences = !pupil.preferences.isEmpty
    let preferred = scratch.preferred
    let request = pupil.preferences.first.flatMap { urnIndex[$0] }
    let current = pupil.currentURN.flatMap { urnIndex[$0] }
    let fixed = pupil.fixedURN.flatMap { urnIndex[$0] }
    let currentExempt = policy.movePenalty > 0
    var scan = RowScan()
    scratch.row.removeAll(keepingCapacity: true)
    let need = pupil.primaryNeed

    func consider(_ s: Int, _ journey: Double, _ rank: Int?) {
      if s == fixed { scan.fixedMinutes = journey }
      // Rules, not a Setting: copying a Setting per pair retains its
      // strings and tables, which was a tenth of this phase.
      guard Eligibility.admits(rules[s], pupil) else { return }
      if s == request { scan.requestMinutes = journey }
      let isCurrent = s == current
      // Rule 5 at the current setting: within the limit, or exempt from it
      // as a setting the pupil's preferences name (parents asking to stay
      // at a distant school: round twenty-three), or by a move penalty.
      if isCurrent && (journey <= limit || rank != nil || currentExempt) { scan.canStay = true }
      guard rank != nil || journey <= limit || (isCurrent && currentExempt) else { return }
      scan.eligible += 1
      if s == fixed { scan.fixedEligible = true }
      scan.least = min(scan.least, annualPlaceCost[s] + policy.poundsPerMinute * journey)
      guard fixed == nil, usable[CapKey(setting: s, need: need).index] else { return }
      let penalty = Eligibility.preferencePenalty(rank: rank, hasPreferences: hasPreferences, policy: policy)
      scratch.row.append((Int32(s), journey, Int32(rank ?? 0), penalty))
    }

    if let travel = input.travel {
      for k in travelOffsets[p]..<travelOffsets[p + 1] {
        let pair = Int(travelOrder[k])
        let s = Int(travel.setting[pair])
        consider(s, travel.minutes[pair], Self.rank(of: s, preferred))
      }
    } else if let grid {
      // Preferred, current and agreed settings are exempt from the limit or
      // outside the rules: taken by name.
      scratch.named.removeAll(keepingCapacity: true)
      for (s, _) in preferred { scratch.named.append(s) }
      for s in [current, fixed].compactMap(\.self) where !scratch.named.contains(s) { scratch.named.append(s) }
      let named = scratch.named
      for s in named { consider(s, estimate(pupil, s), Self.rank(of: s, preferred)) }
      // Others within the limit: metres reachable, widened a little so that
      // rounding can never drop a pair the exact test below would keep.
      let radius = limit * policy.speedKmh / 60 / policy.detourFactor * 1000 * (1 + 1e-9) + 1
      grid.forEachSetting(near: pupil.easting, pupil.northing, radius: radius, kinds: pupil.provision) { s in
        guard !named.contains(s) else { return }
        consider(s, estimate(pupil, s), nil)
      }
    }
    return scan
  }

  /// The pupil's terms under the law (agreed placement, where it could
  /// stay, its protected request), with the row changed to match: an
  /// agreed placement is its one pair, and a move costs the move penalty.
  @inline(__always)
  private func rowTerms(_ pupil: Pupil, _ scan: RowScan, scratch: inout PupilScratch) -> PupilTerms {
    let policy = input.policy
    let request = pupil.preferences.first.flatMap { urnIndex[$0] }
    let current = pupil.currentURN.flatMap { urnIndex[$0] }
    var terms = PupilTerms()
    if let fixed = pupil.fixedURN.flatMap({ urnIndex[$0] }) {
      // An agreed placement: its one pair, whatever the rules say; its
      // journey is its travel.csv row, else estimated.
      terms.fixed = Int32(fixed)
      terms.fixedBreaksRules = !scan.fixedEligible
      let rank = Self.rank(of: fixed, scratch.preferred)
      let penalty = Eligibility.preferencePenalty(
        rank: rank, hasPreferences: !pupil.preferences.isEmpty, policy: policy)
      scratch.row = [(Int32(fixed), scan.fixedMinutes ?? estimate(pupil, fixed), Int32(rank ?? 0), penalty)]
    }
    if scan.canStay, let current {
      terms.stay = Int32(current)
      if policy.movePenalty > 0 {
        for i in scratch.row.indices where Int(scratch.row[i].setting) != current {
          scratch.row[i].penalty += policy.movePenalty
        }
      }
    }
    if policy.preferenceRule == .section39, let request, input.settings[request].statutoryRequest,
      let minutes = scan.requestMinutes
    {
      let cost = annualPlaceCost[request] + policy.poundsPerMinute * minutes
      // "At most the least cost plus the margin", in pounds and pence: a
      // relative slack far below a penny keeps binary rounding from taking
      // a request at exactly the bound out of protection (£30,000.10 plus
      // £1,000.30 is 31,000.399999999998 in binary: round twenty-one).
      let bound = scan.least + (policy.resourcesMargin ?? 0)
      if policy.resourcesMargin != nil, cost > bound + 1e-9 * (1 + abs(bound)) {
        terms.exceptedOnCost = Int32(request)
      } else {
        terms.request = Int32(request)
      }
      terms.requestAnnualCost = cost
      terms.leastAnnualCost = scan.least
    }
    return terms
  }

  /// The row, cheapest first level by level, and the terms, appended to `chunk`.
  @inline(__always)
  private func append(
    _ terms: PupilTerms, eligible: Int32, into chunk: inout CandidateChunk, scratch: inout PupilScratch
  ) {
    let policy = input.policy
    let protected = terms.request
    let pounds = policy.costUnit == .pounds
    func cost(_ entry: (setting: Int32, minutes: Double, rank: Int32, penalty: Double)) -> Double {
      let minutesEquivalent = entry.minutes + entry.penalty
      return pounds
        ? annualPlaceCost[Int(entry.setting)] + policy.poundsPerMinute * minutesEquivalent : minutesEquivalent
    }
    func refuses(_ s: Int32) -> UInt8 { protected >= 0 && s != protected ? 1 : 0 }
    // Cheapest first, level by level; the sum is the one `cost(_:)` computes.
    scratch.row.sort { (refuses($0.setting), cost($0), $0.setting) < (refuses($1.setting), cost($1), $1.setting) }
    for (s, journey, rank, penalty) in scratch.row {
      chunk.setting.append(s)
      chunk.minutes.append(journey)
      chunk.rank.append(rank)
      chunk.penalty.append(penalty)
      chunk.refuses.append(refuses(s))
    }
    chunk.counts.append(scratch.row.count)
    chunk.eligible.append(eligible)
    chunk.terms.append(terms)
  }
}

extension CandidateSet {
  /// Pupil p at setting s with this journey and stored rank, priced as its
  /// candidate pairs are (first-level units, cost): for the pairs the set
  /// leaves out because the setting is full (`BlockedPairs`).
  package func price(
    _ p: Int, _ pupil: Pupil, setting s: Int, minutes: Double, rank: Int32, policy: Policy
  ) -> (units: Int, cost: Double) {
    let terms = terms[p]
    var penalty = Eligibility.preferencePenalty(storedRank: rank, pupil: pupil, policy: policy)
    if terms.stay >= 0 && policy.movePenalty > 0 && Int(terms.stay) != s { penalty += policy.movePenalty }
    let minutesEquivalent = minutes + penalty
    let cost = placeCost.isEmpty ? minutesEquivalent : placeCost[s] + poundsPerMinute * minutesEquivalent
    return (terms.request >= 0 && Int(terms.request) != s ? 1 : 0, cost)
  }
}

extension CandidateSet {
  /// A pair as a residual-network length: (units, cost).
  func change(_ pair: Int) -> ObjectiveChange { ObjectiveChange(unmet: units(pair), cost: cost(pair)) }
}
