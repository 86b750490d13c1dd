import Foundation
import PlacewiseTestSupport
import Testing
import XLSXTestSupport

// `compare` from the command line: the malformed-plan corpus (MalformedPlans/,
// one refused run a folder), the output folder's layout and promises, and
// each plan's folder against `allocate` run on the changed case's files.

private let corpusRoot = packageRoot + "/Tests/PlacewiseCLITests/MalformedPlans"
private let tinyCase = packageRoot + "/Data/tiny/capacity-contest"

private func corpusNames() -> [String] {
  let names = (try? FileManager.default.contentsOfDirectory(atPath: corpusRoot)) ?? []
  return names.filter { name in
    var isFolder: ObjCBool = false
    return FileManager.default.fileExists(atPath: corpusRoot + "/" + name, isDirectory: &isFolder)
      && isFolder.boolValue
  }.sorted()
}

/// Every file under a folder, by relative path, with its bytes.
private func tree(_ path: String) throws -> [String: Data] {
  var files: [String: Data] = [:]
  guard let walker = FileManager.default.enumerator(atPath: path) else { return files }
  for case let name as String in walker {
    var isFolder: ObjCBool = false
    if FileManager.default.fileExists(atPath: path + "/" + name, isDirectory: &isFolder), !isFolder.boolValue {
      files[name] = try Data(contentsOf: URL(fileURLWithPath: path + "/" + name))
    }
  }
  return files
}

/// Files by path with the manifest's clock and command line left out (the
/// only lines a rerun with --quiet may change).
private func withoutClock(_ files: [String: Data]) -> [String: Data] {
  files.mapValues { data in
    let lines = String(decoding: data, as: UTF8.self).split(separator: "\n")
    let kept = lines.filter { !$0.contains("\"written_at\"") && !$0.contains("\"command\"") }
    return Data(kept.joined(separator: "\n").utf8)
  }
}

