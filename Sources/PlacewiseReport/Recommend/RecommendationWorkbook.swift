package import Workbook

/// `recommend`'s `placewise.xlsx`: the options with the chosen ones marked,
/// and the frontier when one was asked for, from the same tables as
/// recommendation.csv and frontier.csv.
package enum RecommendationWorkbook {
  /// The workbook's bytes.
  ///
  /// - Throws: `WorkbookError` when a table breaks one of Excel's limits.
  package static func render(options: [RecommendationOptionRow], frontier: [FrontierRow]?) throws(WorkbookError)
    -> [UInt8]
  {
    let tables = [RecommendationCSV.table(options)] + (frontier.map { [FrontierCSV.table($0)] } ?? [])
    return try Workbook(sheets: tables.map(\.sheet)).bytes()
  }
}
