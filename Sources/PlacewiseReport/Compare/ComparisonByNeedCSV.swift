package import Placewise

/// Renders `comparison-by-need.csv`: per plan and per primary need present
/// among the pupils, the pupils, placed, unplaced and unmet priority.
package enum ComparisonByNeedCSV {
  /// The columns, in order, each with its kind and figure.
  package static let columns: [TableColumn<ComparisonNeedRow>] = [
    .text("plan") { $0.plan },
    .text("primary_need") { $0.primaryNeed },
    .count("pupils") { $0.pupils },
    .count("placed") { $0.placed },
    .count("unplaced") { $0.unplaced },
    .count("unmet_priority") { $0.unmetPriority },
  ]

  /// The column titles, in order.
  package static var header: [String] { columns.map(\.column.title) }

  /// The rows: plans in comparison order, needs in code order.
  package static func rows<R>(_ outcomes: [ComparisonOutcome<R>]) -> [ComparisonNeedRow] {
    outcomes.flatMap { outcome in
      outcome.byNeed.map { row in
        ComparisonNeedRow(
          plan: outcome.name, primaryNeed: row.need.code, pupils: row.pupils, placed: row.placed,
          unplaced: row.pupils - row.placed, unmetPriority: row.unmetPriority)
      }
    }
  }

  /// The table of `rows`: what the CSV file and the workbook's sheet hold.
  package static func table(_ rows: [ComparisonNeedRow]) -> ReportTable {
    ReportTable(sheetName: "Comparison by need", columns: columns, rows: rows)
  }
}
