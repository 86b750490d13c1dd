import Placewise

/// Renders `comparison.csv`: one row per plan, baseline first, with each
/// plan's figures and its changes against the baseline.
package enum ComparisonCSV {
  /// The columns, in the contract's order, each with its kind and figure.
  package static let columns: [TableColumn<ComparisonFigures>] = [
    .text("plan") { $0.name },
    .pounds("capital_cost") { $0.capitalCost },
    .pounds("annual_cost") { $0.annualCost },
    .count("pupils") { $0.summary.pupils },
    .count("placed") { $0.summary.placed },
    .count("unplaced") { $0.summary.unplaced },
    .count("unmet_priority") { $0.summary.unmetPriority },
    .decimal("placement_cost") { $0.summary.placementCost },
    .minutes("travel_minutes") { $0.summary.travelMinutes },
    .decimal("preference_penalty") { $0.summary.preferencePenalty },
    .count("first_preference_met") { $0.summary.firstPreferenceMet },
    .pounds("annual_place_cost") { $0.summary.annualPlaceCost },
    .count("placed_change") { $0.placedChange },
    .count("unmet_priority_change") { $0.unmetPriorityChange },
    .decimal("placement_cost_change") { $0.placementCostChange },
    .pounds("capital_cost_per_extra_placement") { $0.capitalPerExtraPlacement },
    .count("pupils_moved") { $0.pupilsMoved },
    .count("displaced") { $0.displaced },
    .count("unplaced_change") { $0.unplacedChange },
    .count("requests_refused") { $0.summary.requestsRefused },
    .count("requests_refused_change") { $0.requestsRefusedChange },
    .pounds("annual_transport_cost") { $0.summary.annualTransportCost },
    .pounds("annual_unplaced_cost") { $0.summary.annualUnplacedCost },
    .pounds("annual_total_cost") { $0.annualTotalCost },
    .pounds("annual_total_cost_change") { $0.annualTotalCostChange },
  ]

  /// The column titles, in order.
  package static var header: [String] { columns.map(\.column.title) }

  /// The table of `figures`: what the CSV file and the workbook's Comparison sheet hold.
  package static func table(_ figures: [ComparisonFigures]) -> ReportTable {
    ReportTable(sheetName: "Comparison", columns: columns, rows: figures)
  }
}
