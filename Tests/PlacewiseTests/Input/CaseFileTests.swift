import Foundation
import Testing

@testable import Placewise

@Suite("A case file found on disk")
struct CaseFileTests {
  /// Hostile trial, round thirty: a 3 GB sparse file of NUL bytes given as
  /// pupils.csv was read whole (20 s, 3.2 GB of memory) before it was
  /// refused for its NUL bytes. Its first two bytes decide it: only they
  /// are read.
  @Test(
    "a file that is not UTF-8 text is judged from its first bytes, not read whole",
    arguments: [
      [UInt8](), [0xFF, 0xFE], [0xFE, 0xFF], [0x61, 0x00],
    ])
  func judgedFromItsHead(start: [UInt8]) throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("casefile-\(UUID().uuidString).csv").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    #expect(FileManager.default.createFile(atPath: path, contents: Data(start)))
    let handle = try #require(FileHandle(forWritingAtPath: path))
    // Sparse: 256 MB that take no disk, NUL bytes after `start`.
    try handle.truncate(atOffset: 256 << 20)
    try handle.close()
    guard case .contents(let data) = CaseFile(atPath: path) else {
      Issue.record("not read as contents")
      return
    }
    #expect(data.count == 2, "read \(data.count) bytes")
    var reading = CaseReading()
    #expect(reading.load(.contents(data), name: "pupils.csv", required: true) == nil)
    #expect(reading.problems.total == 1)
    #expect(reading.problems.error().problems.first?.expected == InputText.utf8Advice)
  }

  @Test("a text file is read whole")
  func textReadWhole() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("casefile-\(UUID().uuidString).csv").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    let text = Data("pupil_id,age\nP1,9\n".utf8)
    #expect(FileManager.default.createFile(atPath: path, contents: text))
    guard case .contents(let data) = CaseFile(atPath: path) else {
      Issue.record("not read as contents")
      return
    }
    #expect(data == text)
  }
}
