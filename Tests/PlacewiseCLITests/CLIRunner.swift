import Foundation

/// The result of one run of the `placewise` executable.
struct CLIResult {
  var status: Int32
  var stdout: String
  var stderr: String
}

/// Runs the built `placewise` executable, which SwiftPM puts beside the test bundle.
func runPlacewise(_ arguments: [String]) throws -> CLIResult {
  let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
  var binary = bundle.appendingPathComponent("placewise")
  if !FileManager.default.fileExists(atPath: binary.path) {
    // Inside the .xctest bundle layout the products sit one folder up.
    binary = bundle.deletingLastPathComponent().appendingPathComponent("placewise")
  }
  let process = Process()
  process.executableURL = binary
  process.arguments = arguments
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
