import Foundation
import PlacewiseTestSupport
import Testing

@testable import Placewise

@Suite("Explanations: first-preference outcomes and the cost to others")
struct ExplanationsTests {
  @Test(
    "every 'given to others' cost equals re-solving with the pupil forced there, on 400 random tiny cases",
    arguments: [UInt64(9000), 9100, 9200, 9300])
  func tinyCases(firstSeed: UInt64) throws {
    var given = 0
    var costly = 0
    var unplacedGiven = 0
    var wrong: [String] = []
    for seed in firstSeed..<(firstSeed + 100) {
      let input = RandomCases.tiny(seed: seed)
      try compare(input, label: "seed \(seed)", given: &given, costly: &costly, unplaced: &unplacedGiven, wrong: &wrong)
    }
    #expect(wrong.isEmpty, "\(wrong.count) differ: \(wrong.prefix(6))")
    // Tiny cases rarely contest a first preference; the medium cases below carry the bulk.
    #expect(given >= 1, "\(given) pupils whose first preference went to others")
  }

  @Test("every 'given to others' cost equals re-solving, on 100 random medium cases")
  func mediumCases() throws {
    var given = 0
    var costly = 0
    var unplacedGiven = 0
    var wrong: [String] = []
    for seed in UInt64(11000)..<11100 {
      try compare(
        RandomCases.medium(seed: seed), label: "seed \(seed)", given: &given, costly: &costly, unplaced: &unplacedGiven,
        wrong: &wrong)
    }
    #expect(wrong.isEmpty, "\(wrong.count) differ: \(wrong.prefix(6))")
    #expect(given >= 40 && costly >= 30 && unplacedGiven >= 20, "\(given), \(costly), \(unplacedGiven)")
  }

  private func compare(
    _ input: Case, label: String, given: inout Int, costly: inout Int, unplaced: inout Int, wrong: inout [String]
  ) throws {
    let candidates = CandidateSet(case: input)
    let allocation = try Allocator.allocate(input, candidates: candidates)
    let base = try PlanningOracle.optimum(input, candidates: candidates)
    let explanations = try Explanations.compute(case: input, candidates: candidates, allocation: allocation)
    let options = BruteForce.options(input)
    for (p, row) in explanations.pupils.enumerated() {
      // The outcome, from the rules written again in the test-support oracle.
      let expectedOutcome = outcome(input, options: options, allocation: allocation, pupil: p)
      if row.outcome != expectedOutcome {
        wrong.append(
          "\(label) pupil \(p): outcome \(String(describing: row.outcome)), expected \(String(describing: expectedOutcome))"
        )
      }
      guard row.outcome == .givenToOthers, let f = row.firstPreferenceSetting else {
        if row.change != nil { wrong.append("\(label) pupil \(p): a change without 'given to others'") }
        continue
      }
      let expected = try PlanningOracle.forcedOptimum(input, pupil: p, setting: f) - base
      given += 1
      if expected.unmet > 0 { costly += 1 }
      if allocation.placements[p].setting == nil { unplaced += 1 }
      guard let change = row.change, PlanningOracle.agree(change, expected) else {
        wrong.append("\(label) pupil \(p): \(String(describing: row.change)), re-solving \(expected)")
        continue
      }
      if change < .zero { wrong.append("\(label) pupil \(p): \(change) is below (0, 0)") }
    }
  }

