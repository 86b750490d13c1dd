package import Placewise
import Workbook

/// The workbook's Need sheet: pupils, placed, unplaced and unmet priority by
/// primary need, then by phase of education.
package enum NeedTable {
  /// A phase of education by age at the start of the placement.
  package enum Phase: CaseIterable, Sendable {
    /// Under 4 (shown only when some pupil is this young).
    case earlyYears
    /// 4 to 10.
    case primary
    /// 11 to 15.
    case secondary
    /// 16 and over.
    case post16

    /// The phase of an age.
    package init(age: Int) {
      switch age {
      case ..<4: self = .earlyYears
      case 4...10: self = .primary
      case 11...15: self = .secondary
      default: self = .post16
      }
    }

    /// The phase as the sheet names it.
    package var label: String {
      switch self {
      case .earlyYears: "early years (0-3)"
      case .primary: "primary (4-10)"
      case .secondary: "secondary (11-15)"
      case .post16: "post-16 (16+)"
      }
    }
  }

  /// The columns.
  package static let columns = [
    ReportColumn("by", .text), ReportColumn("group", .text), ReportColumn("pupils", .integer),
    ReportColumn("placed", .integer), ReportColumn("unplaced", .integer), ReportColumn("unmet_priority", .integer),
    ReportColumn("requests_protected", .integer), ReportColumn("requests_refused", .integer),
    ReportColumn("annual_place_cost", .pounds),
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
    var byPhase = [Tally](repeating: Tally(), count: Phase.allCases.count)
    for (p, pupil) in input.pupils.enumerated() {
      let setting = allocation.placements[p].setting
      let phase = Phase.allCases.firstIndex(of: Phase(age: pupil.age)) ?? 0
      let request = Int(candidates.terms[p].request)
      let cost = setting.flatMap { input.settings[$0].costPerPlace } ?? 0
      byNeed[pupil.primaryNeed.rawValue].add(pupil, at: setting, request: request, placeCost: cost)
      byPhase[phase].add(pupil, at: setting, request: request, placeCost: cost)
    }
    func row(_ by: String, _ group: String, _ tally: Tally) -> [Cell] {
      [
        .text(by), .text(group), .integer(tally.pupils), .integer(tally.placed),
        .integer(tally.pupils - tally.placed), .integer(tally.unmetPriority), .integer(tally.requests),
        .integer(tally.refused), .pounds(tally.placeCost),
      ]
    }
    var rows: [[Cell]] = []
    for need in NeedCode.allCases where byNeed[need.rawValue].pupils > 0 {
      rows.append(row("primary need", need.code, byNeed[need.rawValue]))
    }
    for (index, phase) in Phase.allCases.enumerated() where phase != .earlyYears || byPhase[index].pupils > 0 {
      rows.append(row("phase", phase.label, byPhase[index]))
    }
    return ReportTable(sheetName: "Need", columns: columns, rows: rows)
  }
}
