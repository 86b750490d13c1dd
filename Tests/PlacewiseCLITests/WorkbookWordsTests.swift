import Foundation
import PlacewiseTestSupport
import Testing
import XLSXTestSupport

// Issue 25 item 5: the workbook in words. compare's Moves sheet puts each
// setting's name beside its URN (moves.csv, a contract, keeps its names last).

@Suite("The workbook's words and column order (issue 25 item 5)")
struct WorkbookWordsTests {
  @Test("compare's Moves sheet: headers in words, each setting's name beside its URN, row for row as moves.csv")
  func movesNamesBesideURNs() throws {
    let scratch = try ScratchFolder()
    let out = scratch.at("out")
    let hand = packageRoot + "/Data/forecast-hand"
    let result = try runPlacewise(["compare", hand, hand + "/plans/grow.csv", "--out", out, "--quiet"])
    try #require(result.status == 0, "\(result.stderr)")
    let book = try XLSXFile(bytes: Array(try Data(contentsOf: URL(fileURLWithPath: out + "/placewise.xlsx"))))
    let sheet = try book.sheet("Moves")
    let header: [XLSXCell?] = [
      "Plan", "Pupil ID", "Baseline URN", "Baseline setting name", "Plan URN", "Plan setting name",
      "Baseline status", "Plan status",
    ].map { .text($0) }
    #expect((0..<8).map { sheet.cell(0, $0) } == header)
    let rows = try csvRecords(out + "/moves.csv")
    #expect(!rows.isEmpty && sheet.rowCount == rows.count + 1)
    let csvOrder = [
      "plan", "pupil_id", "baseline_urn", "baseline_setting_name", "plan_urn", "plan_setting_name",
      "baseline_status", "plan_status",
    ]
    for (r, row) in rows.enumerated() {
      for (c, column) in csvOrder.enumerated() {
        let field = row[column] ?? ""
        #expect(sheet.cell(r + 1, c) == (field.isEmpty ? nil : .text(field)), "row \(r + 2), \(column)")
      }
    }
  }
}
