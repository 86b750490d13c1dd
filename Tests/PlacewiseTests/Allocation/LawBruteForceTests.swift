import PlacewiseTestSupport
import Testing

@testable import Placewise

@Suite("Case format 2's objective (U, R, C) against brute-force enumeration")
struct LawBruteForceTests {
  @Test("reaches the enumerated (U, R, C) on 400 random tiny cases", arguments: [UInt64(0), 100, 200, 300])
  func randomLawCases(firstSeed: UInt64) throws {
    var wrong: [String] = []
    var refusedSomewhere = 0
    var agreed = 0
    var pounds = 0
    var moved = 0
    for seed in firstSeed..<(firstSeed + 100) {
      let input = RandomLawCases.tiny(seed: seed)
      let candidates = CandidateSet(case: input)
      let oracle = BruteForceLaw.solve(input)
      for method in SolverMethod.allCases {
        do {
          let summary = try Self.solve(input, candidates, method, against: oracle, label: "seed \(seed)", &wrong)
          if method == .contestedMarket {
            if summary.requestsRefused > 0 { refusedSomewhere += 1 }
            if summary.agreedPlacements > 0 { agreed += 1 }
            if summary.pupilsMovedFromCurrent > 0 { moved += 1 }
          }
        } catch {
          wrong.append("seed \(seed) \(method): \(error)")
        }
      }
      if input.policy.costUnit == .pounds { pounds += 1 }
    }
    #expect(wrong.isEmpty, "\(wrong.count) differ: \(wrong.prefix(5))")
    // The generator must exercise each rule, or the comparison proves little.
    #expect(refusedSomewhere >= 5, "\(refusedSomewhere) cases refuse a protected request")
    #expect(agreed >= 10, "\(agreed) cases with agreed placements")
    #expect(pounds >= 15, "\(pounds) cases in pounds")
    #expect(moved >= 3, "\(moved) cases move a pupil who could stay")
  }

  @Test("reaches the enumerated (U, R, C) on 300 cases where requests compete with journeys")
  func contestedRequests() throws {
    var wrong: [String] = []
    var lawChangesAnswer = 0
    for seed in UInt64(0)..<300 {
      var input = RandomLawCases.contestedRequests(seed: seed)
      let candidates = CandidateSet(case: input)
      let oracle = BruteForceLaw.solve(input)
      for method in SolverMethod.allCases {
        _ = try Self.solve(input, candidates, method, against: oracle, label: "seed \(seed)", &wrong)
      }
      // The weighted optimum refuses more protected requests here.
      input.policy.preferenceRule = .weighted
      let weighted = BruteForceLaw.solve(input)
      let refusedThere = input.pupils.indices.count { p in
        let r = candidates.terms[p].request
        return r >= 0 && weighted.assignment[p] != Int(r)
      }
      if oracle.refused < refusedThere { lawChangesAnswer += 1 }
    }
    #expect(wrong.isEmpty, "\(wrong.count) differ: \(wrong.prefix(5))")
    #expect(lawChangesAnswer >= 20, "\(lawChangesAnswer) cases where the law's level changes the answer")
  }

  /// Allocates with one solver path, checks the allocation, and notes where
  /// (U, R, C) differs from the enumeration's.
  static func solve(
    _ input: Case, _ candidates: CandidateSet, _ method: SolverMethod, against oracle: BruteForceLaw.Optimum,
    label: String, _ wrong: inout [String]
  ) throws -> AllocationSummary {
    let allocation = try Allocator.allocate(input, candidates: candidates, options: AllocationOptions(method: method))
    try allocation.verify(case: input, candidates: candidates)
    let summary = AllocationSummary(case: input, candidates: candidates, allocation: allocation)
    if summary.unmetPriority != oracle.unmet || summary.requestsRefused != oracle.refused
      || abs(summary.placementCost - oracle.cost) > 1e-6 * max(1, abs(oracle.cost))
    {
      wrong.append(
        "\(label) \(method): (\(summary.unmetPriority), \(summary.requestsRefused), \(summary.placementCost)); "
          + "oracle \(oracle)")
    }
    return summary
  }
}

@Suite("The folded first level stays exact, or the case is refused")
struct ExactRangeTests {
  /// `count` pupils of priority `priority`, each requesting the one school.
  static func crowd(_ count: Int, priority: Int) -> Case {
    let school = Setting(
      urn: URN("400000"), name: "School", kind: .special, easting: 0, northing: 0, lowAge: 4, highAge: 19,
      capacity: 1)
    let pupils = (0..<count).map { p in
      Pupil(
        id: PupilID("X\(p)"), easting: 100, northing: 0, age: 10, primaryNeed: .asd,
        provision: EnumSet([.special]), preferences: [school.urn], priority: priority)
    }
    return Case(settings: [school], pupils: pupils)
  }

  @Test("priority times (2P + 1) summed below 2^52 is solved; at or above it is refused with the reason")
  func range() throws {
    // 60,000 protected requests at priority 1,000,000: 6e10 x 120,001 > 2^52.
    let wide = Self.crowd(60_000, priority: 1_000_000)
    let wideCandidates = CandidateSet(case: wide)
    #expect(throws: AllocationError.self) { try Allocator.checkExactRange(wide, candidates: wideCandidates) }
    do {
      try Allocator.checkExactRange(wide, candidates: wideCandidates)
    } catch {
      #expect(error.kind == .solverFailed && error.message.contains("2^52"), "\(error.message)")
    }
    // The same pupils at priority 1 are far inside: solved, one placed at the request.
    let narrow = Self.crowd(2_000, priority: 1)
    let candidates = CandidateSet(case: narrow)
    let allocation = try Allocator.allocate(narrow, candidates: candidates)
    let summary = AllocationSummary(case: narrow, candidates: candidates, allocation: allocation)
    #expect(summary.unmetPriority == 1_999 && summary.requestsRefused == 1_999)
  }
}
