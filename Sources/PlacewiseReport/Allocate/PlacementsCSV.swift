package import Placewise

/// Renders `placements.csv`: one row for every input pupil, in input order.
package enum PlacementsCSV {
  /// One pupil's placement, as the table's columns read it.
  package struct Line: Sendable {
    var pupil: Pupil
    var setting: Setting?
    var minutes: Double?
    var rank: Int?
    var penalty: Double?
    var reason: String
    var requestProtected: String
    var fixed: Bool
    var moved: Bool
  }

  /// The columns, in order, each with its kind and figure.
  package static let columns: [TableColumn<Line>] = [
    .text("pupil_id") { $0.pupil.id.rawValue },
    .text("urn") { $0.setting?.urn.rawValue ?? "" },
    .text("setting_name") { $0.setting?.name ?? "" },
    .text("setting_kind") { $0.setting?.kind.word ?? "" },
    .minutes("travel_minutes") { $0.minutes },
    .count("preference_rank") { $0.rank },
    .decimal("preference_penalty") { $0.penalty },
    .text("status") { $0.setting == nil ? "unplaced" : "placed" },
    .text("reason") { $0.reason },
    .count("priority") { $0.pupil.priority },
    .text("primary_need") { $0.pupil.primaryNeed.code },
    .text("current_urn") { $0.pupil.currentURN?.rawValue ?? "" },
    .count("age") { $0.pupil.age },
    .text("nc_year") { CurriculumYearText.text($0.pupil.curriculumYear) },
    .text("requested_by") { $0.pupil.requestedBy },
    .text("request_protected") { $0.requestProtected },
    .text("fixed") { $0.fixed ? "yes" : "" },
    .text("moved") { $0.moved ? "yes" : "" },
  ]

  /// The column titles, in order.
  package static var header: [String] { columns.map(\.column.title) }

  /// The file's text.
  package static func render(case input: Case, candidates: CandidateSet, allocation: Allocation) -> String {
    table(case: input, candidates: candidates, allocation: allocation).csv
  }

  /// The table the CSV file and the workbook's Placements sheet both read.
  package static func table(case input: Case, candidates: CandidateSet, allocation: Allocation) -> ReportTable {
    ReportTable(
      sheetName: "Placements", columns: columns,
      rows: lines(case: input, candidates: candidates, allocation: allocation))
  }

  /// Each pupil's line, in input order.
  static func lines(case input: Case, candidates: CandidateSet, allocation: Allocation) -> [Line] {
    input.pupils.enumerated().map { p, pupil in
      var line = Line(
        pupil: pupil, reason: "", requestProtected: candidates.requestProtectedWord(p, pupil),
        fixed: candidates.isAgreed(p), moved: candidates.isMoved(p, placedAt: allocation.placements[p].setting))
      switch allocation.placements[p] {
      case .placed(let s, let pair):
        let rank = candidates.rank[pair]
        line.setting = input.settings[s]
        line.minutes = candidates.minutes[pair]
        line.rank = rank > 0 ? Int(rank) : nil
        line.penalty = Eligibility.preferencePenalty(storedRank: rank, pupil: pupil, policy: input.policy)
      case .unplaced(let reason):
        line.reason = reason.description
      }
      return line
    }
  }
}
