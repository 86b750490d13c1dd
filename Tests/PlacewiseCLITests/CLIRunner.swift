import Foundation

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

/// Starts `placewise` with its output discarded, for tests that stop it.
func startPlacewise(_ arguments: [String]) throws -> Process {
  let process = Process()
  process.executableURL = placewiseBinary()
  process.arguments = arguments
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
  let outData = out.fileHandleForReading.readDataToEndOfFile()
  let errData = err.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  return CLIResult(
    status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
    stderr: String(decoding: errData, as: UTF8.self))
}
