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
