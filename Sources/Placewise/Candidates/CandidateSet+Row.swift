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

extension CandidateBuilder {
  /// The pairs and terms of pupil p, appended to `chunk`.
  func buildRow(_ p: Int, into chunk: inout CandidateChunk, scratch: inout PupilScratch) {
    let policy = input.policy
    let pupil = input.pupils[p]
    let limit = Eligibility.journeyLimit(pupil, policy)
    let hasPreferences = !pupil.preferences.isEmpty
    // The rank of each preferred setting in the case (a repeat keeps its first position).
    scratch.preferred.removeAll(keepingCapacity: true)
    for (position, urn) in pupil.preferences.enumerated() {
      if let s = urnIndex[urn], !scratch.preferred.contains(where: { $0.setting == s }) {
        scratch.preferred.append((s, position + 1))
      }
    }
    let preferred = scratch.preferred
    func rankOf(_ s: Int) -> Int? { preferred.first { $0.setting == s }?.rank }
    let request = pupil.preferences.first.flatMap { urnIndex[$0] }
    let current = pupil.currentURN.flatMap { urnIndex[$0] }
    let fixed = pupil.fixedURN.flatMap { urnIndex[$0] }
    let currentExempt = policy.movePenalty > 0
    var requestMinutes: Double?
    var canStay = false
    var fixedMinutes: Double?
    var fixedEligible = false
    var least = Double.infinity
    var eligible: Int32 = 0
    scratch.row.removeAll(keepingCapacity: true)
    let need = pupil.primaryNeed

    func consider(_ s: Int, _ journey: Double, _ rank: Int?) {
      if s == fixed { fixedMinutes = journey }
      // Rules, not a Setting: copying a Setting per pair retains its
      // strings and tables, which was a tenth of this phase.
      guard Eligibility.admits(rules[s], pupil) else { return }
      if s == request { requestMinutes = journey }
      let isCurrent = s == current
      if isCurrent && (journey <= limit || currentExempt) { canStay = true }
      guard rank != nil || journey <= limit || (isCurrent && currentExempt) else { return }
      eligible += 1
      if s == fixed { fixedEligible = true }
      least = min(least, annualPlaceCost[s] + policy.poundsPerMinute * journey)
      guard fixed == nil, usable[CapKey(setting: s, need: need).index] else { return }
      let penalty = Eligibility.preferencePenalty(rank: rank, hasPreferences: hasPreferences, policy: policy)
      scratch.row.append((Int32(s), journey, Int32(rank ?? 0), penalty))
    }
    func estimate(_ s: Int) -> Double {
      policy.estimatedMinutes(
        fromEasting: pupil.easting, northing: pupil.northing, toEasting: easting[s], northing: northing[s])
    }

    if let travel = input.travel {
      for k in travelOffsets[p]..<travelOffsets[p + 1] {
        let pair = Int(travelOrder[k])
        let s = Int(travel.setting[pair])
        consider(s, travel.minutes[pair], rankOf(s))
      }
    } else if let grid {
      // Preferred, current and agreed settings are exempt from the limit or
      // outside the rules: taken by name.
      scratch.named.removeAll(keepingCapacity: true)
      for (s, _) in preferred { scratch.named.append(s) }
      for s in [current, fixed].compactMap(\.self) where !scratch.named.contains(s) { scratch.named.append(s) }
      let named = scratch.named
      for s in named { consider(s, estimate(s), rankOf(s)) }
      // Others within the limit: metres reachable, widened a little so that
      // rounding can never drop a pair the exact test below would keep.
      let radius = limit * policy.speedKmh / 60 / policy.detourFactor * 1000 * (1 + 1e-9) + 1
      grid.forEachSetting(near: pupil.easting, pupil.northing, radius: radius, kinds: pupil.provision) { s in
        guard !named.contains(s) else { return }
        consider(s, estimate(s), nil)
      }
    }

    var terms = PupilTerms()
    if let fixed {
      // An agreed placement: its one pair, whatever the rules say; its
      // journey is its travel.csv row, else estimated.
      terms.fixed = Int32(fixed)
      terms.fixedBreaksRules = !fixedEligible
      let rank = rankOf(fixed)
      let penalty = Eligibility.preferencePenalty(rank: rank, hasPreferences: hasPreferences, policy: policy)
      scratch.row = [(Int32(fixed), fixedMinutes ?? estimate(fixed), Int32(rank ?? 0), penalty)]
    }
    if canStay, let current {
      terms.stay = Int32(current)
      if policy.movePenalty > 0 {
        for i in scratch.row.indices where Int(scratch.row[i].setting) != current {
          scratch.row[i].penalty += policy.movePenalty
        }
      }
    }
    if policy.preferenceRule == .section39, let request, input.settings[request].statutoryRequest,
      let minutes = requestMinutes
    {
      let cost = annualPlaceCost[request] + policy.poundsPerMinute * minutes
      if let margin = policy.resourcesMargin, cost > least + margin {
        terms.exceptedOnCost = Int32(request)
      } else {
        terms.request = Int32(request)
      }
      terms.requestAnnualCost = cost
      terms.leastAnnualCost = least
    }
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
