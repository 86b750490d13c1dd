package import Placewise

/// Renders `placements.csv`: one row for every input pupil, in input order.
package enum PlacementsCSV {
  /// The columns, in order.
  package static let header = [
    "pupil_id", "urn", "setting_name", "setting_kind", "travel_minutes", "preference_rank",
    "preference_penalty", "status", "reason", "priority", "primary_need", "current_urn", "age", "nc_year",
    "requested_by", "request_protected", "fixed", "moved",
  ]

  /// The file's text.
  package static func render(case input: Case, candidates: CandidateSet, allocation: Allocation) -> String {
    var csv = CSVText()
    csv.append(header)
    for row in rows(case: input, candidates: candidates, allocation: allocation) { csv.append(row) }
    return csv.text
  }

  /// The rows under the header, as text (shared with the workbook's Placements sheet).
  package static func rows(case input: Case, candidates: CandidateSet, allocation: Allocation) -> [[String]] {
    var csv: [[String]] = []
    csv.reserveCapacity(input.pupils.count)
    for (p, pupil) in input.pupils.enumerated() {
      let common = [
        String(pupil.priority), pupil.primaryNeed.code, pupil.currentURN?.rawValue ?? "", String(pupil.age),
        CurriculumYearText.text(pupil.curriculumYear), pupil.requestedBy, candidates.requestProtectedWord(p, pupil),
        candidates.isAgreed(p) ? "yes" : "",
        candidates.isMoved(p, placedAt: allocation.placements[p].setting) ? "yes" : "",
      ]
      switch allocation.placements[p] {
      case .placed(let s, let pair):
        let setting = input.settings[s]
        let rank = candidates.rank[pair]
        csv.append(
          [
            pupil.id.rawValue, setting.urn.rawValue, setting.name, setting.kind.word,
            NumberText.format(candidates.minutes[pair]), rank > 0 ? String(rank) : "",
            NumberText.format(
              Eligibility.preferencePenalty(storedRank: rank, pupil: pupil, policy: input.policy)),
            "placed", "",
          ] + common)
      case .unplaced(let reason):
        csv.append([pupil.id.rawValue, "", "", "", "", "", "", "unplaced", reason.description] + common)
      }
    }
    return csv
  }
}