  /// The contract's first-preference outcome, worked out from the case and
  /// `BruteForce.options` (the rules as the test-support oracle writes them).
  private func outcome(
    _ input: Case, options: [[(setting: Int, cost: Double)]], allocation: Allocation, pupil p: Int
  ) -> FirstPreferenceOutcome? {
    let pupil = input.pupils[p]
    guard let first = pupil.preferences.first else { return nil }
    guard let f = input.settings.firstIndex(where: { $0.urn == first }) else { return .notInCase }
    if allocation.placements[p].setting == f { return .met }
    let setting = input.settings[f]
    if !pupil.provision.contains(setting.kind) { return .kindNotInPlan }
    if !setting.needs.isEmpty && !setting.needs.contains(pupil.primaryNeed) { return .notDesignatedForNeed }
    if pupil.age < setting.lowAge || pupil.age > setting.highAge { return .outsideAgeRange }
    if setting.gender == .boys && pupil.sex != .male || setting.gender == .girls && pupil.sex != .female {
      return .singleSexSetting
    }
    // Rules 1-4 hold; a preference is exempt from the limit, so only reachability can fail now.
    if !options[p].contains(where: { $0.setting == f }) { return .notReachable }
    let cap = setting.needPlaces[pupil.primaryNeed]
    if setting.freePlaces == 0 || cap == 0 { return .noPlaces }
    return .givenToOthers
  }

  /// The hand-made case of `everyOutcome`: one pupil per first-preference
  /// outcome, the outcomes it expects listed there in pupil order.
  private static let everyOutcomeFiles: [String: [UInt8]] = [
    "settings.csv": Array(
      """
      urn,name,kind,easting,northing,low_age,high_age,capacity,on_roll,gender,needs,need_places
      S1,Ash School,special,0,0,4,19,1,0,mixed,,
      M1,Birch Primary,mainstream,0,0,4,11,5,0,mixed,,
      S2,Cedar School,special,0,0,4,19,3,0,mixed,SLD,
      S3,Damson School,special,0,0,11,19,3,0,mixed,,
      S4,Elm House,special,0,0,4,19,3,0,boys,,
      S5,Fir School,special,0,0,4,19,3,3,mixed,,
      S6,Gorse School,special,0,0,4,19,3,0,mixed,,ASD:0
      S7,Hazel School,special,0,0,4,19,20,0,mixed,,
      """.utf8),
    "pupils.csv": Array(
      """
      pupil_id,easting,northing,age,sex,primary_need,provision,preferences,priority
      A,0,0,9,F,ASD,special,S1,2
      B,0,0,9,F,ASD,special,S1,1
      C,0,0,9,F,ASD,special,M1,1
      D,0,0,9,F,ASD,special,S2,1
      E,0,0,9,F,ASD,special,S3,1
      F,0,0,9,F,ASD,special,S4,1
      G,0,0,9,F,ASD,special,S5,1
      H,0,0,9,F,ASD,special,S6,1
      I,0,0,9,F,ASD,special,X9,1
      J,0,0,9,F,ASD,special,,1
      K,0,0,9,F,PMLD,resourced,S1,1
      L,0,0,9,F,ASD,special,S1,1
      """.utf8),
    "travel.csv": Array(
      """
      pupil_id,urn,minutes
      A,S1,10
      B,S1,10
      B,S7,30
      C,S7,20
      D,S7,20
      E,S7,20
      F,S7,20
      G,S7,20
      H,S7,20
      I,S7,20
      J,S7,20
      G,S5,20
      H,S6,20
      L,S7,20
      """.utf8),
  ]

