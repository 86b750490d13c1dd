import Foundation
import PlacewiseTestSupport
import Testing

// Issue 23, item 1: an `--out` that is one of the run's inputs, by path or
// by identity (a symbolic or hard link), is refused with status 1 whatever
// `--force` says, and nothing on disk changes.

private let tinyCase = packageRoot + "/Data/tiny/capacity-contest"

/// Every file under `folder` with its contents, to show nothing changed.
private func snapshot(_ folder: String) throws -> [String: Data] {
  var files: [String: Data] = [:]
  let walker = try #require(FileManager.default.enumerator(atPath: folder))
  while let path = walker.nextObject() as? String {
    var isFolder: ObjCBool = false
    let full = folder + "/" + path
    guard FileManager.default.fileExists(atPath: full, isDirectory: &isFolder), !isFolder.boolValue else { continue }
    files[path] = try Data(contentsOf: URL(fileURLWithPath: full))
  }
  return files
}

/// A copy of the tiny case in `scratch`, named `name`.
private func copiedCase(_ scratch: ScratchFolder, _ name: String = "case") throws -> String {
  let folder = scratch.at(name)
  try FileManager.default.copyItem(atPath: tinyCase, toPath: folder)
  return folder
}

@Suite("--out that is an input")
struct InputAsOutputTests {
  @Test("import gias --out naming the extract, a link to it or a hard link, with --force: refused, extract kept")
  func importOverItsExtract() throws {
    let scratch = try ScratchFolder()
    let row = GIASFixture.Row(urn: "200001", la: "886", name: "Hill End", type: "Community special school")
    let extract = scratch.at("edubasealldata.csv")
    try Data(GIASFixture.bytes([row], release: .newer)).write(to: URL(fileURLWithPath: extract))
    try FileManager.default.createSymbolicLink(atPath: scratch.at("link.csv"), withDestinationPath: extract)
    try FileManager.default.linkItem(atPath: extract, toPath: scratch.at("hard.csv"))
    let before = try snapshot(scratch.path)
    for out in [extract, scratch.at("./edubasealldata.csv"), scratch.at("link.csv"), scratch.at("hard.csv")] {
      let result = try runPlacewise(["import", "gias", extract, "--la", "886", "--out", out, "--force"])
      #expect(result.status == 1, "\(out): \(result.stderr)")
      #expect(result.stderr.contains("is an input of this run"), "\(result.stderr)")
      #expect(try snapshot(scratch.path) == before, "\(out)")
    }
  }

  /// Round thirty: `--out CASE/travel.csv` (a case without one) wrote an
  /// output folder there, and every later run refused the case ("found a
  /// folder").
  @Test("--out where the case would read a file it has not got (travel.csv, roll.csv, policy.toml): refused")
  func outWhereAnAbsentCaseFileGoes() throws {
    let scratch = try ScratchFolder()
    let folder = try copiedCase(scratch)
    try FileManager.default.createSymbolicLink(atPath: scratch.at("link"), withDestinationPath: folder)
    // The tiny case has no roll.csv; without its travel.csv and policy.toml
    // it has none of the three.
    for name in ["travel.csv", "policy.toml"] { try FileManager.default.removeItem(atPath: folder + "/" + name) }
    let before = try snapshot(scratch.path)
    for name in ["travel.csv", "roll.csv", "policy.toml"] {
      for out in [folder + "/" + name, folder + "/./" + name + "/", scratch.at("link/" + name)] {
        let result = try runPlacewise(["allocate", folder, "--out", out])
        #expect(result.status == 1, "\(out): \(result.stderr)")
        #expect(result.stderr.contains("is where this run reads an input from"), "\(result.stderr)")
        #expect(try snapshot(scratch.path) == before, "\(out)")
      }
    }
    // A folder of another name beside the case's files is an output like any other.
    let beside = try runPlacewise(["allocate", folder, "--out", folder + "/out", "--quiet"])
    #expect(beside.status == 0, "\(beside.stderr)")
  }

  /// Hostile trial, round thirty-three: `--out o` (any one-character
  /// name, `o/` or `é` too) crashed every command with "Illegal
  /// instruction" (status 132): Foundation's deletingLastPathComponent
  /// traps on a path of one character.
  @Test("--out of one character, relative to the working folder, writes there", arguments: ["o", "é", "x/"])
  func oneCharacterOut(out: String) throws {
    let scratch = try ScratchFolder()
    let folder = try copiedCase(scratch)
    let result = try runPlacewise(["allocate", folder, "--out", out, "--quiet"], in: scratch.path)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(FileManager.default.fileExists(atPath: scratch.at(out) + "/placements.csv"))
  }

