package import Placewise

/// Renders `place-values.csv`: what one more place is worth at each setting
/// and under each need cap, exact and unrounded.
package enum PlaceValuesCSV {
  /// The columns, in order.
  package static let header = [
    "urn", "need", "free_places", "places_used", "unmet_priority_change", "placement_cost_change",
    "requests_refused_change", "setting_name",
  ]

  /// The file's text: each setting in input order, then its caps in the order written.
  package static func render(case input: Case, placeValues: [PlaceValue]) -> String {
    var csv = CSVText()
    csv.append(header)
    for row in rows(case: input, placeValues: placeValues) { csv.append(row) }
    return csv.text
  }

  /// The file's rows as text, without the header: what the workbook's
  /// Place values sheet holds too.
  package static func rows(case input: Case, placeValues: [PlaceValue]) -> [[String]] {
    placeValues.map { row in
      [
        input.settings[row.setting].urn.rawValue, row.need?.code ?? "", String(row.freePlaces),
        String(row.placesUsed), String(row.change.unmet), NumberText.format(row.change.cost),
        String(row.change.refused), input.settings[row.setting].name,
      ]
    }
  }
}
