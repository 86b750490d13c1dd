import ArgumentParser
import Foundation

/// The `compare` target of issue 11: a case and its plans allocated by
/// `placewise compare`, timed against one `placewise allocate` of the same
/// case in the same minutes. Runs alternate (allocate, compare, allocate,
/// ...) so that other load on the machine falls on both alike, and each
/// pair's ratio is printed.
struct CompareBenchmark {
  /// `NAME=PUPILS[+travel]/PLANS`, as `--compare` takes it.
  let spec: String
  let seed: Int
  let work: String
  let runs: Int
  let timeout: Double
  let binaries: URL
  let bench: Benchmark

  func run() throws {
    let parts = spec.split(separator: "=", maxSplits: 1)
    let sizeAndPlans = parts.count == 2 ? parts[1].split(separator: "/") : []
    guard parts.count == 2, sizeAndPlans.count == 2, let planCount = Int(sizeAndPlans[1]), planCount > 0,
      let pupils = Int(sizeAndPlans[0].replacingOccurrences(of: "+travel", with: ""))
    else { throw ValidationError("bad --compare spec \(spec): expected NAME=PUPILS[+travel]/PLANS") }
    let name = String(parts[0])
    let travel = sizeAndPlans[0].hasSuffix("+travel")
    let folder = work + "/compare-case-" + name
    let planFolder = work + "/compare-plans-" + name
    // plangen --travel appends the new settings' journeys to travel.csv: the
    // case and its plans are made together, once.
    if !FileManager.default.fileExists(atPath: planFolder + "/plan-1.csv") {
      // With roll.csv: a plan closing a special school displaces its pupils
      // (case format 2), and a closure of pupils roll.csv does not list is refused.
      var arguments = ["--pupils", String(pupils), "--seed", String(seed), "--roll", "--out", folder, "--force"]
      if travel { arguments.append("--travel-matrix") }
      let generated = try bench.execute(binaries.appendingPathComponent("casegen"), arguments, timeout: timeout)
      guard generated.status == 0 else { throw ValidationError("casegen failed: \(generated.stderr)") }
      var planArguments = [
        "--case-folder", folder, "--plans", String(planCount), "--options", "30", "--out", planFolder,
      ]
      if travel { planArguments.append("--travel") }
      let planned = try bench.execute(binaries.appendingPathComponent("plangen"), planArguments, timeout: timeout)
      guard planned.status == 0 else { throw ValidationError("plangen failed: \(planned.stderr)") }
    }
    let plans = (1...planCount).map { "\(planFolder)/plan-\($0).csv" }
    let placewise = binaries.appendingPathComponent("placewise")
    bench.emit("")
    bench.emit("compare \(name): \(pupils) pupils\(travel ? " with travel.csv" : ""), \(planCount) plans")
    bench.emit("")
    bench.emit(
      "| run | allocate | compare | ratio | compare read | solve (all plans) | write "
        + "| compare, --plan-outputs summary | ratio | result |")
    bench.emit("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    var ratios: [Double] = []
    var summaryRatios: [Double] = []
    for run in 1...runs {
      let allocateOut = "\(work)/compare-allocate-\(name)"
      let compareOut = "\(work)/compare-out-\(name)"
      let allocateStart = Date()
      let allocated = try bench.execute(
        placewise, ["allocate", folder, "--out", allocateOut, "--quiet"], timeout: timeout)
      let allocateSeconds = Date().timeIntervalSince(allocateStart)
      let compareStart = Date()
      let compared = try bench.execute(
        placewise, ["compare", folder] + plans + ["--out", compareOut, "--quiet", "--timings"], timeout: timeout)
      let compareSeconds = Date().timeIntervalSince(compareStart)
      // The same with summary plan folders (placements, summary and settings only).
      let summaryOut = compareOut + "-summary"
      let summaryStart = Date()
      let summarised = try bench.execute(
        placewise, ["compare", folder] + plans + ["--out", summaryOut, "--quiet", "--plan-outputs", "summary"],
        timeout: timeout)
      let summarySeconds = Date().timeIntervalSince(summaryStart)
      guard allocated.status == 0, compared.status == 0, summarised.status == 0 else {
        bench.emit(
          "| \(run) | | | | | | | | | failed (allocate \(allocated.status), compare \(compared.status), "
            + "summary \(summarised.status)) |")
        continue
      }
      let phases = Self.phases(compared.stderr)
      var check = try Self.check(compareOut, allocateOut, plans: planCount)
      let summaryCheck = try Self.check(summaryOut, allocateOut, plans: planCount)
      if !summaryCheck.hasPrefix("ok") {
        check = "summary: " + summaryCheck
      } else if try Data(contentsOf: URL(fileURLWithPath: summaryOut + "/comparison.csv"))
        != Data(contentsOf: URL(fileURLWithPath: compareOut + "/comparison.csv"))
      {
        check = "CHECK FAILED: summary's comparison.csv differs from full's"
      } else {
        check += "; summary's comparison.csv the same"
      }
      let ratio = compareSeconds / allocateSeconds
      ratios.append(ratio)
      summaryRatios.append(summarySeconds / allocateSeconds)
      let cells = [
        bench.format(allocateSeconds), bench.format(compareSeconds), String(format: "%.2fx", ratio),
        phases["read"].map(bench.format) ?? "", phases["solve"].map(bench.format) ?? "",
        phases["write"].map(bench.format) ?? "", bench.format(summarySeconds),
        String(format: "%.2fx", summarySeconds / allocateSeconds), check,
      ]
      bench.emit("| \(run) | " + cells.joined(separator: " | ") + " |")
    }
    bench.emit("")
    for (label, list) in [("compare", ratios), ("compare --plan-outputs summary", summaryRatios)] where !list.isEmpty {
      let sorted = list.sorted()
      bench.emit(
        "\(label) / allocate: "
          + String(
            format: "best %.2fx, median %.2fx, worst %.2fx over %d runs (target: 3x)", sorted[0],
            sorted[sorted.count / 2], sorted[sorted.count - 1], sorted.count))
    }
  }

  /// compare's `timing: PHASE SECONDS s` lines (its per-plan lines skipped).
  static func phases(_ stderr: String) -> [String: Double] {
    var phases: [String: Double] = [:]
    for line in stderr.split(separator: "\n") where line.hasPrefix("timing: ") && !line.hasPrefix("timing: plan ") {
      let words = line.split(separator: " ")
      if words.count >= 3, let seconds = Double(words[2]) { phases[String(words[1])] = seconds }
    }
    return phases
  }

  /// Checks the comparison before its time is trusted: a row per plan and
  /// the baseline, and the baseline's figures and placements equal to the
  /// allocate run's.
  static func check(_ compareOut: String, _ allocateOut: String, plans: Int) throws -> String {
    let table = try String(contentsOfFile: compareOut + "/comparison.csv", encoding: .utf8)
    let rows = table.split(separator: "\n")
    guard rows.count == plans + 2, rows[1].hasPrefix("baseline,") else {
      return "CHECK FAILED: comparison.csv has \(rows.count - 1) rows for \(plans) plans and the baseline"
    }
    let baseline = try Data(contentsOf: URL(fileURLWithPath: compareOut + "/plans/baseline/placements.csv"))
    let allocated = try Data(contentsOf: URL(fileURLWithPath: allocateOut + "/placements.csv"))
    guard baseline == allocated else { return "CHECK FAILED: the baseline's placements differ from allocate's" }
    for p in 1...plans {
      let summary = try Data(contentsOf: URL(fileURLWithPath: "\(compareOut)/plans/plan-\(p)/summary.json"))
      guard let json = try JSONSerialization.jsonObject(with: summary) as? [String: Any],
        json["solver_status"] as? String == "optimal"
      else { return "CHECK FAILED: plan-\(p)'s summary.json is not optimal" }
    }
    return "ok: \(plans) plans optimal, baseline = allocate"
  }
}
