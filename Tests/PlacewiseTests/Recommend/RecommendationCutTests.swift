import PlacewiseTestSupport
import Testing

@testable import Placewise

/// The cuts the master MIP of `recommend` keeps, checked one by one against
/// enumeration, and the whole search on options files where several groups
/// change one setting (the cuts' inexact capacity shapes).
@Suite("recommend: cuts from the allocation's potentials against enumeration")
struct RecommendationCutTests {
  /// A random options file with groups crossing, its case and every allowed set.
  struct Instance {
    var options: RecommendationInput
    var sets: [EvaluatedSet]
  }

  static func instance(seed: UInt64, medium: Bool = false) throws -> Instance {
    var input = medium ? RandomCases.medium(seed: seed &* 13 &+ 1) : RandomCases.tiny(seed: seed &* 17 &+ 3)
    var openingTravel = TravelMatrix()
    var openings: [URN] = []
    let file = RandomOptions.file(
      for: input, seed: seed, openingTravel: &openingTravel, openings: &openings, crossGroups: true)
    // Parents asking for a school an option opens, some beyond their journey
    // limit (a preference is exempt from it).
    var rng = SeededGenerator(seed: seed &+ 99)
    for p in input.pupils.indices where !openings.isEmpty && Int.random(in: 0..<3, using: &rng) == 0 {
      let urn = openings[Int.random(in: 0..<openings.count, using: &rng)]
      let position = Int.random(in: 0...input.pupils[p].preferences.count, using: &rng)
      input.pupils[p].preferences.insert(urn, at: position)
      if Bool.random(using: &rng) { input.pupils[p].maxTravelMinutes = 1 }
    }
    let base = CaseWithOpenings(input: input, openingTravel: openingTravel, openings: openings)
    let options = try RecommendationInput.make(file, base: base)
    let sets = try RandomOptions.everySet(options, openingTravel: openingTravel, openings: openings)
    return Instance(options: options, sets: sets)
  }

  @Test(
    "every cut bounds U (and C among sets with the same U) from below at every allowed set, exact at its own",
    arguments: [(UInt64(0), false), (40, false), (900, true)])
  func cutsAreValid(firstSeed: UInt64, medium: Bool) throws {
    var wrong: [String] = []
    var cutsChecked = 0
    var notExact = 0
    var costNotExact = 0
    var shapes: [String: Int] = [:]
    for seed in firstSeed..<(firstSeed + (medium ? 15 : 40)) {
      let instance = try Self.instance(seed: seed, medium: medium)
      let effects = try OptionEffects(instance.options)
      for form in effects.freePlaces.compactMap({ $0 }) {
        let name =
          switch form.shape {
          case .exact: "exact"
          case .freePlaces: form.neverNegative ? "places" : "places, may fall below 0"
          case .anyOf: "any of"
          }
        shapes[name, default: 0] += 1
      }
      for group in effects.arcGroups { shapes[group.form.shape == .anyOf ? "any of" : "arcs", default: 0] += 1 }
      let search = try RecommendationSearch(input: instance.options, options: AllocationOptions())
      for at in instance.sets {
        let evaluation = try #require(try search.evaluate(at.chosen))
        let cut = evaluation.cut
        cutsChecked += 1
        let own = evaluation.costCut(unmet: at.unmetPriority).bound(at.chosen)
        if abs(own - at.placementCost) > 1e-6 {
          wrong.append("seed \(seed): cost cut at \(at.chosen) gives \(own) there, C \(at.placementCost)")
        }
        if cut.bound(at.chosen) != Double(at.unmetPriority) {
          wrong.append("seed \(seed): cut at \(at.chosen) gives \(cut.bound(at.chosen)) there, U \(at.unmetPriority)")
        }
        for set in instance.sets {
          let bound = cut.bound(set.chosen)
          if bound > Double(set.unmetPriority) + 1e-9 {
            wrong.append("seed \(seed): cut at \(at.chosen) gives \(bound) at \(set.chosen), U \(set.unmetPriority)")
          }
          if bound < Double(set.unmetPriority) { notExact += 1 }
          // On the sets with the same U, the weighted cut bounds C.
          let costBound = evaluation.costCut(unmet: set.unmetPriority).bound(set.chosen)
          if costBound > set.placementCost + 1e-6 {
            wrong.append(
              "seed \(seed): cost cut at \(at.chosen) gives \(costBound) at \(set.chosen), C \(set.placementCost)")
          }
          if costBound < set.placementCost - 1e-6 { costNotExact += 1 }
          if bound != bound.rounded() { wrong.append("seed \(seed): slope not whole: \(cut.slopes)") }
        }
      }
    }
    #expect(wrong.isEmpty, "\(wrong.count) wrong: \(wrong.prefix(5))")
    #expect(cutsChecked > (medium ? 50 : 200), "cuts checked: \(cutsChecked)")
    // Every shape of capacity occurs: one group's, places and designations from several groups.
    for shape in ["exact", "places", "any of", "arcs"] + (medium ? [] : ["places, may fall below 0"]) {
      #expect(shapes[shape, default: 0] > 0, "capacity shapes: \(shapes)")
    }
    // Cuts that are exact everywhere would not show a cut is a bound at all.
    #expect(notExact > 20, "bounds strictly below U: \(notExact)")
    #expect(costNotExact > 20, "bounds strictly below C: \(costNotExact)")
  }

