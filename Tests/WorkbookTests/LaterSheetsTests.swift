import Foundation
import Synchronization
import Testing
import Workbook

/// `bytes(then:)`: the sheets `later` returns are written after the
/// workbook's own, and the file is that of one workbook of them all.
@Suite("Writing a workbook's last sheets once they are known")
struct LaterSheetsTests {
  private static func sheet(_ name: String, rows: Int) -> Sheet {
    Sheet(
      name: name, columns: [Column("id"), Column("count")],
      rows: (0..<rows).map { [.text("P\($0)"), .integer($0 * 7)] })
  }

  @Test("the same bytes as one workbook of all the sheets, in order")
  func sameBytes() throws {
    let first = [Self.sheet("Summary", rows: 3), Self.sheet("Placements", rows: 200)]
    let later = [Self.sheet("Place values", rows: 20), Self.sheet("Explanations", rows: 50)]
    let whole = try Workbook(sheets: first + later).bytes()
    let asked = Mutex(0)
    let streamed = try Workbook(sheets: first).bytes(then: {
      asked.withLock { $0 += 1 }
      return later
    })
    let same = streamed == whole
    #expect(same)
    #expect(asked.withLock { $0 } == 1)
    // And with nothing later: the workbook of its own sheets.
    let alone = try Workbook(sheets: first).bytes(then: { [] }) == Workbook(sheets: first).bytes()
    #expect(alone)
  }

  @Test("a later sheet is checked against the whole book: a name taken already is refused")
  func laterNameChecked() {
    let first = [Self.sheet("Summary", rows: 1)]
    #expect(throws: WorkbookError.self) {
      _ = try Workbook(sheets: first).bytes(then: { [Self.sheet("SUMMARY", rows: 1)] })
    }
  }

  @Test("an invalid first sheet is refused before later is asked for")
  func firstCheckedFirst() {
    let asked = Mutex(false)
    #expect(throws: WorkbookError.self) {
      _ = try Workbook(sheets: [Self.sheet("bad[name]", rows: 1)]).bytes(then: {
        asked.withLock { $0 = true }
        return []
      })
    }
    #expect(!asked.withLock { $0 })
  }
}
