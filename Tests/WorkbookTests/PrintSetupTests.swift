import Foundation
import Testing
import Workbook
import XLSXTestSupport

#if canImport(FoundationXML)
  import FoundationXML
#endif

// Issue 25 item 5, the workbook as Excel users expect: printed, each sheet
// is landscape on A4, one page wide, its header row on every page, its
// table and nothing else; ids written as text carry no "number stored as
// text" warning.

private func written(_ sheets: [Sheet]) throws -> XLSXFile {
  try XLSXFile(bytes: try Workbook(sheets: sheets).bytes())
}

@Suite("Print setup and ids as text (issue 25)")
struct PrintSetupTests {
  @Test("every sheet prints landscape on A4, fitted to the page width, the header row repeated, its table only")
  func printLayout() throws {
    let book = try written([
      Sheet(
        name: "Wide", columns: (0..<30).map { Column("column \($0)") },
        rows: (0..<3).map { r in (0..<30).map { .integer(r * 30 + $0) } }),
      Sheet(name: "Empty", columns: [Column("only a header")], rows: [], freezesHeader: false, hasAutofilter: false),
    ])
    for (index, lastCell) in [(1, "$A$1:$AD$4"), (2, "$A$1")] {
      let sheet = try #require(book.parts["xl/worksheets/sheet\(index).xml"])
      #expect(sheet.contains("<pageSetUpPr fitToPage=\"1\"/>"), "sheet \(index)")
      let setup = try #require(sheet.components(separatedBy: "<pageSetup ").dropFirst().first?.prefix { $0 != "/" })
      for attribute in ["paperSize=\"9\"", "orientation=\"landscape\"", "fitToHeight=\"0\""] {
        #expect(setup.contains(attribute), "sheet \(index): \(setup)")
      }
      #expect(!setup.contains("fitToWidth") || setup.contains("fitToWidth=\"1\""), "sheet \(index): \(setup)")
      let workbook = try #require(book.parts["xl/workbook.xml"])
      let name = index == 1 ? "Wide" : "Empty"
      #expect(workbook.contains("localSheetId=\"\(index - 1)\">\(name)!$1:$1</definedName>"), "\(workbook)")
      let area = "name=\"_xlnm.Print_Area\" localSheetId=\"\(index - 1)\">\(name)!\(lastCell)</definedName>"
      #expect(workbook.contains(area), "\(workbook)")
    }
  }

  @Test("ids written as text are marked as text on purpose; names and numbers are left alone")
  func numbersStoredAsText() throws {
    let book = try written([
      Sheet(
        name: "Placements", columns: [Column("pupil_id"), Column("name"), Column("minutes"), Column("urn")],
        rows: [
          [.text("0012"), .text("Oak School"), .minutes(12), .text("100001")],
          [.text("P7"), .text("Elm"), .minutes(3), .blank],
          [.text("0013"), .text("Ash"), .minutes(4), .text("100002")],
        ])
    ])
    let sheet = try #require(book.parts["xl/worksheets/sheet1.xml"])
    let ignored = try #require(sheet.components(separatedBy: "<ignoredError ").dropFirst().first?.prefix { $0 != "/" })
    #expect(ignored.contains("sqref=\"A2:A4 D2:D4\""), "\(ignored)")
    #expect(ignored.contains("numberStoredAsText=\"1\""), "\(ignored)")
    // The cells stay text.
    #expect(try book.sheet("Placements").cell(1, 0) == .text("0012"))
  }

  @Test("U+FFFE and U+FFFF, which XML does not allow, are written as U+FFFD: the sheet stays well-formed")
  func xmlNoncharacters() throws {
    // A setting name holding U+FFFF passed validate and broke four sheets
    // (hostile trial, round six).
    let book = try written([
      Sheet(
        name: "Names", columns: [Column("name")],
        rows: [[.text("Alpha\u{FFFF} School")], [.text("\u{FFFE}")], [.text("Ŋ¿ plain")]])
    ])
    let sheet = try #require(book.parts["xl/worksheets/sheet1.xml"])
    #expect(!sheet.unicodeScalars.contains("\u{FFFF}") && !sheet.unicodeScalars.contains("\u{FFFE}"))
    #expect(sheet.contains("Alpha\u{FFFD} School") && sheet.contains("Ŋ¿ plain"))
    let parser = XMLParser(data: Data(sheet.utf8))
    #expect(parser.parse(), "\(String(describing: parser.parserError))")
  }

  @Test("a sheet with no number written as text gets no ignoredErrors element")
  func noIgnoredErrors() throws {
    let book = try written([Sheet(name: "Names", columns: [Column("name")], rows: [[.text("Oak")], [.text("Elm")]])])
    #expect(!(try #require(book.parts["xl/worksheets/sheet1.xml"])).contains("ignoredError"))
  }
}
