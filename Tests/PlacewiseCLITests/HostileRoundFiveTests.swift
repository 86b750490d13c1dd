import Foundation
import PlacewiseTestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

// The re-trial after issue 23's fixes: a helper acting as a hostile and
// careless user. Each test here failed before its fix.

private let forecastHand = packageRoot + "/Data/forecast-hand"

@Suite("A hostile user's trial, round five")
struct HostileRoundFiveTests {
  @Test("a public report whose valued settings are all withheld does not say one more place would change nothing")
  func publicPlaceValuesNeverClaimNothing() throws {
    // forecast-hand leaves one child without a place, every eligible
    // setting full: one more place at B1 or C1 places them. The public page
    // leaves those settings out (their counts are withheld), and then said
    // "no pupil is kept out by a full setting", beside "<5 with every
    // eligible setting full".
    let scratch = try ScratchFolder()
    let out = scratch.at("out")
    let result = try runPlacewise(["allocate", forecastHand, "--report-level", "public", "--quiet", "--out", out])
    try #require(result.status == 0, "\(result.stderr)")
    let html = try String(contentsOfFile: out + "/report.html", encoding: .utf8)
    #expect(!html.contains("no pupil is kept out by a full setting"))
    #expect(!html.contains("would change nothing: no pupil"))
  }
}
