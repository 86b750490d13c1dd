import Foundation
import Placewise
import PlacewiseReport
import PlacewiseTestSupport
import Testing

/// Figures of the size of the sample county's, set by hand.
private func countyFigures() -> (AllocationSummary, Allocation) {
  let empty = Case(settings: [], pupils: [])
  let allocation = Allocation(placements: [], solverPath: "contested-market")
  var summary = AllocationSummary(case: empty, candidates: CandidateSet(case: empty), allocation: allocation)
  summary.pupils = 3000
  summary.placed = 2786
  summary.unplaced = 214
  summary.unplacedNoEligibleSetting = 98
  summary.unplacedSettingsFull = 116
  summary.unmetPriority = 225
  summary.travelMinutes = 59_594.4
  summary.pupilsWithPreferences = 2578
  summary.firstPreferenceMet = 1535
  summary.longestJourneyMinutes = 171.2
  summary.annualPlaceCost = 42_356_650
  return (summary, allocation)
}

@Suite("The printed summary")
struct HumanSummaryTests {
  @Test("plain words, thousands separators, hours and minutes, where the report is (golden summary.txt)")
  func golden() throws {
    let (summary, allocation) = countyFigures()
    let text = HumanSummary.render(summary: summary, allocation: allocation, outputFolder: "out/sample-county/")
    try assertGolden(text, at: "Tests/PlacewiseReportTests/Golden/summary.txt")
    #expect(text.contains("£42,356,650"))
    #expect(text.contains("Children without a place:      214 (98 with no eligible setting"))
    #expect(text.contains("  weighted by priority:        225 (each child counted by their priority"))
    #expect(text.contains("21 min on average, longest 2 h 51 min; no child over their journey limit"))
    #expect(!text.contains("priority-weighted") && !text.contains("in total"))
    #expect(text.contains("out/sample-county/report.html"))
  }

  @Test("nobody unplaced and no preferences read naturally; no cost line without costs")
  func edgeCases() {
    var (summary, allocation) = countyFigures()
    summary.placed = 3000
    summary.unplaced = 0
    summary.pupilsWithPreferences = 0
    summary.annualPlaceCost = 0
    let text = HumanSummary.render(summary: summary, allocation: allocation)
    #expect(text.hasPrefix("Placed 3,000 of 3,000 pupils (100%)."))
    #expect(text.contains("Children without a place:      none"))
    #expect(!text.contains("weighted by priority"))
    #expect(!text.contains("First preferences"))
    #expect(!text.contains("£"))
    #expect(!text.contains("Report:"))
  }

  @Test("children placed over their journey limit are counted, one child in the singular")
  func overTheLimit() {
    var (summary, allocation) = countyFigures()
    summary.placedOverJourneyLimit = 132
    #expect(
      HumanSummary.render(summary: summary, allocation: allocation).contains(
        "; 132 children over their journey limit (placed at a preference, their current setting or an agreed "
          + "placement)"))
    summary.placedOverJourneyLimit = 1
    #expect(
      HumanSummary.render(summary: summary, allocation: allocation).contains("; 1 child over their journey limit"))
  }
}
