import Placewise

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
  /// Whether level C (`placementCost`) is in pounds (`cost = "pounds"`:
  /// place costs and journeys) rather than minutes.
  package var placementCostInPounds = false

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
