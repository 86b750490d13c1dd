import Foundation
import PlacewiseTestSupport
import Testing

// Issue 25 item 6, pages that hold up, where a picture is the point: the
// sample county's report and a recommend report in headless Chromium at
// 1280 and 390 px wide and laid out for print. With PLACEWISE_SCREENSHOTS
// set to a folder, each view is saved there as a PNG (and the print as a
// PDF) for a person to look at.

private let tinyCase = packageRoot + "/Data/tiny/capacity-contest"

/// The rendered size of the smallest chart text, the number of chart texts
/// drawn outside their chart's box, and the first few of those.
private let chartTextScript = """
  (() => {
    let smallest = 1e9, outside = [];
    document.querySelectorAll('figure svg text').forEach(t => {
      const svg = t.ownerSVGElement;
      if (t.getClientRects().length === 0) { return; }
      const scale = svg.getScreenCTM().a;
      smallest = Math.min(smallest, parseFloat(getComputedStyle(t).fontSize) * scale);
      if (t.closest('[transform]')) { return; }
      const box = t.getBBox(), view = svg.viewBox.baseVal;
      if (box.x < view.x - 0.5 || box.x + box.width > view.x + view.width + 0.5) { outside.push(t.textContent); }
    });
    return [smallest, outside.length, outside.slice(0, 5).join(' | ')];
  })()
  """

/// Tables that are not in a box scrolling sideways, or wider than the page's column.
private let tableScript = """
  (() => {
    const main = document.querySelector('main').getBoundingClientRect();
    let unboxed = 0, wider = 0;
    document.querySelectorAll('table').forEach(t => {
      const box = t.parentElement;
      if (!box.classList.contains('scroll')) { unboxed++; }
      if (box.getBoundingClientRect().right > main.right + 1) { wider++; }
      if (box.scrollWidth < t.offsetWidth) { wider++; }
    });
    return [document.querySelectorAll('table').length, unboxed, wider];
  })()
  """

/// Saves a view for a person to look at, when PLACEWISE_SCREENSHOTS names a folder.
private func keep(_ data: Data, _ name: String) throws {
  guard let folder = ProcessInfo.processInfo.environment["PLACEWISE_SCREENSHOTS"] else { return }
  try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
  try data.write(to: URL(fileURLWithPath: folder + "/" + name))
}

private func run(_ arguments: [String], _ scratch: ScratchFolder, _ name: String) throws -> String {
  let out = scratch.at(name)
  let result = try runPlacewise(arguments + ["--out", out, "--quiet"])
  #expect(result.status == 0, "\(result.stderr)")
  return URL(fileURLWithPath: out + "/report.html").absoluteString
}

@Suite(
  "Report pages at 1280 and 390 px and in print (headless Chromium)", .serialized,
  .enabled(
    if: ChromiumPage.executable != nil,
    "no Chromium installed: install Debian's chromium-headless-shell (.ci/run does) to run the browser tests"))
struct PagesBrowserTests {
  @Test("the sample county's report: no label clipped, tables scroll, chart text legible at 390 px, a true scale bar")
  func sampleReport() throws {
    let scratch = try ScratchFolder()
    let url = try run(["allocate", packageRoot + "/Data/sample-county"], scratch, "sample")
    for width in [1280, 390] {
      let page = try ChromiumPage(url: url, width: width, height: 1000)
      #expect(page.messages.isEmpty, "\(width) px: \(page.messages)")
      try keep(try page.screenshot(fullPage: true), "allocate-\(width).png")
      // Nothing wider than the window: a wide table scrolls in its own box.
      let pageWidth = try #require(try page.evaluate("document.documentElement.scrollWidth") as? Int)
      #expect(pageWidth <= width, "\(width) px: the page is \(pageWidth) px wide")
      let tables = try #require(try page.evaluate(tableScript) as? [Int])
      #expect(tables[0] > 5 && tables[1] == 0 && tables[2] == 0, "\(width) px: tables, unboxed, too wide: \(tables)")
      let text = try #require(try page.evaluate(chartTextScript) as? [Any])
      let smallest = try #require((text[0] as? NSNumber)?.doubleValue)
      #expect(smallest >= 9, "\(width) px: chart text drawn \(smallest) px high")
      #expect(text[1] as? Int == 0, "\(width) px: chart text outside its chart: \(text[2])")
      if width == 1280 {
        // The scale bar is as long, in the map's kilometres, as it says; settings that matter are named.
        let bar = try #require(
          try page.evaluate(
            """
            (() => { const g = document.getElementById('scale-bar'), l = g.querySelector('line');
              return [parseFloat(g.dataset.km), l.x2.baseVal.value - l.x1.baseVal.value,
                document.querySelectorAll('#layer-names text').length]; })()
            """) as? [NSNumber])
        #expect(bar[0].doubleValue > 0 && abs(bar[0].doubleValue - bar[1].doubleValue) < 1e-6, "\(bar)")
        #expect(bar[2].intValue >= 3, "\(bar[2]) settings named on the map")
      }
    }
    // In print: A4 pages, nothing wider than the page, no chart text off its chart.
    let page = try ChromiumPage(url: url, width: 1280, height: 1000)
    try page.emulatePrint()
    let tables = try #require(try page.evaluate(tableScript) as? [Int])
    #expect(tables[2] == 0, "print: tables too wide: \(tables)")
    let text = try #require(try page.evaluate(chartTextScript) as? [Any])
    #expect(text[1] as? Int == 0, "print: chart text outside its chart: \(text[2])")
    try keep(try page.printToPDF(), "allocate-print.pdf")
  }

  @Test("recommend's budget chart keeps its last label, and the options read at 390 px")
  func recommendReport() throws {
    let scratch = try ScratchFolder()
    let options = try scratch.write(
      "options.csv",
      """
      option,group,action,urn,places,capital_cost,annual_cost,note
      one-place,oakfield,add_places,140001,1,50000,1000,one more place
      two-places,oakfield,add_places,140001,2,4000000,500,two more places in a new block

      """)
    let url = try run(
      ["recommend", tinyCase, options, "--budget", "5000000", "--frontier", "3"], scratch, "recommend")
    for width in [1280, 390] {
      let page = try ChromiumPage(url: url, width: width, height: 1000)
      #expect(page.messages.isEmpty, "\(width) px: \(page.messages)")
      try keep(try page.screenshot(fullPage: true), "recommend-\(width).png")
      let labels = try #require(
        try page.evaluate("Array.from(document.querySelectorAll('figure svg text')).map(t => t.textContent)")
          as? [String])
      #expect(labels.contains("£5,000,000"), "\(labels)")
      let text = try #require(try page.evaluate(chartTextScript) as? [Any])
      #expect(text[1] as? Int == 0, "\(width) px: chart text outside its chart: \(text[2])")
      let smallest = try #require((text[0] as? NSNumber)?.doubleValue)
      #expect(smallest >= 9, "\(width) px: chart text drawn \(smallest) px high")
      let pageWidth = try #require(try page.evaluate("document.documentElement.scrollWidth") as? Int)
      #expect(pageWidth <= width, "\(width) px: the page is \(pageWidth) px wide")
    }
  }
}
