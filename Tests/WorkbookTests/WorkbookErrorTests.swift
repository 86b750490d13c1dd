import Foundation
import Testing

@testable import Workbook

/// A one-sheet workbook with one text column.
private func book(sheet name: String = "Sheet", rows: [[Cell]] = [[.text("a")]]) -> Workbook {
  Workbook(sheets: [Sheet(name: name, columns: [Column("c")], rows: rows)])
}

/// A broken workbook and words its error must hold.
struct BrokenWorkbook: CustomTestStringConvertible, Sendable {
  let name: String
  let workbook: Workbook
  let words: [String]
  var testDescription: String { name }
}

private let broken: [BrokenWorkbook] = [
  BrokenWorkbook(name: "no sheet", workbook: Workbook(sheets: []), words: ["at least one sheet"]),
  BrokenWorkbook(
    name: "a 32-character sheet name", workbook: book(sheet: String(repeating: "n", count: 32)),
    words: ["32 characters", "31"]),
  BrokenWorkbook(name: "a sheet name with a slash", workbook: book(sheet: "Need/phase"), words: ["'/'", "forbids"]),
  BrokenWorkbook(name: "a sheet name with a colon", workbook: book(sheet: "a:b"), words: ["':'"]),
  BrokenWorkbook(name: "an empty sheet name", workbook: book(sheet: ""), words: ["empty"]),
  BrokenWorkbook(
    name: "a sheet name with an apostrophe first", workbook: book(sheet: "'quoted"), words: ["apostrophe"]),
  BrokenWorkbook(
    name: "two sheets whose names differ only in case",
    workbook: Workbook(sheets: [book(sheet: "Need").sheets[0], book(sheet: "NEED").sheets[0]]),
    words: ["'NEED'", "another sheet"]),
  BrokenWorkbook(
    name: "a 32,768-character cell", workbook: book(rows: [[.text(String(repeating: "x", count: 32_768))]]),
    words: ["row 2", "column 'c'", "32768 characters", "32767"]),
  BrokenWorkbook(
    name: "a cell of 16,384 emoji (32,768 UTF-16 units)",
    workbook: book(rows: [[.text(String(repeating: "😀", count: 16_384))]]), words: ["32768 characters"]),
  BrokenWorkbook(
    name: "1,048,576 rows under the header", workbook: book(rows: Array(repeating: [], count: 1_048_576)),
    words: ["1048576 rows", "1048576"]),
  BrokenWorkbook(name: "a NaN", workbook: book(rows: [[.decimal(.nan)]]), words: ["not finite"]),
  BrokenWorkbook(name: "an infinite pound", workbook: book(rows: [[], [.pounds(.infinity)]]), words: ["row 3"]),
  BrokenWorkbook(name: "a NUL in text", workbook: book(rows: [[.text("a\u{0}b")]]), words: ["NUL"]),
  BrokenWorkbook(
    name: "a row longer than the header", workbook: book(rows: [[.text("a"), .text("b")]]), words: ["2 cells"]),
  BrokenWorkbook(
    name: "no column", workbook: Workbook(sheets: [Sheet(name: "S", columns: [], rows: [])]), words: ["column"]),
  BrokenWorkbook(
    name: "a creation time of 0 (libxlsxwriter's 'now')", workbook: Workbook(sheets: book().sheets, createdSeconds: 0),
    words: ["creation time 0"]),
]

@Suite("A workbook breaking a limit is a thrown error, never a crash or a file")
struct WorkbookErrorTests {
  @Test("each broken limit throws an error naming it, before any C call", arguments: broken)
  func brokenLimit(_ broken: BrokenWorkbook) throws {
    let error = try #require(throws: WorkbookError.self) { try broken.workbook.bytes() }
    #expect(error.kind == .invalidWorkbook)
    #expect(error.code == nil)
    for word in broken.words {
      #expect(error.description.contains(word), "\(error.description) lacks \(word)")
    }
  }

  @Test("the limits themselves are allowed: 31-character names, 32,767-character cells")
  func atTheLimits() throws {
    let name = String(repeating: "n", count: 31)
    let text = String(repeating: "x", count: 32_767)
    let bytes = try book(sheet: name, rows: [[.text(text)]]).bytes()
    #expect(!bytes.isEmpty)
  }

  @Test("libxlsxwriter's error code and message reach the thrown error (a file it cannot create)")
  func libxlsxwriterError() throws {
    let missing = FileManager.default.temporaryDirectory.path + "/no-such-folder-\(UUID().uuidString)"
    let handle = try WorkbookHandle(
      path: missing + "/book.xlsx", temporaryFolder: FileManager.default.temporaryDirectory.path)
    _ = try handle.addSheet(named: "S")
    let error: WorkbookError
    do {
      try handle.close()
      Issue.record("closing into a missing folder did not throw")
      return
    } catch let thrown {
      error = thrown
    }
    #expect(error.kind == .libxlsxwriter)
    #expect(error.code == .creatingFile)
    #expect(error.message.contains("Error creating output xlsx file"))
    #expect(error.description.contains("LXW_ERROR_CREATING_XLSX_FILE"))
    #expect(error.operation.contains("writing the .xlsx file"))
  }

  @Test("a sheet name libxlsxwriter refuses gives its own code when Swift's check is bypassed")
  func libxlsxwriterSheetName() throws {
    let handle = try WorkbookHandle(
      path: FileManager.default.temporaryDirectory.path + "/unused-\(UUID().uuidString).xlsx",
      temporaryFolder: FileManager.default.temporaryDirectory.path)
    let error = try #require(throws: WorkbookError.self) { try handle.addSheet(named: "a[b]") }
    #expect(error.code == .invalidSheetNameCharacter)
    #expect(error.kind == .libxlsxwriter)
    // The handle is abandoned unwritten: its deinit frees the workbook and no file appears.
  }

  @Test("write(to:) into a missing folder is a file-system error and leaves nothing")
  func missingFolder() throws {
    let path = FileManager.default.temporaryDirectory.path + "/no-such-folder-\(UUID().uuidString)/book.xlsx"
    let error = try #require(throws: WorkbookError.self) { try book().write(to: path) }
    #expect(error.kind == .fileSystem)
    #expect(!FileManager.default.fileExists(atPath: path))
  }

  @Test("a literal _xHHHH_ is escaped so readers keep it; other text is untouched")
  func escapes() {
    #expect(escapingEscapes("a_x0041_b") == "a_x005F_x0041_b")
    #expect(escapingEscapes("_x12_ _xZZZZ_ _x") == "_x12_ _xZZZZ_ _x")
    #expect(escapingEscapes("plain") == "plain")
  }
}
