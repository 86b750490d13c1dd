import Placewise
import Testing

/// Two settings (one place each, S1 ASD only) and three pupils; P3 is SEMH.
private func smallCase() -> Case {
  let settings = [
    Setting(urn: URN("S0"), name: "S0", kind: .special, easting: 0, northing: 0, lowAge: 4, highAge: 19, capacity: 1),
    Setting(
      urn: URN("S1"), name: "S1", kind: .special, easting: 0, northing: 0, lowAge: 4, highAge: 19, capacity: 1,
      needs: EnumSet([.asd])),
  ]
  let pupils = ["P1", "P2", "P3"].enumerated().map { i, id in
    Pupil(
      id: PupilID(id), easting: 1000, northing: 0, age: 12, primaryNeed: i == 2 ? .semh : .asd,
      provision: EnumSet([.special]))
  }
  return Case(settings: settings, pupils: pupils)
}

private func pair(_ c: CandidateSet, pupil: Int, setting: Int) throws -> Int {
  try #require(c.pairs(of: pupil).first { Int(c.setting[$0]) == setting })
}

@Suite("Invariants checked before anything is written")
struct InvariantTests {
  @Test("the optimum passes the checks")
  func optimumPasses() throws {
    let input = smallCase()
    let c = CandidateSet(case: input)
    let allocation = try Allocator.allocate(input, candidates: c)
    try allocation.verify(case: input, candidates: c)
  }

  @Test("a setting given more pupils than free places is refused")
  func overCapacity() throws {
    let input = smallCase()
    let c = CandidateSet(case: input)
    let bad = Allocation(
      placements: [
        .placed(setting: 0, pair: try pair(c, pupil: 0, setting: 0)),
        .placed(setting: 0, pair: try pair(c, pupil: 1, setting: 0)), .unplaced(.eligibleSettingsFull),
      ], solverPath: "test")
    #expect {
      try bad.verify(case: input, candidates: c)
    } throws: { error in
      "\(error)".contains("S0 takes 2 pupils but has 1 free places")
    }
  }

  @Test("a placement through another pupil's pair, or a missing pupil, is refused")
  func wrongPairOrMissingPupil() throws {
    let input = smallCase()
    let c = CandidateSet(case: input)
    let foreign = Allocation(
      placements: [
        .placed(setting: 1, pair: try pair(c, pupil: 1, setting: 1)), .unplaced(.eligibleSettingsFull),
        .unplaced(.eligibleSettingsFull),
      ], solverPath: "test")
    #expect(throws: AllocationError.self) { try foreign.verify(case: input, candidates: c) }
    let short = Allocation(placements: [.unplaced(.noEligibleSetting)], solverPath: "test")
    #expect {
      try short.verify(case: input, candidates: c)
    } throws: { error in
      "\(error)".contains("1 placements for 3 pupils")
    }
  }

  @Test("an unplaced pupil with room left at an eligible setting is refused, and so is a false reason")
  func falseReasons() throws {
    let input = smallCase()
    let c = CandidateSet(case: input)
    let roomLeft = Allocation(
      placements: [
        .unplaced(.eligibleSettingsFull), .unplaced(.eligibleSettingsFull), .unplaced(.eligibleSettingsFull),
      ],
      solverPath: "test")
    #expect {
      try roomLeft.verify(case: input, candidates: c)
    } throws: { error in
      "\(error)".contains("unplaced while")
    }
    let wrongReason = Allocation(
      placements: [
        .placed(setting: 0, pair: try pair(c, pupil: 0, setting: 0)),
        .placed(setting: 1, pair: try pair(c, pupil: 1, setting: 1)), .unplaced(.noEligibleSetting),
      ], solverPath: "test")
    #expect {
      try wrongReason.verify(case: input, candidates: c)
    } throws: { error in
      "\(error)".contains("P3") && "\(error)".contains("not true")
    }
  }
}
