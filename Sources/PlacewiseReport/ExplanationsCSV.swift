public import Placewise

/// Renders `explanations.csv`: one row per input pupil, in input order: the
/// placement, what became of the first preference, the exact cost to others
/// of honouring it, and a sentence for parents.
public enum ExplanationsCSV {
  /// The columns, in order.
  public static let header = [
    "pupil_id", "status", "urn", "preference_rank", "first_preference", "first_preference_outcome",
    "first_preference_unmet_change", "first_preference_cost_change", "explanation",
  ]

  /// The file's text.
  public static func render(
    case input: Case, candidates: CandidateSet, allocation: Allocation, explanations: Explanations
  ) -> String {
    var csv = CSVText()
    csv.append(header)
    for (p, pupil) in input.pupils.enumerated() {
      let row = explanations.pupils[p]
      var placed = ["unplaced", "", ""]
      if case .placed(let s, let pair) = allocation.placements[p] {
        let rank = candidates.rank[pair]
        placed = ["placed", input.settings[s].urn.rawValue, rank > 0 ? String(rank) : ""]
      }
      csv.append(
        [pupil.id.rawValue] + placed + [
          pupil.preferences.first?.rawValue ?? "", row.outcome?.description ?? "",
          row.change.map { String($0.unmet) } ?? "", row.change.map { NumberText.format($0.cost) } ?? "",
          row.text,
        ])
    }
    return csv.text
  }
}
