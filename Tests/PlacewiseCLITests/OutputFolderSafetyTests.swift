import Foundation
import PlacewiseTestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// A tiny valid case that allocates at once.
func tinyCase(_ scratch: ScratchFolder, name: String = "case") throws -> String {
  try scratch.writeCase(
    name,
    files: [
      "settings.csv": "urn,name,kind,easting,northing,low_age,high_age,capacity\n100001,Oak,special,1000,1000,4,19,5\n",
      "pupils.csv": "pupil_id,easting,northing,age,primary_need,provision\nP1,2000,1000,9,ASD,special\n",
    ])
}

/// The files under `folder`, relative paths, sorted, with their contents.
private func outputTree(_ folder: String) throws -> [String: Data] {
  var result: [String: Data] = [:]
  let enumerator = FileManager.default.enumerator(atPath: folder)
  while let path = enumerator?.nextObject() as? String {
    var isFolder: ObjCBool = false
    if FileManager.default.fileExists(atPath: folder + "/" + path, isDirectory: &isFolder), !isFolder.boolValue {
      result[path] = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + path))
    }
  }
  return result
}

@Suite("The output folder: only Placewise's own is ever replaced (issue 9 items 3, 7, 9, 14, 15; manifest)")
struct OutputFolderSafetyTests {
  @Test("a folder of the user's own files with Placewise's names is refused and left as it was")
  func userFilesWithPlacewiseNamesAreKept() throws {
    let scratch = try ScratchFolder()
    try scratch.write("out/settings.csv", "my own settings\n")
    try scratch.write("out/summary.json", "{\"notes\": \"mine\"}\n")
    let before = try outputTree(scratch.at("out"))
    let result = try runPlacewise(["allocate", try tinyCase(scratch), "--out", scratch.at("out"), "--quiet"])
    #expect(result.status == 1, "\(result.stderr)")
    #expect(result.stderr.contains("did not write"), "\(result.stderr)")
    #expect(try outputTree(scratch.at("out")) == before)
  }

  @Test("a folder named placements.csv with a file inside is refused, not deleted")
  func folderNamedLikeAnOutputIsKept() throws {
    let scratch = try ScratchFolder()
    try scratch.write("out/placements.csv/keep.txt", "precious\n")
    let result = try runPlacewise(["allocate", try tinyCase(scratch), "--out", scratch.at("out"), "--quiet"])
    #expect(result.status == 1, "\(result.stderr)")
    #expect(try String(contentsOfFile: scratch.at("out/placements.csv/keep.txt"), encoding: .utf8) == "precious\n")
  }

  @Test("an earlier output with an edited file, or a file added, is refused; untouched it is replaced")
  func earlierOutputsAreRecognisedByTheirManifest() throws {
    let scratch = try ScratchFolder()
    let input = try tinyCase(scratch)
    let out = scratch.at("out")
    try #require(try runPlacewise(["allocate", input, "--out", out, "--quiet"]).status == 0)
    #expect(try runPlacewise(["allocate", input, "--out", out, "--quiet"]).status == 0)

    try scratch.write("out/placements.csv", "edited in a spreadsheet\n")
    let edited = try runPlacewise(["allocate", input, "--out", out, "--quiet"])
    #expect(edited.status == 1)
    #expect(edited.stderr.contains("placements.csv changed since Placewise wrote it"), "\(edited.stderr)")
    #expect(try String(contentsOfFile: out + "/placements.csv", encoding: .utf8) == "edited in a spreadsheet\n")

    try FileManager.default.removeItem(atPath: out)
    try #require(try runPlacewise(["allocate", input, "--out", out, "--quiet"]).status == 0)
    try scratch.write("out/plans/mine.csv", "a plan of my own\n")
    let added = try runPlacewise(["allocate", input, "--out", out, "--quiet"])
    #expect(added.status == 1)
    #expect(added.stderr.contains("plans"), "\(added.stderr)")
    #expect(FileManager.default.fileExists(atPath: out + "/plans/mine.csv"))
  }

  @Test("a manifest not written by Placewise does not make a folder Placewise's")
  func forgedManifestIsRefused() throws {
    let scratch = try ScratchFolder()
    try scratch.write("out/manifest.json", "{\"format\": \"something else\", \"files\": []}\n")
    try scratch.write("out/notes.txt", "mine\n")
    let result = try runPlacewise(["allocate", try tinyCase(scratch), "--out", scratch.at("out"), "--quiet"])
    #expect(result.status == 1)
    #expect(FileManager.default.fileExists(atPath: scratch.at("out/notes.txt")))
  }

