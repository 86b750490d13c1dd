import Foundation

/// OR-Tools' C++ min-cost flow on the same network (Tools/ortools): the
/// outside reference each case's Placewise time is compared with, solve
/// alone, in the same run.
struct OutsideReference {
  /// The driver's JSON line (nil when it failed or ran out of time).
  var figures: [String: Any]?
  /// Why there are no figures.
  var failure = ""

  /// OR-Tools' solve alone, seconds.
  var solveSeconds: Double? { figures?["solve_seconds"] as? Double }

  /// The table cell: solve seconds, or why not.
  var cell: String { solveSeconds.map { String(format: "%.2f s", $0) } ?? failure }

  /// Dumps the case's network with placewise-netdump and solves it with the driver.
  static func solve(
    folder: String, work: String, name: String, binaries: URL, python: String, timeout: Double
  ) throws -> OutsideReference {
    let dump = "\(work)/net-\(name)"
    let dumped = try run(binaries.appendingPathComponent("placewise-netdump"), [folder, dump], timeout: timeout)
    guard dumped.status == 0 else { return OutsideReference(figures: nil, failure: "netdump failed") }
    // The driver sits in the source tree: .build/release/../../Tools/ortools.
    let driver = binaries.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("Tools/ortools/mincostflow.py").path
    let solved = try run(URL(fileURLWithPath: python), [driver, dump], timeout: timeout)
    try? FileManager.default.removeItem(atPath: dump)
    guard solved.status == 0, let line = solved.stdout.split(separator: "\n").last,
      let json = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
    else { return OutsideReference(figures: nil, failure: solved.timedOut ? "not finished" : "failed") }
    return OutsideReference(figures: json)
  }

  /// Checks Placewise's unmet priority, requests refused and cost against
  /// OR-Tools' optimum: the same U and R; C no dearer than OR-Tools' allocation at the real costs, and
  /// no cheaper than its optimum allows (it solved costs rounded to 1/1000).
  func compare(summaryOf out: String) throws -> String {
    guard let figures, let unmet = figures["unmet"] as? Int, let bound = figures["rounding_bound"] as? Double
    else { return "; OR-Tools: \(failure)" }
    let data = try Data(contentsOf: URL(fileURLWithPath: out + "/summary.json"))
    guard let summary = try JSONSerialization.jsonObject(with: data) as? [String: Any],
      let myUnmet = summary["unmet_priority"] as? Int, let myCost = summary["placement_cost"] as? Double
    else { return "; bad summary.json" }
    let refused = figures["refused"] as? Int ?? 0
    let myRefused = summary["requests_refused"] as? Int ?? 0
    guard let cost = figures["cost"] as? Double else {
      // Three levels too wide for 63 bits at any cost scale: U and R alone.
      return myUnmet == unmet && myRefused == refused
        ? "; OR-Tools: same U and R (C not checked: too wide for 64-bit costs)"
        : "; OR-Tools DIFFERS: U \(unmet), R \(refused)"
    }
    let slack = 1e-9 * max(1, abs(cost))
    if myUnmet == unmet && myRefused == refused && myCost <= cost + slack && cost - myCost <= bound + slack {
      return abs(cost - myCost) <= slack
        ? "; OR-Tools: same U, R and C" : "; OR-Tools: same U and R, C within rounding"
    }
    return "; OR-Tools DIFFERS: U \(unmet), R \(refused), C \(String(format: "%.3f", cost))"
  }

  private static func run(_ binary: URL, _ arguments: [String], timeout: Double) throws -> (
    status: Int32, stdout: String, timedOut: Bool
  ) {
    let process = Process()
    process.executableURL = binary
    process.arguments = arguments
    let outFile = FileManager.default.temporaryDirectory.appendingPathComponent("bench-\(UUID().uuidString).out")
    _ = FileManager.default.createFile(atPath: outFile.path, contents: nil)
    let handle = try FileHandle(forWritingTo: outFile)
    process.standardOutput = handle
    process.standardError = FileHandle.nullDevice
    try process.run()
    let deadline = Date().addingTimeInterval(timeout)
    while process.isRunning && Date() < deadline { usleep(20_000) }
    let timedOut = process.isRunning
    if timedOut { process.terminate() }
    process.waitUntilExit()
    try handle.close()
    let stdout = (try? String(contentsOf: outFile, encoding: .utf8)) ?? ""
    try? FileManager.default.removeItem(at: outFile)
    return (process.terminationStatus, stdout, timedOut)
  }
}
