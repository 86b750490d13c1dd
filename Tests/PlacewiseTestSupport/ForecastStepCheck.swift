import Foundation
import Placewise

/// Checks a forecast's output folder step by step, as `forecast.md`'s
/// "Checks an independent solver makes" asks, from the files alone and
/// apart from the forecast's own code:
/// - each `years/PLAN/Y/case/`, allocated afresh, gives the folder's own
///   U, R and C (`summary.json`);
/// - year 1's case follows from the inputs, and year Y + 1's from year Y's
///   case and placements, by the year loop's rules (ids in order, ages,
///   `current_urn`, the roll's settings, `on_roll`);
/// - `forecast-summary.csv` and `forecast.csv` add up from the year folders.
///
/// It reads the placements the forecast made, so it holds whichever
/// optimal allocation the tie rule picked. Returns the problems found
/// (empty when the forecast holds).
public enum ForecastStepCheck {
  /// The checks on `out`, a forecast of `caseFolder` with `plans` (name
  /// to whether it is the baseline's, in output order) over `years`,
  /// with new pupils from `demand` (rows of year, age, need code, count).
  public static func check(
    out: String, caseFolder: String, plans: [String], years: Int,
    demand: [(year: Int, age: Int, need: String, count: Int)]
  ) throws -> [String] {
    var problems: [String] = []
    let caseRoll = try csvRecords(caseFolder + "/roll.csv")
    let caseSettings = try csvRecords(caseFolder + "/settings.csv")
    var other: [String: Int] = [:]
    for s in caseSettings { other[s["urn"] ?? ""] = Int(s["on_roll"] ?? "") ?? 0 }
    for r in caseRoll { other[r["urn"] ?? "", default: 0] -= 1 }
    let tables = Tables(
      summary: try csvRecords(out + "/forecast-summary.csv"), needs: try csvRecords(out + "/forecast.csv"))
    for plan in ["baseline"] + plans {
      var previous: YearFiles?
      for year in 1...years {
        let folder = "\(out)/years/\(plan)/\(year)"
        let files = try YearFiles(folder: folder)
        let label = "\(plan) year \(year)"
        // U, R and C from a fresh allocation of the year's case.
        let run = try AllocationRun(folder: folder + "/case")
        let summary =
          try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/summary.json")))
          as? [String: Any] ?? [:]
        problems += objectiveProblems(run, written: summary, label: label)
        // The case follows from the year before (or from the inputs).
        let newIDs = Self.newIDs(demand, year: year)
        let expected: (batch: [Member], roll: [Member])
        if let previous {
          expected = Self.next(from: previous, settings: files.settingURNs, newIDs: newIDs)
        } else {
          expected = try Self.first(caseFolder: caseFolder, roll: caseRoll, settings: files.settingURNs, newIDs: newIDs)
        }
        let batch = files.pupils.map { Member($0, urn: nil) }
        let roll = files.roll.map { Member($0, urn: $0["urn"]) }
        problems += caseProblems(batch: batch, roll: roll, expected: expected, files: files, other: other, label: label)
        // The tables add up from the folder.
        problems += tables.problems(
          plan: plan, year: year, files: files, batch: batch, roll: roll, summary: summary, label: label)
        previous = files
      }
    }
    return problems
  }

  /// U, R and C of a fresh allocation of a year's case against those its
  /// `summary.json` writes.
  static func objectiveProblems(_ run: AllocationRun, written summary: [String: Any], label: String) -> [String] {
    var problems: [String] = []
    if run.summary.unmetPriority != summary["unmet_priority"] as? Int {
      problems.append(
        "\(label): U \(run.summary.unmetPriority) afresh, \(summary["unmet_priority"] ?? "-") written")
    }
    if run.summary.requestsRefused != summary["requests_refused"] as? Int {
      problems.append("\(label): R differs")
    }
    if let c = summary["placement_cost"] as? Double, abs(run.summary.placementCost - c) > 1e-6 * max(1, abs(c)) {
      problems.append("\(label): C \(run.summary.placementCost) afresh, \(c) written")
    }
    return problems
  }