  @Test("manifest.json lists version, command, policy, inputs and every file with its SHA-256")
  func manifestDescribesTheFolder() throws {
    let scratch = try ScratchFolder()
    let input = try tinyCase(scratch)
    let out = scratch.at("out")
    try #require(try runPlacewise(["allocate", input, "--out", out, "--quiet"]).status == 0)
    let data = try Data(contentsOf: URL(fileURLWithPath: out + "/manifest.json"))
    let manifest = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    #expect(manifest["format"] as? String == "placewise-output-manifest/1")
    #expect(manifest["placewise_version"] as? String == "0.1.0")
    #expect(manifest["case_format_version"] as? Int == 2)
    #expect(manifest["command"] as? [String] == ["allocate", input, "--out", out, "--quiet"])
    let policy = try #require(manifest["policy"] as? [String: Any])
    #expect(policy["speed_kmh"] as? Double == 30 && policy["detour_factor"] as? Double == 1.3)
    // Every key, version 2's objective and money keys too (round twenty-one: only eight were written).
    #expect(policy.count == 16, "\(policy.keys.sorted())")
    #expect(policy["preference_rule"] as? String == "section39" && policy["cost"] as? String == "minutes")
    #expect(policy["age_range"] as? String == "gias" && policy["leave_age"] as? Int == 18)
    #expect(policy["move_penalty"] as? Double == 30 && policy["resources_margin"] is NSNull)
    // The effective placement start (the coming 1 September here) and no postcode directory.
    #expect((policy["placement_start"] as? String)?.hasSuffix("-09-01") == true)
    #expect(policy["postcodes"] is NSNull)
    let inputs = try #require(manifest["inputs"] as? [[String: Any]])
    #expect(inputs.compactMap { $0["path"] as? String } == [input + "/settings.csv", input + "/pupils.csv"])
    let files = try #require(manifest["files"] as? [[String: Any]])
    let written = try outputTree(out)
    #expect(Set(files.compactMap { $0["path"] as? String }) == Set(written.keys).subtracting(["manifest.json"]))
    for file in files {
      let path = try #require(file["path"] as? String)
      let expected = try shaSum(out + "/" + path)
      #expect(file["sha256"] as? String == expected, "\(path)")
    }
    let settingsDigest = try shaSum(input + "/settings.csv")
    #expect(inputs.first?["sha256"] as? String == settingsDigest)
  }

  @Test("a rerun's manifest is byte-identical but for written_at")
  func manifestIsDeterministicButForItsClock() throws {
    let scratch = try ScratchFolder()
    let input = try tinyCase(scratch)
    let out = scratch.at("out")
    var manifests: [String] = []
    for _ in 0..<2 {
      try #require(try runPlacewise(["allocate", input, "--out", out, "--quiet"]).status == 0)
      let text = try String(contentsOfFile: out + "/manifest.json", encoding: .utf8)
      manifests.append(text.split(separator: "\n").filter { !$0.contains("\"written_at\"") }.joined(separator: "\n"))
    }
    #expect(manifests[0] == manifests[1])
  }

  @Test("a symlinked --out is written through: the link stays and its target gets the outputs")
  func symlinkedOutIsWrittenThrough() throws {
    let scratch = try ScratchFolder()
    let input = try tinyCase(scratch)
    try FileManager.default.createDirectory(atPath: scratch.at("share/out"), withIntermediateDirectories: true)
    try FileManager.default.createSymbolicLink(atPath: scratch.at("link"), withDestinationPath: scratch.at("share/out"))
    for _ in 0..<2 {
      let result = try runPlacewise(["allocate", input, "--out", scratch.at("link"), "--quiet"])
      #expect(result.status == 0, "\(result.stderr)")
      let kind = try FileManager.default.attributesOfItem(atPath: scratch.at("link"))[.type] as? FileAttributeType
      #expect(kind == .typeSymbolicLink)
      #expect(FileManager.default.fileExists(atPath: scratch.at("share/out/placements.csv")))
    }
    // A link to a folder of the user's files is refused like the folder itself.
    try scratch.write("mine/notes.txt", "mine\n")
    try FileManager.default.createSymbolicLink(atPath: scratch.at("link2"), withDestinationPath: scratch.at("mine"))
    let refused = try runPlacewise(["allocate", input, "--out", scratch.at("link2"), "--quiet"])
    #expect(refused.status == 1)
    #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.at("mine")) == ["notes.txt"])
  }

