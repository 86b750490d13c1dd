import ArgumentParser
import Foundation

/// Runs `placewise allocate` on seeded generated cases and prints a table of
/// time and peak memory per phase, for the default solver and the plain-LP
/// reference. Not part of the product; release builds only.
@main
struct Benchmark: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "placewise-bench",
    abstract: "Time placewise on seeded generated cases (release builds only).",
    discussion: """
      Cases are generated with casegen (same seed, same bytes) into --work, then allocated \
      with --timings by the default solver and, up to --plain-max pupils, by the plain LP. \
      Each result is checked (every pupil in placements.csv, placed + unplaced = pupils, \
      solver_status optimal) and the two solvers' figures compared before the table is printed.
      """)

  @Option(
    help: """
      Cases as NAME=PUPILS[+travel][/CASEGEN-ARG;CASEGEN-ARG...], comma-separated; or `shapes` for issue \
      14's matrix of case shapes, `families` for issue 24's shape families at 20k, 100k and 500k, or \
      `families-20k` (-100k, -500k) for one size (ShapeMatrix.swift).
      """)
  var cases = "1k=1000,20k=20000,20k-travel=20000+travel,100k=100000,500k=500000"

  @Option(
    help: """
      A Python with OR-Tools (`pip install ortools`): each case's network is then also solved by \
      Tools/ortools/mincostflow.py, its optimum checked against Placewise's, and the ratio printed.
      """)
  var reference: String?

  @Option(help: "Seed for casegen.")
  var seed = 7

  @Option(help: "Folder for generated cases and outputs.")
  var work = "/tmp/placewise-bench"

  @Option(help: "Largest case (pupils) also solved with --solver plain-lp.")
  var plainMax = 1000

  @Option(help: "Seconds after which a run is stopped and reported as not finished.")
  var timeout: Double = 900

  @Option(
    help: """
      Time `compare` instead of the cases: NAME=PUPILS[+travel]/PLANS (issue 11's target is \
      20k-travel=20000+travel/10), a casegen case and PLANS plangen plans, allocated and compared in turn.
      """)
  var compare: String?

  @Flag(
    help: """
      Also allocate each case with PLACEWISE_AUCTION=off (the market started from each pupil's cheapest \
      pair) and show that solve's seconds beside the auction's: what the auction saved.
      """)
  var auctionSaving = false

  @Flag(
    help: """
      Also measure each case's I/O bounds (issue 24 item 3): `cat` of its inputs, and a write of its \
      outputs' bytes from memory (each file flushed), beside Placewise's read and write phases.
      """)
  var ioBounds = false

  @Option(help: "Pairs of runs (allocate, then compare) for --compare.")
  var compareRuns = 3

  @Option(
    help: ArgumentHelp(
      "Time `forecast` instead: NAME=PUPILS/PLANS/YEARS (issue 22's target is 20k=20000/3/5), a casegen county with its roll and a whole caseload's travel matrix, against one allocate of its year-1 batch.",
      valueName: "spec"))
  var forecast: String?

  func run() throws {
    #if DEBUG
      throw ValidationError("build in release: swift run -c release placewise-bench")
    #else
      let binaries = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        .deletingLastPathComponent()
      try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
      if let forecast {
        try ForecastBenchmark(
          spec: forecast, seed: seed, work: work, runs: max(1, compareRuns), timeout: timeout, binaries: binaries,
          bench: self
        ).run()
        return
      }
      if let compare {
        try CompareBenchmark(
          spec: compare, seed: seed, work: work, runs: max(1, compareRuns), timeout: timeout, binaries: binaries,
          bench: self
        ).run()
        return
      }
      try timeCases(binaries: binaries)
    #endif
  }

  /// The table for --cases: each case generated (unless already there),
  /// then allocated by each solver, a row each; then, with --reference,
  /// the worst and median ratio to OR-Tools.
  func timeCases(binaries: URL) throws {
    emit(
      "| case | pupils | solver | read | candidates | auction (in solve) | model build (in solve) | solve "
        + "| verify | values and explanations | write | total | peak memory | result | OR-Tools solve "
        + "| ratio (total / OR-Tools) |" + (auctionSaving ? " solve without the auction | auction saved |" : "")
        + (ioBounds ? " cat of inputs | read / cat | write of outputs' bytes | write / that |" : ""))
    emit(
      "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
        + (auctionSaving ? " --- | --- |" : "") + (ioBounds ? " --- | --- | --- | --- |" : ""))
    var ratios: [Double] = []
    for spec in ShapeMatrix.expand(cases).split(separator: ",") {
      let (name, pupils, folder) = try generatedCase(spec, binaries: binaries)
      var firstSolver = FirstSolver()
      let outside = try self.reference.map { python in
        try OutsideReference.solve(
          folder: folder, work: work, name: name, binaries: binaries, python: python, timeout: timeout)
      }
      for solver in ["contested-market", "plain-lp"] where solver != "plain-lp" || pupils <= plainMax {
        try timeRow(
          name: name, pupils: pupils, solver: solver, folder: folder, binaries: binaries, outside: outside,
          first: &firstSolver, ratios: &ratios)
      }
    }
    if !ratios.isEmpty {
      let sorted = ratios.sorted()
      let median =
        sorted.count % 2 == 1
        ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
      emit("")
      emit(
        String(
          format: "Placewise total / OR-Tools solve: worst %.2fx, median %.2fx over %d cases",
          sorted[sorted.count - 1], median, sorted.count))
    }
  }

  /// A case of --cases (NAME=PUPILS[+travel][/CASEGEN-ARG;...]): its name,
  /// pupils and folder under --work, written by casegen unless it is there.
  func generatedCase(_ spec: Substring, binaries: URL) throws -> (name: String, pupils: Int, folder: String) {
    let parts = spec.split(separator: "=", maxSplits: 1)
    guard parts.count == 2 else { throw ValidationError("bad case spec \(spec)") }
    let name = String(parts[0])
    let sizeAndArguments = parts[1].split(separator: "/", maxSplits: 1)
    let size = String(sizeAndArguments[0])
    let extra = sizeAndArguments.count > 1 ? sizeAndArguments[1].split(separator: ";").map(String.init) : []
    let travel = size.hasSuffix("+travel")
    guard let pupils = Int(size.replacingOccurrences(of: "+travel", with: "")) else {
      throw ValidationError("bad pupil count in \(spec)")
    }
    let folder = work + "/case-" + name
    if !FileManager.default.fileExists(atPath: folder + "/pupils.csv") {
      var arguments = ["--pupils", String(pupils), "--seed", String(seed), "--out", folder, "--force"] + extra
      if travel { arguments.append("--travel-matrix") }
      let generated = try execute(binaries.appendingPathComponent("casegen"), arguments, timeout: timeout)
      guard generated.status == 0 else { throw ValidationError("casegen failed: \(generated.stderr)") }
    }
    return (name, pupils, folder)
  }

  /// What a case's later rows are checked against: the first solver's
  /// summary.json and its solve and total times.
  struct FirstSolver {
    var summary: [String: Any]?
    var times: (solve: Double, total: Double)?
  }

  /// Allocates a case with one solver and emits its row: the phases' times,
  /// peak memory, the check of the result (against the first solver's, and
  /// OR-Tools' when there is one), and the ratio to OR-Tools' solve, which
  /// goes into `ratios` for the contested market.
  func timeRow(
    name: String, pupils: Int, solver: String, folder: String, binaries: URL, outside: OutsideReference?,
    first: inout FirstSolver, ratios: inout [Double]
  ) throws {
    let out = "\(work)/out-\(name)-\(solver)"
    let start = Date()
    let result = try execute(
      binaries.appendingPathComponent("placewise"),
      ["allocate", folder, "--out", out, "--quiet", "--timings", "--solver", solver], timeout: timeout)
    let total = Date().timeIntervalSince(start)
    var row = "| \(name) | \(pupils) | \(solver) |"
    guard result.status == 0 else {
      let ratio = outside?.solveSeconds.map { String(format: "> %.1fx", total / $0) } ?? ""
      emit(
        row
          + " | | | | | | | | \(format(total)) | | \(result.timedOut ? "not finished" : "failed (\(result.status))") "
          + "| \(outside?.cell ?? "") | \(ratio) |" + (auctionSaving && solver == "contested-market" ? " | |" : "")
          + (ioBounds && solver == "contested-market" ? " | | | |" : ""))
      if let seconds = outside?.solveSeconds, solver == "contested-market" { ratios.append(total / seconds) }
      return
    }
    let phases = parseTimings(result.stderr)
    for phase in ["read", "candidates", "auction", "model-build", "solve", "verify"] {
      row += " \(phases[phase].map { format($0.seconds) } ?? "") |"
    }
    let values = ["place-values", "explanations"].compactMap { phases[$0]?.seconds }
    row +=
      " \(values.isEmpty ? "" : format(values.reduce(0, +))) | \(phases["write"].map { format($0.seconds) } ?? "") |"
    let peak = phases.values.map(\.peak).max() ?? 0
    var check = try checkResult(out, pupils: pupils, reference: &first.summary)
    let solve = phases["solve"]?.seconds ?? .nan
    if let referenceTimes = first.times {
      // The speed-up of the default solver over this baseline, same run.
      check += String(
        format: "; contested-market %.0fx faster (solve), %.1fx (total)", solve / referenceTimes.solve,
        total / referenceTimes.total)
    } else {
      first.times = (solve, total)
    }
    var outsideCells = " | |"
    if let outside, solver == "contested-market" {
      check += try outside.compare(summaryOf: out)
      if let seconds = outside.solveSeconds {
        ratios.append(total / seconds)
        outsideCells = " \(outside.cell) | " + String(format: "%.2fx |", total / seconds)
      } else {
        outsideCells = " \(outside.cell) | |"
      }
    }
    if auctionSaving && solver == "contested-market" {
      outsideCells += try withoutAuction(
        folder: folder, name: name, pupils: pupils, binaries: binaries, solve: solve, first: first)
    }
    if ioBounds && solver == "contested-market" {
      let cat = try IOBounds.readSeconds(of: folder)
      let bytes = try IOBounds.writeSeconds(of: out)
      let read = phases["read"]?.seconds ?? .nan
      let write = phases["write"]?.seconds ?? .nan
      outsideCells +=
        " \(format(cat)) | " + String(format: "%.1fx", read / cat) + " | \(format(bytes)) | "
        + String(format: "%.1fx", write / bytes) + " |"
    }
    emit(row + " \(format(total)) | \(peak / 1_048_576) MiB | \(check) |" + outsideCells)
  }

  /// Writes one line at once, so a table piped to a file survives an interrupted run.
  func emit(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
  }

  /// `--auction-saving`'s two cells: the solve's seconds with
  /// `PLACEWISE_AUCTION=off` (its result checked against the auction's) and
  /// what the auction saved.
  private func withoutAuction(
    folder: String, name: String, pupils: Int, binaries: URL, solve: Double, first: FirstSolver
  ) throws -> String {
    let out = "\(work)/out-\(name)-no-auction"
    let result = try execute(
      binaries.appendingPathComponent("placewise"), ["allocate", folder, "--out", out, "--quiet", "--timings"],
      timeout: timeout, environment: ["PLACEWISE_AUCTION": "off"])
    guard result.status == 0, let without = parseTimings(result.stderr)["solve"]?.seconds else {
      return " \(result.timedOut ? "not finished" : "failed (\(result.status))") | |"
    }
    var reference = first.summary
    let check = try checkResult(out, pupils: pupils, reference: &reference)
    guard check.hasSuffix("same as contested-market") else { return " \(format(without)), \(check) | |" }
    return " \(format(without)) | \(format(without - solve)) |"
  }

  func format(_ seconds: Double) -> String { String(format: "%.2f s", seconds) }

  /// Checks an output folder and compares its figures with the first solver's.
  private func checkResult(_ out: String, pupils: Int, reference: inout [String: Any]?) throws -> String {
    let data = try Data(contentsOf: URL(fileURLWithPath: out + "/summary.json"))
    guard let summary = try JSONSerialization.jsonObject(with: data) as? [String: Any],
      let placed = summary["placed"] as? Int, let unplaced = summary["unplaced"] as? Int,
      let cost = summary["placement_cost"] as? Double, let unmet = summary["unmet_priority"] as? Int
    else { return "bad summary.json" }
    let rows = try String(contentsOfFile: out + "/placements.csv", encoding: .utf8).split(separator: "\n").count - 1
    guard placed + unplaced == pupils, rows == pupils, summary["solver_status"] as? String == "optimal" else {
      return "CHECK FAILED: \(placed) + \(unplaced) placed/unplaced, \(rows) rows, \(pupils) pupils"
    }
    let refused = summary["requests_refused"] as? Int ?? 0
    var text = "ok: unmet \(unmet), refused \(refused), cost \(String(format: "%.3f", cost))"
    if let reference {
      let same =
        reference["unmet_priority"] as? Int == unmet && reference["requests_refused"] as? Int ?? 0 == refused
        && abs((reference["placement_cost"] as? Double ?? .nan) - cost) <= 1e-6 * max(1, abs(cost))
      text += same ? ", same as contested-market" : " DIFFERS FROM contested-market"
    } else {
      reference = summary
    }
    return text
  }

  private func parseTimings(_ stderr: String) -> [String: (seconds: Double, peak: Int)] {
    var phases: [String: (Double, Int)] = [:]
    for line in stderr.split(separator: "\n") where line.hasPrefix("timing: ") {
      // timing: PHASE SECONDS s, peak memory BYTES bytes
      let words = line.split(separator: " ")
      guard words.count >= 7, let seconds = Double(words[2]), let bytes = Int(words[6]) else { continue }
      phases[String(words[1])] = (seconds, bytes)
    }
    return phases
  }

  struct Outcome {
    var status: Int32
    var stderr: String
    var timedOut: Bool
  }

  func execute(_ binary: URL, _ arguments: [String], timeout: Double, environment: [String: String] = [:]) throws
    -> Outcome
  {
    let process = Process()
    process.executableURL = binary
    process.arguments = arguments
    if !environment.isEmpty {
      process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    }
    let errorFile = FileManager.default.temporaryDirectory.appendingPathComponent("bench-\(UUID().uuidString).err")
    _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
    let handle = try FileHandle(forWritingTo: errorFile)
    process.standardError = handle
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    let deadline = Date().addingTimeInterval(timeout)
    while process.isRunning && Date() < deadline { usleep(20_000) }
    let timedOut = process.isRunning
    if timedOut {
      process.terminate()
    }
    process.waitUntilExit()
    try handle.close()
    let stderr = (try? String(contentsOf: errorFile, encoding: .utf8)) ?? ""
    try? FileManager.default.removeItem(at: errorFile)
    return Outcome(status: process.terminationStatus, stderr: stderr, timedOut: timedOut)
  }
}
