extension AllocationSummary {
  /// The figures that are sums of decimals, by their summary.json names.
  package var decimalFigures: [(name: String, value: Double)] {
    [
      ("travel_minutes", travelMinutes), ("preference_penalty", preferencePenalty),
      ("placement_cost", placementCost), ("mean_travel_minutes", meanTravelMinutes),
      ("longest_travel_minutes", longestJourneyMinutes), ("annual_place_cost", annualPlaceCost),
    ]
  }

  /// Refuses a summary with a figure that is not a finite number.
  ///
  /// The input's ranges keep every sum finite; this is the last guard, so
  /// that no output ever holds `inf` or `nan` (summary.json would not be
  /// JSON): such a run fails (exit status 3) and writes nothing.
  package func checkFinite() throws(AllocationError) {
    let bad = decimalFigures.filter { !$0.value.isFinite }.map(\.name)
    guard bad.isEmpty else {
      throw AllocationError(
        .invariantBroken,
        "a total is not a finite number (\(bad.joined(separator: ", "))): the case's numbers are too large to add up")
    }
  }
}
