public import Placewise

/// Renders `place-values.csv`: what one more place is worth at each setting
/// and under each need cap, exact and unrounded.
public enum PlaceValuesCSV {
  /// The columns, in order.
  public static let header = [
    "urn", "need", "free_places", "places_used", "unmet_priority_change", "placement_cost_change",
  ]

  /// The file's text: each setting in input order, then its caps in the order written.
  public static func render(case input: Case, placeValues: [PlaceValue]) -> String {
    var csv = CSVText()
    csv.append(header)
    for row in placeValues {
      csv.append([
        input.settings[row.setting].urn.rawValue, row.need?.code ?? "", String(row.freePlaces),
        String(row.placesUsed), String(row.change.unmet), NumberText.format(row.change.cost),
      ])
    }
    return csv.text
  }
}
