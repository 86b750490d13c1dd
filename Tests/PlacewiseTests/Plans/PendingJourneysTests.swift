import PlacewiseTestSupport
import Testing

@testable import Placewise

@Suite("A plan's journeys attached later equal those derived at once")
struct PendingJourneysTests {
  @Test("random plans on random cases with travel.csv: attachJourneys gives apply's journeys")
  func attachedLaterEqualsAtOnce() throws {
    var compared = 0
    for seed in UInt64(0)..<120 {
      let input = RandomCases.medium(seed: seed)
      guard input.travel != nil else { continue }
      var openingTravel = TravelMatrix()
      var openings: [URN] = []
      let plans = (0..<3).map {
        RandomPlans.plan(
          for: input, seed: seed * 17 + UInt64($0), name: "p\($0)", openingTravel: &openingTravel,
          openings: &openings)
      }
      let base = CaseWithOpenings(input: input, openingTravel: openingTravel, openings: openings)
      for plan in plans {
        var problems = ProblemList(limit: 200)
        let atOnce = try #require(PlanApplication.apply(plan, to: base, problems: &problems))
        var later = try #require(PlanApplication.apply(plan, to: base, problems: &problems, journeys: false))
        #expect(!atOnce.journeysPending && later.journeysPending && later.input.travel == nil)
        PlanApplication.attachJourneys(&later, base: base)
        let a = try #require(atOnce.input.travel)
        let b = try #require(later.input.travel)
        #expect(!later.journeysPending)
        #expect(a.pupil == b.pupil && a.setting == b.setting && a.minutes == b.minutes, "seed \(seed) \(plan.name)")
        // And they are the contract's journeys, derived apart in RandomPlans.applied.
        let oracle = try #require(
          RandomPlans.applied(plan, to: input, openingTravel: openingTravel, openings: openings).travel)
        #expect(
          Set(zip(zip(b.pupil, b.setting), b.minutes).map { "\($0.0) \($0.1) \($1)" })
            == Set(zip(zip(oracle.pupil, oracle.setting), oracle.minutes).map { "\($0.0) \($0.1) \($1)" }))
        compared += 1
      }
    }
    #expect(compared > 50, "\(compared) plans compared")
  }
}