  @Test("two runs racing into one new folder both succeed and leave it complete")
  func racingRunsIntoANewFolderBothSucceed() throws {
    let scratch = try ScratchFolder()
    let input = try tinyCase(scratch)
    for round in 0..<10 {
      let out = scratch.at("race-\(round)/out")
      let runs = try (0..<2).map { _ in try startPlacewise(["allocate", input, "--out", out, "--quiet"]) }
      for run in runs { run.waitUntilExit() }
      #expect(runs.map(\.terminationStatus) == [0, 0], "round \(round)")
      let files = try outputTree(out)
      #expect(Set(files.keys).isSuperset(of: ["placements.csv", "summary.json", "settings.csv", "manifest.json"]))
      // Complete and unchanged: a later run recognises it as Placewise's.
      #expect(try runPlacewise(["allocate", input, "--out", out, "--quiet"]).status == 0, "round \(round)")
      let leftovers = try FileManager.default.contentsOfDirectory(atPath: scratch.at("race-\(round)"))
      #expect(leftovers == ["out"], "round \(round)")
    }
  }

  @Test("an empty --out, the current folder and its parents are refused; nothing moves")
  func outPathsThatWouldMoveTheShellAreRefused() throws {
    let scratch = try ScratchFolder()
    let input = try tinyCase(scratch)
    try FileManager.default.createDirectory(atPath: scratch.at("work/empty"), withIntermediateDirectories: true)
    for out in ["", ".", "..", "./", scratch.at("work/empty")] {
      let result = try runPlacewise(["allocate", input, "--out", out, "--quiet"], in: scratch.at("work/empty"))
      // An empty path is a wrong command line (64, round twenty-three); the others fail as writes.
      #expect(result.status == (out.isEmpty ? 64 : 1), "--out \"\(out)\": \(result.stderr)")
    }
    #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.at("work")) == ["empty"])
    #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.at("work/empty")).isEmpty)
  }

  @Test("terminal escape sequences in paths are shown escaped, never sent raw")
  func escapeSequencesInPathsAreEscaped() throws {
    let scratch = try ScratchFolder()
    let result = try runPlacewise(["validate", scratch.at("no\u{1B}]0;pwned\u{7}such")])
    #expect(result.status == 2)
    #expect(!result.stderr.contains("\u{1B}") && !result.stderr.contains("\u{7}"))
    #expect(result.stderr.contains("\\u{1B}"), "\(result.stderr)")
    try scratch.write("out\u{1B}[2J/mine.txt", "mine\n")
    let refused = try runPlacewise(["allocate", try tinyCase(scratch), "--out", scratch.at("out\u{1B}[2J")])
    // Refused as a path holding a control character (round twenty-one), before the folder is looked at.
    #expect(refused.status == 64)
    #expect(refused.stderr.contains("U+001B"), "\(refused.stderr)")
    #expect(!refused.stderr.contains("\u{1B}"), "\(refused.stderr)")
  }

  @Test("the output folder is checked before the case is read or solved")
  func outputFolderIsCheckedFirst() throws {
    let scratch = try ScratchFolder()
    try scratch.write("out/mine.txt", "mine\n")
    // An invalid case would exit 2 if it were read first.
    let result = try runPlacewise(["allocate", scratch.at("no-such-case"), "--out", scratch.at("out")])
    #expect(result.status == 1, "\(result.stderr)")
    #expect(result.stderr.contains("did not write"))
  }

  @Test("validate never says it wrote nothing: it never writes")
  func validateDoesNotTalkAboutWriting() throws {
    let scratch = try ScratchFolder()
    let result = try runPlacewise(["validate", scratch.at("no-such-case")])
    #expect(result.status == 2)
    #expect(!result.stderr.contains("written"), "\(result.stderr)")
  }

  @Test("staging folders left by killed runs are swept by the next run into the same output")
  func staleStagingFoldersAreSwept() throws {
    let scratch = try ScratchFolder()
    let input = try tinyCase(scratch)
    let gone = try startPlacewise(["--version"])
    gone.waitUntilExit()
    let stale = ".out.placewise-new-\(gone.processIdentifier)-0badcafe"
    try scratch.write(stale + "/placements.csv", "P1,pupil data\n")
    try scratch.write(".other.placewise-new-\(gone.processIdentifier)-0badcafe/x.csv", "not this output's\n")
    let running = ".out.placewise-new-\(getpid())-0badcafe"
    try scratch.write(running + "/placements.csv", "a live run's\n")
    #expect(try runPlacewise(["allocate", input, "--out", scratch.at("out"), "--quiet"]).status == 0)
    let left = try FileManager.default.contentsOfDirectory(atPath: scratch.path)
    #expect(!left.contains(stale))
    #expect(left.contains(running) && left.contains(".other.placewise-new-\(gone.processIdentifier)-0badcafe"))
  }
}

/// sha256sum's digest of a file.
func shaSum(_ path: String) throws -> String {
  let process = Process()
  process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
  process.arguments = [path]
  let pipe = Pipe()
  process.standardOutput = pipe
  try process.run()
  let out = String(decoding: PipeReading.all(pipe.fileHandleForReading), as: UTF8.self)
  process.waitUntilExit()
  return String(out.prefix(64))
}
