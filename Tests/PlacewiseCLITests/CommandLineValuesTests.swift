import Foundation
import PlacewiseTestSupport
import Testing

// Issue 23 items 7 and 8: where outputs go, what the manifest says, what is printed.

private let tinyCase = packageRoot + "/Data/tiny/capacity-contest"

@Suite("Paths, the manifest and printed names (issue 23 items 7, 8)")
struct CommandLineValuesTests {
  @Test("a non-UTF-8 --out (or any argument) is refused, not written to another path")
  func nonUTF8OutIsRefused() throws {
    let scratch = try ScratchFolder()
    // printf writes the raw byte 0xFF, which no UTF-8 text holds.
    let script = "exec \"$0\" allocate \"$1\" --out \"$2/out$(printf '\\377')\""
    let result = try runPlacewise([tinyCase, scratch.path], through: ["/bin/sh", "-c", script])
    #expect(result.status == 64, "\(result.stderr)")
    #expect(result.stderr.contains("not UTF-8"), "\(result.stderr)")
    #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path).isEmpty)
  }

  @Test("compare's printed table shows a plan name's ESC and U+202E escaped, as allocate and recommend do")
  func compareEscapesPlanNames() throws {
    let scratch = try ScratchFolder()
    let plan = try scratch.write("a\u{1B}[31mred\u{202E}txt.csv", "action,urn,places\nadd_places,140001,1\n")
    let result = try runPlacewise(["compare", tinyCase, plan, "--out", scratch.at("out")])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(!result.stdout.contains("\u{1B}") && !result.stdout.contains("\u{202E}"), "\(result.stdout)")
    #expect(result.stdout.contains("a\\u{1B}[31mred\\u{202E}txt"), "\(result.stdout)")
  }

  @Test("the manifest names the postcode directory the policy names, and the placement start in force")
  func manifestListsPolicyPostcodesAndStart() throws {
    let scratch = try ScratchFolder()
    let postcodes = "pcds,doterm,oseast1m,osnrth1m\n\"SW1A 1AA\",,529090,179645\n"
    let folder = try scratch.writeCase(
      "case",
      files: [
        "settings.csv": "urn,name,kind,postcode,low_age,high_age,capacity\nS1,Oak,special,SW1A 1AA,4,19,5\n",
        "pupils.csv": "pupil_id,easting,northing,age,primary_need,provision\nP1,530000,180000,9,ASD,special\n",
        "policy.toml": "postcodes = \"../onspd.csv\"\nplacement_start = \"2027-09-01\"\n",
      ])
    try scratch.write("onspd.csv", postcodes)
    let out = scratch.at("out")
    let result = try runPlacewise(["allocate", folder, "--out", out, "--quiet"])
    try #require(result.status == 0, "\(result.stderr)")
    let data = try Data(contentsOf: URL(fileURLWithPath: out + "/manifest.json"))
    let manifest = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    let policy = try #require(manifest["policy"] as? [String: Any])
    #expect(policy["placement_start"] as? String == "2027-09-01")
    let directory = try #require(policy["postcodes"] as? String)
    #expect(directory.hasSuffix("onspd.csv"))
    let inputs = try #require(manifest["inputs"] as? [[String: Any]])
    let paths = inputs.compactMap { $0["path"] as? String }
    #expect(paths.contains(directory), "\(paths)")
  }
}
