import Foundation
import Testing
import PlacewiseTestSupport

#if canImport(Glibc)
  import Glibc
#endif

/// A large case that solves at once (no setting is contested), so that most
/// of a run is reading and writing: 30,000 pupils, 10 roomy schools.
private func largeUncontestedCase(_ scratch: ScratchFolder) throws -> String {
  var settings = "urn,name,kind,easting,northing,low_age,high_age,capacity\n"
  for s in 0..<10 { settings += "\(300_000 + s),School \(s),mainstream,\(400_000 + 1000 * s),200000,4,19,100000\n" }
  var pupils = "pupil_id,easting,northing,age,primary_need,provision,preferences\n"
  for p in 0..<30_000 {
    pupils +=
      "K\(p),\(400_000 + (p * 37) % 9000),\(200_000 + (p * 53) % 7000),\(4 + p % 15),ASD,mainstream,\(300_000 + p % 10)\n"
  }
  return try scratch.writeCase("large", files: ["settings.csv": settings, "pupils.csv": pupils])
}

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
  @Test("kill -9 at any moment of a run leaves the earlier output folder complete, or the new one")
  func killedRunsLoseNothing() throws {
    let scratch = try ScratchFolder()
    let large = try largeUncontestedCase(scratch)
    let out = scratch.at("out")
    let first = try runPlacewise(["allocate", large, "--out", out, "--quiet"])
    try #require(first.status == 0, "\(first.stderr)")
    #expect(isCompleteOutput(out, pupils: 30_000))

    // Time the run (the fastest of three: other tests share the cores, and a
    // slow timing would put the kills after most runs end), then kill runs
    // at moments spread over that time.
    let clock = ContinuousClock()
    var runtime = Duration.seconds(3600)
    for _ in 1...3 {
      let start = clock.now
      #expect(try runPlacewise(["allocate", large, "--out", out, "--quiet"]).status == 0)
      runtime = min(runtime, start.duration(to: clock.now))
    }
    let microseconds =
      Int(runtime.components.seconds) * 1_000_000 + Int(runtime.components.attoseconds / 1_000_000_000_000)
    var killedWhileRunning = 0
    for step in 1...12 {
      let process = try startPlacewise(["allocate", large, "--out", out, "--quiet"])
      // Spread over the first three quarters of the fastest run: a timing
      // taken while other work shares the cores overstates the run.
      usleep(UInt32(microseconds * step / 16))
      if process.isRunning { killedWhileRunning += 1 }
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
      #expect(isCompleteOutput(out, pupils: 30_000), "after a kill at step \(step) the output is not whole")
    }
    #expect(killedWhileRunning >= 6, "too few runs were still running when killed: \(killedWhileRunning)")
    // A kill can leave only hidden staging folders beside the output, never a half-written output.
    let beside = try FileManager.default.contentsOfDirectory(atPath: scratch.path)
    #expect(beside.allSatisfy { $0 == "out" || $0 == "large" || $0.hasPrefix(".out.placewise-") })
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
