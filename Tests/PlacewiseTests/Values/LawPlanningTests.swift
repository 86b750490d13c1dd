import PlacewiseTestSupport
import Testing

@testable import Placewise

/// Place values and explanations under case format 2, against re-solving
/// the changed case: protected requests, young people, current settings,
/// agreed (over capacity too) and excluded placements, pounds, the
/// resources margin.
@Suite("Place values and explanations under case format 2, against re-solving")
struct LawPlanningTests {
  static func cases() -> [(label: String, input: Case)] {
    (UInt64(0)..<250).map { ("law \($0)", RandomLawCases.tiny(seed: $0)) }
      + (UInt64(0)..<150).map { ("contested \($0)", RandomLawCases.contestedRequests(seed: $0)) }
  }

  @Test("every place value's (ΔU, ΔR, ΔC) equals re-solving with one more place")
  func placeValues() throws {
    var wrong: [String] = []
    var requestGains = 0
    var rows = 0
    for (label, input) in Self.cases() {
      let candidates = CandidateSet(case: input)
      let allocation = try Allocator.allocate(input, candidates: candidates)
      let base = try PlanningOracle.optimum(input, candidates: candidates)
      for row in try PlaceValues.compute(case: input, candidates: candidates, allocation: allocation) {
        let changed =
          row.need.map { PlanningOracle.oneCapMore(input, setting: row.setting, need: $0) }
          ?? PlanningOracle.onePlaceMore(input, setting: row.setting)
        let expected = try PlanningOracle.optimum(changed) - base
        rows += 1
        if expected.unmet == 0 && expected.refused < 0 { requestGains += 1 }
        if !PlanningOracle.agree(row.change, expected) {
          wrong.append(
            "\(label) setting \(row.setting) \(row.need?.code ?? "-"): \(row.change), re-solving \(expected)")
        }
      }
    }
    #expect(wrong.isEmpty, "\(wrong.count) of \(rows) differ: \(wrong.prefix(5))")
    #expect(requestGains >= 10, "\(requestGains) rows where a place meets a protected request and places no one more")
  }

  @Test("every outcome is the contract's, and every cost to others equals re-solving with the request met")
  func explanations() throws {
    var wrong: [String] = []
    var counted: [FirstPreferenceOutcome: Int] = [:]
    for (label, input) in Self.cases() {
      let candidates = CandidateSet(case: input)
      let allocation = try Allocator.allocate(input, candidates: candidates)
      let base = try PlanningOracle.optimum(input, candidates: candidates)
      let explanations = try Explanations.compute(case: input, candidates: candidates, allocation: allocation)
      for (p, row) in explanations.pupils.enumerated() {
        let expected = Self.outcome(input, allocation: allocation, pupil: p)
        if let expected { counted[expected, default: 0] += 1 }
        if row.outcome != expected {
          wrong.append(
            "\(label) pupil \(p): \(String(describing: row.outcome)), expected \(String(describing: expected))")
          continue
        }
        guard row.outcome == .givenToOthers || row.outcome == .efficientUseOfResources,
          let f = row.firstPreferenceSetting
        else {
          if row.change != nil { wrong.append("\(label) pupil \(p): a change for \(String(describing: row.outcome))") }
          continue
        }
        let forced = try PlanningOracle.forcedOptimum(input, pupil: p, setting: f) - base
        guard let change = row.change, PlanningOracle.agree(change, forced) else {
          wrong.append("\(label) pupil \(p): \(String(describing: row.change)), re-solving \(forced)")
          continue
        }
        if change < .zero { wrong.append("\(label) pupil \(p): \(change) is below zero") }
        if row.text.isEmpty { wrong.append("\(label) pupil \(p): no sentence") }
      }
    }
    #expect(wrong.isEmpty, "\(wrong.count) differ: \(wrong.prefix(5))")
    for outcome in [FirstPreferenceOutcome.placementAgreed, .excluded, .givenToOthers, .efficientUseOfResources] {
      #expect(counted[outcome, default: 0] >= 3, "\(counted[outcome, default: 0]) pupils with '\(outcome)'")
    }
  }

  /// The contract's first-preference outcome, worked out again from the
  /// case format (the first that holds, in the contract's order).
  static func outcome(_ input: Case, allocation: Allocation, pupil p: Int) -> FirstPreferenceOutcome? {
    let pupil = input.pupils[p]
    let policy = input.policy
    guard let first = pupil.preferences.first else { return nil }
    if let s = allocation.placements[p].setting, input.settings[s].urn == first { return .met }
    if pupil.fixedURN != nil { return .placementAgreed }
    guard let f = input.settings.firstIndex(where: { $0.urn == first }) else { return .notInCase }
    let setting = input.settings[f]
    if !pupil.provision.contains(setting.kind) { return .kindNotInPlan }
    if !setting.needs.isEmpty && !setting.needs.contains(pupil.primaryNeed) { return .notDesignatedForNeed }
    let ageOK =
      policy.ageRange == .gias
      ? setting.lowAge <= pupil.age && pupil.age < setting.highAge
      : setting.lowAge <= pupil.age && pupil.age <= setting.highAge
    if !ageOK { return .outsideAgeRange }
    if (setting.gender == .boys && pupil.sex != .male) || (setting.gender == .girls && pupil.sex != .female) {
      return .singleSexSetting
    }
    var minutes: Double?
    if let travel = input.travel {
      for k in 0..<travel.count where Int(travel.pupil[k]) == p && Int(travel.setting[k]) == f {
        minutes = travel.minutes[k]
      }
      if minutes == nil { return .notReachable }
    }
    if pupil.excludedURNs.contains(setting.urn) { return .excluded }
    let agreed = input.pupils.filter { $0.fixedURN == setting.urn }
    let agreedNeed = agreed.count { $0.primaryNeed == pupil.primaryNeed }
    let cap =
      setting.needs.isEmpty || setting.needs.contains(pupil.primaryNeed) ? setting.needPlaces[pupil.primaryNeed] : nil
    if setting.freePlaces - agreed.count <= 0 || cap.map({ $0 - agreedNeed <= 0 }) ?? false { return .noPlaces }
    let candidates = CandidateSet(case: input)
    if candidates.terms[p].exceptedOnCost == Int32(f) { return .efficientUseOfResources }
    return .givenToOthers
  }
}
