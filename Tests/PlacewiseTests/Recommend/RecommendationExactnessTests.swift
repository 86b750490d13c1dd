import PlacewiseTestSupport
import Testing

@testable import Placewise

/// Random options files for random tiny cases, and the best set found by
/// enumerating every allowed set: the oracle `recommend` is checked against.
enum RandomOptions {
  /// The needs options designate settings for and add places with.
  private static let needs: [NeedCode] = [.asd, .slcn, .semh, .sld]

  /// A random options file: one to four groups, up to eight options in all,
  /// each one or two rows. A group owning a setting of the case adds places
  /// to it (with or without a need), removes some, or closes it; the others
  /// open a new setting in one of several sizes. Groups of one option
  /// sometimes name no group. With `crossGroups`, an option now and then
  /// also changes a setting an earlier group owns (when no option of that
  /// group closes it): places added with a need or removed, so that several
  /// groups change one setting's places and designations.
  static func file(
    for input: Case, seed: UInt64, openingTravel: inout TravelMatrix, openings: inout [URN], crossGroups: Bool = false
  ) -> Plan {
    var rng = SeededGenerator(seed: seed)
    var closed = Set<URN>()
    var rows: [PlanRow] = []
    var line = 2
    var optionCount = 0
    let groupCount = Int.random(in: 1...4, using: &rng)
    for g in 0..<groupCount where optionCount < 8 {
      let size = min(Int.random(in: 1...3, using: &rng), 8 - optionCount)
      let groupName: String? = size == 1 && Bool.random(using: &rng) ? nil : "g\(g)"
      let owned = g < input.settings.count ? input.settings[g] : nil
      let newURN = URN("N\(g)")
      if owned == nil {
        openings.append(newURN)
        if input.travel != nil {
          let index = openings.count - 1
          for p in input.pupils.indices where Int.random(in: 0..<3, using: &rng) > 0 {
            openingTravel.append(pupil: p, setting: index, minutes: Double(Int.random(in: 0...400, using: &rng)) / 10)
          }
        }
      }
      let designated: EnumSet<NeedCode> = {
        var set = EnumSet<NeedCode>()
        for need in needs where Bool.random(using: &rng) { set.insert(need) }
        return set
      }()
      let place = (Double(Int.random(in: 0...12_000, using: &rng)), Double(Int.random(in: 0...12_000, using: &rng)))
      for k in 0..<size {
        optionCount += 1
        let id = "o\(optionCount)"
        let capital = Double(Int.random(in: 0...10, using: &rng) * 1000)
        let annual = Double(Int.random(in: 0...3, using: &rng) * 100)
        let actions = optionActions(
          group: g, option: k, owned: owned, newURN: newURN, place: place, designated: designated, input: input,
          crossGroups: crossGroups, closed: &closed, rng: &rng)
        for (a, action) in actions.enumerated() {
          rows.append(
            PlanRow(
              line: line, action: action, capitalCost: a == 0 ? capital : 0, annualCost: a == 0 ? annual : 0,
              option: id, group: groupName))
          line += 1
        }
      }
    }
    // Rows of different options interleave in file order now and then.
    if rows.count > 2 && Bool.random(using: &rng) {
      rows.swapAt(0, rows.count - 1)
      for i in rows.indices { rows[i].line = i + 2 }
    }
    return Plan(name: "options", file: "options.csv", rows: rows, columns: [:])
  }