  /// Year 1's batch and roll from the inputs: the case's pupils, the new
  /// pupils, and the roll pupils whose setting year 1 no longer has
  /// (displaced); the rest of the roll stays.
  static func first(
    caseFolder: String, roll caseRoll: [[String: String]], settings: Set<String>, newIDs: [(id: String, age: Int)]
  )
    throws -> (batch: [Member], roll: [Member])
  {
    let pupils = try csvRecords(caseFolder + "/pupils.csv").map { Member($0, urn: nil) }
    let roll = caseRoll.map { Member($0, urn: $0["urn"]) }
    let kept = roll.filter { settings.contains($0.urn ?? "") }
    let displaced = roll.filter { !settings.contains($0.urn ?? "") }.map { m in
      var m = m
      m.current = m.urn
      m.urn = nil
      return m
    }
    return (pupils + newIDs.map { Member(id: $0.id, age: $0.age) } + displaced, kept)
  }

  /// A year's batch and roll against those the rules give, and each
  /// setting's `on_roll` against its pupils outside the roll (`other`) and
  /// those on it.
  static func caseProblems(
    batch: [Member], roll: [Member], expected: (batch: [Member], roll: [Member]), files: YearFiles,
    other: [String: Int], label: String
  ) -> [String] {
    var problems: [String] = []
    if batch.map(\.id) != expected.batch.map(\.id) {
      problems.append("\(label): batch \(batch.map(\.id)) expected \(expected.batch.map(\.id))")
    } else {
      for (found, wanted) in zip(batch, expected.batch)
      where found.age != wanted.age || found.current != wanted.current {
        problems.append(
          "\(label): pupil \(found.id) age \(found.age) current \(found.current ?? "-"), expected \(wanted.age) \(wanted.current ?? "-")"
        )
      }
    }
    if roll.map(\.id) != expected.roll.map(\.id) || roll.map(\.urn) != expected.roll.map(\.urn)
      || roll.map(\.age) != expected.roll.map(\.age)
    {
      problems.append("\(label): roll differs from the rules")
    }
    for s in files.settings {
      let urn = s["urn"] ?? ""
      let onRoll = Int(s["on_roll"] ?? "") ?? -1
      let rollHere = roll.count { $0.urn == urn }
      if let o = other[urn], onRoll != o + rollHere {
        problems.append("\(label): \(urn) on_roll \(onRoll), expected \(o + rollHere)")
      }
    }
    return problems
  }

  /// The forecast's two tables, `forecast-summary.csv` and `forecast.csv`.
  struct Tables {
    var summary: [[String: String]]
    var needs: [[String: String]]

    /// A year's rows against the year's folder, and `forecast.csv`'s rows
    /// against their totals and their sources.
    func problems(
      plan: String, year: Int, files: YearFiles, batch: [Member], roll: [Member], summary written: [String: Any],
      label: String
    ) -> [String] {
      var problems: [String] = []
      guard let row = summary.first(where: { $0["plan"] == plan && $0["year"] == String(year) }) else {
        problems.append("\(label): no row in forecast-summary.csv")
        return problems
      }
      let placed = files.placements.count { !($0["urn"] ?? "").isEmpty }
      let figures = [
        ("caseload", roll.count + batch.count), ("batch", batch.count), ("placed", placed),
        ("unplaced", batch.count - placed), ("unmet_priority", written["unmet_priority"] as? Int ?? -1),
      ]
      for (key, value) in figures where row[key] != String(value) {
        problems.append("\(label): \(key) \(row[key] ?? "-") in forecast-summary.csv, \(value) from the folder")
      }
      let needs = self.needs.filter { $0["plan"] == plan && $0["year"] == String(year) }
      for key in ["caseload", "batch", "placed", "unplaced"] {
        let total = needs.reduce(0) { $0 + (Int($1[key] ?? "") ?? 0) }
        if String(total) != row[key] { problems.append("\(label): forecast.csv's \(key) adds up to \(total)") }
      }
      for need in needs {
        let parts = ["from_case", "carried_over", "phase_transfers", "displaced", "new_plans"]
        let sum = parts.reduce(0) { $0 + (Int(need[$1] ?? "") ?? 0) }
        if String(sum) != need["batch"] {
          problems.append("\(label): \(need["primary_need"] ?? "") sources add up to \(sum)")
        }
      }
      return problems
    }
  }

