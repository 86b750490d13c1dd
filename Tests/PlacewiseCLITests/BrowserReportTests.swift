import Foundation
import PlacewiseTestSupport
import Testing

/// The figures of summary.json.
private func summaryFigures(_ folder: String) throws -> [String: Any] {
  let data = try Data(contentsOf: URL(fileURLWithPath: folder + "/summary.json"))
  return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
}

/// Minutes read back from the report's words: `993 h 14 min`, `21 min`, `2 h`.
private func minutes(fromWords text: String) -> Int? {
  var total = 0
  let parts = text.split(separator: " ")
  var i = 0
  while i + 1 < parts.count {
    guard let value = Int(parts[i].replacingOccurrences(of: ",", with: "")) else { return nil }
    switch parts[i + 1] {
    case "h": total += 60 * value
    case "min": total += value
    default: return nil
    }
    i += 2
  }
  return i == parts.count ? total : nil
}

/// Allocates the sample county into a scratch folder and opens its report.
private func openSampleReport(_ scratch: ScratchFolder, level: String) throws -> (ChromiumPage, String, String) {
  let out = scratch.at("out")
  let result = try runPlacewise([
    "allocate", packageRoot + "/Data/sample-county", "--out", out, "--quiet", "--report-level", level,
  ])
  #expect(result.status == 0, "\(result.stderr)")
  let url = URL(fileURLWithPath: out + "/report.html").absoluteString
  return (try ChromiumPage(url: url, width: 1200, height: 1600), url, out)
}

@Suite(
  "report.html in a real browser (headless Chromium)", .serialized,
  .enabled(
    if: ChromiumPage.executable != nil,
    "no Chromium installed: install Debian's chromium-headless-shell (.ci/run does) to run the browser tests"))
struct BrowserReportTests {
  @Test("the sample county's report: no console error, no request outside the file, summary.json's figures")
  func internalReport() throws {
    let scratch = try ScratchFolder()
    let (page, url, out) = try openSampleReport(scratch, level: "internal")
    #expect(page.messages.isEmpty, "console: \(page.messages)")
    #expect(page.requests == [url], "requests: \(page.requests)")

    let found = try #require(
      try page.evaluate(
        "Array.from(document.querySelectorAll('.figure [data-figure]')).map(e => [e.dataset.figure, e.dataset.value, e.textContent])"
      ) as? [[String]])
    let figures = Dictionary(found.map { ($0[0], ($0[1], $0[2])) }, uniquingKeysWith: { a, _ in a })
    let summary = try summaryFigures(out)
    let summaryText = try String(contentsOfFile: out + "/summary.json", encoding: .utf8)
    let keys = [
      "pupils", "placed", "unplaced", "unmet_priority", "first_preference_met", "mean_travel_minutes",
      "placed_over_journey_limit", "annual_place_cost",
    ]
    #expect(Set(figures.keys) == Set(keys))
    for key in keys {
      let expected = try #require((summary[key] as? NSNumber)?.doubleValue, "summary.json lacks \(key)")
      let (raw, shown) = try #require(figures[key], "the page lacks \(key)")
      // The attribute holds summary.json's figure exactly, digit for digit; the words round it.
      let line = try #require(summaryText.split(separator: "\n").first { $0.hasPrefix("  \"\(key)\": ") })
      let written = line.dropFirst(key.count + 6).trimmingCharacters(in: CharacterSet(charactersIn: ","))
      #expect(raw == written, "\(key): page \(raw), summary.json \(written)")
      switch key {
      case "mean_travel_minutes":
        #expect(minutes(fromWords: shown) == Int(expected.rounded()), "\(key) shown as \(shown)")
      case "annual_place_cost":
        #expect(shown == "£" + grouped(Int(expected.rounded())), "\(key) shown as \(shown)")
      default:
        #expect(shown == grouped(Int(expected)), "\(key) shown as \(shown)")
      }
    }

    let png = try page.screenshot()
    let picture = try page.imageStatistics(png: png)
    #expect(picture.inkShare > 0.05, "screenshot nearly blank: \(picture.inkShare) of pixels inked")
    #expect(picture.colours >= 8, "screenshot has only \(picture.colours) colours")

    // Printing: A4 pages (595 x 842 points), more than one.
    let pdf = String(decoding: try page.printToPDF(), as: UTF8.self)
    let boxes = pdf.components(separatedBy: "/MediaBox [").dropFirst().compactMap { tail -> (Double, Double)? in
      let numbers = tail.prefix(while: { $0 != "]" }).split(separator: " ").compactMap { Double($0) }
      return numbers.count == 4 ? (numbers[2], numbers[3]) : nil
    }
    #expect(boxes.count > 1, "the printed report has \(boxes.count) pages")
    #expect(boxes.allSatisfy { abs($0.0 - 595.3) < 1.5 && abs($0.1 - 841.9) < 1.5 }, "pages: \(boxes.prefix(3))")
  }

  @Test("the public report names no pupil and shows no count of 1 to 4 pupils")
  func publicReport() throws {
    let scratch = try ScratchFolder()
    let (page, url, _) = try openSampleReport(scratch, level: "public")
    #expect(page.messages.isEmpty, "console: \(page.messages)")
    #expect(page.requests == [url], "requests: \(page.requests)")
    let html = try #require(try page.evaluate("document.documentElement.outerHTML") as? String)
    let pupils = try String(contentsOfFile: packageRoot + "/Data/sample-county/pupils.csv", encoding: .utf8)
    let ids = Set(pupils.split(separator: "\n").dropFirst().map { String($0.prefix { $0 != "," }) })
    #expect(ids.count == 3000)
    let tokens = Set(html.split { !($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }.map(String.init))
    #expect(tokens.isDisjoint(with: ids), "pupil ids in the public report: \(tokens.intersection(ids).prefix(5))")
    // Counts of pupils by need and phase: never 1 to 4, and some are withheld (the sample has small ones).
    let cells = try #require(
      try page.evaluate(
        "Array.from(document.querySelectorAll('table.counts tbody td.n')).map(e => e.textContent)") as? [String])
    #expect(!cells.isEmpty)
    #expect(cells.allSatisfy { !["1", "2", "3", "4"].contains($0) }, "small counts shown: \(cells)")
    #expect(cells.contains("<5"))
  }
}

private func grouped(_ value: Int) -> String {
  var digits = String(value)
  var out = ""
  while digits.count > 3 {
    out = "," + digits.suffix(3) + out
    digits.removeLast(3)
  }
  return digits + out
}
