public import Placewise

/// The optimum of a tiny case found by trying every assignment: an oracle
/// that shares no code with the optimiser beyond the case model. Its
/// eligibility rules are written again here from the case format on purpose.
public enum BruteForce {
  /// The lexicographic optimum: least unmet priority, then least placement
  /// cost, then least tie-break sum (README, "Ties": the URN's rank among
  /// all URNs times FNV-1a of the pupil id reduced to 1...1009, summed over
  /// placed pupils; here in whole units, 1009 times the solver's).
  public struct Optimum: Sendable, CustomStringConvertible {
    /// Level 1.
    public var unmetPriority: Int
    /// Level 2.
    public var placementCost: Double
    /// The tie-break level, in whole units.
    public var tieBreak: Int64 = 0
    /// One optimal assignment (setting index or nil per pupil).
    public var assignment: [Int?]
    /// How many assignments were tried.
    public var tried: Int

    /// `unmet N, cost C`.
    public var description: String { "unmet \(unmetPriority), cost \(placementCost)" }
  }

  /// The settings each pupil may go to, with the placement cost there.
  public static func options(_ input: Case) -> [[(setting: Int, cost: Double)]] {
    let policy = input.policy
    var reach: [Int: [Int: Double]] = [:]
    if let travel = input.travel {
      for k in 0..<travel.count {
        reach[Int(travel.pupil[k]), default: [:]][Int(travel.setting[k])] = travel.minutes[k]
      }
    }
    return input.pupils.enumerated().map { p, pupil in
      var result: [(Int, Double)] = []
      for (s, setting) in input.settings.enumerated() {
        if !pupil.provision.contains(setting.kind) { continue }
        if !setting.needs.isEmpty && !setting.needs.contains(pupil.primaryNeed) { continue }
        if pupil.age < setting.lowAge || pupil.age > setting.highAge { continue }
        if setting.gender == .boys && pupil.sex != .male { continue }
        if setting.gender == .girls && pupil.sex != .female { continue }
        let minutes: Double
        if input.travel != nil {
          guard let m = reach[p]?[s] else { continue }
          minutes = m
        } else {
          let dx = pupil.easting - setting.easting
          let dy = pupil.northing - setting.northing
          minutes = (dx * dx + dy * dy).squareRoot() / 1000 * policy.detourFactor / policy.speedKmh * 60
        }
        let rank = pupil.preferences.firstIndex(of: setting.urn).map { $0 + 1 }
        let limit =
          pupil.maxTravelMinutes
          ?? (pupil.age <= 10 ? policy.maxTravelMinutesPrimary : policy.maxTravelMinutesSecondary)
        if rank == nil && minutes > limit { continue }
        var penalty = 0.0
        if !pupil.preferences.isEmpty {
          penalty = rank.map { policy.preferenceStep * Double($0 - 1) } ?? policy.unlistedPenalty
        }
        result.append((s, minutes + penalty))
      }
      return result
    }
  }

  /// The tie rule, written again from the README: each setting's URN rank
  /// (from 1) and each pupil's FNV-1a hash of its id reduced to 1...1009.
  public static func tieBreakWeights(_ input: Case) -> (rank: [Int64], hash: [Int64]) {
    let byURN = input.settings.indices.sorted { input.settings[$0].urn < input.settings[$1].urn }
    var rank = [Int64](repeating: 0, count: input.settings.count)
    for (position, s) in byURN.enumerated() { rank[s] = Int64(position + 1) }
    let hash = input.pupils.map { pupil -> Int64 in
      var h: UInt64 = 14_695_981_039_346_656_037
      for byte in pupil.id.rawValue.utf8 { h = (h ^ UInt64(byte)) &* 1_099_511_628_211 }
      return Int64(h % 1009) + 1
    }
    return (rank, hash)
  }

  /// The tie-break sum of an assignment (setting index or nil per pupil), in whole units.
  public static func tieBreakSum(_ input: Case, _ assignment: [Int?]) -> Int64 {
    let (rank, hash) = tieBreakWeights(input)
    return assignment.indices.reduce(Int64(0)) { sum, p in assignment[p].map { sum + rank[$0] * hash[p] } ?? sum }
  }

  /// Tries every assignment (each pupil unplaced or at one of its options)
  /// that respects free places and need caps.
  public static func solve(_ input: Case) -> Optimum {
    let choices = options(input)
    let free = input.settings.map { max(0, $0.capacity - $0.onRoll) }
    var used = [Int](repeating: 0, count: input.settings.count)
    var usedByNeed = [[Int]](
      repeating: [Int](repeating: 0, count: NeedCode.allCases.count), count: input.settings.count)
    var current = [Int?](repeating: nil, count: input.pupils.count)
    var best = Optimum(unmetPriority: .max, placementCost: .infinity, tieBreak: .max, assignment: current, tried: 0)
    var tried = 0
    let (rank, hash) = tieBreakWeights(input)

    func capAllows(_ s: Int, _ need: NeedCode) -> Bool {
      let setting = input.settings[s]
      guard let cap = setting.needPlaces[need] else { return true }
      // A cap on a need the setting is not designated for changes nothing.
      if !setting.needs.isEmpty && !setting.needs.contains(need) { return true }
      return usedByNeed[s][need.rawValue] < cap
    }

    func visit(_ p: Int, _ unmet: Int, _ cost: Double) {
      if p == input.pupils.count {
        tried += 1
        let tie = current.indices.reduce(Int64(0)) { sum, q in current[q].map { sum + rank[$0] * hash[q] } ?? sum }
        let sameCost = abs(cost - best.placementCost) <= 1e-9 * max(1, abs(cost))
        if unmet < best.unmetPriority
          || (unmet == best.unmetPriority && !sameCost && cost < best.placementCost)
          || (unmet == best.unmetPriority && sameCost && tie < best.tieBreak)
        {
          best = Optimum(unmetPriority: unmet, placementCost: cost, tieBreak: tie, assignment: current, tried: 0)
        }
        return
      }
      let need = input.pupils[p].primaryNeed
      for (s, c) in choices[p] where used[s] < free[s] && capAllows(s, need) {
        used[s] += 1
        usedByNeed[s][need.rawValue] += 1
        current[p] = s
        visit(p + 1, unmet, cost + c)
        current[p] = nil
        used[s] -= 1
        usedByNeed[s][need.rawValue] -= 1
      }
      visit(p + 1, unmet + input.pupils[p].priority, cost)
    }
    visit(0, 0, 0)
    best.tried = tried
    return best
  }
}
