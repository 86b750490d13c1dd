import Foundation
import PlacewiseTestSupport
import Testing

/// Runs `placewise` on a pseudo-terminal through util-linux's `script`, with
/// the progress delay set to 0 so that a short run shows it.
private func runOnTerminal(_ arguments: [String]) throws -> CLIResult {
  try runPlacewise(
    arguments, through: ["/bin/sh", "-c", "PLACEWISE_PROGRESS_AFTER=0 exec script -qec \"$*\" /dev/null", "sh"])
}

@Suite("The progress line of long runs")
struct ProgressLineTests {
  @Test(
    "on a terminal, one line redrawn in place with the phase; none with --quiet",
    .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script"), "util-linux's script is missing"))
  func terminal() throws {
    let scratch = try ScratchFolder()
    let shown = try runOnTerminal(["allocate", packageRoot + "/Data/sample-county", "--out", scratch.at("a")])
    #expect(shown.status == 0)
    #expect(shown.stdout.contains("\r\u{1B}[Kplacewise: solving... "), "\(shown.stdout.prefix(300))")
    // The line is cleared before the summary.
    #expect(shown.stdout.contains("\r\u{1B}[KPlaced 2,786") || shown.stdout.contains("\r\u{1B}[Kwarning:"))
    let quiet = try runOnTerminal([
      "allocate", packageRoot + "/Data/sample-county", "--out", scratch.at("b"), "--quiet",
    ])
    #expect(quiet.status == 0)
    #expect(!quiet.stdout.contains("placewise: "), "\(quiet.stdout.prefix(300))")
  }

  @Test(
    "compare shows the same line while it solves its plans",
    .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script"), "util-linux's script is missing"))
  func planningCommands() throws {
    let scratch = try ScratchFolder()
    let plans = packageRoot + "/Data/sample-county/plans"
    let compared = try runOnTerminal([
      "compare", packageRoot + "/Data/sample-county", plans + "/more-asd-places.csv", "--out", scratch.at("c"),
    ])
    #expect(compared.status == 0)
    #expect(compared.stdout.contains("\r\u{1B}[Kplacewise: solving"), "\(compared.stdout.prefix(300))")
  }

  @Test(
    "forecast shows the plan and the year it is on",
    .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script"), "util-linux's script is missing"))
  func forecast() throws {
    let scratch = try ScratchFolder()
    let hand = packageRoot + "/Data/forecast-hand"
    let shown = try runOnTerminal([
      "forecast", hand, hand + "/plans/grow.csv", "--years", "3", "--demand", hand + "/demand.csv", "--out",
      scratch.at("f"),
    ])
    #expect(shown.status == 0)
    #expect(shown.stdout.contains("placewise: forecasting baseline, year 3 of 3"), "\(shown.stdout.prefix(400))")
    #expect(shown.stdout.contains("placewise: forecasting grow, year 2 of 3"), "\(shown.stdout.prefix(400))")
  }

  @Test("nothing when standard error is not a terminal")
  func pipe() throws {
    let scratch = try ScratchFolder()
    let result = try runPlacewise(
      ["allocate", packageRoot + "/Data/sample-county", "--out", scratch.at("a")],
      through: ["/usr/bin/env", "PLACEWISE_PROGRESS_AFTER=0"])
    #expect(result.status == 0)
    #expect(!result.stderr.contains("\r") && !result.stderr.contains("placewise: "), "\(result.stderr)")
  }
}
