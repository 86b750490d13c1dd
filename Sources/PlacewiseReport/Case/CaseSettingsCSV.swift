package import Placewise

/// Renders settings as a case's `settings.csv` (the input format, not the
/// allocation's per-setting report): what `placewise import gias` writes.
package enum CaseSettingsCSV {
  /// The columns, in order; `statutory_request` follows them only when a
  /// setting needs it.
  package static let header = [
    "urn", "name", "kind", "easting", "northing", "low_age", "high_age", "capacity", "on_roll", "gender", "needs",
    "la",
  ]

  /// The file's text: one row per setting, in the order given.
  ///
  /// `statutory_request` is written only where a setting's differs from
  /// its kind's default (`yes` at a non-maintained special school, say),
  /// and the column only when some setting has such a cell: the other
  /// cells stay empty, so the default applies, and a file without one
  /// reads as before.
  package static func render(_ settings: [Setting]) -> String {
    let statutory = settings.map { setting -> String in
      guard setting.statutoryRequest != setting.kind.statutoryRequestByDefault else { return "" }
      return setting.statutoryRequest ? "yes" : "no"
    }
    let withStatutory = statutory.contains { !$0.isEmpty }
    var csv = CSVText()
    csv.append(header + (withStatutory ? ["statutory_request"] : []))
    for (setting, request) in zip(settings, statutory) {
      csv.append(
        [
          setting.urn.rawValue, setting.name, setting.kind.word, NumberText.format(setting.easting),
          NumberText.format(setting.northing), String(setting.lowAge), String(setting.highAge),
          String(setting.capacity), String(setting.onRoll), setting.gender.rawValue,
          setting.needs.map(\.code).joined(separator: ";"), setting.localAuthority ?? "",
        ] + (withStatutory ? [request] : []))
    }
    return csv.text
  }
}