  /// The actions of option `k` of group `g`: a change to the setting the
  /// group owns (a closure, places removed, or places added with or without
  /// a need, now and then with one place more for a need), or else a new
  /// setting; with `crossGroups`, now and then a change to a setting an
  /// earlier group owns too.
  private static func optionActions(
    group g: Int, option k: Int, owned: Setting?, newURN: URN, place: (Double, Double),
    designated: EnumSet<NeedCode>, input: Case, crossGroups: Bool, closed: inout Set<URN>,
    rng: inout SeededGenerator
  ) -> [PlanAction] {
    var actions: [PlanAction] = []
    if let owned {
      switch Int.random(in: 0..<6, using: &rng) {
      // A closure that displaces pupils on roll is not an option recommend takes.
      case 0 where owned.onRoll == 0 || owned.kind == .mainstream:
        actions.append(.closeSetting(urn: owned.urn))
        closed.insert(owned.urn)
      case 1 where owned.capacity > 0:
        actions.append(
          .addPlaces(urn: owned.urn, places: -Int.random(in: 1...owned.capacity, using: &rng), need: nil))
      default:
        let need = Bool.random(using: &rng) ? needs.randomElement(using: &rng) : nil
        actions.append(.addPlaces(urn: owned.urn, places: Int.random(in: 1...4, using: &rng), need: need))
      }
      if Int.random(in: 0..<4, using: &rng) == 0, case .addPlaces = actions[0] {
        actions.append(.addPlaces(urn: owned.urn, places: 1, need: needs.randomElement(using: &rng)))
      }
    } else {
      let setting = Setting(
        urn: newURN, name: "New \(g)", kind: .special, easting: place.0, northing: place.1, lowAge: 4,
        highAge: 16, capacity: k + 1 + Int.random(in: 0...1, using: &rng), needs: designated,
        needPlaces: g % 2 == 0 ? [needs[g % needs.count]: 1] : [:])
      actions.append(.newSetting(setting))
    }
    if crossGroups, g > 0, Int.random(in: 0..<2, using: &rng) == 0 {
      let other = input.settings[Int.random(in: 0..<min(g, input.settings.count), using: &rng)]
      if !closed.contains(other.urn) {
        if other.capacity > 0 && Bool.random(using: &rng) {
          actions.append(.addPlaces(urn: other.urn, places: -1, need: nil))
        } else {
          actions.append(
            .addPlaces(
              urn: other.urn, places: Int.random(in: 1...3, using: &rng), need: needs.randomElement(using: &rng)))
        }
      }
    }
    return actions
  }

  /// Every allowed set, by enumeration over the groups, each allocated with
  /// the plain LP on the case the contract's words make (`RandomPlans.applied`).
  static func everySet(_ input: RecommendationInput, openingTravel: TravelMatrix, openings: [URN]) throws
    -> [EvaluatedSet]
  {
    var sets: [EvaluatedSet] = []
    var choice = [Int](repeating: -1, count: input.groups.count)
    func next() -> Bool {
      for g in choice.indices.reversed() {
        if choice[g] + 1 < input.groups[g].count {
          choice[g] += 1
          return true
        }
        choice[g] = -1
      }
      return false
    }
    repeat {
      var chosen = [Bool](repeating: false, count: input.options.count)
      for (g, c) in choice.enumerated() where c >= 0 { chosen[input.groups[g][c]] = true }
      let plan = input.plan(choosing: chosen)
      guard Self.applies(plan, to: input.input) else { continue }
      let changed = RandomPlans.applied(plan, to: input.input, openingTravel: openingTravel, openings: openings)
      let candidates = CandidateSet(case: changed)
      let allocation = try Allocator.allocate(
        changed, candidates: candidates, options: AllocationOptions(method: .plainLP))
      let summary = AllocationSummary(case: changed, candidates: candidates, allocation: allocation)
      var capital = 0.0
      var annual = 0.0
      for (o, option) in input.options.enumerated() where chosen[o] {
        capital += option.capitalCost
        annual += option.annualCost
      }
      var set = EvaluatedSet(
        chosen: chosen, unmetPriority: summary.unmetPriority, placementCost: summary.placementCost,
        capitalCost: capital, annualCost: annual)
      set.requestsRefused = summary.requestsRefused
      sets.append(set)
    } while next()
    return sets
  }

  /// Whether a plan's rows apply in order (no capacity below 0, every URN a setting).
  static func applies(_ plan: Plan, to input: Case) -> Bool {
    var capacity = Dictionary(uniqueKeysWithValues: input.settings.map { ($0.urn, $0.capacity) })
    for row in plan.rows {
      switch row.action {
      case .addPlaces(let urn, let places, _):
        guard let c = capacity[urn], c + places >= 0 else { return false }
        capacity[urn] = c + places
      case .newSetting(let setting):
        guard capacity[setting.urn] == nil else { return false }
        capacity[setting.urn] = setting.capacity
      case .closeSetting(let urn):
        guard capacity.removeValue(forKey: urn) != nil else { return false }
      }
    }
    return true
  }

  /// The contract's choice among `sets`, written apart from the search's
  /// comparison: sort by (U, then the two `then` levels, annual cost), ties
  /// to the set leaving out the earliest-listed option where they differ.
  static func best(
    _ sets: [EvaluatedSet], budget: Double, annualBudget: Double?, then: RecommendationOrder, years: Double = 5
  ) -> EvaluatedSet? {
    let slack = 1e-6
    let allowed = sets.filter {
      $0.capitalCost <= budget + slack && $0.annualCost <= (annualBudget ?? .infinity) + slack
    }
    return allowed.min { a, b in
      if a.unmetPriority != b.unmetPriority { return a.unmetPriority < b.unmetPriority }
      if a.requestsRefused != b.requestsRefused { return a.requestsRefused < b.requestsRefused }
      func wholeLife(_ x: EvaluatedSet) -> Double { x.capitalCost + years * (x.annualCost + x.placementCost) }
      let levels: [(Double, Double)] =
        switch then {
        case .capital:
          [(a.capitalCost, b.capitalCost), (a.placementCost, b.placementCost), (a.annualCost, b.annualCost)]
        case .travel:
          [(a.placementCost, b.placementCost), (a.capitalCost, b.capitalCost), (a.annualCost, b.annualCost)]
        case .wholeLife:
          [(wholeLife(a), wholeLife(b)), (a.capitalCost, b.capitalCost), (a.annualCost, b.annualCost)]
        }
      for (x, y) in levels where abs(x - y) > slack { return x < y }
      for (x, y) in zip(a.chosen, b.chosen) where x != y { return !x }
      return false
    }
  }
}

