import ArgumentParser
import Foundation

/// Issue 22's target: `placewise forecast` of a county with its roll and a
/// whole caseload's travel matrix, YEARS years and PLANS plans, timed
/// against one `placewise allocate` of its year-1 batch in the same
/// minutes (runs alternate, so other load falls on both alike).
struct ForecastBenchmark {
  /// `NAME=PUPILS/PLANS/YEARS`, as `--forecast` takes it.
  let spec: String
  let seed: Int
  let work: String
  let runs: Int
  let timeout: Double
  let binaries: URL
  let bench: Benchmark

  func run() throws {
    let parts = spec.split(separator: "=", maxSplits: 1)
    let numbers = parts.count == 2 ? parts[1].split(separator: "/").compactMap { Int($0) } : []
    guard numbers.count == 3, numbers.allSatisfy({ $0 > 0 }) else {
      throw ValidationError("bad --forecast spec \(spec): expected NAME=PUPILS/PLANS/YEARS")
    }
    let (name, pupils, planCount, years) = (String(parts[0]), numbers[0], numbers[1], numbers[2])
    let folder = work + "/forecast-case-" + name
    let planFolder = work + "/forecast-plans-" + name
    let demand = planFolder + "/demand.csv"
    if !FileManager.default.fileExists(atPath: demand) {
      let generated = try bench.execute(
        binaries.appendingPathComponent("casegen"),
        [
          "--pupils", String(pupils), "--seed", String(seed), "--out", folder, "--force", "--travel-matrix", "--roll",
          "--forecast-journeys", "--policy",
        ], timeout: timeout)
      guard generated.status == 0 else { throw ValidationError("casegen failed: \(generated.stderr)") }
      let planned = try bench.execute(
        binaries.appendingPathComponent("plangen"),
        ["--case-folder", folder, "--plans", String(planCount), "--options", "3", "--out", planFolder, "--travel"],
        timeout: timeout)
      guard planned.status == 0 else { throw ValidationError("plangen failed: \(planned.stderr)") }
      for p in 1...planCount { try Self.spreadYears(planFolder + "/plan-\(p).csv", years: years) }
      try Self.writeDemand(caseFolder: folder, years: years, to: demand)
    }
    let plans = (1...planCount).map { "\(planFolder)/plan-\($0).csv" }
    let placewise = binaries.appendingPathComponent("placewise")
    bench.emit("")
    bench.emit(
      "forecast \(name): \(pupils) pupils in the batch with roll.csv and travel.csv, \(planCount) plans, \(years) years"
    )
    bench.emit("")
    bench.emit(
      "| run | allocate (year-1 batch) | forecast | ratio | forecast read | solve (all plans and years) | report | write | result |"
    )
    bench.emit("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    var ratios: [Double] = []
    for run in 1...runs {
      let allocateOut = "\(work)/forecast-allocate-\(name)"
      let forecastOut = "\(work)/forecast-out-\(name)"
      let allocateStart = Date()
      let allocated = try bench.execute(
        placewise, ["allocate", folder, "--out", allocateOut, "--quiet"], timeout: timeout)
      let allocateSeconds = Date().timeIntervalSince(allocateStart)
      let forecastStart = Date()
      let forecasted = try bench.execute(
        placewise,
        ["forecast", folder] + plans + [
          "--years", String(years), "--demand", demand, "--out", forecastOut, "--quiet", "--timings",
        ], timeout: timeout)
      let forecastSeconds = Date().timeIntervalSince(forecastStart)
      guard allocated.status == 0, forecasted.status == 0 else {
        bench.emit("| \(run) | | | | | | | | failed (allocate \(allocated.status), forecast \(forecasted.status)) |")
        continue
      }
      let phases = CompareBenchmark.phases(forecasted.stderr)
      let check = try Self.check(forecastOut, allocateOut, plans: planCount, years: years)
      let ratio = forecastSeconds / allocateSeconds
      ratios.append(ratio)
      let cells = [
        bench.format(allocateSeconds), bench.format(forecastSeconds), String(format: "%.2fx", ratio),
        phases["read"].map(bench.format) ?? "", phases["solve"].map(bench.format) ?? "",
        phases["report"].map(bench.format) ?? "", phases["write"].map(bench.format) ?? "", check,
      ]
      bench.emit("| \(run) | " + cells.joined(separator: " | ") + " |")
    }
    if !ratios.isEmpty {
      let sorted = ratios.sorted()
      bench.emit("")
      bench.emit(
        String(
          format: "forecast / allocate: best %.2fx, median %.2fx, worst %.2fx over %d pairs (target: 10x)",
          sorted[0], sorted[sorted.count / 2], sorted[sorted.count - 1], sorted.count))
    }
  }

  /// Gives a plan's rows years 1 to YEARS in file order (non-decreasing,
  /// so the rows in effect are always a prefix and each stays valid).
  static func spreadYears(_ path: String, years: Int) throws {
    let lines = try String(contentsOfFile: path, encoding: .utf8).split(
      separator: "\n", omittingEmptySubsequences: true)
    guard let header = lines.first else { return }
    let rows = lines.dropFirst()
    var text = header + ",year\n"
    for (i, row) in rows.enumerated() { text += row + ",\(1 + i * years / max(1, rows.count))\n" }
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
  }

  /// New plans of about a tenth of the caseload a year (growing 5% a
  /// year), for every need the case has, spread over ages 4 to 15, from
  /// year 2 (year 1's batch is then the case's `pupils.csv`, the batch
  /// `allocate` is timed on).
  static func writeDemand(caseFolder: String, years: Int, to path: String) throws {
    var needs: [String: Int] = [:]
    var caseload = 0
    for file in ["pupils.csv", "roll.csv"] {
      let lines = try String(contentsOfFile: caseFolder + "/" + file, encoding: .utf8).split(separator: "\n")
      guard let header = lines.first?.split(separator: ",", omittingEmptySubsequences: false),
        let column = header.firstIndex(of: "primary_need")
      else { continue }
      for line in lines.dropFirst() {
        let fields = line.split(separator: ",", omittingEmptySubsequences: false)
        if column < fields.count { needs[String(fields[column]), default: 0] += 1 }
        caseload += 1
      }
    }
    var text = "year,age,primary_need,new_plans\n"
    for year in 2...max(2, years) where year <= years {
      let total = Double(caseload) * 0.1 * pow(1.05, Double(year - 2))
      for (need, count) in needs.sorted(by: { $0.key < $1.key }) {
        for age in 4...15 {
          let n = Int((total * Double(count) / Double(caseload) / 12).rounded())
          if n > 0 { text += "\(year),\(age),\(need),\(n)\n" }
        }
      }
    }
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
  }

  /// Checks the forecast before its time is trusted: a summary row per
  /// plan and year, and the baseline's year 1 equal to the allocate run.
  static func check(_ forecastOut: String, _ allocateOut: String, plans: Int, years: Int) throws -> String {
    let table = try String(contentsOfFile: forecastOut + "/forecast-summary.csv", encoding: .utf8)
    let rows = table.split(separator: "\n")
    guard rows.count == (plans + 1) * years + 1 else {
      return "CHECK FAILED: forecast-summary.csv has \(rows.count - 1) rows for \((plans + 1) * years)"
    }
    let baseline = try Data(contentsOf: URL(fileURLWithPath: forecastOut + "/years/baseline/1/placements.csv"))
    let allocated = try Data(contentsOf: URL(fileURLWithPath: allocateOut + "/placements.csv"))
    guard baseline == allocated else { return "CHECK FAILED: year 1's placements differ from allocate's" }
    return "ok: \(rows.count - 1) plan-years, year 1 = allocate"
  }
}
