import Foundation
import PlacewiseTestSupport
import Testing

// Issue 25 item 2, help that shows how: every command's --help ends with
// examples on the sample data and is pinned in a golden file, a mistyped
// command gets a suggestion, the commands that write a folder list every
// file they write, and --quiet prints nothing but errors.

/// The names in the SUBCOMMANDS section of a help screen.
private func subcommandNames(_ help: String) -> [String] {
  guard let after = help.components(separatedBy: "\nSUBCOMMANDS:\n").dropFirst().first else { return [] }
  // The section ends at its first blank line.
  let section = after.components(separatedBy: "\n\n")[0]
  return section.split(separator: "\n").compactMap { line in
    // A name starts a line two spaces in; its wrapped abstract is indented further.
    guard line.hasPrefix("  "), !line.hasPrefix("   "), let word = line.split(separator: " ").first else {
      return nil
    }
    return word.hasPrefix("See") ? nil : String(word)
  }
}

/// Every command, as the words before `--help` (the root as []), found by
/// walking the help screens, so that a new command is covered too.
private func everyCommand() throws -> [[String]] {
  var found: [[String]] = []
  var queue: [[String]] = [[]]
  while let command = queue.first, found.count < 50 {
    queue.removeFirst()
    found.append(command)
    let help = try runPlacewise(command + ["--help"]).stdout
    queue += subcommandNames(help).map { command + [$0] }
  }
  return found
}

/// The section of a help screen under `heading` (up to the next blank line
/// followed by a heading, or the end).
private func section(_ heading: String, of help: String) -> String? {
  guard let start = help.range(of: "\n\(heading)")?.upperBound else { return nil }
  return String(help[start...])
}

@Suite("Help that shows how (issue 25)")
struct HelpTests {
  @Test("every command's help is pinned in a golden file (PLACEWISE_RECORD_GOLDEN=1 re-records)")
  func everyHelpIsPinned() throws {
    let commands = try everyCommand()
    #expect(commands.count >= 7, "\(commands)")
    for command in commands {
      let result = try runPlacewise(command + ["--help"])
      #expect(result.status == 0)
      let golden = "Tests/PlacewiseCLITests/Golden/" + (["help"] + command).joined(separator: "-") + ".txt"
      try assertGolden(result.stdout, at: golden, "\(command)")
      // `placewise help X` shows the same screen.
      if !command.isEmpty {
        #expect(try runPlacewise(["help"] + command).stdout == result.stdout, "help \(command)")
      }
    }
  }

  @Test("no command's overview runs words together or apart (a broken line continuation)")
  func overviewProseIsWrapped() throws {
    for command in try everyCommand() {
      let help = try runPlacewise(command + ["--help"]).stdout
      // The overview: everything before USAGE, wrapped prose with no indent.
      let overview = help.components(separatedBy: "\nUSAGE:")[0]
      for line in overview.split(separator: "\n") {
        #expect(!line.contains("   "), "\(command): \(line)")
        #expect(line.last != " ", "\(command): \(line)")
      }
    }
  }

