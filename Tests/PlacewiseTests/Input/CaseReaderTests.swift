import Foundation
import Placewise
import Testing

@Suite("Case reader: a valid case")
struct InputCaseReaderValidTests {
  @Test("settings are read with every column, defaults for empty optional cells")
  func settings() throws {
    let input = try InputCaseFiles.valid.read()
    try #require(input.settings.count == 3)
    let oak = input.settings[0]
    #expect(oak.urn == URN("100001"))
    #expect(oak.name == "Oak Special School")
    #expect(oak.kind == .special)
    #expect(oak.easting == 450_000 && oak.northing == 250_000)
    #expect(oak.lowAge == 4 && oak.highAge == 19)
    #expect(oak.capacity == 20 && oak.onRoll == 5 && oak.freePlaces == 15)
    #expect(oak.gender == .mixed)
    #expect(oak.needs == EnumSet([.asd, .sld]))
    #expect(oak.needPlaces == [.asd: 10])
    #expect(oak.costPerPlace == 42_000)
    #expect(oak.localAuthority == "383")

    let elm = input.settings[1]
    #expect(elm.name == "Elm Academy, Resourced Provision")
    #expect(elm.kind == .resourced)
    #expect(elm.easting == 451_000.5)
    #expect(elm.onRoll == 0 && elm.gender == .mixed && elm.needs.isEmpty && elm.needPlaces.isEmpty)
    #expect(elm.costPerPlace == nil && elm.localAuthority == nil)

    let birch = input.settings[2]
    #expect(birch.kind == .independent)
    #expect(birch.capacity == 6, "6.0 is the whole number 6")
    #expect(birch.gender == .boys)
    #expect(birch.needs == EnumSet([.semh]))
    #expect(birch.costPerPlace == 95_000.5)
  }

  /// case-format.md: "GIAS gives colleges a high age of 99: read it as 25"
  /// (round thirty-five: only `import gias` did; a settings.csv refused it).
  @Test("a college's or post-16 institution's high age of 99 is read as 25; any other kind's, or 50, is refused")
  func collegeHighAge() throws {
    func settings(_ kind: String, _ high: Int) -> InputCaseFiles {
      InputCaseFiles.valid.with(
        "settings.csv",
        "urn,name,kind,easting,northing,low_age,high_age,capacity\n"
          + "100001,Oak,special,450000,250000,4,19,20\n100002,Town College,\(kind),451000,251000,16,\(high),50\n"
      ).without("travel.csv")
    }
    for kind in ["college", "post16"] {
      let input = try settings(kind, 99).read()
      #expect(input.settings[1].highAge == 25, "\(kind)")
      let fifty = try settings(kind, 50).failure()
      #expect(fifty.problems.first?.field == "high_age" && fifty.problems.first?.found == "\"50\"", "\(fifty)")
      #expect(fifty.problems.first?.expected.contains("99 for a college") == true, "\(fifty)")
    }
    let special = try settings("special", 99).failure()
    #expect(special.problems.first?.field == "high_age" && special.problems.first?.found == "\"99\"", "\(special)")
  }

  @Test("pupils are read with codes in any case, preferences as written, defaults for empty cells")
  func pupils() throws {
    let input = try InputCaseFiles.valid.read()
    try #require(input.pupils.count == 3)
    let first = input.pupils[0]
    #expect(first.id == PupilID("P001"))
    #expect(first.easting == 450_500 && first.northing == 250_500)
    #expect(first.age == 9)
    #expect(first.primaryNeed == .asd)
    #expect(first.provision == EnumSet([.special, .independent]))
    #expect(first.sex == .female)
    #expect(first.preferences == [URN("100001"), URN("999999")], "an unknown URN keeps its rank")
    #expect(first.maxTravelMinutes == nil)
    #expect(first.priority == 2)
    #expect(first.currentURN == URN("100002"))

    let second = input.pupils[1]
    #expect(second.primaryNeed == .spld, "GIAS spells it SpLD")
    #expect(second.provision == EnumSet([.resourced, .mainstream]))
    #expect(second.sex == nil && second.preferences.isEmpty && second.currentURN == nil)
    #expect(second.maxTravelMinutes == 60)
    #expect(second.priority == 1)

    let third = input.pupils[2]
    #expect(third.primaryNeed == .semh)
    #expect(third.provision == EnumSet([.independent]))
    #expect(third.sex == .male)
    #expect(third.preferences == [URN("100003"), URN("100001")], "empty items are skipped")
  }

