package import Placewise

/// Renders `recommendation.csv`: one row per option in file order, chosen or not.
package enum RecommendationCSV {
  /// The columns, in the contract's order.
  package static let header = ["option", "group", "chosen", "capital_cost", "annual_cost"]

  /// The rows the CSV and the report show.
  package static func rows(_ input: RecommendationInput, chosen: [Bool]) -> [RecommendationOptionRow] {
    input.options.enumerated().map { o, option in
      RecommendationOptionRow(
        option: option.id, group: option.group ?? "", chosen: chosen[o], capitalCost: option.capitalCost,
        annualCost: option.annualCost)
    }
  }

  /// The file's text.
  package static func render(_ rows: [RecommendationOptionRow]) -> String {
    var csv = CSVText()
    csv.append(header)
    for row in textRows(rows) { csv.append(row) }
    return csv.text
  }

  /// The file's rows as text, without the header (the workbook's sheet).
  package static func textRows(_ rows: [RecommendationOptionRow]) -> [[String]] {
    rows.map { row in
      [
        row.option, row.group, row.chosen ? "yes" : "no", NumberText.format(row.capitalCost),
        NumberText.format(row.annualCost),
      ]
    }
  }
}
