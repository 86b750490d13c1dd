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
  ]

  /// The table: one row per primary need with pupils (in the case format's
  /// order), then one per phase (primary, secondary and post-16 always; early
  /// years when present).
  package static func table(case input: Case, allocation: Allocation) -> ReportTable {
    struct Tally {
      var pupils = 0
      var placed = 0
      var unmetPriority = 0

      mutating func add(_ pupil: Pupil, placed: Bool) {
        pupils += 1
        if placed { self.placed += 1 } else { unmetPriority += pupil.priority }
      }
    }
    var byNeed = [Tally](repeating: Tally(), count: NeedCode.allCases.count)
    var byPhase = [Tally](repeating: Tally(), count: Phase.allCases.count)
    for (p, pupil) in input.pupils.enumerated() {
      let placed = allocation.placements[p].setting != nil
      let phase = Phase.allCases.firstIndex(of: Phase(age: pupil.age)) ?? 0
      byNeed[pupil.primaryNeed.rawValue].add(pupil, placed: placed)
      byPhase[phase].add(pupil, placed: placed)
    }
    func row(_ by: String, _ group: String, _ tally: Tally) -> [Cell] {
      [
        .text(by), .text(group), .integer(tally.pupils), .integer(tally.placed),
        .integer(tally.pupils - tally.placed), .integer(tally.unmetPriority),
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
