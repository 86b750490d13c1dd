import Foundation
import PlacewiseTestSupport
import Testing

private func readText(_ path: String) throws -> String {
  try String(contentsOfFile: path, encoding: .utf8)
}

private func summaryFigures(_ folder: String) throws -> [String: Any] {
  let data = try Data(contentsOf: URL(fileURLWithPath: folder + "/summary.json"))
  return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
}

@Suite("placewise allocate, end to end")
struct AllocateCommandTests {
  @Test("allocates the sample county: every pupil in placements.csv, figures consistent, files private")
  func sampleCounty() throws {
    let scratch = try ScratchFolder()
    let out = scratch.at("out")
    let result = try runPlacewise(["allocate", packageRoot + "/Data/sample-county", "--out", out])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("Placed 2,757 of 3,000 pupils"), "\(result.stdout)")
    #expect(result.stdout.contains("Report:                        \(out)/report.html"))
    #expect(FileManager.default.fileExists(atPath: out + "/report.html"))
    let pupils = try readText(packageRoot + "/Data/sample-county/pupils.csv")
    let inputIDs = pupils.split(separator: "\n").dropFirst().map { String($0.split(separator: ",")[0]) }
    let placements = try readText(out + "/placements.csv").split(separator: "\n").dropFirst()
    #expect(placements.map { String($0.split(separator: ",")[0]) } == inputIDs)
    let summary = try summaryFigures(out)
    #expect(summary["pupils"] as? Int == inputIDs.count)
    #expect(summary["solver_status"] as? String == "optimal")
    let placed = try #require(summary["placed"] as? Int)
    let unplaced = try #require(summary["unplaced"] as? Int)
    #expect(placed + unplaced == inputIDs.count)
    #expect(placements.filter { $0.contains(",placed,") }.count == placed)
    let attributes = try FileManager.default.attributesOfItem(atPath: out + "/placements.csv")
    #expect((attributes[.posixPermissions] as? Int) == 0o600)
    // Placed journeys over the pupil's limit (their own, else 45 minutes to
    // age 10 and 75 from 11, the policy's defaults), counted from the files.
    let limits = Dictionary(
      uniqueKeysWithValues: try csvRecords(packageRoot + "/Data/sample-county/pupils.csv").map { pupil in
        let age = Int(pupil["age"] ?? "") ?? 0
        return (pupil["pupil_id"] ?? "", Double(pupil["max_travel_minutes"] ?? "") ?? (age <= 10 ? 45 : 75))
      })
    let over = try csvRecords(out + "/placements.csv").filter { row in
      row["status"] == "placed"
        && (Double(row["travel_minutes"] ?? "") ?? 0) > (limits[row["pupil_id"] ?? ""] ?? .infinity)
    }.count
    #expect(over > 100)
    #expect(summary["placed_over_journey_limit"] as? Int == over)
    #expect(result.stdout.contains("; \(over) children over their journey limit"), "\(result.stdout)")
  }

  @Test("two runs give byte-identical outputs")
  func deterministic() throws {
    let scratch = try ScratchFolder()
    for name in ["a", "b"] {
      let result = try runPlacewise([
        "allocate", packageRoot + "/Data/sample-county", "--out", scratch.at(name), "--quiet",
      ])
      #expect(result.status == 0, "\(result.stderr)")
      #expect(result.stdout.isEmpty)
    }
    for file in [
      "placements.csv", "summary.json", "settings.csv", "report.html", "place-values.csv", "explanations.csv",
    ] {
      let a = try Data(contentsOf: URL(fileURLWithPath: scratch.at("a/" + file)))
      let b = try Data(contentsOf: URL(fileURLWithPath: scratch.at("b/" + file)))
      #expect(a == b, "\(file) differs")
    }
  }

  @Test("an invalid case exits 2, names file and line, and leaves the earlier output as it was")
  func invalidCaseChangesNothing() throws {
    let scratch = try ScratchFolder()
    let out = scratch.at("out")
    let good = try scratch.writeCase(
      "good",
      files: [
        "settings.csv": "urn,name,kind,easting,northing,low_age,high_age,capacity\n100001,Oak,special,0,0,4,19,1\n",
        "pupils.csv": "pupil_id,easting,northing,age,primary_need,provision\nP1,1000,0,9,ASD,special\n",
      ])
    #expect(try runPlacewise(["allocate", good, "--out", out, "--quiet"]).status == 0)
    let before = try Data(contentsOf: URL(fileURLWithPath: out + "/placements.csv"))
    let bad = try scratch.writeCase(
      "bad",
      files: [
        "settings.csv": "urn,name,kind,easting,northing,low_age,high_age,capacity\n100001,Oak,special,0,0,4,19,-1\n",
        "pupils.csv": "pupil_id,easting,northing,age,primary_need,provision\nP1,1000,0,9,XYZ,special\n",
      ])
    let result = try runPlacewise(["allocate", bad, "--out", out])
    #expect(result.status == 2)
    #expect(result.stderr.contains("settings.csv, line 2"))
    #expect(result.stderr.contains("pupils.csv, line 2"))
    #expect(try Data(contentsOf: URL(fileURLWithPath: out + "/placements.csv")) == before)
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: scratch.path).filter { $0.hasPrefix(".") }
    #expect(leftovers.isEmpty)
  }

  /// The README's first command, `--out out/sample-county`, in a fresh
  /// checkout where `out` does not exist yet.
  @Test("missing folders above the output are created, private like it")
  func missingParentsCreated() throws {
    let scratch = try ScratchFolder()
    let result = try runPlacewise(
      ["allocate", packageRoot + "/Data/sample-county", "--out", "out/sample-county", "--quiet"],
      in: scratch.at(""))
    #expect(result.status == 0, "\(result.stderr)")
    #expect(FileManager.default.fileExists(atPath: scratch.at("out/sample-county/placements.csv")))
    let mode = try FileManager.default.attributesOfItem(atPath: scratch.at("out"))[.posixPermissions] as? Int
    #expect(mode == 0o700)
  }

  @Test("folders created for an output that cannot be written are removed again")
  func createdParentsRemovedOnFailure() throws {
    let scratch = try ScratchFolder()
    // `new/deeper` can be created; an output name of 300 characters cannot.
    let longName = String(repeating: "n", count: 300)
    let result = try runPlacewise(
      ["allocate", packageRoot + "/Data/sample-county", "--out", scratch.at("new/deeper/" + longName), "--quiet"])
    #expect(result.status == 1)
    #expect(result.stderr.contains("nothing was written"), "\(result.stderr)")
    #expect(!FileManager.default.fileExists(atPath: scratch.at("new")))
  }

  @Test("an output under a file is refused, and nothing is created")
  func outputUnderAFile() throws {
    let scratch = try ScratchFolder()
    try scratch.write("x", "")
    let result = try runPlacewise(
      ["allocate", packageRoot + "/Data/sample-county", "--out", scratch.at("x/a/out"), "--quiet"])
    #expect(result.status == 1)
    // The file in the way is named (it was the folder below it, before the
    // check moved ahead of the solve).
    #expect(result.stderr.contains("/x: cannot create a folder there (Not a directory)"), "\(result.stderr)")
    #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.at("")) == ["x"])
  }

  @Test("an output folder holding other files is refused, not replaced")
  func foreignOutputFolderRefused() throws {
    let scratch = try ScratchFolder()
    try scratch.write("out/notes.docx", "the planner's own file")
    let result = try runPlacewise(["allocate", packageRoot + "/Data/sample-county", "--out", scratch.at("out")])
    #expect(result.status == 1)
    #expect(result.stderr.contains("notes.docx"))
    #expect(FileManager.default.fileExists(atPath: scratch.at("out/notes.docx")))
    #expect(!FileManager.default.fileExists(atPath: scratch.at("out/placements.csv")))
  }

  @Test("validate reports a valid case and exits 0")
  func validateValidCase() throws {
    let result = try runPlacewise(["validate", packageRoot + "/Data/sample-county"])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("The case is valid"))
    // The pupils with no eligible setting, found without solving: as many as allocate leaves unplaced for it.
    #expect(result.stdout.contains("Pupils with no eligible setting: 134 (each would be left unplaced"))
    #expect(result.stdout.contains("  and 129 more."))
  }

  @Test("--no-values and --no-explain skip their files; by default both are written and summarised")
  func planningFiles() throws {
    let scratch = try ScratchFolder()
    let full = try runPlacewise(["allocate", packageRoot + "/Data/tiny/capacity-contest", "--out", scratch.at("a")])
    #expect(full.status == 0, "\(full.stderr)")
    #expect(full.stdout.contains("One more place is worth most at (what it would change):"))
    #expect(full.stdout.contains("First preferences given to others: 1;"))
    for file in ["place-values.csv", "explanations.csv"] {
      #expect(FileManager.default.fileExists(atPath: scratch.at("a/" + file)))
    }
    let bare = try runPlacewise([
      "allocate", packageRoot + "/Data/tiny/capacity-contest", "--out", scratch.at("a"), "--no-values", "--no-explain",
      "--quiet", "--timings",
    ])
    #expect(bare.status == 0, "\(bare.stderr)")
    #expect(!bare.stderr.contains("timing: place-values") && !bare.stderr.contains("timing: explanations"))
    for file in ["place-values.csv", "explanations.csv"] {
      #expect(!FileManager.default.fileExists(atPath: scratch.at("a/" + file)))
    }
    let timed = try runPlacewise([
      "allocate", packageRoot + "/Data/tiny/capacity-contest", "--out", scratch.at("a"), "--quiet", "--timings",
    ])
    #expect(timed.stderr.contains("timing: place-values") && timed.stderr.contains("timing: explanations"))
  }

  @Test("--version names the program and the case format")
  func version() throws {
    let result = try runPlacewise(["--version"])
    #expect(result.status == 0)
    #expect(result.stdout.contains("placewise"))
  }
}
