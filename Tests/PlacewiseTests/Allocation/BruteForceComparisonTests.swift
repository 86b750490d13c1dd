import Testing
import Placewise
import PlacewiseTestSupport

@Suite("The optimiser against brute-force enumeration")
struct BruteForceComparisonTests {
  @Test("reaches the brute-force optimum on 400 random tiny cases", arguments: [UInt64(0), 100, 200, 300])
  func randomTinyCases(firstSeed: UInt64) throws {
    var contested = 0
    var costMatters = 0
    var wrong: [String] = []
    for seed in firstSeed..<(firstSeed + 100) {
      let input = RandomCases.tiny(seed: seed)
      let candidates = CandidateSet(case: input)
      let oracle = BruteForce.solve(input)
      do {
        let allocation = try Allocator.allocate(input, candidates: candidates)
        try allocation.verify(case: input, candidates: candidates)
        let summary = AllocationSummary(case: input, candidates: candidates, allocation: allocation)
        if summary.unmetPriority != oracle.unmetPriority || abs(summary.placementCost - oracle.placementCost) > 1e-6 {
          wrong.append("seed \(seed): unmet \(summary.unmetPriority), cost \(summary.placementCost); oracle \(oracle)")
        }
      } catch {
        wrong.append("seed \(seed): \(error)")
      }
      if oracle.unmetPriority > 0 && oracle.assignment.contains(where: { $0 != nil }) { contested += 1 }
      // Cases where picking each pupil's cheapest option breaks a capacity.
      if greedyIsInfeasible(input) { costMatters += 1 }
    }
    #expect(wrong.isEmpty, "\(wrong.count) cases differ: \(wrong.prefix(5))")
    // The generator must exercise contested cases, or the comparison proves little.
    #expect(contested >= 10)
    #expect(costMatters >= 15, "\(costMatters) contested")
  }

  /// Whether giving every pupil its cheapest option overfills some setting.
  private func greedyIsInfeasible(_ input: Case) -> Bool {
    var used = [Int](repeating: 0, count: input.settings.count)
    for options in BruteForce.options(input) {
      guard let best = options.min(by: { $0.cost < $1.cost }) else { continue }
      used[best.setting] += 1
    }
    return input.settings.indices.contains { used[$0] > input.settings[$0].freePlaces }
  }
}
