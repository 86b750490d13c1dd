import Foundation
import PlacewiseTestSupport
import Testing

// Issue 25 item 6, pages that hold up: on every kind of report (allocate,
// compare, recommend, forecast, internal and public, and the pages inside
// their folders), every id is unique, every section is in the contents bar,
// every in-page link lands, and every table sits in a box that scrolls sideways.

private let tinyCase = packageRoot + "/Data/tiny/capacity-contest"
private let handCase = packageRoot + "/Data/forecast-hand"

private let options = """
  option,group,action,urn,places,capital_cost,annual_cost,note
  one-place,oakfield,add_places,140001,1,50000,1000,one more place
  two-places,oakfield,add_places,140001,2,40000,500,two more places
  elm-park,,add_places,140002,5,0,0,changes nothing: Elm Park has room

  """

/// Every report.html each command writes on small cases, by a name saying which.
private func everyKindOfReport(_ scratch: ScratchFolder) throws -> [String: String] {
  let optionsFile = try scratch.write("options.csv", options)
  let plan = handCase + "/plans/grow.csv"
  let runs: [(String, [String])] = [
    ("allocate", ["allocate", tinyCase]),
    ("allocate-public", ["allocate", tinyCase, "--report-level", "public"]),
    ("compare", ["compare", handCase, plan]),
    ("compare-public", ["compare", handCase, plan, "--report-level", "public"]),
    ("recommend", ["recommend", tinyCase, optionsFile, "--budget", "45000", "--frontier", "2"]),
    ("recommend-public", ["recommend", tinyCase, optionsFile, "--budget", "45000", "--report-level", "public"]),
    ("forecast", ["forecast", handCase, plan, "--years", "2", "--demand", handCase + "/demand.csv"]),
  ]
  var pages: [String: String] = [:]
  for (name, arguments) in runs {
    let out = scratch.at(name)
    let result = try runPlacewise(arguments + ["--out", out, "--quiet"])
    #expect(result.status == 0, "\(name): \(result.stderr)")
    let walker = FileManager.default.enumerator(atPath: out)
    while let file = walker?.nextObject() as? String {
      guard file.hasSuffix("report.html") else { continue }
      pages[name + "/" + file] = try String(contentsOfFile: out + "/" + file, encoding: .utf8)
    }
  }
  return pages
}

/// The values of an attribute on the page, in order (`id="x"` gives `x`).
private func values(of attribute: String, in html: String) -> [String] {
  html.components(separatedBy: " \(attribute)=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
}

@Suite("Every report page's structure (issue 25 item 6)")
struct PageStructureTests {
  @Test("ids are unique, every section is in the contents bar, every anchor lands, every table scrolls")
  func structure() throws {
    let scratch = try ScratchFolder()
    let pages = try everyKindOfReport(scratch)
    #expect(pages.count >= 9, "\(pages.keys.sorted())")
    for (name, html) in pages.sorted(by: { $0.key < $1.key }) {
      let ids = values(of: "id", in: html)
      let repeated = Dictionary(grouping: ids, by: { $0 }).filter { $0.value.count > 1 }.keys.sorted()
      #expect(repeated.isEmpty, "\(name): ids used more than once: \(repeated)")
      // The contents bar links every section heading.
      let headings = html.components(separatedBy: "<h2 id=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
      #expect(!headings.isEmpty, "\(name)")
      let nav =
        html.components(separatedBy: "<nav class=\"contents").dropFirst().first?
        .components(separatedBy: "</nav>").first ?? ""
      if headings.count > 1 {
        let linked = values(of: "href", in: nav).map { String($0.dropFirst()) }
        #expect(linked == headings, "\(name): contents \(linked), sections \(headings)")
      }
      // Every in-page link has its target.
      let targets = Set(ids)
      for link in values(of: "href", in: html) where link.hasPrefix("#") {
        #expect(targets.contains(String(link.dropFirst())), "\(name): \(link) has no target")
      }
      // Every table opens inside a sideways-scrolling box.
      let tables = html.components(separatedBy: "<table").count - 1
      let boxed = html.components(separatedBy: "<div class=\"scroll\"><table").count - 1
      // (A page withheld whole, recommend's allocation where its choice is
      // withheld, or a public page of a changed case, has none.)
      let withheld = html.contains("is withheld from this public version")
      #expect((tables > 0 || withheld) && boxed == tables, "\(name): \(boxed) of \(tables) tables scroll")
    }
  }

  @Test("recommend's report says what each chosen option is, the places it adds and the children placed in them")
  func recommendedOptionsInWords() throws {
    let scratch = try ScratchFolder()
    let file = try scratch.write("options.csv", options)
    let out = scratch.at("out")
    let result = try runPlacewise(["recommend", tinyCase, file, "--budget", "45000", "--out", out, "--quiet"])
    #expect(result.status == 0, "\(result.stderr)")
    let html = try String(contentsOfFile: out + "/report.html", encoding: .utf8)
    // Oakfield had one free place and two pupils wanting it: two-places adds
    // 2 places, and the second pupil is placed in one of them.
    #expect(
      html.contains(
        "<li data-option=\"two-places\"><strong>two-places</strong>: two more places. It adds 2 places; 1 child "
          + "is placed in them, for £40,000 of capital and £500 a year.</li>"), "\(html)")
    // The table: every option's note and places; children only for the chosen.
    #expect(html.contains("<th>What it is</th>") && html.contains("<td>changes nothing: Elm Park has room</td>"))
    #expect(html.contains("<td class=\"n\">5</td><td class=\"n\">-</td>"), "elm-park: 5 places, not chosen")
  }
}
