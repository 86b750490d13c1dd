import Foundation
import PlacewiseTestSupport
import Testing

// Issue 23, cosmetic items a hostile trial left: a plan's costs are added to
// the penny (comparison.csv showed £0.10 + £0.20 as 0.30000000000000004); a
// name's spreadsheet prefix (') is not part of the name; an empty batch is
// said so.

private let tinyCase = packageRoot + "/Data/tiny/capacity-contest"

@Suite("Plan costs added to the penny in compare's files (issue 23)")
struct PenceOutputTests {
  @Test("two rows of £0.10 and £0.20 make a plan of £0.30 in comparison.csv")
  func comparisonCosts() throws {
    let scratch = try ScratchFolder()
    let plan = try scratch.write(
      "pence.csv",
      """
      action,urn,places,capital_cost,annual_cost
      add_places,140001,1,0.1,0.1
      add_places,140001,1,0.2,0.2

      """)
    let out = scratch.at("out")
    let result = try runPlacewise(["compare", tinyCase, plan, "--out", out])
    try #require(result.status == 0, "\(result.stderr)")
    let csv = try String(contentsOfFile: out + "/comparison.csv", encoding: .utf8)
    let row = try #require(csv.split(separator: "\n").first { $0.hasPrefix("pence,") })
    #expect(row.hasPrefix("pence,0.3,0.3,"), "\(row)")
  }
}

@Suite("A spreadsheet's text prefix read as a prefix (issue 23)")
struct SpreadsheetPrefixTests {
  @Test("a setting named '=Oakfield (as Placewise's own CSV files write =Oakfield) is =Oakfield in every output")
  func apostropheBeforeFormula() throws {
    let scratch = try ScratchFolder()
    let folder = scratch.at("case")
    try FileManager.default.copyItem(atPath: tinyCase, toPath: folder)
    let settings = try String(contentsOfFile: folder + "/settings.csv", encoding: .utf8)
    try settings.replacingOccurrences(of: "Oakfield School", with: "'=Oakfield School")
      .write(toFile: folder + "/settings.csv", atomically: true, encoding: .utf8)
    let out = scratch.at("out")
    let result = try runPlacewise(["allocate", folder, "--out", out])
    try #require(result.status == 0, "\(result.stderr)")
    let written = try String(contentsOfFile: out + "/settings.csv", encoding: .utf8)
    #expect(written.contains(",'=Oakfield School,"), "neutralised once: \(written)")
    #expect(!written.contains("''"), "\(written)")
    let page = try String(contentsOfFile: out + "/report.html", encoding: .utf8)
    #expect(page.contains("=Oakfield School"))
    #expect(!page.contains("'=Oakfield") && !page.contains("&#39;=Oakfield"), "the prefix is not part of the name")
  }
}

@Suite("An empty batch is said so (issue 23)")
struct EmptyBatchTests {
  @Test("a pupils.csv of a header only is valid, with a warning that the batch is empty")
  func headerOnly() throws {
    let scratch = try ScratchFolder()
    let folder = scratch.at("case")
    try FileManager.default.copyItem(atPath: tinyCase, toPath: folder)
    let pupils = try String(contentsOfFile: folder + "/pupils.csv", encoding: .utf8)
    let header = try #require(pupils.split(separator: "\n").first)
    try (header + "\n").write(toFile: folder + "/pupils.csv", atomically: true, encoding: .utf8)
    let result = try runPlacewise(["validate", folder])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stderr.contains("pupils.csv: lists no pupils: the batch is empty"), "\(result.stderr)")
  }
}
