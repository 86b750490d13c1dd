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
    guard let base = outcomes.first else { return csv.text }
    func status(_ urn: URN?) -> String { urn == nil ? "unplaced" : "placed" }
    for outcome in outcomes.dropFirst() {
      for (p, pupil) in pupils.enumerated() where base.urns[p] != outcome.urns[p] {
        csv.append([
          outcome.name, pupil.id.rawValue, base.urns[p]?.rawValue ?? "", outcome.urns[p]?.rawValue ?? "",
          status(base.urns[p]), status(outcome.urns[p]),
        ])
      }
    }
    return csv.text
  }
}
