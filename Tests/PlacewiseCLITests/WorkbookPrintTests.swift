import Foundation
import PlacewiseTestSupport
import Testing

// Issue 25 item 5, tested with a real spreadsheet: LibreOffice, headless,
// prints the sample county's placewise.xlsx to PDF, and pdftotext (poppler)
// reads it back. Before the print setup it was 857 pages, the Summary
// sheet's labels on page 1 and its values on page 2, placement_cost printed
// as 98574.4923130372.

/// An executable on the PATH, if there is one.
private func onPath(_ name: String) -> String? {
  let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
  return path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
}

/// Runs a program to its end; its standard output, or nil when it fails.
private func output(of program: String, _ arguments: [String]) throws -> String? {
  let process = Process()
  process.executableURL = URL(fileURLWithPath: program)
  process.arguments = arguments
  let pipe = Pipe()
  process.standardOutput = pipe
  process.standardError = FileHandle.nullDevice
  try process.run()
  let data = PipeReading.all(pipe.fileHandleForReading)
  process.waitUntilExit()
  return process.terminationStatus == 0 ? String(decoding: data, as: UTF8.self) : nil
}

private let soffice = onPath("soffice")
private let pdftotext = onPath("pdftotext")
private let pdfinfo = onPath("pdfinfo")

@Suite(
  "The sample workbook printed by LibreOffice (issue 25 item 5)",
  .enabled(
    if: soffice != nil && pdftotext != nil && pdfinfo != nil,
    "no LibreOffice or poppler: apt-get install libreoffice-calc-nogui poppler-utils to print the workbook"))
struct WorkbookPrintTests {
  @Test("landscape pages, far fewer than 857; the Summary's labels beside their values; figures formatted")
  func printedWorkbook() throws {
    let scratch = try ScratchFolder()
    let out = scratch.at("out")
    let result = try runPlacewise(["allocate", packageRoot + "/Data/sample-county", "--out", out, "--quiet"])
    try #require(result.status == 0, "\(result.stderr)")
    let pdfFolder = scratch.at("pdf")
    let office = try #require(soffice)
    // A profile of its own, so that no running LibreOffice or earlier profile is touched.
    let converted = try output(
      of: office,
      [
        "--headless", "--norestore", "-env:UserInstallation=file://" + scratch.at("profile"), "--convert-to", "pdf",
        "--outdir", pdfFolder, out + "/placewise.xlsx",
      ])
    #expect(converted != nil, "soffice failed")
    let pdf = pdfFolder + "/placewise.pdf"
    let infoTool = try #require(pdfinfo)
    let info = try #require(try output(of: infoTool, [pdf]))
    let pages = info.split(separator: "\n").first { $0.hasPrefix("Pages:") }.flatMap {
      Int($0.dropFirst(6).trimmingCharacters(in: .whitespaces))
    }
    let count = try #require(pages, "\(info)")
    #expect(count > 10 && count < 200, "\(count) pages")
    // Landscape: wider than high (A4 is 841.89 x 595.276 points on its side).
    let size = info.split(separator: "\n").first { $0.hasPrefix("Page size:") } ?? ""
    let sides = size.split(separator: " ").compactMap { Double($0) }
    #expect(sides.count >= 2 && sides[0] > sides[1], "\(size)")

    let textTool = try #require(pdftotext)
    let text = try #require(try output(of: textTool, ["-layout", pdf, "-"]))
    let firstPage = text.components(separatedBy: "\u{0C}")[0]
    let lines = firstPage.split(separator: "\n").map(String.init)
    func line(_ label: String) -> String? { lines.first { $0.hasPrefix(label + " ") } }
    // Labels in words, each with its value on the same line of page 1.
    #expect(lines.first?.hasPrefix("Figure") == true && lines.first?.contains("Value") == true, "\(lines.prefix(2))")
    #expect(line("Pupils in the batch")?.hasSuffix(" 3,000") == true, "\(lines)")
    #expect(line("Run on") != nil && line("Case")?.hasSuffix("sample-county") == true)
    // Figures formatted: thousands separators, at most three decimals.
    let grouped = /[0-9]{1,3}(,[0-9]{3})+(\.[0-9]{1,3})?$/
    for label in ["Placement cost (journeys and missed preferences)", "Journeys in total (minutes)"] {
      let found = try #require(line(label), "no line \(label) on page 1")
      #expect(found.firstMatch(of: grouped) != nil, "\(found)")
    }
    #expect(firstPage.firstMatch(of: /[0-9]\.[0-9]{4,}/) == nil, "a figure printed unformatted")
    // Every sheet's header row repeated: the Placements header on more than one page.
    #expect(text.components(separatedBy: "Pupil ID").count - 1 > 2)
  }
}
