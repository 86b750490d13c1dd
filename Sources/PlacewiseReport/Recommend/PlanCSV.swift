package import Placewise

/// Renders a plan file (`recommend`'s `plan.csv`): the rows as read, with
/// every column a plan action reads, the costs, the note, and the rows'
/// `option` and `group` (which `compare` ignores).
package enum PlanCSV {
  /// The columns, in a fixed order, each with its kind and figure.
  package static let columns: [TableColumn<PlanRow>] = [
    .text("action") { $0.action.word },
    .text("urn") { $0.action.urn.rawValue },
    .count("places") { if case .addPlaces(_, let places, _) = $0.action { places } else { nil } },
    .text("need") { if case .addPlaces(_, _, let need) = $0.action { need?.code ?? "" } else { "" } },
    .text("name") { opened($0)?.name ?? "" },
    .text("kind") { opened($0)?.kind.word ?? "" },
    .decimal("easting") { opened($0)?.easting },
    .decimal("northing") { opened($0)?.northing },
    .count("low_age") { opened($0)?.lowAge },
    .count("high_age") { opened($0)?.highAge },
    .count("capacity") { opened($0)?.capacity },
    .count("on_roll") { opened($0)?.onRoll },
    .text("gender") { opened($0)?.gender.rawValue ?? "" },
    .text("needs") { row in
      guard let s = opened(row) else { return "" }
      return NeedCode.allCases.filter { s.needs.contains($0) }.map(\.code).joined(separator: ";")
    },
    .text("need_places") { row in
      guard let s = opened(row) else { return "" }
      return NeedCode.allCases.compactMap { need in s.needPlaces[need].map { "\(need.code):\($0)" } }
        .joined(separator: ";")
    },
    .pounds("cost_per_place") { opened($0)?.costPerPlace },
    .text("la") { opened($0)?.localAuthority ?? "" },
    // Case format 2: whether a request for it is protected. Left out, a
    // setting the options file opened with `no` read back as its kind's
    // default, and compare of plan.csv gave another allocation (hostile
    // trial, round thirty-one).
    .text("statutory_request") { opened($0).map { $0.statutoryRequest ? "yes" : "no" } ?? "" },
    .pounds("capital_cost") { $0.capitalCost },
    .pounds("annual_cost") { $0.annualCost },
    .text("note") { $0.note ?? "" },
    .text("option") { $0.option ?? "" },
    .text("group") { $0.group ?? "" },
  ]

  /// The column titles, in order.
  package static var header: [String] { columns.map(\.column.title) }

  /// The setting a `new_setting` row opens.
  private static func opened(_ row: PlanRow) -> Setting? {
    if case .newSetting(let setting) = row.action { setting } else { nil }
  }

  /// The file's text.
  package static func render(_ plan: Plan) -> String {
    ReportTable(sheetName: "Plan", columns: columns, rows: plan.rows).csv
  }
}
