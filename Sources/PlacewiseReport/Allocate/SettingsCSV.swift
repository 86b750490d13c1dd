package import Placewise

/// Renders the output `settings.csv`: per setting, free places, places used
/// and use by need.
package enum SettingsCSV {
  /// One setting and the places the allocation uses there.
  package struct Line: Sendable {
    var setting: Setting
    var used: Int
    /// Places used by each need, by need raw value.
    var usedByNeed: [Int]
  }

  /// The columns, in order, each with its kind and figure.
  package static let columns: [TableColumn<Line>] = [
    .text("urn") { $0.setting.urn.rawValue },
    .text("name") { $0.setting.name },
    .text("kind") { $0.setting.kind.word },
    .count("capacity") { $0.setting.capacity },
    .count("on_roll") { $0.setting.onRoll },
    .count("free_places") { $0.setting.freePlaces },
    .count("places_used") { $0.used },
    .count("places_spare") { $0.setting.freePlaces - $0.used },
    .text("use_by_need") { line in
      NeedCode.allCases.filter { line.usedByNeed[$0.rawValue] > 0 }
        .map { "\($0.code):\(line.usedByNeed[$0.rawValue])" }.joined(separator: ";")
    },
    .text("need_caps") {
      $0.setting.needPlaces.sorted { $0.key < $1.key }.map { "\($0.key.code):\($0.value)" }.joined(separator: ";")
    },
  ]

  /// The column titles, in order.
  package static var header: [String] { columns.map(\.column.title) }

  /// The file's text, settings in input order.
  package static func render(case input: Case, allocation: Allocation) -> String {
    table(case: input, allocation: allocation).csv
  }

  /// The table the CSV file and the workbook's Settings sheet both read.
  package static func table(case input: Case, allocation: Allocation) -> ReportTable {
    var used = [Int](repeating: 0, count: input.settings.count)
    var byNeed = [[Int]](repeating: [Int](repeating: 0, count: NeedCode.allCases.count), count: input.settings.count)
    for (p, placement) in allocation.placements.enumerated() {
      guard let s = placement.setting else { continue }
      used[s] += 1
      byNeed[s][input.pupils[p].primaryNeed.rawValue] += 1
    }
    let lines = input.settings.indices.map { Line(setting: input.settings[$0], used: used[$0], usedByNeed: byNeed[$0]) }
    return ReportTable(sheetName: "Settings", columns: columns, rows: lines)
  }
}
