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
    let settings = Self.drawSettingsAndRoll(&rng)
    let pupils = Self.drawPupils(settings.info, &rng)
    let policy = Self.drawPolicy(&rng)
    let (plans, openings) = Self.drawPlans(settings.info, &rng)
    let travelRows = Self.drawTravel(
      ids: pupils.ids + settings.rollIDs, urns: settings.info.map(\.urn) + openings, &rng)
    let present = Set(
      pupils.rows.map { $0.split(separator: ",")[4] }.map(String.init)
        + settings.rollRows.map { String($0.split(separator: ",")[5]) })
    let demand = Self.drawDemand(present: present, &rng)
    var files = [
      "settings.csv": "urn,name,kind,easting,northing,low_age,high_age,capacity,on_roll,gender,needs,cost_per_place\n"
        + settings.rows.joined(separator: "\n") + "\n",
      "pupils.csv": "pupil_id,easting,northing,age,primary_need,provision,preferences,priority\n"
        + pupils.rows.joined(separator: "\n") + "\n",
      "roll.csv": "pupil_id,urn,easting,northing,age,primary_need,provision\n"
        + settings.rollRows.map { $0 + "\n" }.joined(),
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

// The steps of a `RandomForecastCase`, each drawing from the one generator
// in turn: the order of the calls is the order of the draws.
extension RandomForecastCase {
  private static let needs = ["ASD", "SEMH", "SLD"]
  private static let ranges = [(4, 11), (11, 16), (11, 19), (2, 19), (16, 19), (4, 16)]
  private static let kinds = ["special", "special", "resourced", "mainstream", "independent"]

  /// A setting as the later steps need it.
  private typealias SettingInfo = (urn: String, kind: String, onRoll: Int, listed: Int, low: Int, high: Int)

  private static func pick<T>(_ items: [T], _ rng: inout SeededGenerator) -> T {
    items[Int.random(in: 0..<items.count, using: &rng)]
  }

  private static func point(_ rng: inout SeededGenerator) -> (Int, Int) {
    (Int.random(in: 400_000...412_000, using: &rng), Int.random(in: 300_000...312_000, using: &rng))
  }

  /// Three to seven settings, and their roll: pupils listed on roll with
  /// ages near the top of the setting's range.
  private static func drawSettingsAndRoll(_ rng: inout SeededGenerator) -> (
    rows: [String], rollRows: [String], info: [SettingInfo], rollIDs: [String]
  ) {
    let settingCount = Int.random(in: 3...7, using: &rng)
    var settingRows: [String] = []
    var rollRows: [String] = []
    var settingInfo: [SettingInfo] = []
    var rollIDs: [String] = []
    for s in 0..<settingCount {
      let (low, high) = pick(ranges, &rng)
      let kind = pick(kinds, &rng)
      let capacity = Int.random(in: 1...6, using: &rng)
      let listed = Int.random(in: 0...3, using: &rng)
      let unlisted =
        kind == "mainstream" ? Int.random(in: 0...2, using: &rng) : (Int.random(in: 0..<4, using: &rng) == 0 ? 1 : 0)
      let (e, n) = point(&rng)
      let urn = "U\(s)"
      let designated = Bool.random(using: &rng) ? "" : pick(needs, &rng)
      settingRows.append(
        "\(urn),Setting \(s),\(kind),\(e),\(n),\(low),\(high),\(capacity),\(listed + unlisted),mixed,\(designated),\(1000 * Int.random(in: 10...60, using: &rng))"
      )
      settingInfo.append((urn, kind, listed + unlisted, listed, low, high))
      for k in 0..<listed {
        let age = Int.random(in: max(low, high - 2)...max(low, high - 1), using: &rng)
        let (pe, pn) = point(&rng)
        let id = "R\(s)-\(k)"
        rollIDs.append(id)
        rollRows.append(
          "\(id),\(urn),\(pe),\(pn),\(min(age, 18)),\(designated.isEmpty ? pick(needs, &rng) : designated),\(kind)")
      }
    }
    return (settingRows, rollRows, settingInfo, rollIDs)
  }

  /// Two to eight pupils of the batch, sometimes preferring a setting.
  private static func drawPupils(_ settingInfo: [SettingInfo], _ rng: inout SeededGenerator) -> (
    rows: [String], ids: [String]
  ) {
    var pupilRows: [String] = []
    var pupilIDs: [String] = []
    for p in 0..<Int.random(in: 2...8, using: &rng) {
      let (e, n) = point(&rng)
      var provision = [pick(kinds, &rng)]
      if Bool.random(using: &rng) { provision.append(pick(kinds, &rng)) }
      let preferences =
        Bool.random(using: &rng) ? settingInfo[Int.random(in: 0..<settingInfo.count, using: &rng)].urn : ""
      let priority = Int.random(in: 0..<4, using: &rng) == 0 ? 2 : 1
      pupilIDs.append("P\(p)")
      pupilRows.append(
        "P\(p),\(e),\(n),\(Int.random(in: 3...18, using: &rng)),\(pick(needs, &rng)),\(Set(provision).sorted().joined(separator: ";")),\(preferences),\(priority)"
      )
    }
    return (pupilRows, pupilIDs)
  }

  /// The policy: sometimes an earlier leaving age, sometimes inclusive age ranges.
  private static func drawPolicy(_ rng: inout SeededGenerator) -> String {
    var policy = "placement_start = 2027-09-01\n"
    if Int.random(in: 0..<3, using: &rng) == 0 { policy += "leave_age = 17\n" }
    if Int.random(in: 0..<3, using: &rng) == 0 { policy += "age_range = \"inclusive\"\n" }
    policy += "max_travel_minutes_primary = 60\nmax_travel_minutes_secondary = 90\n"
    return policy
  }

  /// One or two plans, rows in years 1 to 3, and the settings they open.
  private static func drawPlans(_ settingInfo: [SettingInfo], _ rng: inout SeededGenerator) -> (
    plans: [(String, String)], openings: [String]
  ) {
    var plans: [(String, String)] = []
    var openings: [String] = []
    for k in 0..<Int.random(in: 1...2, using: &rng) {
      var rows = [
        "action,urn,name,kind,easting,northing,low_age,high_age,capacity,on_roll,needs,places,year,capital_cost,annual_cost"
      ]
      var closed = Set<String>()
      for r in 0..<Int.random(in: 1...3, using: &rng) {
        let year = Int.random(in: 1...3, using: &rng)
        let target = settingInfo[Int.random(in: 0..<settingInfo.count, using: &rng)]
        switch Int.random(in: 0..<3, using: &rng) {
        case 0 where !closed.contains(target.urn):
          rows.append(
            "add_places,\(target.urn),,,,,,,,,,\(Int.random(in: 1...4, using: &rng)),\(year),\(Int.random(in: 0...9, using: &rng) * 100000),0"
          )
        case 1:
          let urn = "NEW\(k)-\(r)"
          openings.append(urn)
          let (e, n) = point(&rng)
          let (low, high) = pick(ranges, &rng)
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
    return (plans, openings)
  }

  /// Half the time, a travel matrix: every pupil of the batch and the roll
  /// (`ids`) to most settings, opened ones included (`urns`).
  private static func drawTravel(ids: [String], urns: [String], _ rng: inout SeededGenerator) -> [String] {
    var travelRows: [String] = []
    if Bool.random(using: &rng) {
      for id in ids {
        for urn in urns where Int.random(in: 0..<5, using: &rng) > 0 {
          travelRows.append("\(id),\(urn),\(Double(Int.random(in: 5...800, using: &rng)) / 10)")
        }
      }
    }
    return travelRows
  }

  /// New plans in years 1 to 3, for needs `present` in the batch or the roll.
  private static func drawDemand(present: Set<String>, _ rng: inout SeededGenerator) -> [(
    year: Int, age: Int, need: String, count: Int
  )] {
    var demand: [(year: Int, age: Int, need: String, count: Int)] = []
    for year in 1...3 {
      for need in needs where present.contains(need) && Bool.random(using: &rng) {
        demand.append((year, Int.random(in: 4...15, using: &rng), need, Int.random(in: 0...3, using: &rng)))
      }
    }
    return demand
  }
}
