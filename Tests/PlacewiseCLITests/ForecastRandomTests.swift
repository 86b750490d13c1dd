import Foundation
import PlacewiseTestSupport
import Testing

// Random small forecasts, each checked step by step by `ForecastStepCheck`
// from the files alone: every year's case allocated afresh gives the
// folder's U, R and C, and each year's case follows from the year before.

@Suite("random forecasts, checked step by step")
struct ForecastRandomTests {
  @Test("each year follows from the last by the rules, and each year's case gives its own U, R and C")
  func stepByStep() throws {
    // How often each rule came into play over all the seeds: a corpus that
    // never displaced or transferred anyone would check nothing.
    var seen: [String: Int] = [:]
    for seed in 1...24 {
      let generated = RandomForecastCase(seed: UInt64(seed))
      let scratch = try ScratchFolder()
      let caseFolder = try scratch.writeCase("case", files: generated.caseFiles)
      let plans = try generated.plans.map { try scratch.write("\($0.name).csv", $0.text) }
      let demand = try scratch.write("demand.csv", generated.demandText)
      let out = scratch.at("out")
      let result = try runPlacewise(
        ["forecast", caseFolder] + plans + ["--years", "3", "--demand", demand, "--out", out, "--quiet"])
      try #require(result.status == 0, "seed \(seed): \(result.stderr)")
      let problems = try ForecastStepCheck.check(
        out: out, caseFolder: caseFolder, plans: generated.plans.map(\.name), years: 3, demand: generated.demand)
      #expect(problems.isEmpty, "seed \(seed): \(problems)")
      for row in try csvRecords(out + "/forecast.csv") {
        for key in ["carried_over", "phase_transfers", "displaced", "new_plans", "leavers", "unplaced"] {
          seen[key, default: 0] += Int(row[key] ?? "") ?? 0
        }
      }
    }
    for key in ["carried_over", "phase_transfers", "displaced", "new_plans", "leavers", "unplaced"] {
      #expect(seen[key, default: 0] >= 5, "\(key): \(seen[key, default: 0]) over all seeds")
    }
  }
}
