package import Placewise

/// Renders `moves.csv`: per plan, every pupil whose setting differs from
/// the baseline's (placed to unplaced and back included).
package enum MovesCSV {
  /// The columns, in order, each with its kind and figure: the contract's
  /// columns (`docs/planning.md`), then each URN's setting name for a
  /// reader (issue 25), after them so that the contract's stay where it
  /// puts them.
  package static let columns: [TableColumn<MoveRow>] = [
    .text("plan") { $0.plan },
    .text("pupil_id") { $0.pupilID },
    .text("baseline_urn") { $0.baselineURN },
    .text("plan_urn") { $0.planURN },
    .text("baseline_status") { $0.baselineStatus },
    .text("plan_status") { $0.planStatus },
    .text("baseline_setting_name") { $0.baselineSettingName },
    .text("plan_setting_name") { $0.planSettingName },
  ]

  /// The column titles, in order.
  package static var header: [String] { columns.map(\.column.title) }

  /// The table of `rows`: what the CSV file and the workbook's Moves sheet hold.
  package static func table(_ rows: [MoveRow]) -> ReportTable {
    ReportTable(sheetName: "Moves", columns: columns, rows: rows)
  }

  /// The moves: plans in comparison order, pupils in input order.
  package static func rows<R>(
    _ outcomes: [ComparisonOutcome<R>], pupils: [Pupil], settingNames: [URN: String] = [:]
  ) -> [MoveRow] {
    guard let base = outcomes.first else { return [] }
    func status(_ urn: URN?) -> String { urn == nil ? "unplaced" : "placed" }
    func name(_ urn: URN?) -> String { urn.flatMap { settingNames[$0] } ?? "" }
    var rows: [MoveRow] = []
    for outcome in outcomes.dropFirst() {
      for (p, pupil) in pupils.enumerated() where base.urns[p] != outcome.urns[p] {
        var row = MoveRow(
          plan: outcome.name, pupilID: pupil.id.rawValue, baselineURN: base.urns[p]?.rawValue ?? "",
          planURN: outcome.urns[p]?.rawValue ?? "", baselineStatus: status(base.urns[p]),
          planStatus: status(outcome.urns[p]))
        row.baselineSettingName = name(base.urns[p])
        row.planSettingName = name(outcome.urns[p])
        rows.append(row)
      }
    }
    return rows
  }

  /// Every setting's name by URN across the cases compared: the baseline's
  /// first, then those a plan opens.
  package static func settingNames(_ cases: [Case]) -> [URN: String] {
    var names: [URN: String] = [:]
    for input in cases {
      for setting in input.settings where names[setting.urn] == nil { names[setting.urn] = setting.name }
    }
    return names
  }
}
