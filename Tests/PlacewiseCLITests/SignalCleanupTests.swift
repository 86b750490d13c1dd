import Foundation
import PlacewiseTestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// 30,000 pupils at 10 roomy schools: solved at once, so that writing
/// (and its staging folder) is a visible part of the run.
private func largeCase(_ scratch: ScratchFolder) throws -> String {
  var settings = "urn,name,kind,easting,northing,low_age,high_age,capacity\n"
  for s in 0..<10 { settings += "\(300_000 + s),School \(s),mainstream,\(400_000 + 1000 * s),200000,4,19,100000\n" }
  var pupils = "pupil_id,easting,northing,age,primary_need,provision,preferences\n"
  for p in 0..<30_000 {
    pupils +=
      "K\(p),\(400_000 + (p * 37) % 9000),\(200_000 + (p * 53) % 7000),\(4 + p % 15),ASD,mainstream,\(300_000 + p % 10)\n"
  }
  return try scratch.writeCase("large", files: ["settings.csv": settings, "pupils.csv": pupils])
}

private func stagingFolders(_ folder: String) -> [String] {
  ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasPrefix(".out.placewise-") }
}

/// Starts `placewise` with posix_spawn (output discarded) from this test's
/// thread, whose signal mask it inherits: a test runner's worker blocks
/// signals, and the run must take SIGINT and SIGTERM all the same.
private func spawnPlacewise(_ arguments: [String]) throws -> pid_t {
  let argv = ([placewiseBinary().path] + arguments).map { strdup($0) } + [nil]
  defer { for pointer in argv { free(pointer) } }
  var actions = posix_spawn_file_actions_t()
  posix_spawn_file_actions_init(&actions)
  defer { posix_spawn_file_actions_destroy(&actions) }
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
  var pid: pid_t = 0
  let path = try #require(argv[0])
  let result = posix_spawn(&pid, path, &actions, nil, argv, environ)
  try #require(result == 0)
  return pid
}

/// Whether `pid` is still running (not yet exited).
private func isRunning(_ pid: pid_t, status: inout Int32) -> Bool {
  waitpid(pid, &status, WNOHANG) == 0
}

@Suite("Signals: a stopped run leaves no pupil data beside the output (issue 9 item 6)")
struct SignalCleanupTests {
  @Test(
    "SIGINT or SIGTERM while the outputs are staged removes the staging folder and ends with the signal",
    arguments: [SIGINT, SIGTERM])
  func signalsRemoveTheStagingFolder(_ signal: Int32) throws {
    let scratch = try ScratchFolder()
    let input = try largeCase(scratch)
    let out = scratch.at("out")
    try #require(try runPlacewise(["allocate", input, "--out", out, "--quiet"]).status == 0)
    let earlier = try Data(contentsOf: URL(fileURLWithPath: out + "/placements.csv"))
    var caught = 0
    for _ in 0..<8 {
      let pid = try spawnPlacewise(["allocate", input, "--out", out, "--quiet"])
      // Signal the moment the staging folder appears.
      var status: Int32 = 0
      var seen = false
      var running = true
      while running && !seen {
        seen = !stagingFolders(scratch.path).isEmpty
        if seen { kill(pid, signal) } else { usleep(200) }
        running = isRunning(pid, status: &status)
      }
      if running { waitpid(pid, &status, 0) }
      // WIFSIGNALED and WTERMSIG, spelled out (C macros).
      let signalled = (status & 0x7F) != 0 && (status & 0x7F) != 0x7F
      if seen && signalled {
        caught += 1
        #expect(status & 0x7F == signal)
      }
      #expect(stagingFolders(scratch.path).isEmpty, "a staging folder was left after signal \(signal)")
      let now = try Data(contentsOf: URL(fileURLWithPath: out + "/placements.csv"))
      #expect(now == earlier, "the output is not whole")
    }
    #expect(caught >= 3, "only \(caught) of 8 runs were stopped while staging")
  }
}
