package import Placewise

/// Renders `explanations.csv`: one row per input pupil, in input order: the
/// placement, what became of the first preference, the exact cost to others
/// of honouring it, and a sentence for parents.
package enum ExplanationsCSV {
  /// One pupil's explanation, typed.
  package struct Line: Sendable {
    var pupilID: String
    var placedAt: String?
    var rank: Int?
    var firstPreference: String
    var outcome: String
    var change: (unmet: Int, cost: Double, refused: Int)?
    var explanation: String
    var requestedBy: String
    var requestProtected: String

    /// The line as the report's search box holds it: the CSV file's first
    /// nine fields, as written there.
    package var row: ExplanationRow {
      ExplanationRow(
        pupilID: pupilID, status: placedAt == nil ? "unplaced" : "placed", urn: placedAt ?? "",
        preferenceRank: rank.map { String($0) } ?? "", firstPreference: firstPreference,
        firstPreferenceOutcome: outcome, firstPreferenceUnmetChange: change.map { String($0.unmet) } ?? "",
        firstPreferenceCostChange: change.map { NumberText.format($0.cost) } ?? "", explanation: explanation)
    }
  }

  /// The columns, in order, each with its kind and figure.
  package static let columns: [TableColumn<Line>] = [
    .text("pupil_id") { $0.pupilID },
    .text("status") { $0.placedAt == nil ? "unplaced" : "placed" },
    .text("urn") { $0.placedAt ?? "" },
    .count("preference_rank") { $0.rank },
    .text("first_preference") { $0.firstPreference },
    .text("first_preference_outcome") { $0.outcome },
    .count("first_preference_unmet_change") { $0.change?.unmet },
    .decimal("first_preference_cost_change") { $0.change?.cost },
    .text("explanation") { $0.explanation },
    .text("requested_by") { $0.requestedBy },
    .text("request_protected") { $0.requestProtected },
    .count("first_preference_requests_change") { $0.change?.refused },
  ]

  /// The column titles, in order.
  package static var header: [String] { columns.map(\.column.title) }

  /// The file's text.
  package static func render(
    case input: Case, candidates: CandidateSet, allocation: Allocation, explanations: Explanations
  ) -> String {
    table(lines(case: input, candidates: candidates, allocation: allocation, explanations: explanations)).csv
  }

  /// The table of `lines`: what the CSV file and the workbook's Explanations sheet hold.
  package static func table(_ lines: [Line]) -> ReportTable {
    ReportTable(sheetName: "Explanations", columns: columns, rows: lines)
  }

  /// Each pupil's line, in input order.
  package static func lines(
    case input: Case, candidates: CandidateSet, allocation: Allocation, explanations: Explanations
  ) -> [Line] {
    input.pupils.enumerated().map { p, pupil in
      let row = explanations.pupils[p]
      var line = Line(
        pupilID: pupil.id.rawValue, firstPreference: pupil.preferences.first?.rawValue ?? "",
        outcome: row.outcome?.description ?? "", change: row.change.map { ($0.unmet, $0.cost, $0.refused) },
        explanation: row.text, requestedBy: pupil.requestedBy,
        requestProtected: candidates.requestProtectedWord(p, pupil))
      if case .placed(let s, let pair) = allocation.placements[p] {
        let rank = candidates.rank[pair]
        line.placedAt = input.settings[s].urn.rawValue
        line.rank = rank > 0 ? Int(rank) : nil
      }
      return line
    }
  }
}
