public import Placewise

/// Renders `comparison.csv`: one row per plan, baseline first, with each
/// plan's figures and its changes against the baseline.
public enum ComparisonCSV {
  /// The columns, in the contract's order.
  public static let header = [
    "plan", "capital_cost", "annual_cost", "pupils", "placed", "unplaced", "unmet_priority", "placement_cost",
    "travel_minutes", "preference_penalty", "first_preference_met", "annual_place_cost", "placed_change",
    "unmet_priority_change", "placement_cost_change", "capital_cost_per_extra_placement", "pupils_moved",
  ]

  /// The file's text; `outcomes` holds the baseline first.
  public static func render<R>(_ outcomes: [ComparisonOutcome<R>]) -> String {
    var csv = CSVText()
    csv.append(header)
    for row in rows(outcomes) { csv.append(row) }
    return csv.text
  }

  /// The file's rows as text, without the header (the workbook's Comparison sheet).
  package static func rows<R>(_ outcomes: [ComparisonOutcome<R>]) -> [[String]] {
    ComparisonFigures.rows(outcomes).map { row in
      let s = row.summary
      return [
        row.name, NumberText.format(row.capitalCost), NumberText.format(row.annualCost), String(s.pupils),
        String(s.placed), String(s.unplaced), String(s.unmetPriority), NumberText.format(s.placementCost),
        NumberText.format(s.travelMinutes), NumberText.format(s.preferencePenalty), String(s.firstPreferenceMet),
        NumberText.format(s.annualPlaceCost), String(row.placedChange), String(row.unmetPriorityChange),
        NumberText.format(row.placementCostChange), row.capitalPerExtraPlacement.map(NumberText.format) ?? "",
        String(row.pupilsMoved),
      ]
    }
  }
}

/// The figures of a comparison row, shared by the CSV and the printed table.
struct ComparisonFigures {
  var name: String
  var summary: AllocationSummary
  var capitalCost: Double
  var annualCost: Double
  var placedChange: Int
  var unmetPriorityChange: Int
  var placementCostChange: Double
  /// `capital_cost / placed_change` when `placed_change` > 0.
  var capitalPerExtraPlacement: Double?
  var pupilsMoved: Int

  static func rows<R>(_ outcomes: [ComparisonOutcome<R>]) -> [Self] {
    guard let base = outcomes.first else { return [] }
    return outcomes.map { outcome in
      let s = outcome.summary
      let capital = outcome.plan?.capitalCost ?? 0
      let placedChange = s.placed - base.summary.placed
      var moved = 0
      for (a, b) in zip(base.urns, outcome.urns) where a != b { moved += 1 }
      return ComparisonFigures(
        name: outcome.name, summary: s, capitalCost: capital, annualCost: outcome.plan?.annualCost ?? 0,
        placedChange: placedChange, unmetPriorityChange: s.unmetPriority - base.summary.unmetPriority,
        placementCostChange: s.placementCost - base.summary.placementCost,
        capitalPerExtraPlacement: placedChange > 0 ? capital / Double(placedChange) : nil, pupilsMoved: moved)
    }
  }
}
