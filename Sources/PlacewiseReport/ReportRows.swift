/// One row of `place-values.csv` (planning contract, "Place values"): what
/// one more place at a setting, or under one of its need caps, is worth.
public struct PlaceValueRow: Sendable, Equatable {
  /// The setting.
  public var urn: String
  /// The need code of a cap row; empty for the setting's own row.
  public var need: String
  /// Free places (the setting's, or the cap's).
  public var freePlaces: Int
  /// Places used by the optimum.
  public var placesUsed: Int
  /// ΔU of one more place: 0 or negative.
  public var unmetPriorityChange: Int
  /// ΔC of one more place.
  public var placementCostChange: Double

  /// Creates a row.
  public init(
    urn: String, need: String, freePlaces: Int, placesUsed: Int, unmetPriorityChange: Int,
    placementCostChange: Double
  ) {
    self.urn = urn
    self.need = need
    self.freePlaces = freePlaces
    self.placesUsed = placesUsed
    self.unmetPriorityChange = unmetPriorityChange
    self.placementCostChange = placementCostChange
  }
}

/// One row of `explanations.csv` (planning contract, "Explanations").
public struct ExplanationRow: Sendable, Equatable {
  /// The pupil's pseudonymised id.
  public var pupilID: String
  /// `placed` or `unplaced`.
  public var status: String
  /// The setting, when placed.
  public var urn: String
  /// The rank of the setting among the preferences, or empty.
  public var preferenceRank: String
  /// The first preference as written, or empty.
  public var firstPreference: String
  /// `met`, `given to others`, ... or empty.
  public var firstPreferenceOutcome: String
  /// ΔU of honouring the first preference, as written (empty unless given to others).
  public var firstPreferenceUnmetChange: String
  /// ΔC of honouring the first preference, as written (empty unless given to others).
  public var firstPreferenceCostChange: String
  /// The sentences for a reader.
  public var explanation: String

  /// Creates a row.
  public init(
    pupilID: String, status: String, urn: String, preferenceRank: String, firstPreference: String,
    firstPreferenceOutcome: String, firstPreferenceUnmetChange: String, firstPreferenceCostChange: String,
    explanation: String
  ) {
    self.pupilID = pupilID
    self.status = status
    self.urn = urn
    self.preferenceRank = preferenceRank
    self.firstPreference = firstPreference
    self.firstPreferenceOutcome = firstPreferenceOutcome
    self.firstPreferenceUnmetChange = firstPreferenceUnmetChange
    self.firstPreferenceCostChange = firstPreferenceCostChange
    self.explanation = explanation
  }
}

/// One row of `comparison.csv` (planning contract, "compare").
public struct ComparisonRow: Sendable, Equatable {
  /// The plan's name (`baseline` first).
  public var plan: String
  /// One-off pounds.
  public var capitalCost: Double
  /// Pounds a year.
  public var annualCost: Double
  /// Pupils in the batch.
  public var pupils: Int
  /// Pupils placed.
  public var placed: Int
  /// Pupils unplaced.
  public var unplaced: Int
  /// U.
  public var unmetPriority: Int
  /// C.
  public var placementCost: Double
  /// Journey minutes in total.
  public var travelMinutes: Double
  /// Preference penalties in total.
  public var preferencePenalty: Double
  /// Pupils placed at their first preference.
  public var firstPreferenceMet: Int
  /// Annual cost of the places used.
  public var annualPlaceCost: Double
  /// Pupils moved against the baseline.
  public var pupilsMoved: Int
  /// Pupils displaced into the plan's batch by its closures.
  public var displaced = 0
  /// Protected requests refused (R).
  public var requestsRefused = 0
  /// Places, transport, unplaced pupils and the plan's own annual cost,
  /// pounds a year.
  public var annualTotalCost = 0.0
  /// Whether the case gives costs at all (no `cost_per_place` and no
  /// `pounds_per_minute`: "costs not given", not £0).
  public var costsGiven = true

  /// Creates a row.
  public init(
    plan: String, capitalCost: Double, annualCost: Double, pupils: Int, placed: Int, unplaced: Int,
    unmetPriority: Int, placementCost: Double, travelMinutes: Double, preferencePenalty: Double,
    firstPreferenceMet: Int, annualPlaceCost: Double, pupilsMoved: Int
  ) {
    self.plan = plan
    self.capitalCost = capitalCost
    self.annualCost = annualCost
    self.pupils = pupils
    self.placed = placed
    self.unplaced = unplaced
    self.unmetPriority = unmetPriority
    self.placementCost = placementCost
    self.travelMinutes = travelMinutes
    self.preferencePenalty = preferencePenalty
    self.firstPreferenceMet = firstPreferenceMet
    self.annualPlaceCost = annualPlaceCost
    self.pupilsMoved = pupilsMoved
  }
}

