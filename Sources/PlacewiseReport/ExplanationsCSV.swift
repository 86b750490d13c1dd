package import Placewise

/// Renders `explanations.csv`: one row per input pupil, in input order: the
/// placement, what became of the first preference, the exact cost to others
/// of honouring it, and a sentence for parents.
package enum ExplanationsCSV {
  /// The columns, in order.
  package static let header = [
    "pupil_id", "status", "urn", "preference_rank", "first_preference", "first_preference_outcome",
    "first_preference_unmet_change", "first_preference_cost_change", "explanation", "requested_by",
    "request_protected", "first_preference_requests_change",
  ]

  /// The file's text.
  package static func render(
    case input: Case, candidates: CandidateSet, allocation: Allocation, explanations: Explanations
  ) -> String {
    // Bytes, not `CSVText`: a sentence per pupil, every one quoted, is most
    // of this file, and Foundation's string replacing was most of its time.
    var csv = CSVBytes()
    csv.bytes.reserveCapacity(input.pupils.count * 300)
    csv.append(header)
    for p in input.pupils.indices {
      csv.append(row(p, case: input, candidates: candidates, allocation: allocation, explanations: explanations))
    }
    return String(decoding: csv.bytes, as: UTF8.self)
  }

  /// The file's rows as text, without the header: what the workbook's
  /// Explanations sheet and the report's search box hold too.
  package static func rows(
    case input: Case, candidates: CandidateSet, allocation: Allocation, explanations: Explanations
  ) -> [[String]] {
    input.pupils.indices.map {
      row($0, case: input, candidates: candidates, allocation: allocation, explanations: explanations)
    }
  }

  /// Pupil `p`'s row.
  private static func row(
    _ p: Int, case input: Case, candidates: CandidateSet, allocation: Allocation, explanations: Explanations
  ) -> [String] {
    let pupil = input.pupils[p]
    let row = explanations.pupils[p]
    var placed = ["unplaced", "", ""]
    if case .placed(let s, let pair) = allocation.placements[p] {
      let rank = candidates.rank[pair]
      placed = ["placed", input.settings[s].urn.rawValue, rank > 0 ? String(rank) : ""]
    }
    return [pupil.id.rawValue] + placed + [
      pupil.preferences.first?.rawValue ?? "", row.outcome?.description ?? "",
      row.change.map { String($0.unmet) } ?? "", row.change.map { NumberText.format($0.cost) } ?? "",
      row.text, pupil.requestedBy, candidates.requestProtectedWord(p, pupil),
      row.change.map { String($0.refused) } ?? "",
    ]
  }
}

/// RFC 4180 CSV as UTF-8 bytes, quoted exactly as `CSVText` quotes.
private struct CSVBytes {
  var bytes: [UInt8] = []

  mutating func append(_ fields: [String]) {
    for (k, field) in fields.enumerated() {
      if k > 0 { bytes.append(UInt8(ascii: ",")) }
      let utf8 = field.utf8
      let quote = utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 10 || $0 == 13 }
      guard quote else {
        bytes.append(contentsOf: utf8)
        continue
      }
      bytes.append(UInt8(ascii: "\""))
      for byte in utf8 {
        if byte == UInt8(ascii: "\"") { bytes.append(byte) }
        bytes.append(byte)
      }
      bytes.append(UInt8(ascii: "\""))
    }
    bytes.append(10)
  }
}
