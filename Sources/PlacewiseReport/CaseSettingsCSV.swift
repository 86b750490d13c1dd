public import Placewise

/// Renders settings as a case's `settings.csv` (the input format, not the
/// allocation's per-setting report): what `placewise import gias` writes.
public enum CaseSettingsCSV {
  /// The columns, in order.
  public static let header = [
    "urn", "name", "kind", "easting", "northing", "low_age", "high_age", "capacity", "on_roll", "gender", "needs",
    "la",
  ]

  /// The file's text: one row per setting, in the order given.
  public static func render(_ settings: [Setting]) -> String {
    var csv = CSVText()
    csv.append(header)
    for setting in settings {
      csv.append([
        setting.urn.rawValue, setting.name, setting.kind.word, NumberText.format(setting.easting),
        NumberText.format(setting.northing), String(setting.lowAge), String(setting.highAge),
        String(setting.capacity), String(setting.onRoll), setting.gender.rawValue,
        setting.needs.map(\.code).joined(separator: ";"), setting.localAuthority ?? "",
      ])
    }
    return csv.text
  }
}
