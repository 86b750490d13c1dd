import Foundation
import PlacewiseTestSupport

#if canImport(Glibc)
  import Glibc
#endif

/// The result of one run of the `placewise` executable.
struct CLIResult {
  var status: Int32
  var stdout: String
  var stderr: String
}

/// The built `placewise` executable, which SwiftPM puts beside the test bundle.
func placewiseBinary() -> URL {
  let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
  let binary = bundle.appendingPathComponent("placewise")
  if FileManager.default.fileExists(atPath: binary.path) { return binary }
  // Inside the .xctest bundle layout the products sit one folder up.
  return bundle.deletingLastPathComponent().appendingPathComponent("placewise")
}

/// Starts `placewise` with its output discarded, for tests that stop it;
/// `environment` adds to (or overrides) this process's environment.
func startPlacewise(_ arguments: [String], environment: [String: String] = [:]) throws -> Process {
  let process = Process()
  process.executableURL = placewiseBinary()
  process.arguments = arguments
  if !environment.isEmpty {
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
  }
  process.standardOutput = FileHandle.nullDevice
  process.standardError = FileHandle.nullDevice
  try process.run()
  return process
}

/// Runs `placewise` to the end and captures its output; `launcher`, when
/// given, is a command (e.g. `/bin/sh -c SCRIPT`) that receives the binary's
/// path and the arguments after its own.
func runPlacewise(_ arguments: [String], through launcher: [String] = [], in directory: String? = nil) throws
  -> CLIResult
{
  let process = Process()
  if let program = launcher.first {
    process.executableURL = URL(fileURLWithPath: program)
    process.arguments = Array(launcher.dropFirst()) + [placewiseBinary().path] + arguments
  } else {
    process.executableURL = placewiseBinary()
    process.arguments = arguments
  }
  if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
  let out = Pipe()
  let err = Pipe()
  process.standardOutput = out
  process.standardError = err
  try process.run()
  // Read both pipes before waiting, so a full pipe cannot stall the child.
  let (outData, errData) = PipeReading.both(out, err)
  process.waitUntilExit()
  return CLIResult(
    status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
    stderr: String(decoding: errData, as: UTF8.self))
}

/// The environment that holds a run at `point` of writing its outputs
/// (`PausePoint` in SystemPlumbing, honoured by debug builds only), with
/// `marker` as the file the run writes when it gets there.
func pauseEnvironment(at point: String, marker: String) -> [String: String] {
  ["PLACEWISE_TEST_PAUSE": point, "PLACEWISE_TEST_PAUSE_MARKER": marker]
}

/// Waits until a run held by `pauseEnvironment` has written `marker`:
/// true once it has, false if `isRunning` turns false first (the run ended
/// without reaching the point) or after `timeout`, a bound for a stuck run
/// only: a run on a loaded machine is slow, never early.
func waitForPause(marker: String, timeout: Duration = .seconds(600), isRunning: () -> Bool) -> Bool {
  let clock = ContinuousClock()
  let deadline = clock.now + timeout
  while clock.now < deadline {
    if FileManager.default.fileExists(atPath: marker) { return true }
    guard isRunning() else { return FileManager.default.fileExists(atPath: marker) }
    usleep(2000)
  }
  return false
}