  /// A pupil as the checker follows them.
  struct Member: Equatable {
    var id: String
    var age: Int
    var urn: String?
    var current: String?

    init(id: String, age: Int) {
      self.id = id
      self.age = age
    }

    init(_ record: [String: String], urn: String?) {
      id = record["pupil_id"] ?? ""
      age = Int(record["age"] ?? "") ?? -1
      self.urn = urn
      let current = record["current_urn"] ?? ""
      self.current = current.isEmpty ? nil : current
    }
  }

  /// One year folder's files, read.
  struct YearFiles {
    var settings: [[String: String]]
    var pupils: [[String: String]]
    var roll: [[String: String]]
    var placements: [[String: String]]
    var leaveAge: Int
    var gias: Bool
    var settingURNs: Set<String> { Set(settings.compactMap { $0["urn"] }) }

    init(folder: String) throws {
      settings = try csvRecords(folder + "/case/settings.csv")
      pupils = try csvRecords(folder + "/case/pupils.csv")
      roll = try csvRecords(folder + "/case/roll.csv")
      placements = try csvRecords(folder + "/placements.csv")
      let policy = try String(contentsOfFile: folder + "/case/policy.toml", encoding: .utf8)
      leaveAge = 18
      gias = true
      for line in policy.split(separator: "\n") {
        let parts = line.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2 else { continue }
        if parts[0] == "leave_age" { leaveAge = Int(parts[1]) ?? 18 }
        if parts[0] == "age_range" { gias = parts[1] != "\"inclusive\"" }
      }
    }
  }

  /// The new pupils' ids and ages of a year, as `forecast.md` names them.
  static func newIDs(_ demand: [(year: Int, age: Int, need: String, count: Int)], year: Int) -> [(id: String, age: Int)]
  {
    var k: [String: Int] = [:]
    var ids: [(id: String, age: Int)] = []
    for row in demand where row.year == year {
      for _ in 0..<row.count {
        let kth = k[row.need, default: 0] + 1
        k[row.need] = kth
        ids.append(("N\(year)-\(row.need)-\(kth)", row.age))
      }
    }
    return ids
  }

  /// Year Y + 1's batch and roll from year Y's files, by steps 5 to 8,
  /// then step 3 with year Y + 1's settings.
  static func next(from y: YearFiles, settings next: Set<String>, newIDs: [(id: String, age: Int)])
    -> (batch: [Member], roll: [Member])
  {
    var ranges: [String: (Int, Int)] = [:]
    for s in y.settings {
      ranges[s["urn"] ?? ""] = (Int(s["low_age"] ?? "") ?? 0, Int(s["high_age"] ?? "") ?? 0)
    }
    var roll = y.roll.map { Member($0, urn: $0["urn"]) }
    var carried: [Member] = []
    for (pupil, placement) in zip(y.pupils, y.placements) {
      let urn = placement["urn"] ?? ""
      if urn.isEmpty { carried.append(Member(pupil, urn: nil)) } else { roll.append(Member(pupil, urn: urn)) }
    }
    func aged(_ m: Member) -> Member? {
      var m = m
      m.age += 1
      return m.age > y.leaveAge ? nil : m
    }
    roll = roll.compactMap(aged)
    carried = carried.compactMap(aged)
    var kept: [Member] = []
    var transfers: [Member] = []
    for m in roll {
      let (low, high) = ranges[m.urn ?? ""] ?? (0, 0)
      if low <= m.age && (y.gias ? m.age < high : m.age <= high) {
        kept.append(m)
      } else {
        var t = m
        t.current = m.urn
        t.urn = nil
        transfers.append(t)
      }
    }
    let stay = kept.filter { next.contains($0.urn ?? "") }
    let displaced = kept.filter { !next.contains($0.urn ?? "") }.map { m in
      var m = m
      m.current = m.urn
      m.urn = nil
      return m
    }
    return (carried + transfers + newIDs.map { Member(id: $0.id, age: $0.age) } + displaced, stay)
  }
}
