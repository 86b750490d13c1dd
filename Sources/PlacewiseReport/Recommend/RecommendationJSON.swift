import Placewise

/// Renders `recommend`'s `summary.json`: the budgets, the order, the chosen
/// options and the figures, unrounded, keys in a fixed order.
///
/// `options_chosen` is the list of chosen option ids in file order;
/// `annual_budget` is null when none was given.
package enum RecommendationJSON {
  /// The file's text.
  package static func render(
    summary: RecommendationSummary, chosen: [RecommendationOptionRow], capitalCost: Double, annualCost: Double
  ) -> String {
    let fields: [(String, String)] = [
      ("budget", NumberText.format(summary.budget)),
      ("annual_budget", summary.annualBudget.map(NumberText.format) ?? "null"),
      ("then", JSONText.string(summary.then)),
      ("options_chosen", "[" + chosen.map { JSONText.string($0.option) }.joined(separator: ", ") + "]"),
      ("capital_cost", NumberText.format(capitalCost)),
      ("annual_cost", NumberText.format(annualCost)),
      ("unmet_priority", String(summary.unmetPriority)),
      ("placement_cost", NumberText.format(summary.placementCost)),
      ("baseline_unmet_priority", String(summary.baselineUnmetPriority)),
      ("baseline_placement_cost", NumberText.format(summary.baselinePlacementCost)),
      ("requests_refused", String(summary.requestsRefused)),
      ("baseline_requests_refused", String(summary.baselineRequestsRefused)),
      ("years", String(summary.years)),
      ("whole_life_cost", summary.wholeLifeCost.map(NumberText.format) ?? "null"),
      ("solver_status", JSONText.string("optimal")),  // every set's allocation is proven optimal
    ]
    return "{\n" + fields.map { "  \(JSONText.string($0.0)): \($0.1)" }.joined(separator: ",\n") + "\n}\n"
  }
}
