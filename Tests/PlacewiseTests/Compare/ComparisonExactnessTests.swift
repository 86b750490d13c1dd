import PlacewiseTestSupport
import Testing

@testable import Placewise

/// Random plans for random cases, and the contract's plan rules applied
/// again here, written apart from `PlanApplication`, as the oracle's input.
enum RandomPlans {
  /// Up to three rows touching the case's settings: places added or removed
  /// (with or without a need), a setting opened (with journeys when the case
  /// has a travel matrix), a setting closed.
  static func plan(
    for input: Case, seed: UInt64, name: String, openingTravel: inout TravelMatrix, openings: inout [URN]
  ) -> Plan {
    var rng = SeededGenerator(seed: seed)
    var urns = input.settings.map(\.urn)
    var capacity = Dictionary(uniqueKeysWithValues: input.settings.map { ($0.urn, $0.capacity) })
    var rows: [PlanRow] = []
    let needs: [NeedCode] = [.asd, .slcn, .semh, .sld]
    for line in 2..<(2 + Int.random(in: 1...3, using: &rng)) {
      switch Int.random(in: 0..<5, using: &rng) {
      case 0, 1:
        guard let urn = urns.randomElement(using: &rng) else { continue }
        var places = Int.random(in: -2...4, using: &rng)
        if places == 0 { places = 3 }
        if (capacity[urn] ?? 0) + places < 0 { places = -(capacity[urn] ?? 0) }
        guard places != 0 else { continue }
        // A negative change with a need could take a cap below 0: only rises carry one.
        let need = places > 0 && Bool.random(using: &rng) ? needs.randomElement(using: &rng) : nil
        capacity[urn, default: 0] += places
        rows.append(PlanRow(line: line, action: .addPlaces(urn: urn, places: places, need: need)))
      case 2:
        let urn = URN("\(name)-new-\(line)")
        var designated = EnumSet<NeedCode>()
        for need in needs where Bool.random(using: &rng) { designated.insert(need) }
        let setting = Setting(
          urn: urn, name: "New \(line)", kind: [.special, .resourced].randomElement(using: &rng) ?? .special,
          easting: Double(Int.random(in: 0...12_000, using: &rng)),
          northing: Double(Int.random(in: 0...12_000, using: &rng)), lowAge: 4, highAge: 16,
          capacity: Int.random(in: 1...6, using: &rng), needs: designated,
          needPlaces: Bool.random(using: &rng) ? [needs.randomElement(using: &rng) ?? .asd: 2] : [:])
        rows.append(PlanRow(line: line, action: .newSetting(setting), capitalCost: 1000))
        urns.append(urn)
        capacity[urn] = setting.capacity
        if input.travel != nil {
          openings.append(urn)
          let index = openings.count - 1
          for p in input.pupils.indices where Int.random(in: 0..<3, using: &rng) > 0 {
            openingTravel.append(pupil: p, setting: index, minutes: Double(Int.random(in: 0...600, using: &rng)) / 10)
          }
        }
      default:
        guard urns.count > 1, let urn = urns.randomElement(using: &rng) else { continue }
        urns.removeAll { $0 == urn }
        rows.append(PlanRow(line: line, action: .closeSetting(urn: urn)))
      }
    }
    return Plan(name: name, file: name + ".csv", rows: rows)
  }

  /// The changed case, by the contract's words, from the case and the
  /// journeys listed for opened URNs.
  static func applied(_ plan: Plan, to input: Case, openingTravel: TravelMatrix, openings: [URN]) -> Case {
    var settings = input.settings
    for row in plan.rows {
      switch row.action {
      case .addPlaces(let urn, let places, let need):
        guard let s = settings.firstIndex(where: { $0.urn == urn }) else { continue }
        settings[s].capacity += places
        if let need {
          if !settings[s].needs.isEmpty { settings[s].needs.insert(need) }
          if let cap = settings[s].needPlaces[need] { settings[s].needPlaces[need] = cap + places }
        }
      case .newSetting(let setting):
        settings.append(setting)
      case .closeSetting(let urn):
        settings.removeAll { $0.urn == urn }
      }
    }
    var changed = input
    changed.settings = settings
    // Case format 2: the closed settings' pupils on roll join the batch, in roll order.
    let kept = Set(settings.map(\.urn))
    let displaced = input.roll.filter { !kept.contains(input.settings[$0.setting].urn) }
    changed.pupils += displaced.map(\.pupil)
    if let travel = input.travel {
      var matrix = TravelMatrix()
      for k in 0..<travel.count {
        let urn = input.settings[Int(travel.setting[k])].urn
        if let s = settings.firstIndex(where: { $0.urn == urn }) {
          matrix.append(pupil: Int(travel.pupil[k]), setting: s, minutes: travel.minutes[k])
        }
      }
      for k in 0..<openingTravel.count {
        let urn = openings[Int(openingTravel.setting[k])]
        if let s = settings.firstIndex(where: { $0.urn == urn }) {
          matrix.append(pupil: Int(openingTravel.pupil[k]), setting: s, minutes: openingTravel.minutes[k])
        }
      }
      changed.travel = matrix
    }
    return changed
  }

