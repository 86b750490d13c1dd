import Testing

@testable import Placewise

/// summary.json's `whole_life_cost` is the sum a reader makes of the figures
/// printed beside it, not that sum with binary noise in its last digits.
@Suite("recommend: the whole-life cost as a reader sums it")
struct WholeLifeCostTests {
  @Test(
    "capital + years × (annual + placement cost), summed in decimal",
    arguments: [
      (0.0, 0.1, 0.2, 5, 1.5),
      (1_800_000.0, 24_000.5, 123_456.78, 5, 2_537_286.4),
      (250_000.0, 1_234.56, 98_765.43, 10, 1_249_999.9),
      (0.0, 1.1, 2.2, 3, 9.9),
    ])
  func decimalSum(capital: Double, annual: Double, cost: Double, years: Int, expected: Double) {
    let set = EvaluatedSet(
      chosen: [true], unmetPriority: 0, placementCost: cost, capitalCost: capital, annualCost: annual)
    #expect(set.wholeLifeCost(years: years) == expected)
  }

  @Test("the binary sum this replaces is off in its last digits on the first case")
  func binarySumIsNoisy() {
    // Keeps the test above honest: without the decimal sum it would fail.
    #expect(0.0 + 5 * (0.1 + 0.2) != 1.5)
  }
}
