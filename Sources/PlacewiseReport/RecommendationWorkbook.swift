package import Workbook

/// `recommend`'s `placewise.xlsx`: the options with the chosen ones marked,
/// and the frontier when one was asked for, from the same rows as
/// recommendation.csv and frontier.csv.
package enum RecommendationWorkbook {
  /// The workbook's bytes.
  ///
  /// - Throws: `WorkbookError` when a table breaks one of Excel's limits.
  package static func render(options: [RecommendationOptionRow], frontier: [FrontierRow]?) throws(WorkbookError)
    -> [UInt8] {
    func columns(_ header: [String], _ kinds: [CellKind]) -> [ReportColumn] {
      zip(header, kinds).map { ReportColumn($0, $1) }
    }
    var tables = [
      try ReportTable(
        sheetName: "Recommendation",
        columns: columns(RecommendationCSV.header, [.text, .text, .text, .pounds, .pounds]),
        textRows: RecommendationCSV.textRows(options))
    ]
    if let frontier {
      tables.append(
        try ReportTable(
          sheetName: "Frontier",
          columns: columns(FrontierCSV.header, [.pounds, .integer, .decimal, .pounds, .pounds, .text, .integer]),
          textRows: FrontierCSV.textRows(frontier)))
    }
    return try Workbook(sheets: tables.map(\.sheet)).bytes()
  }
}
