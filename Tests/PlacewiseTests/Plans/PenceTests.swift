import Testing

@testable import Placewise

/// Plan and option costs added to the penny, so that £0.10 and £0.20 make
/// £0.30 in every CSV file (hostile trial: comparison.csv showed
/// 0.30000000000000004).
@Suite("Money added to the penny: Pence")
struct PenceTests {
  @Test(
    "sums are the amounts' sum to the penny, whatever the order",
    arguments: [
      ([0.1, 0.2], 0.3), ([1_250_000.5, 99_999_999_999], 100_001_249_999.5), ([0.07, 0.01, 0.02], 0.1),
      ([-0.1, 0.3], 0.2), ([], 0), ([1e12, 1e12, 1e12], 3e12),
    ] as [([Double], Double)])
  func sums(_ amounts: [Double], _ expected: Double) {
    #expect(Pence.sum(amounts) == expected, "\(amounts)")
    #expect(Pence.sum(amounts.reversed()) == expected, "\(amounts) reversed")
  }

  @Test("a sum past what whole pence hold is still the amounts' sum, not a part of it")
  func overflow() {
    let huge = [8e16, 8e16]
    #expect(Pence.sum(huge) == 1.6e17)
  }

  @Test("the plan's costs are its rows' costs added to the penny")
  func planCosts() throws {
    let rows = [0.1, 0.2, 0.4].map { cost in
      PlanRow(
        line: 2, action: .addPlaces(urn: URN("100001"), places: 1, need: nil), capitalCost: cost, annualCost: cost)
    }
    let plan = Plan(name: "p", file: "p.csv", rows: rows)
    #expect(plan.capitalCost == 0.7)
    #expect(plan.annualCost == 0.7)
  }
}