@Suite("compare on the command line")
struct CompareCommandTests {
  @Test("refuses every malformed plan with every problem located, writing nothing", arguments: corpusNames())
  func malformedPlan(_ name: String) throws {
    let folder = corpusRoot + "/" + name
    let expected = try String(contentsOfFile: folder + "/expected.txt", encoding: .utf8)
    var plans = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".csv") }.sorted()
    var caseFolder = tinyCase
    var fragments: [String] = []
    var count: Int?
    for line in expected.split(separator: "\n").map(String.init) {
      if line.hasPrefix("# plans: ") {
        plans = line.dropFirst("# plans: ".count).split(separator: " ").map(String.init)
      } else if line == "# case: missing" {
        caseFolder = "no-such-case"
      } else if line.hasPrefix("count: ") {
        count = Int(line.dropFirst("count: ".count))
      } else if !line.hasPrefix("#") {
        fragments.append(line)
      }
    }
    let scratch = try ScratchFolder()
    let out = scratch.at("out")
    let result = try runPlacewise(["compare", caseFolder] + plans + ["--out", out], in: folder)
    #expect(result.status == 2, "\(name)\n\(result.stderr)")
    #expect(result.stdout.isEmpty)
    // The heading names the plan files that hold problems ("the plan file
    // a.csv is invalid", "the case and the plan file a.csv are invalid").
    let heading = result.stderr.prefix { $0 != "\n" }
    #expect(heading.hasPrefix("placewise: the ") && heading.contains("the plan file "), "\(result.stderr)")
    #expect(heading.hasSuffix(" invalid; nothing was written."), "\(result.stderr)")
    for fragment in fragments {
      #expect(result.stderr.contains(fragment), "\(name): missing \(fragment)\n\(result.stderr)")
    }
    if let count {
      #expect(result.stderr.hasSuffix("\n\(count) problem\(count == 1 ? "" : "s") found.\n"), "\(result.stderr)")
    }
    #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path).isEmpty, "nothing written")
  }

  @Test("writes the tables and plans/NAME/ folders; each plan folder is what allocate writes for the changed case")
  func planFoldersMatchAllocate() throws {
    let scratch = try ScratchFolder()
    let plan = try scratch.write(
      "more-oakfield.csv", "action,urn,places,capital_cost,annual_cost\nadd_places,140001,1,50000,24000\n")
    let out = scratch.at("out")
    let result = try runPlacewise(["compare", tinyCase, plan, "--out", out])
    #expect(result.status == 0, "\(result.stderr)")
    let written = try tree(out)
    try expectTopLevelFiles(written)
    try expectPlanFoldersMatchAllocate(written, scratch: scratch)
    let comparison = String(decoding: written["comparison.csv"] ?? Data(), as: UTF8.self)
    let rows = comparison.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
    #expect(rows.count == 3)
    #expect(rows[1].first == "baseline" && rows[2].first == "more-oakfield")
    // One more place at the contested school places one more pupil: £50,000 per extra placement.
    #expect(rows[2][12] == "1" && rows[2][15] == "50000", "\(comparison)")
    #expect(result.stdout.contains("more-oakfield"))

    // Run again over the earlier output: replaced; the same bytes.
    let again = try runPlacewise(["compare", tinyCase, plan, "--out", out, "--quiet"])
    #expect(again.status == 0, "\(again.stderr)")
    // The same bytes, but for the manifest's clock and command line (--quiet).
    #expect(withoutClock(try tree(out)) == withoutClock(written))

    // A file Placewise did not write inside plans/NAME/: refused, nothing changed.
    try Data("mine".utf8).write(to: URL(fileURLWithPath: out + "/plans/baseline/notes.txt"))
    let refused = try runPlacewise(["compare", tinyCase, plan, "--out", out])
    #expect(refused.status == 1, "\(refused.stderr)")
    #expect(refused.stderr.contains("plans/baseline/notes.txt"), "\(refused.stderr)")
    #expect(try tree(out).count == written.count + 1)
  }

  @Test("--plan-outputs summary: each plan folder holds placements, summary and settings, byte for byte those of full")
  func summaryPlanOutputs() throws {
    let scratch = try ScratchFolder()
    let plans = ["more-asd-places.csv", "close-hartmouth.csv"].map { packageRoot + "/Data/sample-county/plans/" + $0 }
    let sample = packageRoot + "/Data/sample-county"
    let full = try runPlacewise(["compare", sample] + plans + ["--out", scratch.at("full"), "--quiet"])
    #expect(full.status == 0, "\(full.stderr)")
    let summary = try runPlacewise(
      ["compare", sample] + plans + ["--out", scratch.at("summary"), "--quiet", "--plan-outputs", "summary"])
    #expect(summary.status == 0, "\(summary.stderr)")
    let fullTree = try tree(scratch.at("full"))
    let summaryTree = try tree(scratch.at("summary"))
    var expected = Set(fullTree.keys.filter { !$0.hasPrefix("plans/") })
    for plan in ["baseline", "more-asd-places", "close-hartmouth"] {
      for file in ["placements.csv", "summary.json", "settings.csv"] { expected.insert("plans/\(plan)/\(file)") }
    }
    #expect(Set(summaryTree.keys) == expected)
    for (name, data) in summaryTree where name != "manifest.json" {
      #expect(data == fullTree[name], "\(name) differs from --plan-outputs full's")
    }
    let bad = try runPlacewise(["compare", sample] + plans + ["--out", scratch.at("bad"), "--plan-outputs", "some"])
    #expect(bad.status == 64, "\(bad.stderr)")
    #expect(bad.stderr.contains("full") && bad.stderr.contains("summary"), "\(bad.stderr)")
    #expect(!FileManager.default.fileExists(atPath: scratch.at("bad")))
  }

  /// The top-level files of a compare of the tiny case with one plan: the
  /// tables, moves naming settings, the report naming every plan, and the
  /// workbook holding the three tables row for row.
  private func expectTopLevelFiles(_ written: [String: Data]) throws {
    #expect(
      Set(written.keys.filter { !$0.hasPrefix("plans/") }) == [
        "comparison.csv", "comparison-by-need.csv", "moves.csv", "manifest.json", "report.html",
        "placewise.xlsx",
      ])
    // School names beside URNs (issue 25): each moved pupil's settings by name too.
    let moves = parseCSV(String(decoding: written["moves.csv"] ?? Data(), as: UTF8.self))
    #expect(
      moves.first == [
        "plan", "pupil_id", "baseline_urn", "plan_urn", "baseline_status", "plan_status", "baseline_setting_name",
        "plan_setting_name",
      ])
    let settings = Dictionary(
      uniqueKeysWithValues: try csvRecords(tinyCase + "/settings.csv").map { ($0["urn"] ?? "", $0["name"] ?? "") })
    #expect(moves.count > 1)
    for row in moves.dropFirst() {
      #expect(row[6] == (settings[row[2]] ?? ""), "\(row)")
      #expect(row[7] == (settings[row[3]] ?? ""), "\(row)")
      #expect(!row[6].isEmpty || !row[7].isEmpty)
    }
    // The report names every plan; the workbook holds the three tables, row for row.
    let report = String(decoding: written["report.html"] ?? Data(), as: UTF8.self)
    #expect(report.contains("baseline") && report.contains("more-oakfield"))
    let book = try XLSXFile(bytes: [UInt8](written["placewise.xlsx"] ?? Data()))
    #expect(book.sheets.map(\.name) == ["Comparison", "Comparison by need", "Moves"])
    for (sheet, file) in [
      ("Comparison", "comparison.csv"), ("Comparison by need", "comparison-by-need.csv"),
      ("Moves", "moves.csv"),
    ] {
      let lines = String(decoding: written[file] ?? Data(), as: UTF8.self).split(separator: "\n")
      let table = try book.sheet(sheet)
      #expect(table.rowCount == lines.count, "\(sheet)")
      for (r, line) in lines.enumerated() {
        let plan = String(line.split(separator: ",", omittingEmptySubsequences: false)[0])
        #expect(table.cell(r, 0) == .text(r == 0 ? "Plan" : plan), "\(sheet) row \(r + 1) (the header in words)")
      }
    }
  }

  /// Each plan folder of `written` holds what `allocate` writes for the
  /// baseline or for the changed case, written out by hand.
  private func expectPlanFoldersMatchAllocate(_ written: [String: Data], scratch: ScratchFolder) throws {
    // The changed case written out by hand: Oakfield's capacity 120 -> 121.
    let changed = try scratch.writeCase(
      "changed",
      files: [
        "settings.csv": try String(contentsOfFile: tinyCase + "/settings.csv", encoding: .utf8)
          .replacingOccurrences(of: "4,19,120,119", with: "4,19,121,119"),
        "pupils.csv": try String(contentsOfFile: tinyCase + "/pupils.csv", encoding: .utf8),
        "travel.csv": try String(contentsOfFile: tinyCase + "/travel.csv", encoding: .utf8),
        "policy.toml": try String(contentsOfFile: tinyCase + "/policy.toml", encoding: .utf8),
      ])
    for (folder, caseFolder) in [("baseline", tinyCase), ("more-oakfield", changed)] {
      let direct = scratch.at("direct-\(folder)")
      let allocate = try runPlacewise(["allocate", caseFolder, "--out", direct, "--quiet"])
      #expect(allocate.status == 0, "\(allocate.stderr)")
      // The same files as `allocate` writes, placements and settings byte for byte.
      // One manifest.json, at the top, covers the plan folders too.
      let names = try FileManager.default.contentsOfDirectory(atPath: direct).filter { $0 != "manifest.json" }.sorted()
      let planFiles = written.keys.filter { $0.hasPrefix("plans/\(folder)/") }.map {
        $0.dropFirst("plans/\(folder)/".count)
      }
      #expect(planFiles.sorted() == names.map { Substring($0) }, "\(folder)")
      for file in ["placements.csv", "settings.csv"] {
        #expect(
          written["plans/\(folder)/\(file)"] == (try Data(contentsOf: URL(fileURLWithPath: direct + "/" + file))),
          "\(folder)/\(file)")
      }
    }
  }

  @Test("plans named .csv or ...csv (no name, or only dots) are refused before solving, status 2 (issue 23 item 6)")
  func dotOnlyPlanNames() throws {
    let scratch = try ScratchFolder()
    let text = "action,urn,places\nadd_places,140001,1\n"
    let plans = [try scratch.write(".csv", text), try scratch.write("...csv", text), try scratch.write("..csv", text)]
    let out = scratch.at("out")
    let result = try runPlacewise(["compare", tinyCase] + plans + ["--out", out])
    #expect(result.status == 2, "\(result.stderr)")
    #expect(result.stderr.contains(".csv: found a plan with no name"), "\(result.stderr)")
    #expect(result.stderr.contains("...csv: found a plan named \"..\""), "\(result.stderr)")
    #expect(result.stderr.contains("3 problems found"), "\(result.stderr)")
    #expect(!FileManager.default.fileExists(atPath: out))
  }

  /// Hostile trial, round twenty-one: an escape sequence or right-to-left
  /// override in a plan's file name went raw into comparison.csv and the
  /// folder's name; `Baseline` beside `baseline`, and `Plan-A` beside
  /// `plan-a`, are one folder on a case-insensitive share; `baseline .csv`
  /// is read back as the baseline by any CSV reader that trims.
  @Test("plan names with control or invisible characters, spaces around them, or differing only in case are refused")
  func planNameRules() throws {
    let scratch = try ScratchFolder()
    let text = "action,urn,places\nadd_places,140001,1\n"
    let names = [
      "e\u{1B}]0;TITLE\u{07}.csv", "r\u{202E}.csv", "Baseline.csv", "baseline .csv", "Plan-A.csv", "plan-a.csv",
      // Round twenty-two: invisible, though neither control nor format.
      "g\u{034F}j.csv", "h\u{3164}.csv",
    ]
    let plans = try names.map { try scratch.write($0, text) }
    let out = scratch.at("out")
    let result = try runPlacewise(["compare", tinyCase] + plans + ["--out", out])
    #expect(result.status == 2, "\(result.stderr)")
    #expect(result.stderr.contains("found a plan name holding a control character (U+001B"), "\(result.stderr)")
    #expect(result.stderr.contains("found a plan name holding an invisible format character (U+202E"))
    #expect(result.stderr.contains("Baseline.csv: found a plan named Baseline"))
    #expect(result.stderr.contains("found a plan name starting or ending with a space"))
    #expect(result.stderr.contains("plan-a.csv: found a second plan named plan-a"))
    #expect(result.stderr.contains("found a plan name holding an invisible character (U+034F"), "\(result.stderr)")
    #expect(result.stderr.contains("found a plan name holding an invisible character (U+3164"), "\(result.stderr)")
    #expect(result.stderr.contains("7 problems found"), "\(result.stderr)")
    #expect(!result.stderr.contains("\u{1B}") && !result.stderr.contains("\u{202E}"), "the names are shown escaped")
    #expect(!FileManager.default.fileExists(atPath: out))
  }

  /// Round twenty-four: with a travel matrix, a plan opening a setting that
  /// travel.csv lists no journey to changed nothing, and nothing said why.
  @Test("a new setting travel.csv lists no journey to is warned about in the plan's summary")
  func unreachableNewSetting() throws {
    let scratch = try ScratchFolder()
    let plan = try scratch.write(
      "new.csv",
      "action,urn,name,kind,easting,northing,low_age,high_age,capacity,on_roll,gender,needs\n"
        + "new_setting,990009,New Hub,special,450500,200500,4,19,5,0,mixed,ASD\n")
    let out = scratch.at("out")
    let result = try runPlacewise(["compare", tinyCase, plan, "--out", out, "--quiet"])
    #expect(result.status == 0, "\(result.stderr)")
    let summary = try String(contentsOfFile: out + "/plans/new/summary.json", encoding: .utf8)
    #expect(summary.contains("lists no journey to 990009, which new opens"), "\(summary)")
    let baseline = try String(contentsOfFile: out + "/plans/baseline/summary.json", encoding: .utf8)
    #expect(!baseline.contains("990009"))
    #expect(result.stderr.isEmpty, "--quiet prints no warning: \(result.stderr)")
    // Printed, by plan, without --quiet (round twenty-seven: in the
    // summary only); the case's own warnings are printed once, not per plan.
    let loud = try runPlacewise(["compare", tinyCase, plan, plan, "--out", scratch.at("loud")])
    #expect(loud.status != 0, "a plan given twice is refused")
    try FileManager.default.copyItem(atPath: plan, toPath: scratch.at("other.csv"))
    let shown = try runPlacewise(["compare", tinyCase, plan, scratch.at("other.csv"), "--out", scratch.at("loud")])
    #expect(shown.status == 0, "\(shown.stderr)")
    let lines = shown.stderr.split(separator: "\n").filter { $0.contains("lists no journey to 990009") }
    #expect(
      lines.map(String.init)
        == ["new", "other"].map {
          "warning: plan \($0), travel.csv: lists no journey to 990009, which \($0) opens: no pupil can reach it, "
            + "so it places no one (add its rows to travel.csv)"
        }, "\(shown.stderr)")
  }

  /// Round thirty: a plan opening a URN the case's pupils name (a
  /// preference, an exclusion) kept the case's warning that the URN is not
  /// a setting, beside a placement there that met the preference.
  @Test("a plan's summary counts unknown URNs against the settings the plan gives")
  func unknownURNsCountedPerPlan() throws {
    let scratch = try ScratchFolder()
    let folder = try caseNamingNew(
      scratch, pupils: ["P1,400000,300000,8,ASD,special,NEW;S1,", "P2,400000,300000,8,ASD,special,OTHER,NEW"])
    let plan = try scratch.write(
      "open.csv",
      "action,urn,name,kind,easting,northing,low_age,high_age,capacity\n"
        + "new_setting,NEW,New,special,400000,300000,4,19,5\n")
    let out = scratch.at("out")
    let result = try runPlacewise(["compare", folder, plan, "--out", out])
    #expect(result.status == 0, "\(result.stderr)")
    let baseline = try String(contentsOfFile: out + "/plans/baseline/summary.json", encoding: .utf8)
    #expect(baseline.contains("2 preferences name URNs not in settings.csv"), "\(baseline)")
    #expect(baseline.contains("1 excluded_urns entry names a URN not in settings.csv"), "\(baseline)")
    // roll.csv's too, though a plan opens NEW (round thirty: they went missing).
    #expect(baseline.contains("roll.csv: 1 preference names a URN not in settings.csv"), "\(baseline)")
    #expect(baseline.contains("roll.csv: 1 excluded_urns entry names a URN"), "\(baseline)")
    let opened = try String(contentsOfFile: out + "/plans/open/summary.json", encoding: .utf8)
    #expect(opened.contains("pupils.csv: 1 preference names a URN not in settings.csv"), "OTHER: \(opened)")
    #expect(!opened.contains("excluded_urns") && !opened.contains("roll.csv"), "\(opened)")
    let placements = try String(contentsOfFile: out + "/plans/open/placements.csv", encoding: .utf8)
    #expect(placements.contains("P1,NEW,"), "\(placements)")
    #expect(
      result.stderr.contains(
        "warning: plan open, pupils.csv: 1 preference names a URN not in settings.csv"), "\(result.stderr)")
    #expect(!result.stderr.contains("plan open, pupils.csv: 1 excluded_urns"), "\(result.stderr)")
  }
}
