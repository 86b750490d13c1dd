import Foundation
import Placewise
import PlacewiseReport
import PlacewiseTestSupport
import Testing

@Suite("Rendering place values and explanations")
struct PlanningRenderingTests {
  static let tinyCases = ["capacity-contest", "journey-limit", "lexicographic", "need-cap", "preference-vs-distance"]

  @Test(
    "place-values.csv and explanations.csv of Data/tiny match their golden files (PLACEWISE_RECORD_GOLDEN=1 re-records)",
    arguments: tinyCases)
  func tinyGolden(name: String) throws {
    let run = try AllocationRun(folder: packageRoot + "/Data/tiny/" + name)
    let files = try OutputFiles.render(run)
    for file in ["place-values.csv", "explanations.csv"] {
      let contents = try #require(files.first { $0.name == file })
      try assertGolden(
        String(decoding: contents.contents, as: UTF8.self),
        at: "Tests/PlacewiseReportTests/Golden/tiny/\(name)/\(file)")
    }
  }

  @Test("the files follow the contract: one row per setting and cap, one per pupil, the columns in order")
  func contractShape() throws {
    let run = try AllocationRun(folder: packageRoot + "/Data/sample-county")
    let files = try OutputFiles.render(run)
    let values = try #require(files.first { $0.name == "place-values.csv" }).contents
    let lines = String(decoding: values, as: UTF8.self).split(separator: "\n")
    let header = PlaceValuesCSV.header.joined(separator: ",")
    #expect(
      header
        == "urn,need,free_places,places_used,unmet_priority_change,placement_cost_change,requests_refused_change,setting_name"
    )
    #expect(lines.first.map(String.init) == header)
    #expect(lines.count == 1 + run.input.settings.reduce(0) { $0 + 1 + $1.needPlaces.count })
    // Each row names its setting after the contract's columns (issue 25).
    let rows = parseCSV(String(decoding: values, as: UTF8.self)).dropFirst()
    let names = Dictionary(uniqueKeysWithValues: run.input.settings.map { ($0.urn.rawValue, $0.name) })
    #expect(rows.allSatisfy { $0.count == 8 && names[$0[0]] == $0[7] })
    let explanations = try #require(files.first { $0.name == "explanations.csv" }).contents
    let text = String(decoding: explanations, as: UTF8.self)
    #expect(
      text.hasPrefix(
        "pupil_id,status,urn,preference_rank,first_preference,first_preference_outcome,"
          + "first_preference_unmet_change,first_preference_cost_change,explanation,requested_by,request_protected,"
          + "first_preference_requests_change\n"))
    // Every pupil in input order: the first field of each row (ids hold no comma or quote here).
    let ids = text.split(separator: "\n").dropFirst().map { $0.prefix { $0 != "," } }
    #expect(ids.map(String.init) == run.input.pupils.map(\.id.rawValue))
    // No pupil's home coordinates in its sentence.
    let sentences = try #require(run.explanations).pupils.map(\.text)
    for (pupil, sentence) in zip(run.input.pupils, sentences) {
      #expect(!sentence.contains(String(Int(pupil.easting))) && !sentence.contains(String(Int(pupil.northing))))
    }
  }

  @Test("the printed summary names five settings and the first preferences given to others")
  func summaryLines() throws {
    let run = try AllocationRun(folder: packageRoot + "/Data/sample-county")
    let text = HumanSummary.planning(case: run.input, placeValues: run.placeValues, explanations: run.explanations)
    let lines = text.split(separator: "\n")
    #expect(lines.first == "One more place is worth most at (what it would change):")
    #expect(lines.filter { $0.hasPrefix("  ") }.count == 5)
    let given = try #require(run.explanations).givenToOthers
    #expect(text.contains("First preferences given to others: \(given);"))
    // The five are the best setting rows, ΔU first, then ΔC.
    let best = try #require(run.placeValues).filter { $0.need == nil }.map(\.change).sorted().prefix(5)
    let first = try #require(best.first)
    #expect(first.unmet == -1)
    #expect(text.contains(": 1 fewer child without a place (weighted by priority), "), "\(text)")
    // Every change in words with its direction and unit, never a bare "+55.8 minutes".
    #expect(!text.contains("+") && !text.contains("unmet priority"), "\(text)")
    #expect(text.contains(" more minutes of journeys and missed preferences"), "\(text)")
    #expect(text.contains("13,395.3 more minutes"), "thousands separated: \(text)")
  }
}

/// `allocate`'s outputs made while its place values and explanations are
/// worked out: the same files as those of the planned run.
@Suite("Rendering while the run is planned")
struct OverlappedRenderingTests {
  @Test(
    "the files of a run solved, then planned on another thread, are those of the run planned at once",
    arguments: [(true, true), (false, true), (true, false), (false, false)])
  func sameFiles(values: Bool, explanations: Bool) throws {
    let input = try CaseReader.read(folder: packageRoot + "/Data/sample-county")
    var options = AllocationOptions()
    options.placeValues = values
    options.explanations = explanations
    let whole = try OutputFiles.render(AllocationRun(case: input, options: options))
    let solved = try AllocationRun(case: input, options: options, planning: false)
    #expect(solved.placeValues == nil && solved.explanations == nil)
    let planned = OutputFiles.PlannedRun(try solved.planned(options: options))
    let overlapped = try OutputFiles.render(solved: solved, planned: { planned })
    #expect(overlapped.map(\.name) == whole.map(\.name))
    // Compared as a Bool: a failure names the file, not its bytes.
    let differing = zip(overlapped, whole).filter { $0.contents != $1.contents }.map(\.0.name)
    #expect(differing.isEmpty)
  }

  @Test("when planning fails, nothing that needs it is made (the caller reports the failure)")
  func failedPlanning() throws {
    let solved = try AllocationRun(folder: packageRoot + "/Data/sample-county")
    let files = try OutputFiles.render(solved: solved, planned: { nil })
    #expect(files.map(\.name) == ["placements.csv", "summary.json", "settings.csv", "placewise.xlsx"])
  }
}