/// One row of `comparison-by-need.csv`.
public struct ComparisonNeedRow: Sendable, Equatable {
  /// The plan's name.
  public var plan: String
  /// The need code, upper case.
  public var primaryNeed: String
  /// Pupils with that need.
  public var pupils: Int
  /// Of them placed.
  public var placed: Int
  /// Of them unplaced.
  public var unplaced: Int
  /// Their unmet priority.
  public var unmetPriority: Int

  /// Creates a row.
  public init(plan: String, primaryNeed: String, pupils: Int, placed: Int, unplaced: Int, unmetPriority: Int) {
    self.plan = plan
    self.primaryNeed = primaryNeed
    self.pupils = pupils
    self.placed = placed
    self.unplaced = unplaced
    self.unmetPriority = unmetPriority
  }
}

/// One row of `moves.csv`: a pupil whose setting differs from the baseline's.
public struct MoveRow: Sendable, Equatable {
  /// The plan's name.
  public var plan: String
  /// The pupil's id (counted only: the report never shows it).
  public var pupilID: String
  /// The baseline's setting, or empty.
  public var baselineURN: String
  /// The plan's setting, or empty.
  public var planURN: String
  /// `placed` or `unplaced` in the baseline.
  public var baselineStatus: String
  /// `placed` or `unplaced` under the plan.
  public var planStatus: String

  /// Creates a row.
  public init(
    plan: String, pupilID: String, baselineURN: String, planURN: String, baselineStatus: String,
    planStatus: String
  ) {
    self.plan = plan
    self.pupilID = pupilID
    self.baselineURN = baselineURN
    self.planURN = planURN
    self.baselineStatus = baselineStatus
    self.planStatus = planStatus
  }
}

/// One row of `recommendation.csv`: an option and whether it was chosen.
public struct RecommendationOptionRow: Sendable, Equatable {
  /// The option's id.
  public var option: String
  /// Its group, or empty.
  public var group: String
  /// Whether the best set takes it.
  public var chosen: Bool
  /// One-off pounds.
  public var capitalCost: Double
  /// Pounds a year.
  public var annualCost: Double

  /// Creates a row.
  public init(option: String, group: String, chosen: Bool, capitalCost: Double, annualCost: Double) {
    self.option = option
    self.group = group
    self.chosen = chosen
    self.capitalCost = capitalCost
    self.annualCost = annualCost
  }
}

/// One row of `frontier.csv`: the best set for one budget.
public struct FrontierRow: Sendable, Equatable {
  /// The capital budget.
  public var budget: Double
  /// U of the best set.
  public var unmetPriority: Int
  /// C of the best set.
  public var placementCost: Double
  /// Its capital cost.
  public var capitalCost: Double
  /// Its annual cost.
  public var annualCost: Double
  /// The chosen option ids, in file order.
  public var options: [String]
  /// R of the best set at this budget (case format 2).
  public var requestsRefused = 0

  /// Creates a row.
  public init(
    budget: Double, unmetPriority: Int, placementCost: Double, capitalCost: Double, annualCost: Double,
    options: [String]
  ) {
    self.budget = budget
    self.unmetPriority = unmetPriority
    self.placementCost = placementCost
    self.capitalCost = capitalCost
    self.annualCost = annualCost
    self.options = options
  }
}

/// The figures of `recommend`'s `summary.json` the report shows.
public struct RecommendationSummary: Sendable, Equatable {
  /// The capital budget.
  public var budget: Double
  /// The annual budget, if given.
  public var annualBudget: Double?
  /// `capital` or `travel`.
  public var then: String
  /// U with the chosen options.
  public var unmetPriority: Int
  /// C with the chosen options.
  public var placementCost: Double
  /// U of the case as given.
  public var baselineUnmetPriority: Int
  /// C of the case as given.
  public var baselinePlacementCost: Double
  /// R of the best set (case format 2).
  public var requestsRefused = 0
  /// R of the case as given.
  public var baselineRequestsRefused = 0
  /// The years a whole-life cost counts (`--years`).
  public var years = 5
  /// With `--then whole-life`: capital + years × (annual cost + C).
  public var wholeLifeCost: Double?

  /// Creates a summary.
  public init(
    budget: Double, annualBudget: Double?, then: String, unmetPriority: Int, placementCost: Double,
    baselineUnmetPriority: Int, baselinePlacementCost: Double
  ) {
    self.budget = budget
    self.annualBudget = annualBudget
    self.then = then
    self.unmetPriority = unmetPriority
    self.placementCost = placementCost
    self.baselineUnmetPriority = baselineUnmetPriority
    self.baselinePlacementCost = baselinePlacementCost
  }
}
