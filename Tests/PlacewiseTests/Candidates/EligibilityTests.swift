import Placewise
import Testing

/// A setting and a pupil that are eligible for each other, 13 km apart on a
/// straight east-west line: 13 km * 1.3 / 30 km/h * 60 = 33.8 minutes.
private func baseSetting() -> Setting {
  Setting(
    urn: URN("100001"), name: "Oak Tree School", kind: .special, easting: 413_000, northing: 200_000,
    lowAge: 5, highAge: 16, capacity: 10, needs: EnumSet([.asd]))
}

private func basePupil() -> Pupil {
  Pupil(
    id: PupilID("P1"), easting: 400_000, northing: 200_000, age: 12, primaryNeed: .asd,
    provision: EnumSet([.special]), sex: .male)
}

private func candidates(_ setting: Setting, _ pupil: Pupil, policy: Policy = .version1, travel: TravelMatrix? = nil)
  -> CandidateSet
{
  CandidateSet(case: Case(settings: [setting], pupils: [pupil], travel: travel, policy: policy))
}

@Suite("Eligibility: each rule alone")
struct EligibilityTests {
  @Test("the base pair is eligible, with the estimated journey of the case format")
  func basePairIsEligible() throws {
    let c = candidates(baseSetting(), basePupil())
    try #require(c.count == 1)
    #expect(abs(c.minutes[0] - 33.8) < 1e-9)
    #expect(c.penalty[0] == 0)
    #expect(c.eligibleCount[0] == 1)
  }

  @Test("rule 1: the setting's kind must be in the plan's provision")
  func kindMustBeAllowed() {
    var pupil = basePupil()
    pupil.provision = EnumSet([.resourced, .mainstream])
    #expect(candidates(baseSetting(), pupil).eligibleCount[0] == 0)
  }

  @Test("rule 2: a designated setting takes only its needs; an undesignated one takes any")
  func needMustBeDesignated() {
    var pupil = basePupil()
    pupil.primaryNeed = .semh
    #expect(candidates(baseSetting(), pupil).eligibleCount[0] == 0)
    var anyNeed = baseSetting()
    anyNeed.needs = EnumSet()
    #expect(candidates(anyNeed, pupil).eligibleCount[0] == 1)
  }

  @Test("rule 3: the age range is inclusive at both ends", arguments: [(4, false), (5, true), (16, true), (17, false)])
  func ageRange(age: Int, eligible: Bool) {
    var pupil = basePupil()
    pupil.age = age
    pupil.maxTravelMinutes = 100  // keep the journey limit out of it
    #expect((candidates(baseSetting(), pupil).eligibleCount[0] == 1) == eligible)
  }

  @Test(
    "rule 4: boys' and girls' schools take only pupils recorded M or F",
    arguments: [
      (SettingGender.boys, Sex?.some(.male), true), (.boys, .female, false), (.boys, nil, false),
      (.girls, .female, true), (.girls, .male, false), (.girls, nil, false), (.mixed, nil, true),
    ])
  func gender(gender: SettingGender, sex: Sex?, eligible: Bool) {
    var setting = baseSetting()
    setting.gender = gender
    var pupil = basePupil()
    pupil.sex = sex
    #expect((candidates(setting, pupil).eligibleCount[0] == 1) == eligible)
  }

  @Test("rule 5: the journey limit is inclusive, and follows the pupil's age unless overridden")
  func journeyLimit() {
    var policy = Policy.version1
    policy.maxTravelMinutesSecondary = 33.8
    policy.maxTravelMinutesPrimary = 33.7
    // 13 km at the default speed and detour is exactly 33.8 minutes in double precision.
    let minutes = policy.estimatedMinutes(
      fromEasting: 400_000, northing: 200_000, toEasting: 413_000, northing: 200_000)
    policy.maxTravelMinutesSecondary = minutes
    #expect(candidates(baseSetting(), basePupil(), policy: policy).eligibleCount[0] == 1)  // age 12: secondary
    var child = basePupil()
    child.age = 10  // primary limit applies up to 10
    #expect(candidates(baseSetting(), child, policy: policy).eligibleCount[0] == 0)
    child.maxTravelMinutes = 40  // the pupil's own limit overrides the policy's
    #expect(candidates(baseSetting(), child, policy: policy).eligibleCount[0] == 1)
    var near = basePupil()
    near.maxTravelMinutes = 20
    #expect(candidates(baseSetting(), near, policy: policy).eligibleCount[0] == 0)
  }

  @Test("rule 5: a preferred setting is exempt from the journey limit, but not from rules 1 to 4")
  func preferenceIsExemptFromLimit() {
    var pupil = basePupil()
    pupil.maxTravelMinutes = 10
    pupil.preferences = [URN("100001")]
    #expect(candidates(baseSetting(), pupil).eligibleCount[0] == 1)
    pupil.primaryNeed = .sld
    #expect(candidates(baseSetting(), pupil).eligibleCount[0] == 0)
  }

  @Test("rule 5: with a travel matrix an unlisted pair is unreachable, even when preferred")
  func travelMatrixDecidesReachability() {
    var pupil = basePupil()
    pupil.preferences = [URN("100001")]
    let empty = TravelMatrix()
    #expect(candidates(baseSetting(), pupil, travel: empty).eligibleCount[0] == 0)
    var listed = TravelMatrix()
    listed.append(pupil: 0, setting: 0, minutes: 95.25)
    let c = candidates(baseSetting(), pupil, travel: listed)
    #expect(c.eligibleCount[0] == 1)
    #expect(c.minutes.first == 95.25)  // the matrix's minutes, not the estimate
  }

  @Test("a full setting is eligible but offers no place")
  func fullSettingIsEligibleButUnusable() {
    var setting = baseSetting()
    setting.onRoll = 12  // more than capacity: free places are max(0, 10 - 12) = 0
    let c = candidates(setting, basePupil())
    #expect(c.eligibleCount[0] == 1)
    #expect(c.count == 0)
  }

  @Test("preference ranks count every URN listed, out-of-area ones included; a repeat keeps its first position")
  func preferenceRanks() throws {
    var pupil = basePupil()
    pupil.preferences = [URN("999999"), URN("100001"), URN("100001")]
    let c = candidates(baseSetting(), pupil)
    try #require(c.count == 1)
    #expect(c.rank[0] == 2)
    #expect(c.penalty[0] == 20)  // preference_step * (2 - 1)
    pupil.preferences = [URN("999999")]
    #expect(candidates(baseSetting(), pupil).penalty.first == 60)  // unlisted_penalty
    pupil.preferences = []
    #expect(candidates(baseSetting(), pupil).penalty.first == 0)  // no preferences, no penalty
  }
}
