/// Why a pupil was left unplaced.
public enum UnplacedReason: Sendable, Equatable, CustomStringConvertible {
  /// No setting passes all five eligibility rules.
  case noEligibleSetting
  /// Some settings are eligible, but every one is full (its free places or
  /// the cap for the pupil's need used by pupils the optimum placed there).
  case eligibleSettingsFull

  /// The words written in `placements.csv`.
  public var description: String {
    switch self {
    case .noEligibleSetting: "no eligible setting"
    case .eligibleSettingsFull: "all eligible settings full"
    }
  }
}

/// Where one pupil ends up.
public enum Placement: Sendable, Equatable {
  /// Placed at a setting, by index into the case's settings, through the
  /// candidate pair `pair` of the case's `CandidateSet`.
  case placed(setting: Int, pair: Int)
  /// Not placed, and why.
  case unplaced(UnplacedReason)

  /// The setting index, if placed.
  public var setting: Int? {
    if case .placed(let s, _) = self { s } else { nil }
  }
}

/// The outcome of an allocation: one placement per input pupil, in input
/// order, and how the solver got there.
///
/// An allocation exists only once the solver has proved it optimal: a run
/// that stops short (a time limit, a solver failure) throws
/// ``AllocationError`` instead, so there is no status to carry.
public struct Allocation: Sendable {
  /// One per pupil of the case, in input order.
  public var placements: [Placement]
  /// Which solver path ran (reported in `summary.json`).
  public var solverPath: String
  /// The size of what GLPK solved, in words (reported in `summary.json`).
  public var solverDetail: String
  /// Seconds of the solve spent building LPs (the Swift model and its load
  /// into GLPK), summed over LP parts built in parallel; for `--timings`.
  public var modelBuildSeconds: Double = 0
  /// Seconds of the solve spent in the price auction that starts the
  /// contested market (0 for the plain LP or a carried-over start); for
  /// `--timings`.
  public var auctionSeconds: Double = 0
  /// The contested market's last place prices per setting, in units where
  /// one unit of unmet priority is `priceWeight` (empty for the plain LP):
  /// what a changed case's solve starts from (`MarketStart`).
  package var settingPrices: [Double] = []
  /// See `settingPrices`.
  package var priceWeight = 0.0
  /// The pupils the contested market's last LP held (empty for the plain LP).
  package var lpPupils: [Int] = []
  /// Pupils the tie-break moved from where the two levels' proof left them.
  package var tieBreakMoves = 0

  /// Creates an allocation.
  public init(
    placements: [Placement], solverPath: String, solverDetail: String = ""
  ) {
    self.placements = placements
    self.solverPath = solverPath
    self.solverDetail = solverDetail
  }
}

/// The figures of an allocation that the case format names, summed over
/// pupils in input order so that the same allocation always gives the same
/// bits.
public struct AllocationSummary: Sendable, Equatable {
  /// Pupils in the batch.
  public var pupils = 0
  /// Pupils placed.
  public var placed = 0
  /// Pupils left unplaced.
  public var unplaced = 0
  /// Unplaced because no setting is eligible.
  public var unplacedNoEligibleSetting = 0
  /// Unplaced because every eligible setting is full.
  public var unplacedSettingsFull = 0
  /// Level 1: the sum of `priority` over unplaced pupils.
  public var unmetPriority = 0
  /// Journey minutes summed over placed pupils.
  public var travelMinutes = 0.0
  /// Preference penalties summed over placed pupils.
  public var preferencePenalty = 0.0
  /// Pupils with preferences.
  public var pupilsWithPreferences = 0
  /// Pupils placed at their first preference.
  public var firstPreferenceMet = 0
  /// Pupils placed at any listed preference.
  public var anyPreferenceMet = 0
  /// The longest journey of a placed pupil.
  public var longestJourneyMinutes = 0.0
  /// Placed pupils whose journey is longer than their limit: at a setting
  /// the limit does not bar for them (a preference, the current setting
  /// under a move penalty, or an agreed placement).
  public var placedOverJourneyLimit = 0
  /// Annual cost of the places used, where settings give `cost_per_place`.
  public var annualPlaceCost = 0.0
  /// Pupils with a protected request (case format 2).
  public var requestsProtected = 0
  /// Level R: pupils with a protected request not placed at it.
  public var requestsRefused = 0
  /// Requests that would be protected but for the resources margin.
  public var requestsExceptedResources = 0
  /// Pupils who could stay at their current setting and were placed
  /// elsewhere or left unplaced.
  public var pupilsMovedFromCurrent = 0
  /// Pupils who could stay at their current setting and did.
  public var pupilsKeptAtCurrent = 0
  /// Move penalties summed over placed pupils, minutes-equivalent.
  public var movePenalty = 0.0
  /// Pupils placed through an agreed placement.
  public var agreedPlacements = 0
  /// The unit of level C.
  public var costUnit = CostUnit.minutes
  /// Level C in pounds mode: summed placement costs in pounds a year.
  private var poundsCost = 0.0
  /// Pounds a year of one minute of journey.
  public var poundsPerMinute = 0.0
  /// Pounds a year spent on each unplaced pupil.
  public var unplacedCostEach = 0.0
  /// What the allocation itself warns of: agreed placements that break the
  /// rules or overfill a setting.
  public var warnings: [InputWarning] = []

