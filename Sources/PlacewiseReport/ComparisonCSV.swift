package import Placewise

/// Renders `comparison.csv`: one row per plan, baseline first, with each
/// plan's figures and its changes against the baseline.
package enum ComparisonCSV {
  /// The columns, in the contract's order.
  package static let header = [
    "plan", "capital_cost", "annual_cost", "pupils", "placed", "unplaced", "unmet_priority", "placement_cost",
    "travel_minutes", "preference_penalty", "first_preference_met", "annual_place_cost", "placed_change",
    "unmet_priority_change", "placement_cost_change", "capital_cost_per_extra_placement", "pupils_moved",
    "displaced", "unplaced_change", "requests_refused", "requests_refused_change", "annual_transport_cost",
    "annual_unplaced_cost", "annual_total_cost", "annual_total_cost_change",
  ]

  /// The file's text; `outcomes` holds the baseline first.
  package static func render<R>(_ outcomes: [ComparisonOutcome<R>]) -> String {
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
        String(row.pupilsMoved), String(row.displaced), String(row.unplacedChange), String(s.requestsRefused),
        String(row.requestsRefusedChange), NumberText.format(s.annualTransportCost),
        NumberText.format(s.annualUnplacedCost), NumberText.format(row.annualTotalCost),
        NumberText.format(row.annualTotalCostChange),
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
  /// `capital_cost / -unplaced_change` when `unplaced_change` < 0 (case format 2).
  var capitalPerExtraPlacement: Double?
  var pupilsMoved: Int
  /// Pupils the plan's closures displaced into its batch.
  var displaced: Int
  /// Unplaced pupils, plan minus baseline (displaced pupils count).
  var unplacedChange: Int
  var requestsRefusedChange: Int
  /// The allocation's annual cost plus the plan's own `annual_cost`.
  var annualTotalCost: Double
  var annualTotalCostChange: Double

  static func rows<R>(_ outcomes: [ComparisonOutcome<R>]) -> [Self] {
    guard let base = outcomes.first else { return [] }
    let baseTotal = base.summary.annualTotalCost + (base.plan?.annualCost ?? 0)
    return outcomes.map { outcome in
      let s = outcome.summary
      let capital = outcome.plan?.capitalCost ?? 0
      let annual = outcome.plan?.annualCost ?? 0
      let unplacedChange = s.unplaced - base.summary.unplaced
      // Displaced pupils come after the case's own and have no baseline place.
      var moved = 0
      for (a, b) in zip(base.urns, outcome.urns) where a != b { moved += 1 }
      let total = s.annualTotalCost + annual
      return ComparisonFigures(
        name: outcome.name, summary: s, capitalCost: capital, annualCost: annual,
        placedChange: s.placed - base.summary.placed, unmetPriorityChange: s.unmetPriority - base.summary.unmetPriority,
        placementCostChange: s.placementCost - base.summary.placementCost,
        capitalPerExtraPlacement: unplacedChange < 0 ? capital / Double(-unplacedChange) : nil, pupilsMoved: moved,
        displaced: outcome.displaced, unplacedChange: unplacedChange,
        requestsRefusedChange: s.requestsRefused - base.summary.requestsRefused, annualTotalCost: total,
        annualTotalCostChange: total - baseTotal)
    }
  }
}
