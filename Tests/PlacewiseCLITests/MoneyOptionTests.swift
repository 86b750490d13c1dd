import Foundation
import PlacewiseTestSupport
import Testing

// Issue 23 item 4 and issue 25: --budget and --annual-budget, read by one parser.

private let tinyCase = packageRoot + "/Data/tiny/capacity-contest"

private let options = """
  option,group,action,urn,places,capital_cost,annual_cost
  one-place,,add_places,140001,1,50000,1000

  """

@Suite("Money options: a plausible range and the forms planners write (issues 23, 25)")
struct MoneyOptionTests {
  @Test(
    "an absurd or misspelt budget is refused with status 64 (a usage error) before anything is read, naming an accepted form",
    arguments: [
      ["--budget", "1e19"], ["--budget", "0", "--annual-budget", "1e300"], ["--budget", "1000000000001"],
      ["--budget", "5,00"], ["--budget", "five"], ["--budget", "nan"], ["--budget", "£"], ["--budget", "5mm"],
      ["--budget", "-1"], ["--budget", "0", "--annual-budget", "-5m"],
    ])
  func absurdBudgets(_ money: [String]) throws {
    let scratch = try ScratchFolder()
    let file = try scratch.write("options.csv", options)
    let out = scratch.at("out")
    // The case folder does not exist: the refusal comes before any reading.
    let result = try runPlacewise(["recommend", scratch.at("no-case"), file] + money + ["--out", out])
    #expect(result.status == 64, "\(money): \(result.stderr)")
    #expect(result.stderr.contains("must be an amount of pounds"), "\(result.stderr)")
    #expect(result.stderr.contains("5,000,000") || result.stderr.contains("1,000,000,000,000"), "\(result.stderr)")
    #expect(!result.stderr.contains("no such folder"), "refused before reading: \(result.stderr)")
    #expect(!FileManager.default.fileExists(atPath: out))
  }

  @Test(
    "a budget written 5000000, 5,000,000, £5,000,000, 5m, 2.5m or 500k is the same amount everywhere",
    arguments: [
      ("5000000", 5_000_000.0), ("5,000,000", 5_000_000), ("£5,000,000", 5_000_000), ("5m", 5_000_000),
      ("2.5m", 2_500_000), ("500k", 500_000), ("0", 0),
    ])
  func moneyForms(_ text: String, _ pounds: Double) throws {
    let scratch = try ScratchFolder()
    let file = try scratch.write("options.csv", options)
    let out = scratch.at("out")
    let result = try runPlacewise([
      "recommend", tinyCase, file, "--budget", text, "--annual-budget", text, "--out", out,
    ])
    #expect(result.status == 0, "\(text): \(result.stderr)")
    let summary = try String(contentsOfFile: out + "/summary.json", encoding: .utf8)
    let number = pounds == pounds.rounded() ? String(Int(pounds)) : String(pounds)
    #expect(summary.contains("\"budget\": \(number),"), "\(text): \(summary)")
  }
}
