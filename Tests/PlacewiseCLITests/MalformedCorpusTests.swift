import Foundation
import PlacewiseTestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

// Every invalid input refused clearly: the corpus in Malformed/ (one folder
// a case, see Malformed/README.md), the valid cases with warnings in
// Warnings/, and the cases git cannot hold (unreadable files, 30 MB lines),
// built here at run time from `BaseCase` (MalformedCorpusSupport.swift).

// MARK: - Tests

@Suite("every invalid input refused clearly")
struct MalformedCorpusTests {
  @Test("the corpus holds at least 45 malformed cases, each with its expected problems")
  func corpusIsComplete() throws {
    let names = Corpus.cases("Malformed")
    #expect(names.count >= 45)
    for name in names {
      let expectation = try Expectation(contentsOf: Corpus.folder("Malformed", name) + "/expected.txt")
      #expect(!expectation.fragments.isEmpty, "\(name): no fragment")
      #expect(expectation.problems != nil, "\(name): no count")
    }
    #expect(Corpus.cases("Warnings").count >= 3)
  }

  @Test(
    "a malformed case: status 2, every problem located, the earlier output left as it was",
    arguments: Corpus.cases("Malformed"))
  func malformedCaseIsRefused(name: String) throws {
    let folder = Corpus.folder("Malformed", name)
    try expectRefused(folder, Expectation(contentsOf: folder + "/expected.txt"))
  }

  @Test("a warning is counted and shown, and never stops a run", arguments: Corpus.cases("Warnings"))
  func warningsNeverStopARun(name: String) throws {
    let folder = Corpus.folder("Warnings", name)
    let expectation = try Expectation(contentsOf: folder + "/expected.txt")
    let scratch = try ScratchFolder()
    // Not --quiet: that prints nothing but errors (the warnings stay in summary.json).
    let allocate = try runPlacewise(["allocate", folder, "--out", scratch.at("out")])
    #expect(allocate.status == 0, "\(allocate.stderr)")
    expectation.check(allocate.stderr, "allocate \(name)")
    #expect(FileManager.default.fileExists(atPath: scratch.at("out/placements.csv")))
    let validate = try runPlacewise(["validate", folder])
    #expect(validate.status == 0, "\(validate.stderr)")
    #expect(validate.stdout.hasPrefix("The case is valid"))
    expectation.check(validate.stderr, "validate \(name)")
  }

  @Test("a policy file named with --policy is checked, and its problems reported under the path given")
  func policyOptionProblems() throws {
    let scratch = try ScratchFolder()
    let folder = try BaseCase.write(in: scratch)
    let policy = Corpus.folder("Malformed", "policy-unknown-key-typo") + "/policy.toml"
    let expectation = Expectation(
      fragments: ["\(policy), line 4, column 1 (speed_kph): found unknown key \"speed_kph\""], problems: 1,
      subject: "the policy file \(policy)")
    try expectRefused(folder, expectation, options: ["--policy", policy])
  }

  /// Files that exist but cannot be read, even by root (CI runs as root,
  /// where a file's mode does not stop reading: see `unreadableByMode`).
  enum Unreadable: String, CaseIterable, Sendable {
    case danglingLink, linkLoop, fifo, deviceLink

    var file: String {
      switch self {
      case .danglingLink: "pupils.csv"
      case .linkLoop: "settings.csv"
      case .fifo: "travel.csv"
      case .deviceLink: "policy.toml"
      }
    }

    var found: String {
      switch self {
      case .danglingLink, .linkLoop: "found a symbolic link to a file that does not exist"
      case .fifo, .deviceLink: "found a special file (a pipe, socket or device), not a regular file"
      }
    }

