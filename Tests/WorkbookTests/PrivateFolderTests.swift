import Foundation
import Testing

@testable import Workbook

@Suite("The workbook's private temporary folder")
struct PrivateFolderTests {
  /// Hostile trial, round thirty-six: a run killed with SIGKILL while it
  /// wrote the workbook left `placewise-workbook-UUID/workbook.xlsx`, a
  /// part-written workbook of pupils, in $TMPDIR for good. Folders are named
  /// after their process now, and each run removes those whose process is
  /// gone.
  @Test("a folder whose process is gone is removed; this process's, a live one's and others are kept")
  func staleFoldersRemoved() throws {
    let base = FileManager.default.temporaryDirectory.path + "/placewise-private-folder-test-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: false)
    defer { try? FileManager.default.removeItem(atPath: base) }
    // No process has the largest pid_t (Linux's pid_max is at most 2^22).
    let gone = "placewise-workbook-\(Int32.max)-" + UUID().uuidString
    // Round thirty-seven: a folder of the name before round thirty-six
    // (no process in it) stayed for good; removed once an hour old.
    let legacy = "placewise-workbook-" + UUID().uuidString
    let kept = [
      "placewise-workbook-\(getpid())-" + UUID().uuidString, "placewise-workbook-1-" + UUID().uuidString,
      "placewise-workbook-0A1B2C3D-E5F6", "other-\(Int32.max)-A1B2", "placewise-workbook-\(Int32.max)-mine",
    ]
    for name in [gone, legacy] + kept {
      try FileManager.default.createDirectory(atPath: base + "/" + name, withIntermediateDirectories: false)
      try Data("pupils".utf8).write(to: URL(fileURLWithPath: base + "/" + name + "/workbook.xlsx"))
    }
    // A user's file of a dead run's name is not a folder of Placewise's.
    let file = "placewise-workbook-\(Int32.max)-notes.txt"
    try Data("mine".utf8).write(to: URL(fileURLWithPath: base + "/" + file))
    // Just made: a run in another PID namespace may be writing it.
    PrivateFolder.removeStale(in: base)
    var left = Set(try FileManager.default.contentsOfDirectory(atPath: base))
    #expect(left == Set(kept + [gone, legacy, file]), "\(left)")
    PrivateFolder.removeStale(in: base, now: Date().addingTimeInterval(400))
    left = Set(try FileManager.default.contentsOfDirectory(atPath: base))
    #expect(left == Set(kept + [legacy, file]), "\(left)")
    PrivateFolder.removeStale(in: base, now: Date().addingTimeInterval(3700))
    left = Set(try FileManager.default.contentsOfDirectory(atPath: base))
    #expect(left == Set(kept + [file]), "\(left)")
  }

  @Test("a folder is named after this process, sweeps stale ones first, and is removed when its owner goes")
  func namedAfterThisProcess() throws {
    let stale = FileManager.default.temporaryDirectory.path + "/placewise-workbook-\(Int32.max)-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: stale, withIntermediateDirectories: false)
    // Ten minutes old, as a killed run's folder is by the next run's.
    try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-600)], ofItemAtPath: stale)
    defer { try? FileManager.default.removeItem(atPath: stale) }
    var path = ""
    do {
      let folder = try PrivateFolder()
      path = folder.path
      let name = URL(fileURLWithPath: path).lastPathComponent
      #expect(name.hasPrefix("placewise-workbook-\(getpid())-"), "\(name)")
      #expect(FileManager.default.fileExists(atPath: path))
      #expect(!FileManager.default.fileExists(atPath: stale), "a killed run's folder is left")
    }
    #expect(!path.isEmpty && !FileManager.default.fileExists(atPath: path))
  }
}
