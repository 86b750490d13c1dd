import Foundation
import PlacewiseTestSupport
import Testing

/// Lines of a CSV file after its header, shuffled by a seeded generator.
private func shuffled(_ text: String, seed: UInt64) -> String {
  var lines = text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
  let header = lines.removeFirst()
  var rng = SeededGenerator(seed: seed)
  lines.shuffle(using: &rng)
  return ([header] + lines).joined(separator: "\n") + "\n"
}

/// pupil_id -> (urn, status) from a placements.csv (the sample has no quoted ids).
private func placementsByPupil(_ folder: String) throws -> [String: String] {
  let text = try String(contentsOfFile: folder + "/placements.csv", encoding: .utf8)
  var result: [String: String] = [:]
  for line in text.split(separator: "\n").dropFirst() {
    let fields = line.split(separator: ",", omittingEmptySubsequences: false)
    result[String(fields[0])] = String(fields[1])
  }
  return result
}

@Suite("Same answer every time")
struct DeterminismTests {
  @Test(
    "reordering the rows of pupils.csv and settings.csv changes no pupil's placement",
    arguments: ["contested-market", "plain-lp"])
  func rowOrderDoesNotMatter(solver: String) throws {
    // The sample (no quoted fields in pupils.csv) has ties worth breaking: equal journeys do occur
    // between settings on one site, and the tie-break level decides them by URN and pupil id.
    let sample = packageRoot + "/Data/sample-county"
    let scratch = try ScratchFolder()
    let pupils = try String(contentsOfFile: sample + "/pupils.csv", encoding: .utf8)
    let settings = try String(contentsOfFile: sample + "/settings.csv", encoding: .utf8)
    let policy = try String(contentsOfFile: sample + "/policy.toml", encoding: .utf8)
    try scratch.writeCase(
      "shuffled", files: ["pupils.csv": shuffled(pupils, seed: 11), "settings.csv": settings, "policy.toml": policy])
    // Quoted names may hold commas; a line with balanced quotes is a whole record.
    let balanced = settings.split(separator: "\n").allSatisfy { $0.filter { $0 == "\"" }.count % 2 == 0 }
    try #require(balanced, "a settings record spans lines; shuffle records instead")
    try scratch.write("shuffled/settings.csv", shuffled(settings, seed: 12))
    for (folder, out) in [(sample, "a"), (scratch.at("shuffled"), "b")] {
      let result = try runPlacewise(["allocate", folder, "--out", scratch.at(out), "--quiet", "--solver", solver])
      #expect(result.status == 0, "\(result.stderr)")
    }
    let a = try placementsByPupil(scratch.at("a"))
    let b = try placementsByPupil(scratch.at("b"))
    #expect(a.count == 3000)
    let differing = a.keys.filter { a[$0] != b[$0] }.sorted()
    #expect(differing.isEmpty, "\(differing.count) pupils placed differently, e.g. \(differing.prefix(3))")
  }
}

extension DeterminismTests {
  /// A case full of exact ties: 60 pupils, 8 settings of 5 places, journeys
  /// of 10 or 20 whole minutes from a travel matrix, no preferences.
  static func tieRichCase() -> [String: String] {
    var rng = SeededGenerator(seed: 5)
    var settings = "urn,name,kind,easting,northing,low_age,high_age,capacity\n"
    for s in 0..<8 { settings += "\(200_000 + s),School \(s),special,0,0,4,19,5\n" }
    var pupils = "pupil_id,easting,northing,age,primary_need,provision\n"
    var travel = "pupil_id,urn,minutes\n"
    for p in 0..<60 {
      pupils += "T\(p),0,0,12,ASD,special\n"
      for s in 0..<8 where Bool.random(using: &rng) {
        travel += "T\(p),\(200_000 + s),\(Bool.random(using: &rng) ? 10 : 20)\n"
      }
    }
    return ["settings.csv": settings, "pupils.csv": pupils, "travel.csv": travel]
  }

  @Test(
    "with many exact ties, reordering every file's rows changes no pupil's placement",
    arguments: ["contested-market", "plain-lp"])
  func tiesAreBrokenByRule(solver: String) throws {
    let scratch = try ScratchFolder()
    let files = Self.tieRichCase()
    try scratch.writeCase("original", files: files)
    try scratch.writeCase("shuffled", files: files.mapValues { shuffled($0, seed: 99) })
    for (folder, out) in [("original", "a"), ("shuffled", "b")] {
      let result = try runPlacewise([
        "allocate", scratch.at(folder), "--out", scratch.at(out), "--quiet", "--solver", solver,
      ])
      #expect(result.status == 0, "\(result.stderr)")
    }
    let a = try placementsByPupil(scratch.at("a"))
    let b = try placementsByPupil(scratch.at("b"))
    #expect(a.count == 60)
    let differing = a.keys.filter { a[$0] != b[$0] }.sorted()
    #expect(differing.isEmpty, "\(differing.count) pupils placed differently, e.g. \(differing.prefix(3))")
  }
}
