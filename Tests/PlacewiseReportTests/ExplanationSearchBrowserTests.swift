import Foundation
import Placewise
import PlacewiseReport
import PlacewiseTestSupport
import Testing

@Suite(
  "The explanation search in a real browser (headless Chromium)",
  .enabled(
    if: ChromiumPage.executable != nil,
    "no Chromium installed: install Debian's chromium-headless-shell (.ci/run does) to run the browser tests"))
struct ExplanationSearchBrowserTests {
  @Test("typing a pupil's id shows that pupil's explanation, as text; an unknown id says so")
  func search() throws {
    let scratch = try ScratchFolder()
    let folder = try scratch.writeCase(
      "case",
      files: [
        "settings.csv": "urn,name,kind,easting,northing,low_age,high_age,capacity\n100001,Oak,special,0,0,4,19,1\n",
        "pupils.csv":
          "pupil_id,easting,northing,age,primary_need,provision\nP1,1000,0,9,ASD,special\nP2,0,900,9,ASD,special\n",
      ])
    let run = try AllocationRun(folder: folder)
    let rows = ["P1", "P2"].map { id in
      ExplanationRow(
        pupilID: id, status: "placed", urn: "100001", preferenceRank: "", firstPreference: "",
        firstPreferenceOutcome: "", firstPreferenceUnmetChange: "", firstPreferenceCostChange: "",
        explanation: "Explained \(id) </script><b>plain</b>")
    }
    let file = try scratch.write("report.html", HTMLReport.render(run, explanations: rows))
    let url = URL(fileURLWithPath: file).absoluteString
    let page = try ChromiumPage(url: url)
    func find(_ id: String) throws -> String? {
      try page.evaluate(
        """
        (() => {
          document.getElementById('pupil-search').value = \(String(reflecting: id));
          document.getElementById('pupil-search-go').click();
          return document.getElementById('explanation-result').textContent;
        })()
        """) as? String
    }
    let found = try #require(try find("P2"))
    #expect(found.contains("Explained P2 </script><b>plain</b>"), "\(found)")
    #expect(!found.contains("P1"))
    #expect(try page.evaluate("document.querySelectorAll('#explanation-result b').length") as? Int == 0)
    #expect(try find(" P1 ")?.contains("Explained P1") == true)
    #expect(try find("p1")?.contains("No pupil with id p1") == true)
    #expect(page.messages.isEmpty, "console: \(page.messages)")
    #expect(page.requests == [url], "requests: \(page.requests)")
  }
}
