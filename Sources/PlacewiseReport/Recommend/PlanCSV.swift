package import Placewise

/// Renders a plan file (`recommend`'s `plan.csv`): the rows as read, with
/// every column a plan action reads, the costs, the note, and the rows'
/// `option` and `group` (which `compare` ignores).
package enum PlanCSV {
  /// The columns, in a fixed order.
  package static let header = [
    "action", "urn", "places", "need", "name", "kind", "easting", "northing", "low_age", "high_age", "capacity",
    "on_roll", "gender", "needs", "need_places", "cost_per_place", "la", "capital_cost", "annual_cost", "note",
    "option", "group",
  ]

  /// The file's text.
  package static func render(_ plan: Plan) -> String {
    var csv = CSVText()
    csv.append(header)
    for row in plan.rows {
      var cells = [String](repeating: "", count: header.count)
      cells[0] = row.action.word
      cells[1] = row.action.urn.rawValue
      switch row.action {
      case .addPlaces(_, let places, let need):
        cells[2] = String(places)
        cells[3] = need?.code ?? ""
      case .newSetting(let s):
        cells[4] = s.name
        cells[5] = s.kind.word
        cells[6] = NumberText.format(s.easting)
        cells[7] = NumberText.format(s.northing)
        cells[8] = String(s.lowAge)
        cells[9] = String(s.highAge)
        cells[10] = String(s.capacity)
        cells[11] = String(s.onRoll)
        cells[12] = s.gender.rawValue
        cells[13] = NeedCode.allCases.filter { s.needs.contains($0) }.map(\.code).joined(separator: ";")
        cells[14] = NeedCode.allCases.compactMap { need in s.needPlaces[need].map { "\(need.code):\($0)" } }
          .joined(separator: ";")
        cells[15] = s.costPerPlace.map(NumberText.format) ?? ""
        cells[16] = s.localAuthority ?? ""
      case .closeSetting:
        break
      }
      cells[17] = NumberText.format(row.capitalCost)
      cells[18] = NumberText.format(row.annualCost)
      cells[19] = row.note ?? ""
      cells[20] = row.option ?? ""
      cells[21] = row.group ?? ""
      csv.append(cells)
    }
    return csv.text
  }
}
