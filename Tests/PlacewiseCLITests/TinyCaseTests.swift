import Foundation
import PlacewiseTestSupport
import Testing

/// The tiny cases of Data/tiny, whose optima Data/README.md works out by hand.
struct TinyCase: Sendable, CustomStringConvertible {
  var name: String
  var placed: Int
  var unmetPriority: Int
  var travelMinutes: Double
  var preferencePenalty: Double
  var firstPreferenceMet: Int
  var description: String { name }
}

@Suite("Data/tiny: the hand-worked answers of Data/README.md")
struct TinyCaseTests {
  static let cases = [
    TinyCase(
      name: "capacity-contest", placed: 2, unmetPriority: 1, travelMinutes: 42, preferencePenalty: 0,
      firstPreferenceMet: 1),
    TinyCase(
      name: "preference-vs-distance", placed: 4, unmetPriority: 0, travelMinutes: 31.2, preferencePenalty: 80,
      firstPreferenceMet: 1),
    TinyCase(
      name: "need-cap", placed: 4, unmetPriority: 0, travelMinutes: 83, preferencePenalty: 0, firstPreferenceMet: 0),
    TinyCase(
      name: "lexicographic", placed: 2, unmetPriority: 1, travelMinutes: 140, preferencePenalty: 20,
      firstPreferenceMet: 0),
    TinyCase(
      name: "journey-limit", placed: 3, unmetPriority: 2, travelMinutes: 170, preferencePenalty: 20,
      firstPreferenceMet: 1),
  ]

  @Test("placewise allocate reaches the hand-computed optimum", arguments: cases, ["contested-market", "plain-lp"])
  func handWorked(tiny: TinyCase, solver: String) throws {
    let scratch = try ScratchFolder()
    let result = try runPlacewise([
      "allocate", packageRoot + "/Data/tiny/" + tiny.name, "--out", scratch.at("out"), "--quiet", "--solver", solver,
    ])
    #expect(result.status == 0, "\(result.stderr)")
    let data = try Data(contentsOf: URL(fileURLWithPath: scratch.at("out/summary.json")))
    let summary = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    #expect(summary["placed"] as? Int == tiny.placed)
    #expect(summary["unmet_priority"] as? Int == tiny.unmetPriority)
    let travel = try #require(summary["travel_minutes"] as? Double)
    let penalty = try #require(summary["preference_penalty"] as? Double)
    let cost = try #require(summary["placement_cost"] as? Double)
    #expect(abs(travel - tiny.travelMinutes) < 1e-9)
    #expect(abs(penalty - tiny.preferencePenalty) < 1e-9)
    #expect(abs(cost - (tiny.travelMinutes + tiny.preferencePenalty)) < 1e-9)
    #expect(summary["first_preference_met"] as? Int == tiny.firstPreferenceMet)
  }
}
