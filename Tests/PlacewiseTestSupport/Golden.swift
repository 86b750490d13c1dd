import Foundation
public import Testing

/// Whether this run re-records golden files (`PLACEWISE_RECORD_GOLDEN=1`)
/// instead of only comparing with them.
public var isRecordingGolden: Bool { ProcessInfo.processInfo.environment["PLACEWISE_RECORD_GOLDEN"] == "1" }

/// Expects `text` to equal the golden file at `path` (relative to the
/// package root), after writing it there first when re-recording. A missing
/// golden file is an issue of its own, saying how to record it.
public func assertGolden(
  _ text: String, at path: String, _ comment: Comment? = nil, sourceLocation: SourceLocation = #_sourceLocation
) throws {
  guard let golden = try goldenContents(Array(text.utf8), at: path, sourceLocation: sourceLocation) else { return }
  #expect(
    text == String(decoding: golden, as: UTF8.self), "\(path) differs from its golden file \(comment ?? "")",
    sourceLocation: sourceLocation)
}

/// Expects `bytes` to equal the golden file at `path` (relative to the
/// package root), as the text form does.
public func assertGolden(
  _ bytes: [UInt8], at path: String, _ comment: Comment? = nil, sourceLocation: SourceLocation = #_sourceLocation
) throws {
  guard let golden = try goldenContents(bytes, at: path, sourceLocation: sourceLocation) else { return }
  #expect(bytes == golden, "\(path) differs from its golden file \(comment ?? "")", sourceLocation: sourceLocation)
}

/// The golden file's bytes (written first when re-recording), or nil
/// after recording an issue when it is missing.
private func goldenContents(_ bytes: [UInt8], at path: String, sourceLocation: SourceLocation) throws -> [UInt8]? {
  let file = packageRoot + "/" + path
  if isRecordingGolden {
    try FileManager.default.createDirectory(
      atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    try Data(bytes).write(to: URL(fileURLWithPath: file))
  }
  guard let golden = FileManager.default.contents(atPath: file) else {
    Issue.record(
      "no golden file \(path); PLACEWISE_RECORD_GOLDEN=1 swift test records it", sourceLocation: sourceLocation)
    return nil
  }
  return [UInt8](golden)
}
