import PlacewiseTestSupport
import Testing

@testable import Placewise

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
        // Every LP part starts from the basis built for it (TreeBasis).
        if allocation.solverDetail.contains("without their start") {
          wrong.append("seed \(seed): \(allocation.solverDetail)")
        }
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

  /// Without the auction, every pupil starts at its cheapest pair, only
  /// pupils at overfull settings start in the LP, each with one pair, so
  /// the pricing loop has to find most of the optimum itself: this checks
  /// that loop (and its early stop on cheapest-first pairs) apart from the
  /// auction's help, on cases too large to enumerate, against the plain LP
  /// (which the tests check against enumeration).
  @Test(
    "the pricing loop alone reaches the plain LP's optimum on 150 random medium cases",
    arguments: [nil, 2] as [Int?])
  func pricingWithoutAuction(maxActivations: Int?) throws {
    var wrong: [String] = []
    var rounds = 0
    for seed in UInt64(2000)..<2150 {
      let input = RandomCases.medium(seed: seed)
      let candidates = CandidateSet(case: input)
      // With a cap of 2 pupils entering the LP per round, partial pricing
      // is exercised too.
      var market = ContestedMarket(
        case: input, candidates: candidates, auction: nil, initialPairs: 1, maxActivations: maxActivations)
      let chosen = try market.solve(deadline: nil)
      rounds += market.rounds - 1
      let placements = chosen.enumerated().map { p, pair -> Placement in
        if pair >= 0 { return .placed(setting: Int(candidates.setting[pair]), pair: pair) }
        return .unplaced(candidates.eligibleCount[p] == 0 ? .noEligibleSetting : .eligibleSettingsFull)
      }
      let allocation = Allocation(placements: placements, solverPath: "", solverDetail: "")
      try allocation.verify(case: input, candidates: candidates)
      let summary = AllocationSummary(case: input, candidates: candidates, allocation: allocation)
      let plain = try Allocator.allocate(input, candidates: candidates, options: AllocationOptions(method: .plainLP))
      let reference = AllocationSummary(case: input, candidates: candidates, allocation: plain)
      if summary.unmetPriority != reference.unmetPriority
        || abs(summary.placementCost - reference.placementCost) > 1e-6 * max(1, reference.placementCost)
      {
        wrong.append(
          "seed \(seed): unmet \(summary.unmetPriority), cost \(summary.placementCost); "
            + "plain LP \(reference.unmetPriority), \(reference.placementCost)")
      }
    }
    #expect(wrong.isEmpty, "\(wrong.count) cases differ: \(wrong.prefix(5))")
    // The loop must have had work to do, or the comparison proves little.
    #expect(rounds >= 100, "\(rounds) pricing rounds after the first")
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

@Suite("The contested market against the plain LP")
struct MethodAgreementTests {
  @Test("both formulations reach the same optimum on the sample county")
  func sampleCounty() throws {
    let input = try CaseReader.read(folder: packageRoot + "/Data/sample-county")
    let candidates = CandidateSet(case: input)
    var figures: [AllocationSummary] = []
    for method in SolverMethod.allCases {
      let allocation = try Allocator.allocate(input, candidates: candidates, options: AllocationOptions(method: method))
      try allocation.verify(case: input, candidates: candidates)
      figures.append(AllocationSummary(case: input, candidates: candidates, allocation: allocation))
    }
    #expect(figures[0].unmetPriority == figures[1].unmetPriority)
    #expect(abs(figures[0].placementCost - figures[1].placementCost) < 1e-6 * max(1, figures[1].placementCost))
    #expect(figures[0].placed > 0 && figures[0].unplaced > 0)  // a contested case, not a trivial one
  }

  @Test("the contested market reaches the same optimum without its auction (PLACEWISE_AUCTION=off)")
  func withoutTheAuction() throws {
    var cases = [try CaseReader.read(folder: packageRoot + "/Data/sample-county")]
    cases += (UInt64(1200)..<1400).map { RandomLawCases.tiny(seed: $0) }
    for (index, input) in cases.enumerated() {
      let candidates = CandidateSet(case: input)
      var options = AllocationOptions()
      let auctioned = try Allocator.allocate(input, candidates: candidates, options: options)
      options.auction = false
      let cold = try Allocator.allocate(input, candidates: candidates, options: options)
      try cold.verify(case: input, candidates: candidates)
      let a = AllocationSummary(case: input, candidates: candidates, allocation: auctioned)
      let b = AllocationSummary(case: input, candidates: candidates, allocation: cold)
      #expect(a.unmetPriority == b.unmetPriority && a.requestsRefused == b.requestsRefused, "case \(index)")
      #expect(abs(a.placementCost - b.placementCost) <= 1e-6 * max(1, a.placementCost), "case \(index)")
      if index > 0 {
        let oracle = BruteForceLaw.solve(input)
        #expect(b.unmetPriority == oracle.unmet && b.requestsRefused == oracle.refused, "case \(index): \(oracle)")
        #expect(abs(b.placementCost - oracle.cost) <= 1e-6 * max(1, oracle.cost), "case \(index): \(oracle)")
      }
    }
  }

  @Test("both formulations agree with brute force on 200 tiny cases")
  func tinyCases() throws {
    for seed in UInt64(1000)..<1200 {
      let input = RandomCases.tiny(seed: seed)
      let candidates = CandidateSet(case: input)
      let allocation = try Allocator.allocate(
        input, candidates: candidates, options: AllocationOptions(method: .plainLP))
      try allocation.verify(case: input, candidates: candidates)
      let summary = AllocationSummary(case: input, candidates: candidates, allocation: allocation)
      let oracle = BruteForce.solve(input)
      #expect(summary.unmetPriority == oracle.unmetPriority, "seed \(seed)")
      #expect(abs(summary.placementCost - oracle.placementCost) < 1e-6, "seed \(seed)")
    }
  }
}
