package import Placewise

/// Renders `recommendation.csv`: one row per option in file order, chosen or not.
package enum RecommendationCSV {
  /// The columns, in the contract's order, each with its kind and figure.
  package static let columns: [TableColumn<RecommendationOptionRow>] = [
    .text("option") { $0.option },
    .text("group") { $0.group },
    .text("chosen") { $0.chosen ? "yes" : "no" },
    .pounds("capital_cost") { $0.capitalCost },
    .pounds("annual_cost") { $0.annualCost },
  ]

  /// The column titles, in order.
  package static var header: [String] { columns.map(\.column.title) }

  /// The rows the CSV and the report show.
  package static func rows(_ input: RecommendationInput, chosen: [Bool]) -> [RecommendationOptionRow] {
    input.options.enumerated().map { o, option in
      RecommendationOptionRow(
        option: option.id, group: option.group ?? "", chosen: chosen[o], capitalCost: option.capitalCost,
        annualCost: option.annualCost)
    }
  }

  /// The table the CSV file and the workbook's Recommendation sheet both read.
  package static func table(_ rows: [RecommendationOptionRow]) -> ReportTable {
    ReportTable(sheetName: "Recommendation", columns: columns, rows: rows)
  }

  /// The file's text.
  package static func render(_ rows: [RecommendationOptionRow]) -> String { table(rows).csv }
}
