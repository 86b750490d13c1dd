package import Placewise

/// Renders `summary.json`: the figures the case format names, unrounded,
/// keys in a fixed order so that the same allocation gives the same bytes.
package enum SummaryJSON {
  /// The file's text.
  package static func render(summary: AllocationSummary, allocation: Allocation, warnings: [InputWarning]) -> String {
    let fields: [(String, String)] = [
      ("pupils", String(summary.pupils)),
      ("placed", String(summary.placed)),
      ("unplaced", String(summary.unplaced)),
      ("unplaced_no_eligible_setting", String(summary.unplacedNoEligibleSetting)),
      ("unplaced_eligible_settings_full", String(summary.unplacedSettingsFull)),
      ("unmet_priority", String(summary.unmetPriority)),
      ("travel_minutes", number(summary.travelMinutes)),
      ("preference_penalty", number(summary.preferencePenalty)),
      ("placement_cost", number(summary.placementCost)),
      ("mean_travel_minutes", number(summary.meanTravelMinutes)),
      ("longest_travel_minutes", number(summary.longestJourneyMinutes)),
      ("placed_over_journey_limit", String(summary.placedOverJourneyLimit)),
      ("pupils_with_preferences", String(summary.pupilsWithPreferences)),
      ("first_preference_met", String(summary.firstPreferenceMet)),
      ("any_preference_met", String(summary.anyPreferenceMet)),
      ("requests", String(summary.pupilsWithPreferences)),
      ("requests_protected", String(summary.requestsProtected)),
      ("requests_refused", String(summary.requestsRefused)),
      ("requests_excepted_resources", String(summary.requestsExceptedResources)),
      ("pupils_kept_at_current", String(summary.pupilsKeptAtCurrent)),
      ("pupils_moved_from_current", String(summary.pupilsMovedFromCurrent)),
      ("move_penalty", number(summary.movePenalty)),
      ("agreed_placements", String(summary.agreedPlacements)),
      ("cost_unit", string(summary.costUnit.rawValue)),
      ("annual_place_cost", number(summary.annualPlaceCost)),
      ("annual_transport_cost", number(summary.annualTransportCost)),
      ("annual_unplaced_cost", number(summary.annualUnplacedCost)),
      ("annual_total_cost", number(summary.annualTotalCost)),
      ("solver_status", string("optimal")),  // an Allocation is always proven optimal
      ("solver_path", string(allocation.solverPath)),
      ("solver_detail", string(allocation.solverDetail)),
      (
        "warnings",
        "[" + (warnings + summary.warnings).map { string($0.description + " (\($0.count))") }.joined(separator: ", ")
          + "]"
      ),
    ]
    return "{\n" + fields.map { "  \(string($0.0)): \($0.1)" }.joined(separator: ",\n") + "\n}\n"
  }

  private static func number(_ value: Double) -> String { NumberText.format(value) }

  private static func string(_ text: String) -> String { JSONText.string(text) }
}
