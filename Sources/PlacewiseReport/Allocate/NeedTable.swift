package import Placewise

/// The workbook's Need sheet: pupils, placed, unplaced and unmet priority by
/// primary need, then by phase of education, then the places used and
/// their annual cost by kind of setting.
package enum NeedTable {
  /// How the sheet names a phase (``SchoolPhase``).
  static func label(_ phase: SchoolPhase) -> String {
    switch phase {
    case .earlyYears: "early years (0-3)"
    case .primary: "primary (4-10)"
    case .secondary: "secondary (11-15)"
    case .post16: "post-16 (16+)"
    }
  }

  /// One row: a group of pupils and how they fared; a kind of setting's
  /// row leaves blank what is about the unplaced and requests.
  package struct Line: Sendable {
    var by: String
    var group: String
    var pupils: Int
    var placed: Int
    var unplaced: Int?
    var unmetPriority: Int?
    var requests: Int?
    var refused: Int?
    var placeCost: Double
  }

  /// The columns, each with its kind and figure.
  package static let columns: [TableColumn<Line>] = [
    .text("by") { $0.by },
    .text("group") { $0.group },
    .count("pupils") { $0.pupils },
    .count("placed") { $0.placed },
    .count("unplaced") { $0.unplaced },
    .count("unmet_priority") { $0.unmetPriority },
    .count("requests_protected") { $0.requests },
    .count("requests_refused") { $0.refused },
    .pounds("annual_place_cost") { $0.placeCost },
  ]

  /// The table: one row per primary need with pupils (in the case format's
  /// order), then one per phase (primary, secondary and post-16 always; early
  /// years when present).
  package static func table(case input: Case, candidates: CandidateSet, allocation: Allocation) -> ReportTable {
    struct Tally {
      var pupils = 0
      var placed = 0
      var unmetPriority = 0
      var requests = 0
      var refused = 0
      var placeCost = 0.0

      mutating func add(_ pupil: Pupil, at setting: Int?, request: Int, placeCost cost: Double) {
        pupils += 1
        if setting != nil { placed += 1 } else { unmetPriority += pupil.priority }
        if request >= 0 {
          requests += 1
          if setting != request { refused += 1 }
        }
        placeCost += cost
      }
    }
    var byNeed = [Tally](repeating: Tally(), count: NeedCode.allCases.count)
    var byPhase = [Tally](repeating: Tally(), count: SchoolPhase.allCases.count)
    for (p, pupil) in input.pupils.enumerated() {
      let setting = allocation.placements[p].setting
      let phase = SchoolPhase(age: pupil.age).rawValue
      let request = Int(candidates.terms[p].request)
      let cost = setting.flatMap { input.settings[$0].costPerPlace } ?? 0
      byNeed[pupil.primaryNeed.rawValue].add(pupil, at: setting, request: request, placeCost: cost)
      byPhase[phase].add(pupil, at: setting, request: request, placeCost: cost)
    }
    func row(_ by: String, _ group: String, _ tally: Tally) -> Line {
      Line(
        by: by, group: group, pupils: tally.pupils, placed: tally.placed, unplaced: tally.pupils - tally.placed,
        unmetPriority: tally.unmetPriority, requests: tally.requests, refused: tally.refused,
        placeCost: tally.placeCost)
    }
    var rows: [Line] = []
    for need in NeedCode.allCases where byNeed[need.rawValue].pupils > 0 {
      rows.append(row("primary need", need.code, byNeed[need.rawValue]))
    }
    for phase in SchoolPhase.allCases where phase != .earlyYears || byPhase[phase.rawValue].pupils > 0 {
      rows.append(row("phase", Self.label(phase), byPhase[phase.rawValue]))
    }
    // Where the money goes: the places used at each kind of setting (its
    // pupils are all placed, so the columns about the unplaced and requests
    // are left blank rather than 0).
    var placedAt = [Int](repeating: 0, count: SettingKind.allCases.count)
    var costAt = [Double](repeating: 0, count: SettingKind.allCases.count)
    for placement in allocation.placements {
      guard let s = placement.setting else { continue }
      placedAt[input.settings[s].kind.rawValue] += 1
      costAt[input.settings[s].kind.rawValue] += input.settings[s].costPerPlace ?? 0
    }
    for kind in SettingKind.allCases where placedAt[kind.rawValue] > 0 {
      rows.append(
        Line(
          by: "setting kind", group: kind.word, pupils: placedAt[kind.rawValue], placed: placedAt[kind.rawValue],
          placeCost: costAt[kind.rawValue]))
    }
    return ReportTable(sheetName: "Need", columns: columns, rows: rows)
  }
}