    /// Replaces the file at `path` with the unreadable thing.
    func make(at path: String) throws {
      try FileManager.default.removeItem(atPath: path)
      switch self {
      case .danglingLink:
        try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: "no-such-target.csv")
      case .linkLoop:
        try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: "settings.csv")
      case .fifo:
        // Opening a pipe nobody writes to would block: the reader must not.
        try #require(mkfifo(path, 0o644) == 0)
      case .deviceLink:
        // Reading /dev/zero never ends.
        try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: "/dev/zero")
      }
    }
  }

  @Test("a file that exists but cannot be read is refused, naming the file", arguments: Unreadable.allCases)
  func unreadableFile(kind: Unreadable) throws {
    let scratch = try ScratchFolder()
    let folder = try BaseCase.write(in: scratch)
    try kind.make(at: folder + "/" + kind.file)
    try expectRefused(folder, Expectation(fragments: ["\(kind.file): \(kind.found)"], problems: 1))
  }

  @Test("files reached through symbolic links, relative or absolute, are read like any file")
  func linkedFilesAreRead() throws {
    let scratch = try ScratchFolder()
    let folder = try BaseCase.write(in: scratch)
    try scratch.write("shared/pupils.csv", BaseCase.pupils)
    try FileManager.default.removeItem(atPath: folder + "/pupils.csv")
    try FileManager.default.createSymbolicLink(
      atPath: folder + "/pupils.csv", withDestinationPath: "../shared/pupils.csv")
    try scratch.write("shared/travel.csv", BaseCase.travel)
    try FileManager.default.removeItem(atPath: folder + "/travel.csv")
    try FileManager.default.createSymbolicLink(
      atPath: folder + "/travel.csv", withDestinationPath: scratch.at("shared/travel.csv"))
    // The case named by a relative path, as a planner types it.
    let (result, _) = try runPlacewise(["validate", "case"], addressSpace: 1 << 30, in: scratch.path)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.hasPrefix("The case is valid: 3 settings, 4 pupils, 5 journeys listed."))
  }

  @Test(
    "a file whose mode forbids reading is refused (skipped as root, who may read it anyway)",
    .enabled(if: geteuid() != 0, "root reads a file whatever its mode; the links and pipes above fail for root too"))
  func unreadableByMode() throws {
    let scratch = try ScratchFolder()
    let folder = try BaseCase.write(in: scratch)
    try #require(chmod(folder + "/pupils.csv", 0) == 0)
    defer { _ = chmod(folder + "/pupils.csv", 0o644) }
    try expectRefused(folder, Expectation(fragments: ["pupils.csv: found a file that cannot be read"], problems: 1))
  }

  @Test("a policy file of megabytes is refused without parsing it")
  func hugePolicyFile() throws {
    let scratch = try ScratchFolder()
    let comment = "# " + String(repeating: "x", count: 1000) + "\n"
    let folder = try BaseCase.write(
      in: scratch, changes: ["policy.toml": BaseCase.policy + String(repeating: comment, count: 2000)])
    let expectation = Expectation(
      fragments: ["policy.toml: found a file of ", " bytes; expected a policy file of a few short lines"], problems: 1)
    try expectRefused(folder, expectation)
  }

  /// Lines tens of megabytes long.
  enum LongLine: String, CaseIterable, Sendable {
    /// A 30 MB setting name in quotes: legal, and valid.
    case quotedName
    /// A 30 MB line of 30,001 unquoted fields: too many fields.
    case manyFields
    /// 30 million commas: a row of empty cells, skipped with a warning.
    case commasOnly
    /// 30 million commas then text: 30 million fields, too many.
    case commasThenText
    /// A header of 30 million commas: far more columns than a case file has.
    case commasInHeader

    /// A 30 MB quoted name is read whole, then refused as a name (issue 23 item 6).
    var isValid: Bool { self == .commasOnly }

    func changes() -> [String: String?] {
      switch self {
      case .quotedName:
        let name = "\"" + String(repeating: "Oakfield ", count: 3_400_000) + "\""
        return ["settings.csv": BaseCase.settings.replacingOccurrences(of: "Oakfield School", with: name)]
      case .manyFields:
        let line = String(repeating: String(repeating: "y", count: 999) + ",", count: 30_000)
        return ["pupils.csv": BaseCase.pupils + line + "\n"]
      case .commasOnly:
        let rows = String(BaseCase.pupils.drop(while: { $0 != "\n" }).dropFirst())
        return ["pupils.csv": headerLine(BaseCase.pupils) + String(repeating: ",", count: 30_000_000) + "\n" + rows]
      case .commasThenText:
        return ["travel.csv": BaseCase.travel + String(repeating: ",", count: 30_000_000) + "x\n"]
      case .commasInHeader:
        return ["settings.csv": String(repeating: ",", count: 30_000_000) + "\n" + BaseCase.settings]
      }
    }

    fileprivate var expectation: Expectation {
      switch self {
      case .quotedName:
        Expectation(
          fragments: ["settings.csv, line 2, column 2 (name): found a name of 30,599,999 characters"], problems: 1)
      case .manyFields: Expectation(fragments: ["pupils.csv, line 6, column 12: found 30001 fields"], problems: 1)
      case .commasOnly: Expectation(fragments: ["warning: pupils.csv: 1 blank row skipped"], warnings: 1)
      case .commasThenText:
        Expectation(fragments: ["travel.csv, line 7, column 5: found 30000001 fields"], problems: 1)
      case .commasInHeader:
        Expectation(
          fragments: ["settings.csv, line 1: found 30000001 columns in the header; expected at most 10000 columns"],
          problems: 1)
      }
    }
  }

  @Test("a line tens of megabytes long is read quickly in bounded memory", arguments: LongLine.allCases)
  func longLine(kind: LongLine) throws {
    let scratch = try ScratchFolder()
    let folder = try BaseCase.write(in: scratch, changes: kind.changes())
    // The files are 30 MB; a reader that kept a field record per comma
    // needed over 800 MB for the commas.
    let (result, elapsed) = try runPlacewise(["validate", folder], addressSpace: 600 << 20)
    #expect(underSanitizer || elapsed < .seconds(60), "took \(elapsed)")
    if kind.isValid {
      #expect(result.status == 0, "\(result.stderr.prefix(2000))")
      #expect(result.stdout.hasPrefix("The case is valid: 3 settings, 4 pupils"))
      kind.expectation.check(result.stderr, "validate \(kind)")
    } else {
      #expect(result.status == 2, "\(result.stderr.prefix(2000))")
      kind.expectation.checkRefusal(result.stderr, "validate \(kind)")
      #expect(result.stderr.utf8.count < 2000, "a long line must not be echoed")
      try expectRefused(folder, kind.expectation)
    }
  }

  /// A CSV file that holds only its header.
  enum HeaderOnly: String, CaseIterable, Sendable {
    case pupils = "pupils.csv"
    case settings = "settings.csv"
    case travel = "travel.csv"

    var base: String {
      switch self {
      case .pupils: BaseCase.pupils
      case .settings: BaseCase.settings
      case .travel: BaseCase.travel
      }
    }
  }

  @Test(
    "a file with only its header is valid: no pupils, no settings or no reachable pairs; allocation places what it can",
    arguments: HeaderOnly.allCases)
  func headerOnlyFile(file: HeaderOnly) throws {
    let scratch = try ScratchFolder()
    let folder = try BaseCase.write(in: scratch, changes: [file.rawValue: headerLine(file.base)])
    let validate = try runPlacewise(["validate", folder])
    #expect(validate.status == 0, "\(validate.stderr)")
    let allocate = try runPlacewise(["allocate", folder, "--out", scratch.at("out"), "--quiet"])
    #expect(allocate.status == 0, "\(allocate.stderr)")
    let summary = try #require(
      try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: scratch.at("out/summary.json"))))
        as? [String: Any])
    #expect(summary["pupils"] as? Int == (file == .pupils ? 0 : 4))
    #expect(summary["placed"] as? Int == 0)
    let placements = try String(contentsOfFile: scratch.at("out/placements.csv"), encoding: .utf8)
    #expect(placements.split(separator: "\n").count == 1 + (file == .pupils ? 0 : 4))
  }

  @Test("spaces and tabs around numbers, codes and list items are trimmed: the same allocation as without them")
  func whitespaceAroundValues() throws {
    let scratch = try ScratchFolder()
    let plain = try BaseCase.write(in: scratch, "plain")
    let spaced = try BaseCase.write(
      in: scratch, "spaced",
      changes: [
        "settings.csv": BaseCase.settings
          .replacingOccurrences(of: ",450000,200000,4,19,20,10,", with: ", 450000 ,\t200000, 4 ,19 ,\" 20 \", 10,")
          .replacingOccurrences(of: "ASD;SLCN,ASD:4", with: " ASD ; SLCN ;, ASD : 4 "),
        "pupils.csv": BaseCase.pupils
          .replacingOccurrences(of: "P002,445000,200000,9,F,ASD,", with: "P002 , 445000,200000 ,\" 9 \", f ,\tasd ,")
          .replacingOccurrences(of: "ap;special,,60,1,", with: " ap ; special ,, 60.0 ,\" 1 \","),
        "travel.csv": BaseCase.travel.replacingOccurrences(of: "P001,100001,10,4", with: " P001 , 100001 , 10 , 4 "),
      ])
    let validate = try runPlacewise(["validate", spaced])
    #expect(validate.status == 0, "\(validate.stderr)")
    #expect(validate.stderr.isEmpty, "no warnings either")
    for (folder, out) in [(plain, "out-plain"), (spaced, "out-spaced")] {
      let result = try runPlacewise(["allocate", folder, "--out", scratch.at(out), "--quiet"])
      #expect(result.status == 0, "\(result.stderr)")
    }
    for file in ["placements.csv", "summary.json", "settings.csv"] {
      let a = try Data(contentsOf: URL(fileURLWithPath: scratch.at("out-plain/" + file)))
      let b = try Data(contentsOf: URL(fileURLWithPath: scratch.at("out-spaced/" + file)))
      #expect(a == b, "\(file) differs")
    }
  }
}