  @Test(
    "each arc group holds the pairs of its need at its setting in every set's case where it is open",
    arguments: [(UInt64(0), false), (60, false), (920, true)])
  func arcGroupsMatchEachCase(firstSeed: UInt64, medium: Bool) throws {
    var wrong: [String] = []
    var compared = 0
    for seed in firstSeed..<(firstSeed + (medium ? 10 : 40)) {
      let instance = try Self.instance(seed: seed, medium: medium)
      let effects = try OptionEffects(instance.options)
      for set in instance.sets {
        var problems = ProblemList(limit: 1)
        let plan = instance.options.plan(choosing: set.chosen)
        let planned = try #require(PlanApplication.apply(plan, to: instance.options.base, problems: &problems))
        let input = planned.input
        let candidates = CandidateSet(case: input)
        let blocked = BlockedPairs(case: input)
        for group in effects.arcGroups where group.form.value(set.chosen) >= 1 {
          let s = try #require(
            planned.origin.indices.first { s in
              let origin = planned.origin[s]
              return origin >= 0
                ? origin == group.setting
                : effects.openedNode(urn: input.settings[s].urn, chosen: set.chosen) == group.setting
            })
          var expected: [String] = []
          for (p, pupil) in input.pupils.enumerated() where pupil.primaryNeed == group.need {
            for pair in candidates.pairs(of: p) where candidates.setting[pair] == s {
              expected.append("\(p) \(candidates.cost(pair))")
            }
            for pair in blocked.pairs(of: p) where blocked.setting[pair] == s {
              let priced = candidates.price(
                p, pupil, setting: s, minutes: blocked.minutes[pair], rank: blocked.rank[pair], policy: input.policy)
              expected.append("\(p) \(priced.cost)")
            }
          }
          let found = zip(group.pupils, group.costs).map { "\($0) \($1)" }
          compared += 1
          if expected.sorted() != found.sorted() {
            wrong.append("seed \(seed) set \(set.chosen) node \(group.setting) \(group.need): \(found) vs \(expected)")
          }
        }
      }
    }
    #expect(wrong.isEmpty, "\(wrong.count) wrong: \(wrong.prefix(3))")
    #expect(compared > (medium ? 20 : 100), "groups compared: \(compared)")
  }

  @Test(
    "groups crossing: best set and frontier equal enumeration, both orders",
    arguments: [(UInt64(500), false), (555, false), (700, true)])
  func crossingGroupsAgainstEnumeration(firstSeed: UInt64, medium: Bool) throws {
    var wrong: [String] = []
    var binding = 0
    var masterSolves = 0
    var allocations = 0
    var enumerated = 0
    // Medium cases (up to 80 pupils) have places that fill only in part, so weaker cuts.
    for seed in firstSeed..<(firstSeed + (medium ? 20 : 55)) {
      let instance = try Self.instance(seed: seed, medium: medium)
      let sets = instance.sets
      var rng = SeededGenerator(seed: seed &+ 7)
      let total = instance.options.options.reduce(0) { $0 + $1.capitalCost }
      let budget = [0, total * 0.3, total * 0.6, total + 1000].randomElement(using: &rng) ?? total
      let annualBudget: Double? = Bool.random(using: &rng) ? 400 : nil
      for then in [RecommendationOrder.capital, .travel] {
        let criteria = RecommendationCriteria(budget: budget, annualBudget: annualBudget, then: then)
        let result = try Recommendation.run(instance.options, criteria: criteria, frontierSteps: 3)
        masterSolves += result.masterSolves
        allocations += result.allocationsSolved
        enumerated += sets.count
        let unlimited = try #require(RandomOptions.best(sets, budget: .infinity, annualBudget: nil, then: then))
        if let expected = RandomOptions.best(sets, budget: budget, annualBudget: annualBudget, then: then) {
          if expected.unmetPriority > unlimited.unmetPriority { binding += 1 }
          if !RecommendationExactnessTests.same(result.best, expected) {
            wrong.append(
              "seed \(seed) \(then) budget \(budget): got \(RecommendationExactnessTests.text(result.best)), "
                + "want \(RecommendationExactnessTests.text(expected))")
          }
        }
        for row in result.frontier ?? [] {
          let expected = RandomOptions.best(sets, budget: row.budget, annualBudget: annualBudget, then: then)
          if expected.map({ RecommendationExactnessTests.same(row.set, $0) }) != true {
            wrong.append("seed \(seed) \(then) frontier budget \(row.budget): got \(row.set.chosen)")
          }
        }
      }
    }
    #expect(wrong.isEmpty, "\(wrong.count) wrong: \(wrong.prefix(5))")
    #expect(binding > 5, "budgets that bind: \(binding)")
    // The master MIP ran, and proved optima without allocating every set.
    #expect(masterSolves > (medium ? 40 : 110))
    #expect(allocations < enumerated, "allocations \(allocations), sets \(enumerated)")
  }
}
