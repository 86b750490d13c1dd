package import Placewise

/// Renders `moves.csv`: per plan, every pupil whose setting differs from
/// the baseline's (placed to unplaced and back included).
package enum MovesCSV {
  /// The columns, in order.
  /// The contract's columns (`docs/planning.md`), then each URN's setting
  /// name for a reader (issue 25), after them so that the contract's stay
  /// where it puts them.
  package static let header = [
    "plan", "pupil_id", "baseline_urn", "plan_urn", "baseline_status", "plan_status", "baseline_setting_name",
    "plan_setting_name",
  ]

  /// The file's text: plans in comparison order, pupils in input order;
  /// `settingNames` names each URN (the baseline's settings and those a plan opens).
  package static func render<R>(
    _ outcomes: [ComparisonOutcome<R>], pupils: [Pupil], settingNames: [URN: String] = [:]
  ) -> String {
    var csv = CSVText()
    csv.append(header)
    for row in rows(outcomes, pupils: pupils, settingNames: settingNames) { csv.append(row) }
    return csv.text
  }

  /// The file's rows as text, without the header.
  package static func rows<R>(
    _ outcomes: [ComparisonOutcome<R>], pupils: [Pupil], settingNames: [URN: String] = [:]
  ) -> [[String]] {
    guard let base = outcomes.first else { return [] }
    func status(_ urn: URN?) -> String { urn == nil ? "unplaced" : "placed" }
    func name(_ urn: URN?) -> String { urn.flatMap { settingNames[$0] } ?? "" }
    var rows: [[String]] = []
    for outcome in outcomes.dropFirst() {
      for (p, pupil) in pupils.enumerated() where base.urns[p] != outcome.urns[p] {
        rows.append([
          outcome.name, pupil.id.rawValue, base.urns[p]?.rawValue ?? "", outcome.urns[p]?.rawValue ?? "",
          status(base.urns[p]), status(outcome.urns[p]), name(base.urns[p]), name(outcome.urns[p]),
        ])
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
