import Foundation
import Placewise
import PlacewiseReport
import PlacewiseTestSupport
import Testing

/// A small allocated case: three pupils, two settings (one named with a
/// comma and quotes), one pupil with no eligible setting.
private func allocatedCase() throws -> AllocationRun {
  let scratch = try ScratchFolder()
  let folder = try scratch.writeCase(
    "case",
    files: [
      "settings.csv": #"""
      urn,name,kind,easting,northing,low_age,high_age,capacity,on_roll,needs,need_places,cost_per_place
      100001,"Oak Tree School, ""Upper""",special,400000,200000,4,19,3,2,ASD;SLCN,ASD:1,24000
      100002,Elm Primary,mainstream,401000,200000,4,11,30,10,,,
      """#,
      "pupils.csv": """
      pupil_id,easting,northing,age,primary_need,provision,preferences,priority
      P1,400500,200000,9,ASD,special,100001,2
      P2,400000,200100,8,ASD,special;mainstream,100001;100002,1
      P3,400000,200000,15,SEMH,special,,1
      """,
    ])
  return try AllocationRun(folder: folder)
}

@Suite("Rendering the outputs")
struct RenderingTests {
  @Test("placements.csv, summary.json and settings.csv match their golden files")
  func goldenOutputs() throws {
    let run = try allocatedCase()
    // The workbook is binary and checked cell by cell against these files in WorkbookReportTests.
    for (name, contents) in try OutputFiles.render(run) where name != WorkbookReport.fileName {
      try assertGolden(String(decoding: contents, as: UTF8.self), at: "Tests/PlacewiseReportTests/Golden/" + name)
    }
  }

  @Test("the small case's figures, worked by hand")
  func figuresByHand() throws {
    // Oak has 3 - 2 = 1 free place and 1 ASD place. P1 (priority 2) and P2 both want it: P1 takes it
    // (0.5 km: 0.5 * 1.3 / 30 * 60 = 1.3 minutes, first preference). P2 goes to Elm, its second
    // preference: 1000.0 m east, 100 m south: sqrt(1000^2 + 100^2) = 1004.99 m -> 2.6129... minutes,
    // penalty 20. P3 (SEMH) has no eligible setting (Oak takes ASD and SLCN only).
    let run = try allocatedCase()
    #expect(run.summary.placed == 2)
    #expect(run.summary.unmetPriority == 1)
    #expect(run.summary.unplacedNoEligibleSetting == 1)
    let metres: Double = (1000.0 * 1000.0 + 100.0 * 100.0).squareRoot()
    let p2: Double = metres / 1000 * 1.3 / 30 * 60
    #expect(abs(run.summary.travelMinutes - (1.3 + p2)) < 1e-9)
    #expect(run.summary.preferencePenalty == 20)
    #expect(run.summary.firstPreferenceMet == 1)
    #expect(run.summary.annualPlaceCost == 24000)
  }

  @Test("a field with a comma, a quote or a line break is quoted, others are not")
  func csvQuoting() throws {
    let text = try #require(
      try OutputFiles.render(try allocatedCase()).first { $0.name == "settings.csv" }.map {
        String(decoding: $0.contents, as: UTF8.self)
      })
    #expect(text.contains("\"Oak Tree School, \"\"Upper\"\"\""))
    #expect(text.contains(",Elm Primary,"))
  }

  @Test("summary.json is valid JSON with the keys the case format names")
  func summaryKeys() throws {
    let json = try #require(try OutputFiles.render(try allocatedCase()).first { $0.name == "summary.json" })
    let object = try #require(try JSONSerialization.jsonObject(with: Data(json.contents)) as? [String: Any])
    for key in [
      "pupils", "placed", "unplaced", "unmet_priority", "travel_minutes", "preference_penalty", "placement_cost",
      "first_preference_met", "solver_status",
    ] {
      #expect(object[key] != nil, "missing \(key)")
    }
  }
}
