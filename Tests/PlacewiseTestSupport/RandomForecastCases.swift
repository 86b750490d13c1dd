import Foundation

/// Small random forecasts written as files: a case with a roll (ages near
/// the top of their settings' ranges, so that phase transfers and leavers
/// happen), sometimes a travel matrix covering the roll and the settings
/// plans open, plans whose rows take effect in years 1 to 3 (added and
/// removed places, openings, closures that displace roll pupils), and a
/// demand file. For `ForecastStepCheck`.
public struct RandomForecastCase {
  /// The case folder's files by name.
  public var caseFiles: [String: String]
  /// Plan files by plan name (file name without `.csv`).
  public var plans: [(name: String, text: String)]
  /// The demand file's text.
  public var demandText: String
  /// Its rows.
  public var demand: [(year: Int, age: Int, need: String, count: Int)]

  /// The case for a seed.
  public init(seed: UInt64) {
    var rng = SeededGenerator(seed: seed)
    func pick<T>(_ items: [T]) -> T { items[Int.random(in: 0..<items.count, using: &rng)] }
    func point() -> (Int, Int) {
      (Int.random(in: 400_000...412_000, using: &rng), Int.random(in: 300_000...312_000, using: &rng))
    }
    let needs = ["ASD", "SEMH", "SLD"]
    let ranges = [(4, 11), (11, 16), (11, 19), (2, 19), (16, 19), (4, 16)]
    let kinds = ["special", "special", "resourced", "mainstream", "independent"]
    let settingCount = Int.random(in: 3...7, using: &rng)
    var settingRows: [String] = []
    var rollRows: [String] = []
    var settingInfo: [(urn: String, kind: String, onRoll: Int, listed: Int, low: Int, high: Int)] = []
    var rollIDs: [String] = []
    for s in 0..<settingCount {
      let (low, high) = pick(ranges)
      let kind = pick(kinds)
      let capacity = Int.random(in: 1...6, using: &rng)
      let listed = Int.random(in: 0...3, using: &rng)
      let unlisted =
        kind == "mainstream" ? Int.random(in: 0...2, using: &rng) : (Int.random(in: 0..<4, using: &rng) == 0 ? 1 : 0)
      let (e, n) = point()
      let urn = "U\(s)"
      let designated = Bool.random(using: &rng) ? "" : pick(needs)
      settingRows.append(
        "\(urn),Setting \(s),\(kind),\(e),\(n),\(low),\(high),\(capacity),\(listed + unlisted),mixed,\(designated),\(1000 * Int.random(in: 10...60, using: &rng))"
      )
      settingInfo.append((urn, kind, listed + unlisted, listed, low, high))
      for k in 0..<listed {
        let age = Int.random(in: max(low, high - 2)...max(low, high - 1), using: &rng)
        let (pe, pn) = point()
        let id = "R\(s)-\(k)"
        rollIDs.append(id)
        rollRows.append(
          "\(id),\(urn),\(pe),\(pn),\(min(age, 18)),\(designated.isEmpty ? pick(needs) : designated),\(kind)")
      }
    }
    var pupilRows: [String] = []
    var pupilIDs: [String] = []
    for p in 0..<Int.random(in: 2...8, using: &rng) {
      let (e, n) = point()
      var provision = [pick(kinds)]
      if Bool.random(using: &rng) { provision.append(pick(kinds)) }
      let preferences = Bool.random(using: &rng) ? settingInfo[Int.random(in: 0..<settingCount, using: &rng)].urn : ""
      let priority = Int.random(in: 0..<4, using: &rng) == 0 ? 2 : 1
      pupilIDs.append("P\(p)")
      pupilRows.append(
        "P\(p),\(e),\(n),\(Int.random(in: 3...18, using: &rng)),\(pick(needs)),\(Set(provision).sorted().joined(separator: ";")),\(preferences),\(priority)"
      )
    }
    var policy = "placement_start = 2027-09-01\n"
    if Int.random(in: 0..<3, using: &rng) == 0 { policy += "leave_age = 17\n" }
    if Int.random(in: 0..<3, using: &rng) == 0 { policy += "age_range = \"inclusive\"\n" }
    policy += "max_travel_minutes_primary = 60\nmax_travel_minutes_secondary = 90\n"

    // Plans: rows in years 1 to 3.
    var plans: [(String, String)] = []
    var openings: [String] = []
    for k in 0..<Int.random(in: 1...2, using: &rng) {
      var rows = [
        "action,urn,name,kind,easting,northing,low_age,high_age,capacity,on_roll,needs,places,year,capital_cost,annual_cost"
      ]
      var closed = Set<String>()
      for r in 0..<Int.random(in: 1...3, using: &rng) {
        let year = Int.random(in: 1...3, using: &rng)
        let target = settingInfo[Int.random(in: 0..<settingCount, using: &rng)]
        switch Int.random(in: 0..<3, using: &rng) {
        case 0 where !closed.contains(target.urn):
          rows.append(
            "add_places,\(target.urn),,,,,,,,,,\(Int.random(in: 1...4, using: &rng)),\(year),\(Int.random(in: 0...9, using: &rng) * 100000),0"
          )
        case 1:
          let urn = "NEW\(k)-\(r)"
          openings.append(urn)
          let (e, n) = point()
          let (low, high) = pick(ranges)
          rows.append(
            "new_setting,\(urn),New \(k)-\(r),special,\(e),\(n),\(low),\(high),\(Int.random(in: 1...5, using: &rng)),0,,,\(year),3000000,50000"
          )
        default:
          // Closable: every pupil on roll listed (or mainstream); once per plan.
          guard !closed.contains(target.urn), target.kind == "mainstream" || target.onRoll == target.listed else {
            continue
          }
          closed.insert(target.urn)
          rows.append("close_setting,\(target.urn),,,,,,,,,,,\(year),0,0")
        }
      }
      plans.append(("plan-\(k)", rows.joined(separator: "\n") + "\n"))
    }
    // Travel: every pupil of the batch and the roll to most settings, opened ones included.
    var travelRows: [String] = []
    if Bool.random(using: &rng) {
      for id in pupilIDs + rollIDs {
        for urn in settingInfo.map(\.urn) + openings where Int.random(in: 0..<5, using: &rng) > 0 {
          travelRows.append("\(id),\(urn),\(Double(Int.random(in: 5...800, using: &rng)) / 10)")
        }
      }
    }
    var demand: [(year: Int, age: Int, need: String, count: Int)] = []
    let present = Set(
      pupilRows.map { $0.split(separator: ",")[4] }.map(String.init)
        + rollRows.map { String($0.split(separator: ",")[5]) })
    for year in 1...3 {
      for need in needs where present.contains(need) && Bool.random(using: &rng) {
        demand.append((year, Int.random(in: 4...15, using: &rng), need, Int.random(in: 0...3, using: &rng)))
      }
    }
    var files = [
      "settings.csv": "urn,name,kind,easting,northing,low_age,high_age,capacity,on_roll,gender,needs,cost_per_place\n"
        + settingRows.joined(separator: "\n") + "\n",
      "pupils.csv": "pupil_id,easting,northing,age,primary_need,provision,preferences,priority\n"
        + pupilRows.joined(separator: "\n") + "\n",
      "roll.csv": "pupil_id,urn,easting,northing,age,primary_need,provision\n" + rollRows.map { $0 + "\n" }.joined(),
      "policy.toml": policy,
    ]
    if !travelRows.isEmpty {
      files["travel.csv"] = "pupil_id,urn,minutes\n" + travelRows.joined(separator: "\n") + "\n"
    }
    caseFiles = files
    self.plans = plans
    self.demand = demand
    demandText =
      "year,age,primary_need,new_plans\n" + demand.map { "\($0.year),\($0.age),\($0.need),\($0.count)\n" }.joined()
  }
}