  @Test("a hand-made case: one pupil per outcome, in the contract's words, with readable sentences")
  func everyOutcome() throws {
    let input = try CaseReader.read(files: Self.everyOutcomeFiles)
    let candidates = CandidateSet(case: input)
    let allocation = try Allocator.allocate(input, candidates: candidates)
    let explanations = try Explanations.compute(case: input, candidates: candidates, allocation: allocation)
    let words = explanations.pupils.map { $0.outcome?.description ?? "" }
    #expect(
      words == [
        "met", "given to others", "kind not in plan", "not designated for need", "outside age range",
        "single-sex setting", "no places", "no places", "not in case", "", "kind not in plan", "not reachable",
      ])
    // B: S1's one place went to A (priority 2), who has nowhere else to go; B is at S7, 30 minutes and
    // unlisted (penalty 60). B at S1 leaves A unplaced: ΔU = +2, ΔC = 10 - (30 + 60) - 10 = -90.
    let b = explanations.pupils[1]
    #expect(
      PlanningOracle.agree(try #require(b.change), ObjectiveChange(unmet: 2, cost: -90)),
      "\(String(describing: b.change))")
    // The school by name (never "Naming it"), one child in the singular, a weighted sum not read as a count.
    #expect(
      b.text.contains(
        "Naming Ash School, the parents' request, would be incompatible with the efficient education of others "
          + "(section 39(4)(b)): the setting is full: its 1 free place went to another pupil, a child who could go "
          + "nowhere else"), "\(b.text)")
    #expect(
      b.text.contains(
        "would leave one or more other children (priority 2 in all) without a place and refuse another child's "
          + "protected request, with"), "\(b.text)")
    #expect(!b.text.contains("Naming it") && !b.text.contains("unmet priority up by"))
    #expect(
      explanations.pupils[0].text.hasPrefix(
        "Placed at Ash School (special), 10 minutes from home, the parents' first preference."))
    #expect(
      explanations.pupils[2].text.contains("Birch Primary, is a mainstream school, which the EHC plan does not allow"))
    #expect(explanations.pupils[7].text.contains("no places for pupils with ASD"))
    #expect(explanations.pupils[9].text.contains("expressed no preference"))
    // K: PMLD with a resourced plan and nothing reachable: unplaced, no setting at all.
    #expect(
      explanations.pupils[10].text.hasPrefix(
        "Not placed: the case has no setting of the kinds the EHC plan allows (resourced)"))
    #expect(explanations.givenToOthers == 1)
    #expect(explanations.totalChange == b.change)
    #expect(explanations.pupils[11].text.contains("has no journey listed for this child in travel.csv"))
  }

  @Test("an unplaced pupil's sentence names the nearest setting beyond the journey limit")
  func nearestBeyondLimit() throws {
    let files: [String: [UInt8]] = [
      "settings.csv": Array(
        """
        urn,name,kind,easting,northing,low_age,high_age,capacity
        S1,Far School,special,60000,0,4,19,5
        S2,Farther School,special,90000,0,4,19,5
        S3,Full School,special,1000,0,4,19,0
        """.utf8),
      "pupils.csv": Array(
        """
        pupil_id,easting,northing,age,primary_need,provision
        P1,0,0,9,ASD,special
        P2,0,0,9,ASD,mainstream
        """.utf8),
    ]
    let input = try CaseReader.read(files: files)
    let candidates = CandidateSet(case: input)
    let allocation = try Allocator.allocate(input, candidates: candidates)
    let explanations = try Explanations.compute(case: input, candidates: candidates, allocation: allocation)
    // S3 is within reach but has no free place: eligible and full.
    #expect(explanations.pupils[0].text == "Not placed: the one setting this child is eligible for is full.")
    let noEligible = NoEligibleSetting(case: input, candidates: candidates)
    #expect(noEligible.pupils == [1])
    // Read aloud: "The case has no setting ... with a journey ...", never "... exists in the case".
    #expect(explanations.pupils[1].text.contains("Not placed: the case has no setting of the kinds"))
    #expect(!explanations.pupils[1].text.contains("exists in the case"))
    // Without S3 P1 has none within 45 minutes; Far School is 60 km * 1.3 / 30 km/h = 156 minutes away.
    var narrowed = input
    narrowed.settings.removeLast()
    let c2 = CandidateSet(case: narrowed)
    let a2 = try Allocator.allocate(narrowed, candidates: c2)
    let e2 = try Explanations.compute(case: narrowed, candidates: c2, allocation: a2)
    #expect(
      e2.pupils[0].text
        == "Not placed: no setting of the kinds the EHC plan allows (special) that is designated for ASD and takes "
        + "this child's age and sex is within the 45-minute journey limit; the nearest, Far School, is 156 minutes away."
    )
  }
}
