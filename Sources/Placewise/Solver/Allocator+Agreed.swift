import Foundation

/// Agreed placements (`fixed_urn`) taken out of the solve: the pupils
/// without one are allocated in a case whose settings have the places and
/// caps that agreed placements leave, and the agreed pupils are placed at
/// their one pair. The optimum of the whole is that of the rest, since an
/// agreed pupil's cost is the same in every allocation.
struct AgreedSplit {
  /// The pupils without an agreed placement, in input order.
  let others: [Int]
  /// Their case: the same settings with agreed places taken (on roll) and
  /// caps lowered.
  let subCase: Case
  /// Their candidates: their own rows, unchanged.
  let subCandidates: CandidateSet

  /// Nil when no pupil has an agreed placement.
  init?(_ input: Case, candidates: CandidateSet) {
    let agreedPupils = candidates.terms.indices.filter { candidates.terms[$0].fixed >= 0 }
    guard !agreedPupils.isEmpty else { return nil }
    let isAgreed = Set(agreedPupils)
    others = input.pupils.indices.filter { !isAgreed.contains($0) }
    let agreed = AgreedPlaces(
      input, urnIndex: Dictionary(input.settings.enumerated().map { ($1.urn, $0) }, uniquingKeysWith: { a, _ in a }))
    var sub = input
    sub.pupils = others.map { input.pupils[$0] }
    for (s, setting) in input.settings.enumerated() {
      sub.settings[s].onRoll = setting.capacity - agreed.freePlaces(s, setting)
      for need in setting.needPlacesOrder {
        if let cap = agreed.cap(CapKey(setting: s, need: need), setting) { sub.settings[s].needPlaces[need] = cap }
      }
    }
    sub.travel = nil  // the rows are already in the candidates
    subCase = sub
    subCandidates = candidates.restricted(to: others)
  }

  /// The whole case's allocation from the others' one.
  func merge(_ part: Allocation, into input: Case, candidates: CandidateSet) -> Allocation {
    var placements = [Placement](repeating: .unplaced(.noEligibleSetting), count: input.pupils.count)
    for p in input.pupils.indices where candidates.terms[p].fixed >= 0 {
      let pair = candidates.pairs(of: p).lowerBound
      placements[p] = .placed(setting: Int(candidates.setting[pair]), pair: pair)
    }
    for (k, p) in others.enumerated() {
      switch part.placements[k] {
      case .placed(let s, let pair):
        placements[p] = .placed(setting: s, pair: candidates.offsets[p] + (pair - subCandidates.offsets[k]))
      case .unplaced(let reason):
        placements[p] = .unplaced(reason)
      }
    }
    var whole = part
    whole.placements = placements
    whole.lpPupils = part.lpPupils.map { others[$0] }
    return whole
  }
}

extension CandidateSet {
  /// The rows of the given pupils alone, in the order given.
  func restricted(to pupils: [Int]) -> CandidateSet {
    var result = self
    result.offsets = [0]
    result.setting = []
    result.minutes = []
    result.rank = []
    result.penalty = []
    result.refuses = []
    for p in pupils {
      let range = pairs(of: p)
      result.setting.append(contentsOf: setting[range])
      result.minutes.append(contentsOf: minutes[range])
      result.rank.append(contentsOf: rank[range])
      result.penalty.append(contentsOf: penalty[range])
      result.refuses.append(contentsOf: refuses[range])
      result.offsets.append(result.setting.count)
    }
    result.eligibleCount = pupils.map { eligibleCount[$0] }
    result.terms = pupils.map { terms[$0] }
    return result
  }
}
