import Foundation
import Testing
import Workbook
import XLSXTestSupport

/// A workbook holding every kind of cell, blanks and text that looks like a formula or a number.
private func sampleWorkbook() -> Workbook {
  Workbook(sheets: [
    Sheet(
      name: "Mixed",
      columns: [Column("id"), Column("count"), Column("mean"), Column("minutes"), Column("cost", width: 14)],
      rows: [
        [.text("0012"), .integer(1_234), .decimal(2.612_940_275_717_402_6), .minutes(1.3), .pounds(24_000)],
        [.text("=1+2"), .integer(-7), .decimal(0.1), .minutes(0), .pounds(1_234_567.5)],
        [.text("+44 1234"), .blank, .decimal(-1e-9), .minutes(123_456.789_012_345_67)],
        [.text("@SUM(A1:A2)")],
        [.text(" leading and trailing spaces "), .integer(9_007_199_254_740_992)],
        [.text("line one\nline two"), .integer(0), .decimal(1e300)],
        [
          .text("tab\there, a control \u{1} a literal _x0041_ and _x005F_ and _x12_"), .integer(-9_007_199_254_740_991),
        ],
      ]),
    Sheet(name: "Empty", columns: [Column("only a header")], rows: [], freezesHeader: false, hasAutofilter: false),
  ])
}

/// What a written cell should read back as.
private func expected(_ cell: Cell) -> XLSXCell? {
  switch cell {
  case .blank: nil
  case .text(let text): .text(text)
  case .integer(let value): .number(Double(value), format: "#,##0")
  case .decimal(let value): .number(value, format: "#,##0.0##")
  case .minutes(let value): .number(value, format: "#,##0.0")
  case .pounds(let value): .number(value, format: "\"£\"#,##0")
  }
}

/// Numbers read back equal to within libxlsxwriter's 16 significant digits
/// (`%.16G`); everything else exactly.
private func same(_ read: XLSXCell?, _ wanted: XLSXCell?) -> Bool {
  switch (read, wanted) {
  case (.number(let a, let f), .number(let b, let g)):
    return f == g && (a == b || abs(a - b) <= 1e-15 * max(abs(a), abs(b)))
  default: return read == wanted
  }
}

@Suite("Writing a workbook and reading it back independently")
struct WorkbookRoundTripTests {
  @Test("every cell reads back as written: text as text, numbers as numbers with their formats")
  func everyCell() throws {
    let book = sampleWorkbook()
    let file = try XLSXFile(bytes: try book.bytes())
    #expect(file.sheets.map(\.name) == ["Mixed", "Empty"])
    for sheet in book.sheets {
      let read = try file.sheet(sheet.name)
      for (c, column) in sheet.columns.enumerated() {
        #expect(read.cell(0, c) == .text(column.title), "header of \(sheet.name) column \(c)")
      }
      for (r, row) in sheet.rows.enumerated() {
        for c in sheet.columns.indices {
          let cell = c < row.count ? row[c] : .blank
          #expect(same(read.cell(r + 1, c), expected(cell)), "\(sheet.name) row \(r + 1) column \(c)")
        }
      }
      #expect(read.rowCount == sheet.rows.count + 1)
    }
  }

  @Test("the header is frozen and filtered over the whole table; widths are set")
  func headerAndWidths() throws {
    let file = try XLSXFile(bytes: try sampleWorkbook().bytes())
    let mixed = try file.sheet("Mixed")
    #expect(mixed.frozenTopLeft == "A2")
    #expect(mixed.autofilter == "A1:E8")
    // Excel stores a width with its cell padding: 14 characters is 14.71 or so.
    let costWidth = try #require(mixed.widths[4])
    #expect(costWidth >= 14 && costWidth < 15)
    // Fitted: "tab\there, ..." is the widest id (over 50 characters), so wider than the 6-character minimum.
    let idWidth = try #require(mixed.widths[0])
    #expect(idWidth > 40 && idWidth < Column.maximumWidth + 1)
    let empty = try file.sheet("Empty")
    #expect(empty.frozenTopLeft == nil)
    #expect(empty.autofilter == nil)
    #expect(empty.rowCount == 1)
  }

  @Test("no part of the file holds a formula element")
  func noFormula() throws {
    let file = try XLSXFile(bytes: try sampleWorkbook().bytes())
    for (path, text) in file.parts {
      #expect(!text.contains("<f>") && !text.contains("<f "), "\(path) holds a formula")
    }
    let mixed = try file.sheet("Mixed")
    #expect(mixed.cell(2, 0) == .text("=1+2"))
    #expect(mixed.cell(1, 0) == .text("0012"))
  }

  @Test("two writes a few seconds apart give the same bytes; zip entries and properties carry no clock time")
  func deterministic() async throws {
    let first = try sampleWorkbook().bytes()
    // The zip format keeps times to 2 seconds: wait past that so a clock time would show.
    try await Task.sleep(for: .milliseconds(2_100))
    let second = try sampleWorkbook().bytes()
    #expect(first == second)
    let file = try XLSXFile(bytes: first)
    #expect(!file.entryPaths.isEmpty)
    for path in file.entryPaths {
      // 1980-01-01T00:00:00Z, the zip format's earliest time.
      #expect(file.entryModificationSeconds[path] == 315_532_800, "\(path)")
    }
    #expect(file.created == "2000-01-01T00:00:00Z")
    var other = sampleWorkbook()
    other.createdSeconds = 1_700_000_000
    #expect(try XLSXFile(bytes: try other.bytes()).created == "2023-11-14T22:13:20Z")
  }

  @Test("write(to:) writes the same bytes as bytes()")
  func writeToPath() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("workbook-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("book.xlsx").path
    try sampleWorkbook().write(to: path)
    #expect(Array(try Data(contentsOf: URL(fileURLWithPath: path))) == (try sampleWorkbook().bytes()))
  }
}