  @Test("every command's help ends with EXAMPLES whose files exist in the repository")
  func examplesEndEveryHelp() throws {
    for command in try everyCommand() {
      let help = try runPlacewise(command + ["--help"]).stdout
      let examples = try #require(section("EXAMPLES:\n", of: help), "\(command) has no EXAMPLES")
      // The last section: no heading after it.
      #expect(!examples.split(separator: "\n").contains { $0.first?.isUppercase == true && $0.hasSuffix(":") })
      let lines = examples.split(separator: "\n").filter { $0.hasPrefix("    $ ") }
      #expect(!lines.isEmpty, "\(command)")
      if !command.isEmpty {
        #expect(
          lines.contains { $0.hasPrefix("    $ placewise " + command.joined(separator: " ")) }, "\(command)")
      }
      let words = examples.split(whereSeparator: { $0 == " " || $0 == "\n" })
      for path in words where path.hasPrefix("Data/") {
        #expect(FileManager.default.fileExists(atPath: packageRoot + "/" + path), "\(command): \(path)")
      }
    }
  }

  @Test(
    "a mistyped command gets the closest one, before any option is read",
    arguments: [
      (
        ["alocate", "Data/sample-county", "--out", "x"],
        "'alocate' is not a placewise command. Did you mean 'allocate'?"
      ),
      (["Allocate"], "Did you mean 'allocate'?"),
      (["valdiate"], "Did you mean 'validate'?"),
      (["recomend", "--budget", "5m"], "Did you mean 'recommend'?"),
      (["comp"], "Did you mean 'compare'?"),
      (["help", "alocate"], "Did you mean 'allocate'?"),
      (["import", "gia"], "'gia' is not a placewise import command. Did you mean 'gias'?"),
    ])
  func suggestion(arguments: [String], expected: String) throws {
    let result = try runPlacewise(arguments)
    #expect(result.status == 64)
    #expect(result.stderr.contains(expected), "\(result.stderr)")
    #expect(!result.stderr.contains("Unknown option"), "\(result.stderr)")
    #expect(result.stderr.contains("allocate, validate, compare") || arguments[0] == "import")
  }

  @Test("a word like no command is refused without a guess")
  func noSuggestion() throws {
    let result = try runPlacewise(["xyzzy"])
    #expect(result.status == 64)
    #expect(result.stderr.contains("'xyzzy' is not a placewise command."), "\(result.stderr)")
    #expect(!result.stderr.contains("Did you mean"))
  }

  @Test("allocate's help lists every file it writes")
  func allocateListsItsFiles() throws {
    let scratch = try ScratchFolder()
    let out = scratch.at("out")
    let run = try runPlacewise(["allocate", packageRoot + "/Data/tiny/capacity-contest", "--out", out, "--quiet"])
    #expect(run.status == 0, "\(run.stderr)")
    let listed = try #require(
      section("FILES WRITTEN (in OUT_DIR):\n", of: try runPlacewise(["allocate", "--help"]).stdout))
    let written = try FileManager.default.contentsOfDirectory(atPath: out)
    #expect(written.count >= 8)
    for name in written {
      #expect(listed.contains("\n  \(name) ") || listed.hasPrefix("  \(name) "), "\(name) is not listed")
    }
  }

  @Test("compare's, recommend's and forecast's help list every file and folder they write")
  func compareAndRecommendListTheirFiles() throws {
    let scratch = try ScratchFolder()
    let tiny = packageRoot + "/Data/tiny/capacity-contest"
    let plan = try scratch.write("one-more.csv", "action,urn,places\nadd_places,140001,1\n")
    let options = try scratch.write(
      "options.csv", "option,action,urn,places,capital_cost\none-place,add_places,140001,1,50000\n")
    let hand = packageRoot + "/Data/forecast-hand"
    let runs = [
      ("compare", ["compare", tiny, plan, "--out", scratch.at("compare"), "--quiet"]),
      ("forecast", ["forecast", hand, "--years", "2", "--out", scratch.at("forecast"), "--quiet"]),
      (
        "recommend",
        ["recommend", tiny, options, "--budget", "1m", "--frontier", "2", "--out", scratch.at("recommend"), "--quiet"]
      ),
    ]
    for (command, arguments) in runs {
      let run = try runPlacewise(arguments)
      #expect(run.status == 0, "\(run.stderr)")
      let listed = try #require(section("FILES WRITTEN", of: try runPlacewise([command, "--help"]).stdout))
      for name in try FileManager.default.contentsOfDirectory(atPath: scratch.at(command)) {
        var isFolder: ObjCBool = false
        _ = FileManager.default.fileExists(atPath: scratch.at(command + "/" + name), isDirectory: &isFolder)
        let shown = isFolder.boolValue ? name + "/" : name
        #expect(listed.contains("\n  \(shown) "), "\(command): \(shown) is not listed")
      }
    }
  }
}

@Suite("--quiet prints nothing but errors (issue 25)")
struct QuietTests {
  /// A valid case that warns (preferences naming schools outside it).
  static let warningCase = packageRoot + "/Tests/PlacewiseCLITests/Warnings/out-of-area-preferences"

  @Test("allocate, compare, recommend and validate print nothing on a case that warns; the warning is in summary.json")
  func quietOnWarnings() throws {
    let scratch = try ScratchFolder()
    let plan = try scratch.write("plan.csv", "action,urn,places\nadd_places,100001,1\n")
    let options = try scratch.write(
      "options.csv", "option,action,urn,places,capital_cost\none-place,add_places,100001,1,50000\n")
    let runs: [(arguments: [String], summary: String?)] = [
      (["allocate", Self.warningCase, "--out", scratch.at("a")], "a/summary.json"),
      (["compare", Self.warningCase, plan, "--out", scratch.at("c")], "c/plans/baseline/summary.json"),
      (
        ["recommend", Self.warningCase, options, "--budget", "1m", "--out", scratch.at("r")],
        "r/allocation/summary.json"
      ),
      (["validate", Self.warningCase], nil),
    ]
    for run in runs {
      let loud = try runPlacewise(run.arguments)
      #expect(loud.status == 0, "\(loud.stderr)")
      #expect(loud.stderr.contains("warning: pupils.csv"), "\(run.arguments[0]) shows the warning without --quiet")
      let quiet = try runPlacewise(run.arguments + ["--quiet"])
      #expect(quiet.status == 0, "\(quiet.stderr)")
      #expect(quiet.stdout.isEmpty, "\(run.arguments[0]): \(quiet.stdout)")
      #expect(quiet.stderr.isEmpty, "\(run.arguments[0]): \(quiet.stderr)")
      if let summary = run.summary {
        let json = try String(contentsOfFile: scratch.at(summary), encoding: .utf8)
        #expect(json.contains("preferences name URNs not in settings.csv"), "\(summary)")
      }
    }
  }

  @Test("import gias --quiet prints nothing, and writes the file")
  func importQuiet() throws {
    let scratch = try ScratchFolder()
    let out = scratch.at("settings.csv")
    let result = try runPlacewise([
      "import", "gias", packageRoot + "/Data/import-sample/edubasealldata.csv", "--la", "886",
      "--missing-capacity", "on-roll", "--out", out, "--quiet",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.isEmpty && result.stderr.isEmpty, "\(result.stderr)")
    #expect(FileManager.default.fileExists(atPath: out))
  }

  @Test("errors still show with --quiet")
  func errorsShow() throws {
    let scratch = try ScratchFolder()
    let missing = scratch.at("no-such-case")
    for arguments in [["allocate", missing, "--out", scratch.at("out")], ["validate", missing]] {
      let result = try runPlacewise(arguments + ["--quiet"])
      #expect(result.status == 2)
      #expect(result.stderr.contains("the case is invalid"), "\(result.stderr)")
    }
  }
}
