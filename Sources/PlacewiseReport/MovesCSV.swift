public import Placewise

/// Renders `moves.csv`: per plan, every pupil whose setting differs from
/// the baseline's (placed to unplaced and back included).
public enum MovesCSV {
  /// The columns, in order.
  public static let header = ["plan", "pupil_id", "baseline_urn", "plan_urn", "baseline_status", "plan_status"]

  /// The file's text: plans in comparison order, pupils in input order.
  public static func render<R>(_ outcomes: [ComparisonOutcome<R>], pupils: [Pupil]) -> String {
    var csv = CSVText()
    csv.append(header)
    for row in rows(outcomes, pupils: pupils) { csv.append(row) }
    return csv.text
  }

  /// The file's rows as text, without the header.
  package static func rows<R>(_ outcomes: [ComparisonOutcome<R>], pupils: [Pupil]) -> [[String]] {
    guard let base = outcomes.first else { return [] }
    func status(_ urn: URN?) -> String { urn == nil ? "unplaced" : "placed" }
    var rows: [[String]] = []
    for outcome in outcomes.dropFirst() {
      for (p, pupil) in pupils.enumerated() where base.urns[p] != outcome.urns[p] {
        rows.append([
          outcome.name, pupil.id.rawValue, base.urns[p]?.rawValue ?? "", outcome.urns[p]?.rawValue ?? "",
          status(base.urns[p]), status(outcome.urns[p]),
        ])
      }
    }
    return rows
  }
}