  /// A comparison's input built in memory as `Comparison.read` builds it from files.
  static func comparison(_ input: Case, plans: [Plan], openingTravel: TravelMatrix, openings: [URN]) throws
    -> ComparisonInput
  {
    let base = CaseWithOpenings(input: input, openingTravel: openingTravel, openings: openings)
    var cases = [PlannedCase(plan: nil, name: "baseline", input: input, origin: Array(input.settings.indices))]
    var problems = ProblemList(limit: 200)
    for plan in plans {
      // Journeys pending, as Comparison.read leaves them: Comparison.run attaches them.
      let planned = try #require(
        PlanApplication.apply(plan, to: base, problems: &problems, journeys: false), "\(problems.error())")
      cases.append(planned)
    }
    return ComparisonInput(base: base, cases: cases)
  }
}

@Suite("compare: every plan's optimum, warm-started, against an independent solve")
struct ComparisonExactnessTests {
  @Test(
    "tiny cases: each plan's (U, C) equals brute-force enumeration of the changed case", arguments: [UInt64(0), 60])
  func tinyAgainstBruteForce(firstSeed: UInt64) throws {
    var wrong: [String] = []
    var improved = 0
    for seed in firstSeed..<(firstSeed + 60) {
      let input = RandomCases.tiny(seed: seed)
      var openingTravel = TravelMatrix()
      var openings: [URN] = []
      let plans = (0..<3).map {
        RandomPlans.plan(
          for: input, seed: seed * 7 + UInt64($0), name: "p\($0)", openingTravel: &openingTravel, openings: &openings)
      }
      let comparison = try RandomPlans.comparison(input, plans: plans, openingTravel: openingTravel, openings: openings)
      let outcomes = try Comparison.run(comparison, render: { _ in 0 })
      for (i, plan) in plans.enumerated() {
        let oracle = BruteForce.solve(
          RandomPlans.applied(plan, to: input, openingTravel: openingTravel, openings: openings))
        let got = outcomes[i + 1].summary
        if got.unmetPriority < outcomes[0].summary.unmetPriority { improved += 1 }
        if got.unmetPriority != oracle.unmetPriority || abs(got.placementCost - oracle.placementCost) > 1e-6 {
          wrong.append("seed \(seed) plan \(i): \(got.unmetPriority), \(got.placementCost); oracle \(oracle)")
        }
      }
    }
    #expect(wrong.isEmpty, "\(wrong.prefix(5))")
    #expect(improved > 5, "plans that change the optimum: \(improved)")
  }

  @Test("medium cases: warm-started plans equal the plain LP on the changed case", arguments: [UInt64(0), 25])
  func mediumAgainstPlainLP(firstSeed: UInt64) throws {
    var wrong: [String] = []
    for seed in firstSeed..<(firstSeed + 25) {
      let input = RandomCases.medium(seed: seed)
      var openingTravel = TravelMatrix()
      var openings: [URN] = []
      let plans = (0..<4).map {
        RandomPlans.plan(
          for: input, seed: seed * 11 + UInt64($0), name: "p\($0)", openingTravel: &openingTravel,
          openings: &openings)
      }
      let comparison = try RandomPlans.comparison(input, plans: plans, openingTravel: openingTravel, openings: openings)
      let outcomes = try Comparison.run(comparison, render: { _ in 0 })
      for (i, plan) in plans.enumerated() {
        let changed = RandomPlans.applied(plan, to: input, openingTravel: openingTravel, openings: openings)
        let candidates = CandidateSet(case: changed)
        let reference = try Allocator.allocate(
          changed, candidates: candidates, options: AllocationOptions(method: .plainLP))
        let expected = AllocationSummary(case: changed, candidates: candidates, allocation: reference)
        let got = outcomes[i + 1].summary
        if got.unmetPriority != expected.unmetPriority
          || abs(got.placementCost - expected.placementCost) > 1e-6 * (1 + expected.placementCost)
          || got.placed != expected.placed
        {
          wrong.append("seed \(seed) plan \(i): \(got.unmetPriority), \(got.placementCost); plain LP \(expected)")
        }
      }
    }
    #expect(wrong.isEmpty, "\(wrong.prefix(5))")
  }
}
