package import Placewise

/// Renders the output `settings.csv`: per setting, free places, places used
/// and use by need.
package enum SettingsCSV {
  /// The columns, in order.
  package static let header = [
    "urn", "name", "kind", "capacity", "on_roll", "free_places", "places_used", "places_spare", "use_by_need",
    "need_caps",
  ]

  /// The file's text, settings in input order.
  package static func render(case input: Case, allocation: Allocation) -> String {
    var csv = CSVText()
    csv.append(header)
    for row in rows(case: input, allocation: allocation) { csv.append(row) }
    return csv.text
  }

  /// The rows under the header, as text (shared with the workbook's Settings sheet).
  package static func rows(case input: Case, allocation: Allocation) -> [[String]] {
    var used = [Int](repeating: 0, count: input.settings.count)
    var byNeed = [[Int]](repeating: [Int](repeating: 0, count: NeedCode.allCases.count), count: input.settings.count)
    for (p, placement) in allocation.placements.enumerated() {
      guard let s = placement.setting else { continue }
      used[s] += 1
      byNeed[s][input.pupils[p].primaryNeed.rawValue] += 1
    }
    var csv: [[String]] = []
    for (s, setting) in input.settings.enumerated() {
      let needs = NeedCode.allCases.filter { byNeed[s][$0.rawValue] > 0 }
        .map { "\($0.code):\(byNeed[s][$0.rawValue])" }.joined(separator: ";")
      let caps = setting.needPlaces.sorted { $0.key < $1.key }.map { "\($0.key.code):\($0.value)" }
        .joined(separator: ";")
      csv.append([
        setting.urn.rawValue, setting.name, setting.kind.word, String(setting.capacity), String(setting.onRoll),
        String(setting.freePlaces), String(used[s]), String(setting.freePlaces - used[s]), needs, caps,
      ])
    }
    return csv
  }
}
