package import Placewise

/// Renders `comparison-by-need.csv`: per plan and per primary need present
/// among the pupils, the pupils, placed, unplaced and unmet priority.
package enum ComparisonByNeedCSV {
  /// The columns, in order.
  package static let header = ["plan", "primary_need", "pupils", "placed", "unplaced", "unmet_priority"]

  /// The file's text: plans in comparison order, needs in code order.
  package static func render<R>(_ outcomes: [ComparisonOutcome<R>]) -> String {
    var csv = CSVText()
    csv.append(header)
    for row in rows(outcomes) { csv.append(row) }
    return csv.text
  }

  /// The file's rows as text, without the header.
  package static func rows<R>(_ outcomes: [ComparisonOutcome<R>]) -> [[String]] {
    outcomes.flatMap { outcome in
      outcome.byNeed.map { row in
        [
          outcome.name, row.need.code, String(row.pupils), String(row.placed), String(row.pupils - row.placed),
          String(row.unmetPriority),
        ]
      }
    }
  }
}