  /// Round thirty-four: an absolute `--out` whose slash is followed by a
  /// combining mark ("/\u{301}z") was taken as relative (Swift's
  /// `hasPrefix("/")` compares Characters), and the run replaced a folder
  /// below the working folder instead, even the run's own input.
  @Test("an absolute --out with a combining mark after a slash is written where it names")
  func combiningMarkOut() throws {
    let scratch = try ScratchFolder()
    let folder = try copiedCase(scratch)
    let out = scratch.at("\u{301}z")
    let result = try runPlacewise(["allocate", folder, "--out", out, "--quiet"], in: scratch.at("case"))
    #expect(result.status == 0, "\(result.stderr)")
    #expect(FileManager.default.fileExists(atPath: out + "/placements.csv"))
    #expect(FileManager.default.fileExists(atPath: folder + "/settings.csv"), "the case is kept")
  }

  @Test("allocate --out naming the case folder, a folder holding it, a link to it or a case file: refused")
  func allocateOverItsCase() throws {
    let scratch = try ScratchFolder()
    let folder = try copiedCase(scratch)
    try FileManager.default.createSymbolicLink(atPath: scratch.at("link"), withDestinationPath: folder)
    let before = try snapshot(scratch.path)
    let outs = [folder, scratch.path, scratch.at("link"), folder + "/settings.csv", scratch.at("case/../case")]
    for out in outs {
      let result = try runPlacewise(["allocate", folder, "--out", out])
      #expect(result.status == 1, "\(out): \(result.stderr)")
      #expect(result.stderr.contains("an input of this run"), "\(result.stderr)")
      #expect(try snapshot(scratch.path) == before, "\(out)")
    }
  }

  @Test("compare whose plan is in (or hard-linked into) an earlier output it would replace: refused")
  func compareOverItsPlan() throws {
    let scratch = try ScratchFolder()
    let options = try scratch.write(
      "options.csv", "option,action,urn,places,capital_cost\na,add_places,140001,1,100\n")
    let out = scratch.at("out")
    let first = try runPlacewise(["recommend", tinyCase, options, "--budget", "1000", "--out", out, "--quiet"])
    try #require(first.status == 0, "\(first.stderr)")
    try FileManager.default.linkItem(atPath: out + "/plan.csv", toPath: scratch.at("linked.csv"))
    let before = try snapshot(scratch.path)
    for plan in [out + "/plan.csv", scratch.at("linked.csv")] {
      let result = try runPlacewise(["compare", tinyCase, plan, "--out", out])
      #expect(result.status == 1, "\(plan): \(result.stderr)")
      #expect(result.stderr.contains("input of this run"), "\(result.stderr)")
      #expect(try snapshot(scratch.path) == before, "\(plan)")
    }
    // The options file itself as the output folder's plan.csv, for recommend.
    let again = try runPlacewise(["recommend", tinyCase, out + "/plan.csv", "--budget", "0", "--out", out])
    #expect(again.status == 1, "\(again.stderr)")
    #expect(try snapshot(scratch.path) == before)
  }

  @Test("recommend --out naming its options file or the postcode directory: refused")
  func recommendOverItsOptions() throws {
    let scratch = try ScratchFolder()
    let options = try scratch.write(
      "options.csv", "option,action,urn,places,capital_cost\na,add_places,140001,1,100\n")
    let postcodes = try scratch.write("postcodes.csv", "pcds,doterm,oseast1m,osnrth1m\n")
    let before = try snapshot(scratch.path)
    for out in [options, postcodes] {
      let result = try runPlacewise([
        "recommend", tinyCase, options, "--postcodes", postcodes, "--budget", "0", "--out", out,
      ])
      #expect(result.status == 1, "\(out): \(result.stderr)")
      #expect(result.stderr.contains("is an input of this run"), "\(result.stderr)")
      #expect(try snapshot(scratch.path) == before)
    }
  }

  @Test("allocate --out naming the postcode directory that only policy.toml names: refused with status 1")
  func allocateOverPolicyPostcodes() throws {
    let scratch = try ScratchFolder()
    let folder = try copiedCase(scratch)
    try scratch.write("case/policy.toml", "postcodes = \"../onspd\"\n")
    // A folder, so that only the input check (not the output folder's rules) can refuse it.
    try scratch.write("onspd/notes.txt", "the user's\n")
    let before = try snapshot(scratch.path)
    let result = try runPlacewise(["allocate", folder, "--out", scratch.at("onspd")])
    #expect(result.status == 1, "\(result.stderr)")
    #expect(result.stderr.contains("is an input of this run"), "\(result.stderr)")
    #expect(try snapshot(scratch.path) == before)
  }
}