  @Test("journeys index into the case's arrays, the km column ignored")
  func travel() throws {
    let input = try InputCaseFiles.valid.read()
    let travel = try #require(input.travel)
    #expect(travel.pupil == [0, 1, 2, 2])
    #expect(travel.setting == [0, 1, 2, 0])
    #expect(travel.minutes == [12.5, 30, 45.25, 50])
  }

  @Test("policy.toml overrides the defaults it names")
  func policy() throws {
    let input = try InputCaseFiles.valid.read()
    var expected = Policy()
    expected.maxTravelMinutesPrimary = 50
    expected.detourFactor = 1.25
    #expect(input.policy == expected)
  }

  @Test("a case without travel.csv or policy.toml estimates journeys with the default policy")
  func optionalFiles() throws {
    let input = try InputCaseFiles.valid.without("travel.csv").without("policy.toml").read()
    #expect(input.travel == nil)
    #expect(input.policy == Policy())
  }

  @Test("a policy file given by path replaces the case's policy.toml")
  func policyOverride() throws {
    try InputCaseFiles.valid.withFolder { folder in
      let policyPath = folder + "/other-policy.toml"
      try Data("speed_kmh = 20\n".utf8).write(to: URL(fileURLWithPath: policyPath))
      let input = try CaseReader.read(folder: folder, policyFile: policyPath)
      var expected = Policy()
      expected.speedKmh = 20
      #expect(input.policy == expected)
    }
  }

  @Test("the only warning of the valid case counts its one out-of-area preference")
  func validWarnings() throws {
    let input = try InputCaseFiles.valid.read()
    #expect(input.warnings.count == 1)
    let warning = try #require(input.warnings.first)
    #expect(warning.file == "pupils.csv")
    #expect(warning.count == 1)
    #expect(warning.message.contains("settings.csv"))
  }

  @Test("header names match in any case and order after trimming; BOM, CRLF and quoted headers are fine")
  func headerMatching() throws {
    let settings =
      "\u{FEFF} URN ,Name,\"KIND\",Northing,Easting,Low_Age,HIGH_AGE,Capacity\r\n"
      + "200001,Ash School,special,250000,450000,5,11,12\r\n"
    let pupils = "PUPIL_ID,Age,EASTING,northing,Primary_Need,Provision\r\nX1,7,1,2,asd,SPECIAL\r\n"
    let input = try InputCaseFiles(["settings.csv": settings, "pupils.csv": pupils]).read()
    #expect(input.settings.first?.northing == 250_000)
    #expect(input.settings.first?.easting == 450_000)
    #expect(input.pupils.first?.age == 7)
    #expect(input.warnings.isEmpty)
  }

  @Test("blank lines and rows of empty cells are skipped and counted; a blank end is silent")
  func blankRows() throws {
    let pupils = """
      pupil_id,easting,northing,age,primary_need,provision

      X1,1,2,7,ASD,special
      ,,,,,
        \t
      X2,1,2,8,ASD,special


      """
    let input = try InputCaseFiles.valid.with("pupils.csv", pupils).without("travel.csv").read()
    #expect(input.pupils.map(\.id.rawValue) == ["X1", "X2"])
    let warning = try #require(input.warnings.first { $0.file == "pupils.csv" })
    #expect(warning.count == 3)
    #expect(warning.message.contains("blank"))
  }

  @Test("an unknown column gives one warning each, and its cells are not checked")
  func unknownColumns() throws {
    let pupils =
      "pupil_id,easting,northing,age,primary_need,provision,notes,ethnicity\nX1,1,2,7,ASD,special,\"x, y\",-\n"
    let input = try InputCaseFiles.valid.with("pupils.csv", pupils).without("travel.csv").read()
    let warnings = input.warnings.filter { $0.file == "pupils.csv" }
    #expect(warnings.count == 2)
    #expect(warnings.map(\.count) == [1, 1])
    #expect(warnings[0].message.contains("\"notes\""))
    #expect(warnings[1].message.contains("column 8"))
  }

  @Test("travel rows naming a pupil or setting outside the case are skipped and counted in one warning")
  func travelOutsideCase() throws {
    let travel = """
      pupil_id,urn,minutes
      P001,100001,10
      P999,100001,10
      P001,555555,10
      P998,555555,10
      """
    let input = try InputCaseFiles.valid.with("travel.csv", travel).read()
    #expect(input.travel?.count == 1)
    let warning = try #require(input.warnings.first { $0.file == "travel.csv" })
    #expect(warning.count == 3)
  }
}
