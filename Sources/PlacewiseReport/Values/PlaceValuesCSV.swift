package import Placewise

/// Renders `place-values.csv`: what one more place is worth at each setting
/// and under each need cap, exact and unrounded.
package enum PlaceValuesCSV {
  /// The columns, in order, each with its kind and figure.
  package static let columns: [TableColumn<PlaceValueRow>] = [
    .text("urn") { $0.urn },
    .text("need") { $0.need },
    .count("free_places") { $0.freePlaces },
    .count("places_used") { $0.placesUsed },
    .count("unmet_priority_change") { $0.unmetPriorityChange },
    .decimal("placement_cost_change") { $0.placementCostChange },
    .count("requests_refused_change") { $0.requestsRefusedChange },
    .text("setting_name") { $0.settingName },
  ]

  /// The column titles, in order.
  package static var header: [String] { columns.map(\.column.title) }

  /// The file's text: each setting in input order, then its caps in the order written.
  package static func render(case input: Case, placeValues: [PlaceValue]) -> String {
    table(rows(case: input, placeValues: placeValues)).csv
  }

  /// The rows the CSV file, the workbook's Place values sheet and the report all read.
  package static func rows(case input: Case, placeValues: [PlaceValue]) -> [PlaceValueRow] {
    placeValues.map { value in
      var row = PlaceValueRow(
        urn: input.settings[value.setting].urn.rawValue, need: value.need?.code ?? "", freePlaces: value.freePlaces,
        placesUsed: value.placesUsed, unmetPriorityChange: value.change.unmet,
        placementCostChange: value.change.cost)
      row.requestsRefusedChange = value.change.refused
      row.settingName = input.settings[value.setting].name
      return row
    }
  }

  /// The table of `rows`.
  package static func table(_ rows: [PlaceValueRow]) -> ReportTable {
    ReportTable(sheetName: "Place values", columns: columns, rows: rows)
  }
}
