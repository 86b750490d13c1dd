import Testing

@testable import Placewise

/// The families benchmark (issue 24) found 100k-priority-wide (priorities up
/// to 1,000,000 beside 26,000 protected requests) solved a few refused
/// requests short of exact: GLPK's dual tolerance is relative, and the
/// folded first level's costs reached 5e10. The residual network's exact
/// search caught it, but only when place values or explanations were asked
/// for; now it runs for such cases whatever is asked.
@Suite("The optimality check where the first level's costs are wide")
struct WideFoldCheckTests {
  /// 150 pupils requesting one special school with room for all (each
  /// request protected, so the first level folds 301 units per unit of
  /// priority), the first of priority `topPriority`.
  static func requestCase(topPriority: Int) -> Case {
    let school = Setting(
      urn: URN("200000"), name: "Hill End", kind: .special, easting: 400_000, northing: 400_000, lowAge: 2,
      highAge: 19, capacity: 200)
    let pupils = (0..<150).map { p in
      Pupil(
        id: PupilID("W\(p)"), easting: 401_000, northing: 401_000, age: 10, primaryNeed: .asd,
        provision: EnumSet([.special]), preferences: [URN("200000")], priority: p == 0 ? topPriority : 1)
    }
    return Case(settings: [school], pupils: pupils)
  }

  @Test("a wide case's non-optimal allocation is refused with no place values or explanations asked for")
  func wideCaseChecked() throws {
    let input = Self.requestCase(topPriority: 1_000_000)
    let candidates = CandidateSet(case: input)
    #expect(candidates.unitWeight == 301)
    #expect(AllocationRun.needsOptimalityCheck(case: input, candidates: candidates))
    // Everyone left out beside 200 free places: not optimal.
    let allOut = Allocation(
      placements: input.pupils.map { _ in .unplaced(.eligibleSettingsFull) }, solverPath: "test")
    var options = AllocationOptions()
    options.placeValues = false
    options.explanations = false
    #expect(throws: AllocationError.self) {
      try AllocationRun.planning(case: input, candidates: candidates, allocation: allOut, options: options)
    }
    // The solver's own answer passes the same check.
    let solved = try Allocator.allocate(input, candidates: candidates)
    #expect(throws: Never.self) {
      try AllocationRun.planning(case: input, candidates: candidates, allocation: solved, options: options)
    }
  }

  @Test("GLPK's dual tolerance is tightened only where a level's costs are wide enough to need it")
  func dualTolerance() throws {
    // Costs below about 1e6: GLPK's default (nil).
    #expect(LexicographicLP.dualTolerance([0, 3, -250_000, 999_000]) == nil)
    // A folded first level of priorities near a million: 0.1 units of slack at the widest.
    let costs = [1.0, 5e10, -3]
    let tolerance = try #require(LexicographicLP.dualTolerance(costs))
    #expect(tolerance + 1e-3 * tolerance * 5e10 <= 0.1 + 1e-12)
    #expect(tolerance > 0 && tolerance < 1e-7)
    // The wide request case's first level (301,000,001 units for its top
    // pupil) leaves the default's 0.03 units of slack: not tightened.
    let input = Self.requestCase(topPriority: 1_000_000)
    let candidates = CandidateSet(case: input)
    let unplaced = input.pupils.indices.map {
      Double(candidates.unplacedUnits($0, priority: input.pupils[$0].priority))
    }
    #expect(unplaced.max() == 301_000_001)
    #expect(LexicographicLP.dualTolerance(unplaced) == nil)
  }

  @Test("an ordinary case skips the check when nothing after the solve is asked for")
  func ordinaryCaseUnchecked() throws {
    let input = Self.requestCase(topPriority: 3)
    let candidates = CandidateSet(case: input)
    #expect(!AllocationRun.needsOptimalityCheck(case: input, candidates: candidates))
  }
}
