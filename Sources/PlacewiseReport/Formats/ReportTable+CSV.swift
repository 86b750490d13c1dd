import Workbook

/// The CSV writer every table output uses.
extension ReportTable {
  /// The table as CSV: the column titles, then each cell as the CSV
  /// outputs write figures (whole numbers plain, others with the shortest
  /// digits that read back to the same double; a blank cell empty).
  package var csv: String { String(decoding: csvBytes, as: UTF8.self) }

  /// `csv` as UTF-8 bytes.
  package var csvBytes: [UInt8] {
    var text = CSVText()
    text.reserve(rows.count * columns.count * 8)
    text.append(columns.map(\.title))
    for row in rows { text.append(row.map(Self.csvField)) }
    return text.bytes
  }

  /// A cell as its CSV field.
  static func csvField(_ cell: Cell) -> String {
    switch cell {
    case .blank: ""
    case .text(let value): value
    case .integer(let value): String(value)
    case .decimal(let value), .minutes(let value), .pounds(let value): NumberText.format(value)
    }
  }
}
