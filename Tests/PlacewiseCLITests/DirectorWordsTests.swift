import Foundation
import PlacewiseTestSupport
import Testing

// Issue 25 item 4, words a director reads: every figure the commands print
// has its context and its thousands separators, and --timings its seconds
// to the millisecond.

private let tinyCase = packageRoot + "/Data/tiny/capacity-contest"

/// The seconds of each `timing:` line, as printed: the word before the
/// first `s` (`timing: PHASE S s`, `timing: plan NAME S s (...)`,
/// `timing: plan NAME year Y S s (...)`).
private func timingSeconds(_ stderr: String) -> [Substring] {
  stderr.split(separator: "\n").filter { $0.hasPrefix("timing: ") && !$0.contains("solved") }.map { line in
    let words = line.split(separator: " ")
    let unit = words.firstIndex { $0 == "s" || $0 == "s," } ?? 1
    return words[unit - 1]
  }
}

@Suite("Words a director reads (issue 25)")
struct DirectorWordsTests {
  @Test("--timings prints seconds to the millisecond in allocate, compare, recommend and forecast")
  func timingsRounded() throws {
    let scratch = try ScratchFolder()
    let plan = try scratch.write("one-more.csv", "action,urn,places\nadd_places,140001,1\n")
    let options = try scratch.write(
      "options.csv", "option,action,urn,places,capital_cost\none-place,add_places,140001,1,50000\n")
    for arguments in [
      ["allocate", tinyCase, "--out", scratch.at("a")],
      ["compare", tinyCase, plan, "--out", scratch.at("c")],
      ["recommend", tinyCase, options, "--budget", "1m", "--out", scratch.at("r")],
      ["forecast", packageRoot + "/Data/forecast-hand", "--years", "2", "--out", scratch.at("f")],
    ] {
      let result = try runPlacewise(arguments + ["--quiet", "--timings"])
      #expect(result.status == 0, "\(result.stderr)")
      let seconds = timingSeconds(result.stderr)
      #expect(seconds.count >= 3, "\(arguments[0]): \(result.stderr)")
      for text in seconds {
        let parts = text.split(separator: ".")
        #expect(parts.count == 2 && parts[1].count == 3 && Double(text) != nil, "\(arguments[0]): \(text)")
      }
    }
  }

  @Test("recommend's summary names each figure in words, against the case without the options")
  func recommendSummary() throws {
    let scratch = try ScratchFolder()
    let options = try scratch.write(
      "options.csv", "option,action,urn,places,capital_cost\none-place,add_places,140001,1,50000\n")
    let result = try runPlacewise([
      "recommend", tinyCase, options, "--budget", "1m", "--out", scratch.at("r"),
    ])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("  children without a place, weighted by priority: "), "\(result.stdout)")
    #expect(result.stdout.contains("  journeys and missed preferences: "), "\(result.stdout)")
    #expect(result.stdout.contains(" minutes ("), "\(result.stdout)")
    #expect(result.stdout.contains(" without the options)"), "\(result.stdout)")
    #expect(!result.stdout.contains("unmet priority") && !result.stdout.contains("baseline"), "\(result.stdout)")
  }

  @Test("validate's reason for a pupil with no setting at all reads as a sentence")
  func validateReason() throws {
    let scratch = try ScratchFolder()
    try scratch.write(
      "case/settings.csv",
      "urn,name,kind,easting,northing,low_age,high_age,capacity\n100001,Oak School,special,0,0,4,19,5\n")
    try scratch.write(
      "case/pupils.csv", "pupil_id,easting,northing,age,primary_need,provision\nP1,0,0,9,ASD,mainstream\n")
    try scratch.write("case/travel.csv", "pupil_id,urn,minutes\nP1,100001,10\n")
    let result = try runPlacewise(["validate", scratch.at("case")])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(
      result.stdout.contains(
        "The case has no setting of the kinds the EHC plan allows (mainstream) that is designated for ASD and takes "
          + "this child's age and sex, with a journey to it listed in travel.csv."), "\(result.stdout)")
    #expect(!result.stdout.contains("exists in the case"))
  }
}
