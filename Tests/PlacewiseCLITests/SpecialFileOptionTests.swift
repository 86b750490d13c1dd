import Foundation
import PlacewiseTestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

// Issue 23 item 5: a file option naming a FIFO, folder or device.

private let tinyCase = packageRoot + "/Data/tiny/capacity-contest"

private let options = """
  option,group,action,urn,places,capital_cost,annual_cost
  one-place,,add_places,140001,1,50000,1000

  """

@Suite("File options naming something that is not a regular file (issue 23 item 5)")
struct SpecialFileOptionTests {
  @Test("a FIFO, a folder or a device named as a file option is refused, never opened and waited on")
  func specialFilesAreRefused() throws {
    let scratch = try ScratchFolder()
    let fifo = scratch.at("fifo.csv")
    try #require(mkfifo(fifo, 0o600) == 0)
    let folder = scratch.at("folder.csv")
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let optionsFile = try scratch.write("options.csv", options)
    let postcodeCase = try scratch.writeCase(
      "case",
      files: [
        "settings.csv": "urn,name,kind,postcode,low_age,high_age,capacity\nS1,Oak,special,SW1A 1AA,4,19,5\n",
        "pupils.csv": "pupil_id,easting,northing,age,primary_need,provision\nP1,530000,180000,9,ASD,special\n",
      ])
    for special in [fifo, folder, "/dev/null"] {
      let runs: [[String]] = [
        ["validate", postcodeCase, "--postcodes", special],
        ["allocate", postcodeCase, "--postcodes", special, "--out", scratch.at("out")],
        ["compare", tinyCase, special, "--out", scratch.at("out")],
        ["recommend", tinyCase, special, "--budget", "0", "--out", scratch.at("out")],
        ["recommend", tinyCase, optionsFile, "--policy", special, "--budget", "0", "--out", scratch.at("out")],
        ["import", "gias", special, "--la", "886", "--out", scratch.at("settings.csv")],
      ]
      for arguments in runs {
        // A hang would block here: `timeout` turns it into a failure (SIGKILL: a
        // child may inherit SIGTERM blocked from the test runner).
        let result = try runPlacewise(arguments, through: ["/usr/bin/timeout", "-s", "KILL", "20"])
        #expect(result.status == 2, "\(arguments): \(result.stderr)")
        #expect(
          result.stderr.contains("not a regular file") || result.stderr.contains("a folder"),
          "\(arguments): \(result.stderr)")
      }
    }
    #expect(!FileManager.default.fileExists(atPath: scratch.at("out")))
  }
}
