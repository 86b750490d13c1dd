import Foundation
import PlacewiseTestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

private func stagingFolders(_ folder: String) -> [String] {
  ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasPrefix(".out.placewise-") }
}

/// Starts `placewise` with posix_spawn (output discarded) from this test's
/// thread, whose signal mask it inherits: a test runner's worker blocks
/// signals, and the run must take SIGINT and SIGTERM all the same.
/// `environment` adds to this process's environment.
private func spawnPlacewise(_ arguments: [String], environment: [String: String]) throws -> pid_t {
  let argv = ([placewiseBinary().path] + arguments).map { strdup($0) } + [nil]
  defer { for pointer in argv { free(pointer) } }
  let variables = ProcessInfo.processInfo.environment.merging(environment) { $1 }
  let envp = variables.map { strdup("\($0)=\($1)") } + [nil]
  defer { for pointer in envp { free(pointer) } }
  var actions = posix_spawn_file_actions_t()
  posix_spawn_file_actions_init(&actions)
  defer { posix_spawn_file_actions_destroy(&actions) }
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
  var pid: pid_t = 0
  let path = try #require(argv[0])
  let result = posix_spawn(&pid, path, &actions, nil, argv, envp)
  try #require(result == 0)
  return pid
}

@Suite("Signals: a stopped run leaves no pupil data beside the output (issue 9 item 6)")
struct SignalCleanupTests {
  @Test(
    "SIGINT or SIGTERM while the outputs are staged removes the staging folder and ends with the signal",
    arguments: [SIGINT, SIGTERM], ["staging", "staged"])
  func signalsRemoveTheStagingFolder(_ signal: Int32, at point: String) throws {
    let scratch = try ScratchFolder()
    let input = try largeCase(in: scratch)
    let out = scratch.at("out")
    try #require(try runPlacewise(["allocate", input, "--out", out, "--quiet"]).status == 0)
    let earlier = try Data(contentsOf: URL(fileURLWithPath: out + "/placements.csv"))

    // The run holds at the point (a debug build's pause hook), its staging
    // folder made, until the signal comes: no race with a timer.
    let marker = scratch.at("paused")
    let pid = try spawnPlacewise(
      ["allocate", input, "--out", out, "--quiet"], environment: pauseEnvironment(at: point, marker: marker))
    var status: Int32 = 0
    let paused = waitForPause(marker: marker) { waitpid(pid, &status, WNOHANG) == 0 }
    if !paused { kill(pid, SIGKILL) }
    try #require(paused, "the run never reached \(point)")
    #expect(stagingFolders(scratch.path).count == 1, "no staging folder while paused at \(point)")
    kill(pid, signal)
    waitpid(pid, &status, 0)
    // WIFSIGNALED and WTERMSIG, spelled out (C macros).
    #expect((status & 0x7F) != 0 && (status & 0x7F) != 0x7F, "the run did not end by a signal")
    #expect(status & 0x7F == signal)
    #expect(stagingFolders(scratch.path).isEmpty, "a staging folder was left after signal \(signal)")
    let now = try Data(contentsOf: URL(fileURLWithPath: out + "/placements.csv"))
    #expect(now == earlier, "the output is not whole")
  }
}
