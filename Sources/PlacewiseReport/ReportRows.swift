/// One row of `place-values.csv` (planning contract, "Place values"): what
/// one more place at a setting, or under one of its need caps, is worth.
package struct PlaceValueRow: Sendable, Equatable {
  /// The setting.
  package var urn: String
  /// The need code of a cap row; empty for the setting's own row.
  package var need: String
  /// Free places (the setting's, or the cap's).
  package var freePlaces: Int
  /// Places used by the optimum.
  package var placesUsed: Int
  /// ΔU of one more place: 0 or negative.
  package var unmetPriorityChange: Int
  /// ΔC of one more place.
  package var placementCostChange: Double
  /// ΔR of one more place (case format 2).
  package var requestsRefusedChange = 0
  /// The setting's name, for a reader.
  package var settingName = ""

  /// Creates a row.
  package init(
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
package struct ExplanationRow: Sendable, Equatable {
  /// The pupil's pseudonymised id.
  package var pupilID: String
  /// `placed` or `unplaced`.
  package var status: String
  /// The setting, when placed.
  package var urn: String
  /// The rank of the setting among the preferences, or empty.
  package var preferenceRank: String
  /// The first preference as written, or empty.
  package var firstPreference: String
  /// `met`, `given to others`, ... or empty.
  package var firstPreferenceOutcome: String
  /// ΔU of honouring the first preference, as written (empty unless given to others).
  package var firstPreferenceUnmetChange: String
  /// ΔC of honouring the first preference, as written (empty unless given to others).
  package var firstPreferenceCostChange: String
  /// The sentences for a reader.
  package var explanation: String

  /// Creates a row.
  package init(
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
package struct ComparisonRow: Sendable, Equatable {
  /// The plan's name (`baseline` first).
  package var plan: String
  /// One-off pounds.
  package var capitalCost: Double
  /// Pounds a year.
  package var annualCost: Double
  /// Pupils in the batch.
  package var pupils: Int
  /// Pupils placed.
  package var placed: Int
  /// Pupils unplaced.
  package var unplaced: Int
  /// U.
  package var unmetPriority: Int
  /// C.
  package var placementCost: Double
  /// Journey minutes in total.
  package var travelMinutes: Double
  /// Preference penalties in total.
  package var preferencePenalty: Double
  /// Pupils placed at their first preference.
  package var firstPreferenceMet: Int
  /// Annual cost of the places used.
  package var annualPlaceCost: Double
  /// Pupils moved against the baseline.
  package var pupilsMoved: Int
  /// Pupils displaced into the plan's batch by its closures.
  package var displaced = 0
  /// Protected requests refused (R).
  package var requestsRefused = 0
  /// Places, transport, unplaced pupils and the plan's own annual cost,
  /// pounds a year.
  package var annualTotalCost = 0.0
  /// Whether the case gives costs at all (no `cost_per_place` and no
  /// `pounds_per_minute`: "costs not given", not £0).
  package var costsGiven = true

  /// Creates a row.
  package init(
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
package struct ComparisonNeedRow: Sendable, Equatable {
  /// The plan's name.
  package var plan: String
  /// The need code, upper case.
  package var primaryNeed: String
  /// Pupils with that need.
  package var pupils: Int
  /// Of them placed.
  package var placed: Int
  /// Of them unplaced.
  package var unplaced: Int
  /// Their unmet priority.
  package var unmetPriority: Int

  /// Creates a row.
  package init(plan: String, primaryNeed: String, pupils: Int, placed: Int, unplaced: Int, unmetPriority: Int) {
    self.plan = plan
    self.primaryNeed = primaryNeed
    self.pupils = pupils
    self.placed = placed
    self.unplaced = unplaced
    self.unmetPriority = unmetPriority
  }
}

/// One row of `moves.csv`: a pupil whose setting differs from the baseline's.
package struct MoveRow: Sendable, Equatable {
  /// The plan's name.
  package var plan: String
  /// The pupil's id (counted only: the report never shows it).
  package var pupilID: String
  /// The baseline's setting, or empty.
  package var baselineURN: String
  /// The plan's setting, or empty.
  package var planURN: String
  /// `placed` or `unplaced` in the baseline.
  package var baselineStatus: String
  /// `placed` or `unplaced` under the plan.
  package var planStatus: String
  /// The baseline setting's name, or empty.
  package var baselineSettingName = ""
  /// The plan setting's name, or empty.
  package var planSettingName = ""

  /// Creates a row.
  package init(
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
package struct RecommendationOptionRow: Sendable, Equatable {
  /// The option's id.
  package var option: String
  /// Its group, or empty.
  package var group: String
  /// Whether the best set takes it.
  package var chosen: Bool
  /// One-off pounds.
  package var capitalCost: Double
  /// Pounds a year.
  package var annualCost: Double

  /// Creates a row.
  package init(option: String, group: String, chosen: Bool, capitalCost: Double, annualCost: Double) {
    self.option = option
    self.group = group
    self.chosen = chosen
    self.capitalCost = capitalCost
    self.annualCost = annualCost
  }
}

/// One row of `frontier.csv`: the best set for one budget.
package struct FrontierRow: Sendable, Equatable {
  /// The capital budget.
  package var budget: Double
  /// U of the best set.
  package var unmetPriority: Int
  /// C of the best set.
  package var placementCost: Double
  /// Its capital cost.
  package var capitalCost: Double
  /// Its annual cost.
  package var annualCost: Double
  /// The chosen option ids, in file order.
  package var options: [String]
  /// R of the best set at this budget (case format 2).
  package var requestsRefused = 0

  /// Creates a row.
  package init(
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
package struct RecommendationSummary: Sendable, Equatable {
  /// The capital budget.
  package var budget: Double
  /// The annual budget, if given.
  package var annualBudget: Double?
  /// `capital` or `travel`.
  package var then: String
  /// U with the chosen options.
  package var unmetPriority: Int
  /// C with the chosen options.
  package var placementCost: Double
  /// U of the case as given.
  package var baselineUnmetPriority: Int
  /// C of the case as given.
  package var baselinePlacementCost: Double
  /// R of the best set (case format 2).
  package var requestsRefused = 0
  /// R of the case as given.
  package var baselineRequestsRefused = 0
  /// The years a whole-life cost counts (`--years`).
  package var years = 5
  /// With `--then whole-life`: capital + years × (annual cost + C).
  package var wholeLifeCost: Double?

  /// Creates a summary.
  package init(
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
