import Foundation
import Testing

@testable import PlacewiseReport

@Suite("Numbers as planners read them")
struct NumberFormattingTests {
  @Test(
    "thousands separators",
    arguments: [
      (0, "0"), (7, "7"), (999, "999"), (1000, "1,000"), (42_356_650, "42,356,650"), (-1200, "-1,200"),
      (100_000, "100,000"), (Int.min, "-9,223,372,036,854,775,808"),
    ])
  func grouped(value: Int, text: String) {
    #expect(NumberFormatting.grouped(value) == text)
  }

  @Test("every whole number reads back through its separators")
  func groupedRoundTrip() {
    var generator = SystemRandomNumberGenerator()
    for _ in 0..<2000 {
      let value = Int.random(in: -10_000_000_000...10_000_000_000, using: &generator)
      let text = NumberFormatting.grouped(value)
      #expect(Int(text.replacingOccurrences(of: ",", with: "")) == value)
      // Groups of three after the first, the first of one to three digits.
      let groups = text.trimmingPrefix("-").split(separator: ",")
      #expect((1...3).contains(groups[0].count) && groups.dropFirst().allSatisfy { $0.count == 3 })
    }
  }

  @Test(
    "pounds to the whole pound",
    arguments: [(42_356_650.0, "£42,356,650"), (0.4, "£0"), (1234.5, "£1,235"), (-1200.0, "-£1,200")])
  func pounds(value: Double, text: String) {
    #expect(NumberFormatting.pounds(value) == text)
  }

  @Test(
    "journeys in hours and minutes",
    arguments: [
      (0.0, "0 min"), (0.4, "<1 min"), (45.0, "45 min"), (59.6, "1 h"), (65.0, "1 h 5 min"), (120.0, "2 h"),
      (59_594.5, "993 h 15 min"), (59_594.4, "993 h 14 min"), (100_000.0, "1,666 h 40 min"),
    ])
  func hoursAndMinutes(minutes: Double, text: String) {
    #expect(NumberFormatting.hoursAndMinutes(minutes) == text)
  }

  @Test(
    "percentages: 0% and 100% only when exact, and above 100% as they are (an overfilled setting)",
    arguments: [
      (0, 10, "0%"), (10, 10, "100%"), (1, 1000, "<1%"), (999, 1000, ">99%"), (1, 3, "33%"), (2, 3, "67%"),
      (1, 8, "13%"), (3, 0, "-"), (2, 1, "200%"), (1001, 1000, ">100%"),
    ])
  func percent(part: Int, whole: Int, text: String) {
    #expect(NumberFormatting.percent(part, of: whole) == text)
  }

  @Test(
    "decimals keep their places",
    arguments: [
      (1234.56, 1, "1,234.6"), (0.05, 1, "0.1"), (-0.04, 1, "0.0"),
      (2.0, 2, "2.00"), (-1234.5, 0, "-1,235"),
    ])
  func decimal(value: Double, places: Int, text: String) {
    #expect(NumberFormatting.decimal(value, places: places) == text)
  }
}