@Suite("recommend: the best set of options against enumeration of every allowed set")
struct RecommendationExactnessTests {
  @Test(
    "random tiny cases where requests compete (case format 2): the best set equals enumeration of (U, R, ...)",
    arguments: [UInt64(0), 55])
  func lawAgainstEnumeration(firstSeed: UInt64) throws {
    var wrong: [String] = []
    var refusedOptions = 0
    var rDecides = 0
    var checked = 0
    for seed in firstSeed..<(firstSeed + 55) {
      // Requests that compete with journeys, so that adding places can meet
      // a protected request without placing anyone more.
      let input = RandomLawCases.contestedRequests(seed: seed &* 7 &+ 1)
      var openingTravel = TravelMatrix()
      var openings: [URN] = []
      let file = RandomOptions.file(for: input, seed: seed, openingTravel: &openingTravel, openings: &openings)
      let base = CaseWithOpenings(input: input, openingTravel: openingTravel, openings: openings)
      guard let options = try? RecommendationInput.make(file, base: base) else {
        refusedOptions += 1
        continue
      }
      let sets = try RandomOptions.everySet(options, openingTravel: openingTravel, openings: openings)
      let total = options.options.reduce(0) { $0 + $1.capitalCost }
      for then in [RecommendationOrder.capital, .travel] {
        for budget in [total * 0.5, total + 1000] {
          let criteria = RecommendationCriteria(budget: budget, annualBudget: nil, then: then)
          let result = try Recommendation.run(options, criteria: criteria)
          checked += 1
          guard let expected = RandomOptions.best(sets, budget: budget, annualBudget: nil, then: then) else { continue }
          let sameU = sets.filter { $0.unmetPriority == expected.unmetPriority }
          if Set(sameU.map(\.requestsRefused)).count > 1 { rDecides += 1 }
          if !Self.same(result.best, expected) || result.best.requestsRefused != expected.requestsRefused {
            wrong.append(
              "seed \(seed) \(then) budget \(budget): got \(Self.text(result.best)) R \(result.best.requestsRefused), "
                + "want \(Self.text(expected)) R \(expected.requestsRefused)")
          }
        }
      }
    }
    #expect(wrong.isEmpty, "\(wrong.count) wrong: \(wrong.prefix(5))")
    #expect(checked >= 120, "\(checked) searches checked (\(refusedOptions) options files refused)")
    #expect(rDecides >= 10, "\(rDecides) searches where sets of the best U differ in R")
  }

  @Test(
    "whole-life cost in pounds: the best set and the frontier at every budget equal enumeration on 220 random tiny cases",
    arguments: [UInt64(0), 55, 110, 165])
  func wholeLifeAgainstEnumeration(firstSeed: UInt64) throws {
    var wrong: [String] = []
    var checked = 0
    var lifeDecides = 0
    for seed in firstSeed..<(firstSeed + 55) {
      var input = RandomCases.tiny(seed: seed &* 37 &+ 11)
      input.policy.costUnit = .pounds
      input.policy.poundsPerMinute = Double(50 + Int(seed % 7) * 40)
      for s in input.settings.indices {
        input.settings[s].costPerPlace = Double(20_000 + (s * 7_919 + Int(seed)) % 40_000)
      }
      var openingTravel = TravelMatrix()
      var openings: [URN] = []
      let file = RandomOptions.file(for: input, seed: seed, openingTravel: &openingTravel, openings: &openings)
      let base = CaseWithOpenings(input: input, openingTravel: openingTravel, openings: openings)
      guard let options = try? RecommendationInput.make(file, base: base) else { continue }
      let sets = try RandomOptions.everySet(options, openingTravel: openingTravel, openings: openings)
      let total = options.options.reduce(0) { $0 + $1.capitalCost }
      let years = Double(1 + Int(seed % 10))
      let criteria = RecommendationCriteria(budget: total * 0.6, then: .wholeLife, years: years)
      let result = try Recommendation.run(options, criteria: criteria, frontierSteps: 4)
      checked += 1
      for row in [(criteria.budget, result.best)] + (result.frontier ?? []).map({ ($0.budget, $0.set) }) {
        guard let expected = RandomOptions.best(sets, budget: row.0, annualBudget: nil, then: .wholeLife, years: years)
        else { continue }
        let byCapital = RandomOptions.best(sets, budget: row.0, annualBudget: nil, then: .capital)
        if byCapital?.chosen != expected.chosen { lifeDecides += 1 }
        if !Self.same(row.1, expected) || row.1.requestsRefused != expected.requestsRefused {
          wrong.append(
            "seed \(seed) budget \(row.0) years \(years): got \(Self.text(row.1)), want \(Self.text(expected))")
        }
      }
    }
    #expect(wrong.isEmpty, "\(wrong.count) wrong: \(wrong.prefix(5))")
    #expect(checked >= 50, "\(checked) searches")
    #expect(lifeDecides >= 10, "\(lifeDecides) budgets where whole-life cost picks another set than capital would")
  }

