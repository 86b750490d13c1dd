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

  /// A plan name holding ESC or U+202E went raw into comparison.csv and the
  /// folder's name; since round twenty-one it is refused, and the refusal
  /// prints it escaped, as allocate and recommend print names.
  @Test("compare refuses a plan name holding ESC or U+202E, and shows it escaped")
  func compareEscapesPlanNames() throws {
    let scratch = try ScratchFolder()
    let plan = try scratch.write("a\u{1B}[31mred\u{202E}txt.csv", "action,urn,places\nadd_places,140001,1\n")
    let result = try runPlacewise(["compare", tinyCase, plan, "--out", scratch.at("out")])
    #expect(result.status == 2, "\(result.stderr)")
    let printed = result.stdout + result.stderr
    #expect(!printed.contains("\u{1B}") && !printed.contains("\u{202E}"), "\(printed)")
    #expect(result.stderr.contains("a\\u{1B}[31mred\\u{202E}txt"), "\(result.stderr)")
    #expect(!FileManager.default.fileExists(atPath: scratch.at("out")))
  }

  /// Round twenty-two: `--postcodes` naming a missing file or a folder passed
  /// in silence where the case gives no postcode.
  @Test("--postcodes naming no file is an error, and an unused one a warning, whether or not the case has postcodes")
  func postcodesThatAreNotThere() throws {
    let scratch = try ScratchFolder()
    for (given, found) in [(scratch.at("missing.csv"), "found no such file"), (scratch.path, "found a folder")] {
      let result = try runPlacewise(["allocate", tinyCase, "--postcodes", given, "--out", scratch.at("out")])
      #expect(result.status == 2, "\(result.stderr)")
      #expect(result.stderr.contains(found), "\(result.stderr)")
      #expect(!FileManager.default.fileExists(atPath: scratch.at("out")))
    }
    let unused = try scratch.write("postcodes.csv", "pcds,doterm,oseast1m,osnrth1m\n")
    let result = try runPlacewise(["allocate", tinyCase, "--postcodes", unused, "--out", scratch.at("out")])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stderr.contains("--postcodes was given, but no setting or pupil gives a postcode"))
  }

  @Test("an --out holding a line break or another control character is refused (status 64), nothing written")
  func controlCharactersInOut() throws {
    let scratch = try ScratchFolder()
    let outs = [
      scratch.at("x\nFAKE: 0 unplaced"), scratch.at("tab\there"), scratch.at("esc\u{1B}[2J"),
      // Round twenty-two: a right-to-left override, a zero-width space, a line separator.
      scratch.at("rtl\u{202E}txt"), scratch.at("zero\u{200B}width"), scratch.at("line\u{2028}sep"),
    ]
    for out in outs {
      let result = try runPlacewise(["allocate", tinyCase, "--out", out])
      #expect(result.status == 64, "\(result.stderr)")
      #expect(result.stderr.contains("--out holds a control or invisible character"), "\(result.stderr)")
      let imported = try runPlacewise([
        "import", "gias", tinyCase + "/settings.csv", "--la", "886", "--out", out,
      ])
      #expect(imported.status == 64, "\(imported.stderr)")
    }
    #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path).isEmpty)
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

  /// Round twenty-two: an option given twice kept the last value silently
  /// (`--time-limit 30 --time-limit 40`); now refused, nothing written.
  /// A flag given twice is harmless and allowed.
  @Test(
    "an option given twice is refused with status 64; a flag given twice is not",
    arguments: [
      (["--time-limit", "30", "--time-limit", "40"], ["--time-limit", "30"]),
      (["--report-level=public", "--report-level", "internal"], ["--report-level=public"]),
    ])
  func repeatedOption(_ twice: [String], _ once: [String]) throws {
    let scratch = try ScratchFolder()
    let out = scratch.at("out")
    let refused = try runPlacewise(["allocate", tinyCase, "--out", out] + twice)
    #expect(refused.status == 64, "\(refused.stderr)")
    #expect(refused.stderr.contains("is given twice"), "\(refused.stderr)")
    #expect(!FileManager.default.fileExists(atPath: out))
    let flags = try runPlacewise(["allocate", tinyCase, "--out", out, "--quiet", "--quiet"] + once)
    #expect(flags.status == 0, "\(flags.stderr)")
  }

  /// Round twenty-three: `--out ""` exited 1 (a failed write) rather than
  /// 64; validate said "1 journeys" and, of a batch of none, "Every pupil
  /// has at least one eligible setting".
  @Test("an empty --out is a wrong command line; validate counts in words and says an empty batch is empty")
  func emptyOutAndValidateWords() throws {
    let scratch = try ScratchFolder()
    let allocate = try runPlacewise(["allocate", tinyCase, "--out", ""])
    #expect(allocate.status == 64 && allocate.stderr.contains("--out needs a folder path"), "\(allocate.stderr)")
    let gias = try runPlacewise(["import", "gias", tinyCase + "/settings.csv", "--la", "886", "--out", ""])
    #expect(gias.status == 64 && gias.stderr.contains("--out needs a file path"), "\(gias.stderr)")
    let empty = try scratch.writeCase(
      "empty",
      files: [
        "settings.csv": "urn,name,kind,easting,northing,low_age,high_age,capacity\n1,A,special,400000,300000,4,19,5\n",
        "pupils.csv": "pupil_id,easting,northing,age,primary_need,provision\n",
        "travel.csv": "pupil_id,urn,minutes\n",
      ])
    let validated = try runPlacewise(["validate", empty])
    #expect(validated.status == 0, "\(validated.stderr)")
    #expect(validated.stdout.contains("1 setting, 0 pupils, 0 journeys listed."), "\(validated.stdout)")
    #expect(validated.stdout.contains("The batch has no pupils.") && !validated.stdout.contains("Every pupil"))
  }

  /// Round twenty-three: `--time-limit -1` read "-1" as an option and said
  /// "Missing value"; a negative number now gets its range, as
  /// `--time-limit=-1` did.
  @Test(
    "a negative number after a numeric option is refused with its range, not as a missing value",
    arguments: [
      (["allocate", tinyCase, "--time-limit", "-1"], "--time-limit must be"),
      (["forecast", packageRoot + "/Data/forecast-hand", "--years", "-2"], "--years must be"),
    ])
  func negativeNumbers(_ arguments: [String], _ said: String) throws {
    let scratch = try ScratchFolder()
    let result = try runPlacewise(arguments + ["--out", scratch.at("out")])
    #expect(result.status == 64, "\(result.stderr)")
    #expect(result.stderr.contains(said) && !result.stderr.contains("Missing value"), "\(result.stderr)")
  }
}
