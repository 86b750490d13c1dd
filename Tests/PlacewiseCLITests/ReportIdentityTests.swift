import Foundation
import PlacewiseTestSupport
import Testing
import XLSXTestSupport

// Issue 25 item 3, reports that carry their identity: report.html (screen
// and print) and the workbook's Summary sheet name the run's date, the
// Placewise version, the case, the effective policy and the input files
// with the first 12 characters of their digests.

/// 1 March 2026, 00:00 UTC: the day the runs below say they were made.
private let epoch = "1772323200"

/// `placewise` run with `SOURCE_DATE_EPOCH` set (through env(1), which
/// passes the rest of the environment on).
private func runOn(_ day: String, _ arguments: [String]) throws -> CLIResult {
  try runPlacewise(arguments, through: ["/usr/bin/env", "SOURCE_DATE_EPOCH=\(day)"])
}

/// The manifest's inputs: path and whole SHA-256.
private func manifestInputs(_ folder: String) throws -> [(path: String, sha256: String)] {
  let data = try Data(contentsOf: URL(fileURLWithPath: folder + "/manifest.json"))
  let manifest = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
  let inputs = try #require(manifest["inputs"] as? [[String: Any]])
  return inputs.compactMap { entry in
    guard let path = entry["path"] as? String, let sha = entry["sha256"] as? String else { return nil }
    return (path, sha)
  }
}

