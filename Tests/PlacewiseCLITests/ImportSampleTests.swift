import Foundation
import PlacewiseTestSupport
import Testing

private let sampleFolder = packageRoot + "/Data/import-sample"

@Suite("Data/import-sample: from planners' own files to an allocation")
struct ImportSampleTests {
  @Test("the sample files are what ImportSample makes (PLACEWISE_RECORD_GOLDEN=1 rewrites them)")
  func sampleFilesAreCurrent() throws {
    let files: [(String, [UInt8])] = [
      ("edubasealldata.csv", ImportSample.extract), ("pupils.csv", Array(ImportSample.pupils.utf8)),
      ("postcodes.csv", Array(ImportSample.postcodes.utf8)), ("policy.toml", Array(ImportSample.policy.utf8)),
    ]
    for (name, bytes) in files { try assertGolden(bytes, at: "Data/import-sample/" + name) }
    #expect(ImportSample.extract.contains(0x92), "’ as Windows-1252 writes it")
  }

  @Test("the README's commands: import refuses the missing capacity, imports with on-roll, then allocates")
  func readmePath() throws {
    let scratch = try ScratchFolder()
    let caseFolder = scratch.at("import-case")
    try FileManager.default.createDirectory(atPath: caseFolder, withIntermediateDirectories: true)
    for name in ["pupils.csv", "policy.toml"] {
      try FileManager.default.copyItem(atPath: sampleFolder + "/" + name, toPath: caseFolder + "/" + name)
    }
    let extract = sampleFolder + "/edubasealldata.csv"
    let settings = caseFolder + "/settings.csv"
    let refused = try runPlacewise(["import", "gias", extract, "--la", "886", "--radius-km", "10", "--out", settings])
    #expect(refused.status == 2)
    #expect(refused.stderr.contains("SchoolCapacity"))
    #expect(!FileManager.default.fileExists(atPath: settings))

    let imported = try runPlacewise([
      "import", "gias", extract, "--la", "886", "--radius-km", "10", "--missing-capacity", "on-roll", "--out",
      settings,
    ])
    #expect(imported.status == 0, "\(imported.stderr)")
    let rows = try String(contentsOfFile: settings, encoding: .utf8).split(separator: "\n")
    #expect(rows.count == 1 + 12)
    #expect(rows.contains { $0.hasPrefix("990101,") } && !rows.contains { $0.hasPrefix("990102,") })

    let out = scratch.at("import-result")
    let allocated = try runPlacewise([
      "allocate", caseFolder, "--postcodes", sampleFolder + "/postcodes.csv", "--out", out,
    ])
    #expect(allocated.status == 0, "\(allocated.stderr)")
    let placements = try String(contentsOfFile: out + "/placements.csv", encoding: .utf8).split(separator: "\n")
    #expect(placements.count == 11)
    #expect(placements[0].contains(",age,nc_year,"))
    // S007, born 1 September 2010: Year 11, school age 15 (not 16, which an
    // 11-16 school's range would bar under "gias").
    #expect(placements.first { $0.hasPrefix("S007,") }?.contains(",15,11,") == true)
    #expect(!allocated.stderr.contains("QA1") && !allocated.stdout.contains("QA1"), "no postcode is printed")
  }
}
