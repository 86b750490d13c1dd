import Foundation
import PlacewiseTestSupport
import Testing

/// What a Data/law case's README works out by hand, as its expected.json states it.
struct LawExpectation: Decodable {
  struct Pupil: Decodable {
    var pupilId: String
    /// Empty when the pupil is unplaced.
    var urn: String
    /// placements.csv's `fixed` and `moved`; absent means empty.
    var fixed: String?
    var moved: String?
    var firstPreferenceOutcome: String
    var requestedBy: String
    var requestProtected: String
    /// (ΔU, ΔR, ΔC) of honouring the request, for `given to others` and
    /// `efficient use of resources`; absent for the other outcomes.
    var firstPreferenceChange: [Double]?
  }
  var unmetPriority: Int
  var requestsRefused: Int
  var placementCost: Double
  /// URNs that some warning in summary.json must name (a setting fixed pupils overfill).
  var warningsNaming: [String]?
  var pupils: [Pupil]
}

@Suite("Data/law: the hand-worked answers of each case's README")
struct LawHandCasesTests {
  static let law = packageRoot + "/Data/law"
  static let folders = [
    "section39-request", "section39-request-weighted", "request-loses-to-need", "young-person",
    "young-person-inclusive", "not-statutory", "stay-or-move", "stay-requested", "agreed-and-excluded",
    "resources-margin",
    "priority-and-requests",
  ]

  @Test("every folder of Data/law is checked here")
  func everyFolderListed() throws {
    let present = try FileManager.default.contentsOfDirectory(atPath: Self.law).filter { name in
      var isFolder: ObjCBool = false
      return FileManager.default.fileExists(atPath: Self.law + "/" + name, isDirectory: &isFolder) && isFolder.boolValue
    }
    #expect(Set(present) == Set(Self.folders))
  }

  @Test(
    "placewise allocate reaches the hand-worked (U, R, C), placements and first-preference outcomes",
    arguments: folders, ["contested-market", "plain-lp"])
  func handWorked(folder: String, solver: String) throws {
    let decoder = JSONDecoder()
    decoder.keyDecodingStrategy = .convertFromSnakeCase
    let expected = try decoder.decode(
      LawExpectation.self, from: Data(contentsOf: URL(fileURLWithPath: Self.law + "/" + folder + "/expected.json")))
    let scratch = try ScratchFolder()
    let out = scratch.at("out")
    let result = try runPlacewise(["allocate", Self.law + "/" + folder, "--out", out, "--quiet", "--solver", solver])
    try #require(result.status == 0, "\(result.stderr)")

    let data = try Data(contentsOf: URL(fileURLWithPath: out + "/summary.json"))
    let summary = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    #expect(summary["solver_status"] as? String == "optimal")
    #expect(summary["unmet_priority"] as? Int == expected.unmetPriority, "U")
    #expect(summary["requests_refused"] as? Int == expected.requestsRefused, "R")
    let cost = try #require(summary["placement_cost"] as? Double)
    #expect(abs(cost - expected.placementCost) < 1e-6, "C: \(cost), by hand \(expected.placementCost)")
    let warnings = summary["warnings"] as? [String] ?? []
    for urn in expected.warningsNaming ?? [] {
      #expect(warnings.contains { $0.contains(urn) }, "no warning names \(urn): \(warnings)")
    }

    let placements = try csvRecords(out + "/placements.csv")
    let explanations = try csvRecords(out + "/explanations.csv")
    #expect(placements.map { $0["pupil_id"] } == expected.pupils.map(\.pupilId))
    #expect(explanations.map { $0["pupil_id"] } == expected.pupils.map(\.pupilId))
    for (pupil, (placement, explanation)) in zip(expected.pupils, zip(placements, explanations)) {
      let id = pupil.pupilId
      #expect(placement["urn"] == pupil.urn, "\(id): urn")
      #expect(placement["status"] == (pupil.urn.isEmpty ? "unplaced" : "placed"), "\(id): status")
      #expect(placement["fixed"] == pupil.fixed ?? "", "\(id): fixed")
      #expect(placement["moved"] == pupil.moved ?? "", "\(id): moved")
      #expect(explanation["first_preference_outcome"] == pupil.firstPreferenceOutcome, "\(id): outcome")
      #expect(explanation["requested_by"] == pupil.requestedBy, "\(id): requested_by")
      #expect(explanation["request_protected"] == pupil.requestProtected, "\(id): request_protected")
      let change = [
        explanation["first_preference_unmet_change"], explanation["first_preference_requests_change"],
        explanation["first_preference_cost_change"],
      ].map { $0.flatMap(Double.init) }
      if let byHand = pupil.firstPreferenceChange {
        #expect(change == byHand.map { Optional($0) }, "\(id): (ΔU, ΔR, ΔC)")
      } else {
        #expect(change == [nil, nil, nil], "\(id): no change columns for this outcome")
      }
    }
  }
}