  @Test("random tiny cases: best set and frontier equal enumeration", arguments: [UInt64(0), 55, 110, 165])
  func againstEnumeration(firstSeed: UInt64) throws {
    var wrong: [String] = []
    var binding = 0
    var changed = 0
    var checked = 0
    for seed in firstSeed..<(firstSeed + 55) {
      let input = RandomCases.tiny(seed: seed &* 31 &+ 5)
      var openingTravel = TravelMatrix()
      var openings: [URN] = []
      let file = RandomOptions.file(for: input, seed: seed, openingTravel: &openingTravel, openings: &openings)
      let base = CaseWithOpenings(input: input, openingTravel: openingTravel, openings: openings)
      let options = try RecommendationInput.make(file, base: base)
      let sets = try RandomOptions.everySet(options, openingTravel: openingTravel, openings: openings)
      var rng = SeededGenerator(seed: seed &+ 1000)
      let total = options.options.reduce(0) { $0 + $1.capitalCost }
      let totalAnnual = options.options.reduce(0) { $0 + $1.annualCost }
      let budget = [0, total * 0.3, total * 0.6, total + 1000].randomElement(using: &rng) ?? total
      let annualBudget: Double? = Bool.random(using: &rng) ? (totalAnnual * 0.5).rounded() : nil
      for then in [RecommendationOrder.capital, .travel] {
        let criteria = RecommendationCriteria(budget: budget, annualBudget: annualBudget, then: then)
        let result = try Recommendation.run(options, criteria: criteria, frontierSteps: 4)
        checked += 1
        let unlimited = try #require(
          RandomOptions.best(sets, budget: .infinity, annualBudget: nil, then: then))
        if let expected = RandomOptions.best(sets, budget: budget, annualBudget: annualBudget, then: then) {
          if expected.unmetPriority > unlimited.unmetPriority { binding += 1 }
          if expected.chosen.contains(true) { changed += 1 }
          if !Self.same(result.best, expected) {
            wrong.append(
              "seed \(seed) \(then) budget \(budget): got \(Self.text(result.best)), want \(Self.text(expected))")
          }
        }
        for row in result.frontier ?? [] {
          guard let expected = RandomOptions.best(sets, budget: row.budget, annualBudget: annualBudget, then: then),
            Self.same(row.set, expected)
          else {
            wrong.append("seed \(seed) \(then) frontier budget \(row.budget): got \(Self.text(row.set))")
            continue
          }
        }
        if result.frontier?.count != 5 { wrong.append("seed \(seed): frontier of \(result.frontier?.count ?? 0) rows") }
      }
    }
    #expect(wrong.isEmpty, "\(wrong.count) wrong: \(wrong.prefix(5))")
    #expect(checked == 110)
    // The cases must exercise the search: budgets that bind, sets that win.
    #expect(binding > 5, "budgets that bind: \(binding)")
    #expect(changed > 10, "best sets taking an option: \(changed)")
  }

  static func same(_ a: EvaluatedSet, _ b: EvaluatedSet) -> Bool {
    a.chosen == b.chosen && a.unmetPriority == b.unmetPriority && abs(a.placementCost - b.placementCost) < 1e-6
      && a.capitalCost == b.capitalCost && a.annualCost == b.annualCost
  }

  static func text(_ set: EvaluatedSet) -> String {
    let ids = set.chosen.enumerated().filter(\.element).map { "o\($0.offset)" }
    return "\(ids) U \(set.unmetPriority) C \(set.placementCost) K \(set.capitalCost) A \(set.annualCost)"
  }
}
