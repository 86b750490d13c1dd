package import Placewise

/// The figures of one plan of a comparison, worked out once per run: the
/// CSV file, the workbook, the report and the printed table all read them.
package struct ComparisonFigures: Sendable {
  /// The plan's name (`baseline` first).
  package var name: String
  /// The allocation's figures.
  package var summary: AllocationSummary
  /// The plan's one-off pounds.
  package var capitalCost: Double
  /// The plan's own pounds a year.
  package var annualCost: Double
  /// Placed, plan minus baseline.
  package var placedChange: Int
  /// U, plan minus baseline.
  package var unmetPriorityChange: Int
  /// C, plan minus baseline.
  package var placementCostChange: Double
  /// `capital_cost / -unplaced_change` when `unplaced_change` < 0 (case format 2).
  package var capitalPerExtraPlacement: Double?
  /// Pupils whose setting differs from the baseline's.
  package var pupilsMoved: Int
  /// Pupils the plan's closures displaced into its batch.
  package var displaced: Int
  /// Unplaced pupils, plan minus baseline (displaced pupils count).
  package var unplacedChange: Int
  /// R, plan minus baseline.
  package var requestsRefusedChange: Int
  /// The allocation's annual cost plus the plan's own `annual_cost`.
  package var annualTotalCost: Double
  /// `annualTotalCost`, plan minus baseline.
  package var annualTotalCostChange: Double

  /// Each outcome's figures (`outcomes`: the baseline first).
  package static func rows<R>(_ outcomes: [ComparisonOutcome<R>]) -> [Self] {
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

  /// The figures as the report's row.
  package var row: ComparisonRow {
    var row = ComparisonRow(
      plan: name, capitalCost: capitalCost, annualCost: annualCost, pupils: summary.pupils, placed: summary.placed,
      unplaced: summary.unplaced, unmetPriority: summary.unmetPriority, placementCost: summary.placementCost,
      travelMinutes: summary.travelMinutes, preferencePenalty: summary.preferencePenalty,
      firstPreferenceMet: summary.firstPreferenceMet, annualPlaceCost: summary.annualPlaceCost,
      pupilsMoved: pupilsMoved)
    row.displaced = displaced
    row.requestsRefused = summary.requestsRefused
    row.annualTotalCost = annualTotalCost
    row.costsGiven = summary.costsGiven
    row.placementCostInPounds = summary.costUnit == .pounds
    return row
  }
}
