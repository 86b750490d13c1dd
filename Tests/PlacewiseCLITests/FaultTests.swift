import Foundation
import PlacewiseTestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Whether a folder holds a complete, readable Placewise output of `pupils` pupils.
private func isCompleteOutput(_ folder: String, pupils: Int) -> Bool {
  guard let placements = try? String(contentsOfFile: folder + "/placements.csv", encoding: .utf8),
    let summary = try? Data(contentsOf: URL(fileURLWithPath: folder + "/summary.json")),
    let object = try? JSONSerialization.jsonObject(with: summary) as? [String: Any],
    (try? String(contentsOfFile: folder + "/settings.csv", encoding: .utf8)) != nil
  else { return false }
  return placements.split(separator: "\n").count == pupils + 1 && object["pupils"] as? Int == pupils
}

@Suite("Faults: kills and limits leave earlier outputs whole")
struct FaultTests {
  @Test(
    "kill -9 at each point of writing leaves the earlier output folder complete, or the new one",
    arguments: ["writing", "staging", "staged", "committed"])
  func killedRunsLoseNothing(at point: String) throws {
    let scratch = try ScratchFolder()
    let large = try largeCase(in: scratch)
    let out = scratch.at("out")
    let first = try runPlacewise(["allocate", large, "--out", out, "--quiet"])
    try #require(first.status == 0, "\(first.stderr)")
    #expect(isCompleteOutput(out, pupils: largeCasePupils))

    // The run holds at the point (a debug build's pause hook) until killed
    // there: no timing, so a loaded machine only makes it slower.
    let marker = scratch.at("paused")
    let process = try startPlacewise(
      ["allocate", large, "--out", out, "--quiet"], environment: pauseEnvironment(at: point, marker: marker))
    let paused = waitForPause(marker: marker) { process.isRunning }
    if !paused { process.terminate() }
    try #require(paused, "the run never reached \(point)")
    kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
    #expect(process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGKILL)
    #expect(isCompleteOutput(out, pupils: largeCasePupils), "after a kill at \(point) the output is not whole")
    // A kill can leave only hidden staging folders beside the output, never a half-written output.
    let beside = try FileManager.default.contentsOfDirectory(atPath: scratch.path)
    #expect(beside.allSatisfy { ["out", "large", "paused"].contains($0) || $0.hasPrefix(".out.placewise-") })
    // The next run clears what the killed one left.
    #expect(try runPlacewise(["allocate", large, "--out", out, "--quiet"]).status == 0)
    #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path).sorted() == ["large", "out", "paused"])
  }

  @Test("a run held at a pause point goes on when the marker is removed, and writes its outputs")
  func pausedRunResumes() throws {
    let scratch = try ScratchFolder()
    let out = scratch.at("out")
    let marker = scratch.at("paused")
    let process = try startPlacewise(
      ["allocate", packageRoot + "/Data/tiny/capacity-contest", "--out", out, "--quiet"],
      environment: pauseEnvironment(at: "staged", marker: marker))
    let paused = waitForPause(marker: marker) { process.isRunning }
    if !paused { process.terminate() }
    try #require(paused)
    #expect(!FileManager.default.fileExists(atPath: out), "the output folder was replaced before the pause")
    let pid = try String(contentsOfFile: marker, encoding: .utf8)
    #expect(pid == "\(process.processIdentifier)\n")
    try FileManager.default.removeItem(atPath: marker)
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
    #expect(FileManager.default.fileExists(atPath: out + "/placements.csv"))
  }

  @Test("--time-limit stops the solver honestly: status 3, nothing written, the earlier output kept")
  func timeLimit() throws {
    let scratch = try ScratchFolder()
    let out = scratch.at("out")
    try #require(
      try runPlacewise(["allocate", packageRoot + "/Data/tiny/capacity-contest", "--out", out, "--quiet"]).status == 0)
    let before = try Data(contentsOf: URL(fileURLWithPath: out + "/summary.json"))
    let result = try runPlacewise([
      "allocate", packageRoot + "/Data/sample-county", "--out", out, "--time-limit", "0.001",
    ])
    #expect(result.status == 3)
    #expect(result.stderr.contains("time limit"))
    #expect(try Data(contentsOf: URL(fileURLWithPath: out + "/summary.json")) == before)
  }
}
