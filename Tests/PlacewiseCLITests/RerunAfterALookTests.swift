import Foundation
import PlacewiseTestSupport
import Testing

// Issue 25 item 7, reruns after a look: an output open in a spreadsheet
// program leaves a lock file in the folder, and an output edited after a
// look is never replaced; each refusal says what to do in plain words.

private let tinyCase = packageRoot + "/Data/tiny/capacity-contest"

@Suite("Reruns after a look (issue 25)")
struct RerunAfterALookTests {
  @Test(
    "a workbook open in LibreOffice or Excel: the rerun says it is open and must be closed, and changes nothing",
    arguments: [
      (".~lock.placewise.xlsx#", "placewise.xlsx", "LibreOffice"),
      ("~$placewise.xlsx", "placewise.xlsx", "Excel"),
      ("~$acewise.xlsx", "placewise.xlsx", "Excel"),
      (".~lock.placements.csv#", "placements.csv", "LibreOffice"),
    ])
  func openWorkbook(lock: String, file: String, program: String) throws {
    let scratch = try ScratchFolder()
    let out = scratch.at("out")
    try #require(try runPlacewise(["allocate", tinyCase, "--out", out, "--quiet"]).status == 0)
    let before = try Data(contentsOf: URL(fileURLWithPath: out + "/summary.json"))
    try scratch.write("out/" + lock, ",user,host,01.01.2026 09:00,file:///home/user/.config/libreoffice/4;\n")
    let rerun = try runPlacewise(["allocate", tinyCase, "--out", out, "--quiet"])
    #expect(rerun.status == 1)
    #expect(
      rerun.stderr.contains(
        "\(file) is open in \(program) (its lock file \(lock) is beside it); close it there, then run again"),
      "\(rerun.stderr)")
    #expect(rerun.stderr.contains("delete \(lock)"), "\(rerun.stderr)")
    #expect(!rerun.stderr.contains("did not write"), "\(rerun.stderr)")
    #expect(try Data(contentsOf: URL(fileURLWithPath: out + "/summary.json")) == before)
    // Closed (the lock gone): the rerun replaces the folder.
    try FileManager.default.removeItem(atPath: out + "/" + lock)
    #expect(try runPlacewise(["allocate", tinyCase, "--out", out, "--quiet"]).status == 0)
  }

  @Test("a lock file in a plan's folder of compare's output names that file")
  func lockInsideAPlanFolder() throws {
    let scratch = try ScratchFolder()
    let plan = try scratch.write("one-more.csv", "action,urn,places\nadd_places,140001,1\n")
    let out = scratch.at("out")
    try #require(try runPlacewise(["compare", tinyCase, plan, "--out", out, "--quiet"]).status == 0)
    try scratch.write("out/plans/one-more/.~lock.placements.csv#", "lock\n")
    let rerun = try runPlacewise(["compare", tinyCase, plan, "--out", out, "--quiet"])
    #expect(rerun.status == 1)
    #expect(rerun.stderr.contains("plans/one-more/placements.csv is open in LibreOffice"), "\(rerun.stderr)")
  }

  @Test("a lock file of something Placewise did not write is the user's file, refused as before")
  func unrelatedLock() throws {
    let scratch = try ScratchFolder()
    let out = scratch.at("out")
    try #require(try runPlacewise(["allocate", tinyCase, "--out", out, "--quiet"]).status == 0)
    try scratch.write("out/.~lock.notes.txt#", "lock\n")
    let rerun = try runPlacewise(["allocate", tinyCase, "--out", out, "--quiet"])
    #expect(rerun.status == 1)
    #expect(rerun.stderr.contains("did not write"), "\(rerun.stderr)")
  }

  @Test("an edited output is named, kept, and a new --out beside it suggested")
  func editedOutput() throws {
    let scratch = try ScratchFolder()
    let out = scratch.at("out")
    try #require(try runPlacewise(["allocate", tinyCase, "--out", out, "--quiet"]).status == 0)
    // out-2 is taken: the suggestion is the first free name.
    try FileManager.default.createDirectory(atPath: out + "-2", withIntermediateDirectories: false)
    try scratch.write("out/settings.csv", "edited after a look\n")
    let rerun = try runPlacewise(["allocate", tinyCase, "--out", out, "--quiet"])
    #expect(rerun.status == 1)
    #expect(rerun.stderr.contains("\(out): settings.csv changed since Placewise wrote it"), "\(rerun.stderr)")
    #expect(
      rerun.stderr.contains(
        "To keep it and write the new outputs beside it, run again with --out \(out)-3."), "\(rerun.stderr)")
    #expect(try String(contentsOfFile: out + "/settings.csv", encoding: .utf8) == "edited after a look\n")
    // The suggestion works.
    #expect(try runPlacewise(["allocate", tinyCase, "--out", out + "-3", "--quiet"]).status == 0)
  }
}
