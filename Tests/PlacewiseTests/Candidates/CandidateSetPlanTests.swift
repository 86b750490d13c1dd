import PlacewiseTestSupport
import Testing

@testable import Placewise

@Suite("CandidateSet and BlockedPairs for a plan: reused rows equal a full rebuild")
struct CandidateSetPlanTests {
  /// Every array of two candidate sets, compared exactly.
  private func same(_ a: CandidateSet, _ b: CandidateSet) -> Bool {
    a.offsets == b.offsets && a.setting == b.setting && a.minutes == b.minutes && a.rank == b.rank
      && a.penalty == b.penalty && a.eligibleCount == b.eligibleCount
  }

  @Test(
    "random plans on random cases (with and without travel.csv): the incremental sets equal init(case:)",
    arguments: [UInt64(0), 100])
  func incrementalEqualsFullRebuild(firstSeed: UInt64) throws {
    var wrong: [String] = []
    var reused = 0
    var rebuilt = 0
    var withTravel = 0
    var renumbered = 0
    var wrongBlocked: [String] = []
    var blockedPairs = 0
    for seed in firstSeed..<(firstSeed + 100) {
      var input = seed % 4 == 3 ? RandomCases.tiny(seed: seed) : RandomCases.medium(seed: seed)
      // Some pupils name settings the plans may open (new URNs follow
      // RandomPlans' pattern), so that an opening can meet a preference.
      var rng = SeededGenerator(seed: seed ^ 0xABCD)
      for p in input.pupils.indices where Int.random(in: 0..<4, using: &rng) == 0 {
        let urn = URN("p\(Int.random(in: 0..<3, using: &rng))-new-\(Int.random(in: 2...4, using: &rng))")
        input.pupils[p].preferences.insert(urn, at: Int.random(in: 0...input.pupils[p].preferences.count, using: &rng))
      }
      var openingTravel = TravelMatrix()
      var openings: [URN] = []
      let plans = (0..<3).map {
        RandomPlans.plan(
          for: input, seed: seed * 13 + UInt64($0), name: "p\($0)", openingTravel: &openingTravel,
          openings: &openings)
      }
      let comparison = try RandomPlans.comparison(input, plans: plans, openingTravel: openingTravel, openings: openings)
      let base = CandidateSet(case: input)
      let baseBlocked = BlockedPairs(case: input)
      for var planned in comparison.cases.dropFirst() {
        PlanApplication.attachJourneys(&planned, base: comparison.base)
        let full = CandidateSet(case: planned.input)
        let incremental = CandidateSet(case: planned.input, reusing: base, of: input, origin: planned.origin)
        if !same(full, incremental) { wrong.append("seed \(seed) plan \(planned.name)") }
        // The blocked pairs (place values' arcs into full settings) likewise.
        let delta = try #require(PlanDelta(planned: planned.input, base: input, origin: planned.origin))
        let fullBlocked = BlockedPairs(case: planned.input)
        let reusedBlocked = BlockedPairs(case: planned.input, reusing: baseBlocked, delta: delta)
        if fullBlocked.offsets != reusedBlocked.offsets || fullBlocked.setting != reusedBlocked.setting
          || fullBlocked.minutes != reusedBlocked.minutes || fullBlocked.rank != reusedBlocked.rank
        {
          wrongBlocked.append("seed \(seed) plan \(planned.name)")
        }
        blockedPairs += fullBlocked.setting.count
        let touched = PlanDelta.touchedPupils(planned.input, input, origin: planned.origin)
        rebuilt += touched.filter { $0 }.count
        reused += touched.filter { !$0 }.count
        if input.travel != nil { withTravel += 1 }
        if planned.origin.enumerated().contains(where: { $0.element >= 0 && $0.element != $0.offset }) {
          renumbered += 1
        }
      }
    }
    #expect(wrong.isEmpty, "\(wrong.prefix(5))")
    #expect(wrongBlocked.isEmpty, "\(wrongBlocked.prefix(5))")
    #expect(blockedPairs > 500, "blocked pairs compared: \(blockedPairs)")
    // The cases exercise both paths, journeys from travel.csv and closures.
    #expect(reused > 1000 && rebuilt > 1000, "reused \(reused), rebuilt \(rebuilt)")
    #expect(withTravel > 20 && renumbered > 20, "with travel \(withTravel), renumbered \(renumbered)")
  }

  @Test("a plan that changes nothing rebuilds no pupil; a different policy is built from scratch")
  func nothingTouched() throws {
    let input = RandomCases.medium(seed: 7)
    let base = CandidateSet(case: input)
    let origin = Array(input.settings.indices)
    #expect(!PlanDelta.touchedPupils(input, input, origin: origin).contains(true))
    #expect(same(CandidateSet(case: input, reusing: base, of: input, origin: origin), base))
    var other = input
    other.policy.unlistedPenalty += 7
    #expect(
      same(CandidateSet(case: other, reusing: base, of: input, origin: origin), CandidateSet(case: other)))
  }
}
