package import Placewise

/// Renders `frontier.csv`: the best set for each budget of the frontier.
package enum FrontierCSV {
  /// The columns, in the contract's order, each with its kind and figure.
  package static let columns: [TableColumn<FrontierRow>] = [
    .pounds("budget") { $0.budget },
    .count("unmet_priority") { $0.unmetPriority },
    .decimal("placement_cost") { $0.placementCost },
    .pounds("capital_cost") { $0.capitalCost },
    .pounds("annual_cost") { $0.annualCost },
    .text("options") { $0.options.joined(separator: ";") },
    .count("requests_refused") { $0.requestsRefused },
  ]

  /// The column titles, in order.
  package static var header: [String] { columns.map(\.column.title) }

  /// The rows the CSV and the report show: option ids in file order.
  package static func rows(_ input: RecommendationInput, frontier: [(budget: Double, set: EvaluatedSet)])
    -> [FrontierRow]
  {
    frontier.map { budget, set in
      var row = FrontierRow(
        budget: budget, unmetPriority: set.unmetPriority, placementCost: set.placementCost,
        capitalCost: set.capitalCost, annualCost: set.annualCost,
        options: input.options.indices.filter { set.chosen[$0] }.map { input.options[$0].id })
      row.requestsRefused = set.requestsRefused
      return row
    }
  }

  /// The table the CSV file and the workbook's Frontier sheet both read.
  package static func table(_ rows: [FrontierRow]) -> ReportTable {
    ReportTable(sheetName: "Frontier", columns: columns, rows: rows)
  }

  /// The file's text; option ids `;`-separated.
  package static func render(_ rows: [FrontierRow]) -> String { table(rows).csv }
}
