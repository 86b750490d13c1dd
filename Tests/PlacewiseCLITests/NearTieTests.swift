import Foundation
import PlacewiseTestSupport
import Testing

/// Hostile trial, round twenty-one: two settings whose costs differ in the
/// ninth significant figure. The solver takes them as a tie; the check of
/// optimality after it did not, and refused a valid case with status 3
/// ("allocation invariant broken") after solving. Either setting is right.
@Suite("Costs that differ below the solver's tolerance are a tie, not a broken invariant")
struct NearTieTests {
  @Test(
    "one pupil, two settings: pounds of 10,000,000 and 9,999,999.99; journeys of 1,440 and 1,439.999999 minutes",
    arguments: ["pounds", "minutes"])
  func nearTie(_ unit: String) throws {
    let scratch = try ScratchFolder()
    let folder = scratch.at("case")
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let pounds = unit == "pounds"
    let settings =
      "urn,name,kind,easting,northing,low_age,high_age,capacity,on_roll,cost_per_place\n"
      + "A,Alpha,special,450000,200000,4,19,50,0,\(pounds ? "10000000" : "30000")\n"
      + "B,Beta,special,450000,200000,4,19,50,0,\(pounds ? "9999999.99" : "30000")\n"
    try settings.write(toFile: folder + "/settings.csv", atomically: true, encoding: .utf8)
    let pupils =
      "pupil_id,easting,northing,age,primary_need,provision,max_travel_minutes\np0,450000,200000,9,ASD,special,1440\n"
    try pupils.write(toFile: folder + "/pupils.csv", atomically: true, encoding: .utf8)
    if pounds {
      try "cost = \"pounds\"\npounds_per_minute = 1\n".write(
        toFile: folder + "/policy.toml", atomically: true, encoding: .utf8)
    } else {
      try "pupil_id,urn,minutes\np0,A,1440\np0,B,1439.999999\n".write(
        toFile: folder + "/travel.csv", atomically: true, encoding: .utf8)
    }
    let run = try runPlacewise(["allocate", folder, "--out", scratch.at("out"), "--quiet"])
    #expect(run.status == 0, "\(run.stderr)")
    let placements = try csvRecords(scratch.at("out") + "/placements.csv")
    #expect(placements.count == 1)
    #expect(["A", "B"].contains(placements.first?["urn"] ?? ""), "\(placements)")
  }
}