@Suite("Reports that carry their identity (issue 25)")
struct ReportIdentityTests {
  @Test("report.html names the day, the version, the case, every policy key and each input's digest")
  func reportIdentity() throws {
    let scratch = try ScratchFolder()
    let out = scratch.at("out")
    let result = try runOn(epoch, ["allocate", packageRoot + "/Data/sample-county", "--out", out, "--quiet"])
    #expect(result.status == 0, "\(result.stderr)")
    let html = try String(contentsOfFile: out + "/report.html", encoding: .utf8)
    let version = try #require(try runPlacewise(["--version"]).stdout.split(separator: " ").dropFirst().first)
    #expect(
      html.contains(
        "Run on <time datetime=\"2026-03-01\">1 March 2026</time> with Placewise \(version), case "
          + "<strong>sample-county</strong>"))
    #expect(html.contains("<h2 id=\"about-run\">About this run</h2>"))
    for key in ["max_travel_minutes_primary", "preference_rule", "resources_margin", "placement_start"] {
      #expect(html.contains("<td><code>\(key)</code></td>"), "\(key)")
    }
    let inputs = try manifestInputs(out)
    #expect(inputs.count == 4)
    for input in inputs {
      #expect(html.contains("<td>\(input.path)</td><td><code>\(input.sha256.prefix(12))</code></td>"), "\(input.path)")
    }
    // The manifest's clock is SOURCE_DATE_EPOCH's too.
    let manifest = try String(contentsOfFile: out + "/manifest.json", encoding: .utf8)
    #expect(manifest.contains("\"written_at\": \"2026-03-01T00:00:00Z\""), "\(manifest)")
  }

  @Test("compare's and recommend's reports, and the allocations inside their folders, carry it too")
  func planningReports() throws {
    let scratch = try ScratchFolder()
    let tiny = packageRoot + "/Data/tiny/capacity-contest"
    let plan = try scratch.write("one-more.csv", "action,urn,places\nadd_places,140001,1\n")
    let options = try scratch.write(
      "options.csv", "option,action,urn,places,capital_cost\none-place,add_places,140001,1,50000\n")
    let compare = try runOn(epoch, ["compare", tiny, plan, "--out", scratch.at("c"), "--quiet"])
    #expect(compare.status == 0, "\(compare.stderr)")
    let recommend = try runOn(
      epoch, ["recommend", tiny, options, "--budget", "1m", "--out", scratch.at("r"), "--quiet"])
    #expect(recommend.status == 0, "\(recommend.stderr)")
    for (folder, reports) in [
      ("c", ["report.html", "plans/baseline/report.html", "plans/one-more/report.html"]),
      ("r", ["report.html", "allocation/report.html"]),
    ] {
      let inputs = try manifestInputs(scratch.at(folder))
      #expect(inputs.contains { $0.path.hasSuffix(".csv") && !$0.path.contains("capacity-contest") })
      for report in reports {
        let html = try String(contentsOfFile: scratch.at(folder + "/" + report), encoding: .utf8)
        #expect(html.contains("Run on <time datetime=\"2026-03-01\">1 March 2026</time>"), "\(folder)/\(report)")
        #expect(html.contains("case <strong>capacity-contest</strong>"), "\(folder)/\(report)")
        for input in inputs {
          #expect(
            html.contains("<td><code>\(input.sha256.prefix(12))</code></td>"), "\(folder)/\(report): \(input.path)")
        }
      }
    }
  }

  @Test("the workbook's Summary sheet opens with the same identity")
  func workbookIdentity() throws {
    let scratch = try ScratchFolder()
    let out = scratch.at("out")
    let result = try runOn(epoch, ["allocate", packageRoot + "/Data/tiny/capacity-contest", "--out", out, "--quiet"])
    #expect(result.status == 0, "\(result.stderr)")
    let book = try XLSXFile(bytes: Array(try Data(contentsOf: URL(fileURLWithPath: out + "/placewise.xlsx"))))
    let sheet = try book.sheet("Summary")
    var rows: [String: XLSXCell] = [:]
    for r in 1..<sheet.rowCount {
      if case .text(let key) = sheet.cell(r, 0), let value = sheet.cell(r, 1) { rows[key] = value }
    }
    // Labels in words (issue 25); policy keys as policy.toml spells them.
    #expect(sheet.cell(1, 0) == .text("Run on") && sheet.cell(1, 1) == .text("2026-03-01"))
    let version = try runPlacewise(["--version"]).stdout.split(separator: " ")[1]
    #expect(rows["Placewise version"] == .text(String(version)))
    #expect(rows["Case"] == .text("capacity-contest"))
    #expect(rows["Policy: preference_rule"] == .text("\"weighted\""), "the tiny cases pin version 1's objective")
    #expect(rows["Policy: speed_kmh"] != nil && rows["Policy: placement_start"] != nil)
    for input in try manifestInputs(out) {
      #expect(rows["Input file " + input.path] == .text(String(input.sha256.prefix(12))), "\(input.path)")
    }
  }

  @Test("the same input on the same day gives the same bytes, the manifest included, with SOURCE_DATE_EPOCH")
  func sameDaySameBytes() throws {
    let scratch = try ScratchFolder()
    let out = scratch.at("out")
    var runs: [[String: Data]] = []
    for _ in 0..<2 {
      let result = try runOn(epoch, ["allocate", packageRoot + "/Data/tiny/capacity-contest", "--out", out, "--quiet"])
      #expect(result.status == 0, "\(result.stderr)")
      var files: [String: Data] = [:]
      for name in try FileManager.default.contentsOfDirectory(atPath: out) {
        files[name] = try Data(contentsOf: URL(fileURLWithPath: out + "/" + name))
      }
      runs.append(files)
    }
    #expect(runs[0].keys.count >= 8)
    #expect(runs[0] == runs[1])
    // Another day: only the dates differ.
    let other = try runOn(
      "1772409600", ["allocate", packageRoot + "/Data/tiny/capacity-contest", "--out", out, "--quiet"])
    #expect(other.status == 0)
    let html = try String(contentsOfFile: out + "/report.html", encoding: .utf8)
    #expect(html.contains("2 March 2026") && !html.contains("1 March 2026"))
  }

  @Test(
    "the identity shows on screen and in print (headless Chromium)",
    .enabled(if: ChromiumPage.executable != nil, "no Chromium installed: the browser check is skipped"))
  func identityInPrint() throws {
    let scratch = try ScratchFolder()
    let out = scratch.at("out")
    let result = try runOn(
      epoch,
      ["allocate", packageRoot + "/Data/tiny/capacity-contest", "--out", out, "--quiet", "--report-level", "public"])
    #expect(result.status == 0, "\(result.stderr)")
    let page = try ChromiumPage(
      url: URL(fileURLWithPath: out + "/report.html").absoluteString, width: 1200, height: 1600)
    let visible = """
      ['run-identity', 'about-run'].map(id => {
        const e = document.getElementById(id);
        return e && getComputedStyle(e).display !== 'none' && e.getBoundingClientRect().height > 0 ? e.textContent : '';
      })
      """
    for print in [false, true] {
      try page.emulatePrint(print)
      let texts = try #require(try page.evaluate(visible) as? [String])
      #expect(texts.count == 2 && texts[0].contains("Run on 1 March 2026 with Placewise"), "print \(print): \(texts)")
      #expect(texts.count == 2 && texts[1] == "About this run", "print \(print): \(texts)")
    }
  }

  /// Round twenty-five: with SOURCE_DATE_EPOCH set, the reports took its
  /// day but the default placement_start (the coming 1 September) and so
  /// every age from a date of birth still took the machine's clock.
  @Test("SOURCE_DATE_EPOCH sets the default placement start too: ages from dates of birth follow it")
  func sourceDateEpochSetsPlacementStart() throws {
    let scratch = try ScratchFolder()
    let folder = try scratch.writeCase(
      "case",
      files: [
        "settings.csv": "urn,name,kind,easting,northing,low_age,high_age,capacity\n1,A,special,400000,300000,2,19,5\n",
        "pupils.csv":
          "pupil_id,easting,northing,date_of_birth,primary_need,provision\nP1,400100,300100,2015-01-01,ASD,special\n",
      ])
    // 1 March 2026 (start 1 September 2026: 11 on 31 August 2026) and
    // 17 August 2040 (start 1 September 2040: 25 on 31 August 2040).
    for (day, age) in [(epoch, "11"), ("2228774400", "25")] {
      let out = scratch.at("out-\(day)")
      let run = try runOn(day, ["allocate", folder, "--out", out, "--quiet"])
      #expect(run.status == 0, "\(run.stderr)")
      let row = try #require(try csvRecords(out + "/placements.csv").first)
      #expect(row["age"] == age, "SOURCE_DATE_EPOCH=\(day): \(row)")
    }
  }
}
