import Placewise

/// The side-by-side table `compare` prints: one line per plan, the figures
/// a planner reads first, changes against the baseline in brackets.
package enum ComparisonTable {
  /// The table of figures worked out once (see `ComparisonOutputs`).
  package static func render(_ rows: [ComparisonFigures]) -> String {
    let header = [
      "plan", "unmet need", "without a place", "displaced", "requests refused", "1st preferences", "travel (min)",
      "capital (£)", "annual (£)", "£ per child placed", "moved",
    ]
    func signed(_ value: Int) -> String { value > 0 ? "+\(value)" : "\(value)" }
    func pounds(_ value: Double) -> String { Self.grouped(Int64(value.rounded())) }
    var lines: [[String]] = [header]
    for (i, row) in rows.enumerated() {
      let s = row.summary
      let isBase = i == 0
      // Changes are shown against the baseline; "without a place" is what a
      // plan is judged on for placements (a closure's displaced pupils count).
      lines.append([
        row.name,
        isBase ? "\(s.unmetPriority)" : "\(s.unmetPriority) (\(signed(row.unmetPriorityChange)))",
        isBase ? "\(s.unplaced)" : "\(s.unplaced) (\(signed(row.unplacedChange)))",
        isBase ? "-" : "\(row.displaced)",
        isBase ? "\(s.requestsRefused)" : "\(s.requestsRefused) (\(signed(row.requestsRefusedChange)))",
        "\(s.firstPreferenceMet)",
        Self.grouped(Int64(s.travelMinutes.rounded())),
        isBase ? "-" : pounds(row.capitalCost),
        isBase ? "-" : pounds(row.annualCost),
        row.capitalPerExtraPlacement.map(pounds) ?? "-",
        isBase ? "-" : "\(row.pupilsMoved)",
      ])
    }
    var widths = [Int](repeating: 0, count: header.count)
    for line in lines { for (c, cell) in line.enumerated() { widths[c] = max(widths[c], cell.count) } }
    let text = lines.map { line in
      line.enumerated().map { c, cell in
        let pad = String(repeating: " ", count: widths[c] - cell.count)
        return c == 0 ? cell + pad : pad + cell
      }.joined(separator: "  ")
    }
    return text.joined(separator: "\n") + "\n"
  }

  /// 1234567 as `1,234,567`.
  static func grouped(_ value: Int64) -> String {
    let digits = String(value.magnitude)
    var out = ""
    for (i, ch) in digits.enumerated() {
      if i > 0 && (digits.count - i) % 3 == 0 { out += "," }
      out.append(ch)
    }
    return (value < 0 ? "-" : "") + out
  }
}