  /// Level C: travel minutes plus penalties; in pounds mode, place costs
  /// plus `pounds_per_minute` times those.
  public var placementCost: Double {
    costUnit == .pounds ? poundsCost : travelMinutes + preferencePenalty + movePenalty
  }
  /// Transport in pounds a year: `pounds_per_minute` times journey minutes.
  public var annualTransportCost: Double { poundsPerMinute * travelMinutes }
  /// Pounds a year still spent on the unplaced pupils.
  public var annualUnplacedCost: Double { unplacedCostEach * Double(unplaced) }
  /// Whether the case gives any money figure (a `cost_per_place`, a
  /// `pounds_per_minute` or an `unplaced_cost`): without one, reports say
  /// "costs not given" rather than £0.
  public var costsGiven = false
  /// Places, transport and unplaced pupils, pounds a year.
  public var annualTotalCost: Double { annualPlaceCost + annualTransportCost + annualUnplacedCost }
  /// Mean journey of placed pupils (0 when none is placed).
  public var meanTravelMinutes: Double { placed == 0 ? 0 : travelMinutes / Double(placed) }

  /// Sums up an allocation of a case.
  public init(case input: Case, candidates: CandidateSet, allocation: Allocation) {
    pupils = input.pupils.count
    let policy = input.policy
    costUnit = policy.costUnit
    poundsPerMinute = policy.poundsPerMinute
    unplacedCostEach = policy.unplacedCost
    costsGiven =
      policy.poundsPerMinute > 0 || policy.unplacedCost > 0 || input.settings.contains { $0.costPerPlace != nil }
    for (p, pupil) in input.pupils.enumerated() {
      if !pupil.preferences.isEmpty { pupilsWithPreferences += 1 }
      let terms = candidates.terms[p]
      if terms.request >= 0 {
        requestsProtected += 1
        if allocation.placements[p].setting != Int(terms.request) { requestsRefused += 1 }
      }
      if terms.exceptedOnCost >= 0 { requestsExceptedResources += 1 }
      if terms.stay >= 0 {
        if allocation.placements[p].setting == Int(terms.stay) {
          pupilsKeptAtCurrent += 1
        } else {
          pupilsMovedFromCurrent += 1
        }
      }
      if terms.fixed >= 0 { agreedPlacements += 1 }
      switch allocation.placements[p] {
      case .placed(let s, let pair):
        placed += 1
        travelMinutes += candidates.minutes[pair]
        preferencePenalty += Eligibility.preferencePenalty(
          storedRank: candidates.rank[pair], pupil: pupil, policy: policy)
        if terms.stay >= 0 && terms.stay != Int32(s) { movePenalty += policy.movePenalty }
        poundsCost += candidates.cost(pair)
        longestJourneyMinutes = max(longestJourneyMinutes, candidates.minutes[pair])
        if candidates.minutes[pair] > Eligibility.journeyLimit(pupil, policy) { placedOverJourneyLimit += 1 }
        if candidates.rank[pair] == 1 { firstPreferenceMet += 1 }
        if candidates.rank[pair] >= 1 { anyPreferenceMet += 1 }
        annualPlaceCost += input.settings[s].costPerPlace ?? 0
      case .unplaced(let reason):
        unplaced += 1
        unmetPriority += pupil.priority
        switch reason {
        case .noEligibleSetting: unplacedNoEligibleSetting += 1
        case .eligibleSettingsFull: unplacedSettingsFull += 1
        }
      }
    }
    warnings = Self.agreedWarnings(input, candidates: candidates)
  }

  /// Agreed placements that break rules 1 to 6, counted, and settings or
  /// caps they fill past their free places, each named with its excess.
  public static func agreedWarnings(_ input: Case, candidates: CandidateSet) -> [InputWarning] {
    var found: [InputWarning] = []
    let breaking = candidates.terms.count { $0.fixed >= 0 && $0.fixedBreaksRules }
    if breaking > 0 {
      found.append(
        InputWarning(
          file: "pupils.csv",
          message: "\(breaking) agreed placement\(breaking == 1 ? " (fixed_urn) breaks" : "s (fixed_urn) break") "
            + "an eligibility rule and \(breaking == 1 ? "stands" : "stand") as agreed",
          count: breaking))
    }
    var atSetting = [Int](repeating: 0, count: input.settings.count)
    var atCap: [CapKey: Int] = [:]
    for (p, terms) in candidates.terms.enumerated() where terms.fixed >= 0 {
      atSetting[Int(terms.fixed)] += 1
      atCap[CapKey(setting: Int(terms.fixed), need: input.pupils[p].primaryNeed), default: 0] += 1
    }
    for (s, setting) in input.settings.enumerated() where atSetting[s] > setting.freePlaces {
      let excess = atSetting[s] - setting.freePlaces
      found.append(
        InputWarning(
          file: "pupils.csv",
          message: "agreed placements fill \(setting.urn) past its free places by \(excess); "
            + "it has no free places for anyone else",
          count: excess))
    }
    for (key, count) in atCap.sorted(by: { $0.key.index < $1.key.index }) {
      let setting = input.settings[key.setting]
      guard let cap = setting.cap(for: key.need), count > cap else { continue }
      found.append(
        InputWarning(
          file: "pupils.csv",
          message: "agreed placements fill \(setting.urn)'s \(key.need) cap past its places by \(count - cap)",
          count: count - cap))
    }
    return found
  }
}
