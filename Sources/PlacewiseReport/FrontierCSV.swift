package import Placewise

/// Renders `frontier.csv`: the best set for each budget of the frontier.
package enum FrontierCSV {
  /// The columns, in the contract's order.
  package static let header = [
    "budget", "unmet_priority", "placement_cost", "capital_cost", "annual_cost", "options", "requests_refused",
  ]

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

  /// The file's text; option ids `;`-separated.
  package static func render(_ rows: [FrontierRow]) -> String {
    var csv = CSVText()
    csv.append(header)
    for row in textRows(rows) { csv.append(row) }
    return csv.text
  }

  /// The file's rows as text, without the header (the workbook's sheet).
  package static func textRows(_ rows: [FrontierRow]) -> [[String]] {
    rows.map { row in
      [
        NumberText.format(row.budget), String(row.unmetPriority), NumberText.format(row.placementCost),
        NumberText.format(row.capitalCost), NumberText.format(row.annualCost), row.options.joined(separator: ";"),
        String(row.requestsRefused),
      ]
    }
  }
}
