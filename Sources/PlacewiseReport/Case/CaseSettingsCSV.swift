package import Placewise

/// Renders settings as a case's `settings.csv` (the input format, not the
/// allocation's per-setting report): what `placewise import gias` writes.
package enum CaseSettingsCSV {
  /// The columns, in order, each with its kind and figure;
  /// `statutory_request` follows them only when a setting needs it.
  package static let columns: [TableColumn<Setting>] = required + [.text("la") { $0.localAuthority ?? "" }]

  /// The columns every `settings.csv` holds, in the case format's order (up to `needs`).
  static let required: [TableColumn<Setting>] = [
    .text("urn") { $0.urn.rawValue },
    .text("name") { $0.name },
    .text("kind") { $0.kind.word },
    .decimal("easting") { $0.easting },
    .decimal("northing") { $0.northing },
    .count("low_age") { $0.lowAge },
    .count("high_age") { $0.highAge },
    .count("capacity") { $0.capacity },
    .count("on_roll") { $0.onRoll },
    .text("gender") { $0.gender.rawValue },
    .text("needs") { $0.needs.map(\.code).joined(separator: ";") },
  ]

  /// The column titles, in order, without `statutory_request`.
  package static var header: [String] { columns.map(\.column.title) }

  /// `statutory_request`: written only where a setting's differs from its
  /// kind's default (`yes` at a non-maintained special school, say).
  static let statutoryRequest = TableColumn<Setting>.text("statutory_request") { setting in
    guard setting.statutoryRequest != setting.kind.statutoryRequestByDefault else { return "" }
    return setting.statutoryRequest ? "yes" : "no"
  }

  /// The file's text: one row per setting, in the order given.
  ///
  /// The `statutory_request` column is written only when some setting has
  /// such a cell: the other cells stay empty, so the default applies, and a
  /// file without one reads as before.
  package static func render(_ settings: [Setting]) -> String {
    let withStatutory = settings.contains { $0.statutoryRequest != $0.kind.statutoryRequestByDefault }
    let columns = Self.columns + (withStatutory ? [statutoryRequest] : [])
    return ReportTable(sheetName: "Settings", columns: columns, rows: settings).csv
  }
}
