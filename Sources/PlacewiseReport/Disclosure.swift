/// Who a report is for.
public enum ReportLevel: String, Sendable, CaseIterable {
  /// For the SEND team: every figure, and the explanation search by pupil id.
  case `internal`
  /// For sharing beyond the SEND team: no pupil-level data, and every count
  /// of pupils from 1 to 4 shown as `<5` (the DfE's convention).
  case `public`
}

/// How one published count is shown.
package enum Disclosed: Equatable, Sendable {
  /// The count itself.
  case shown(Int)
  /// A count from 1 to 4, shown as `<5`.
  case small
  /// A larger count hidden so that a small one cannot be worked out from a
  /// total (secondary suppression), shown as `x`.
  case hidden

  /// The text a reader sees: grouped digits, `<5` or `x`.
  package var text: String {
    switch self {
    case .shown(let value): NumberFormatting.grouped(value)
    case .small: "<5"
    case .hidden: "x"
    }
  }

  /// `text`, escaped for HTML (`&lt;5`).
  package var html: String { HTMLPage.escape(text) }

  /// The count, when shown.
  package var value: Int? {
    if case .shown(let value) = self { value } else { nil }
  }
}

/// Statistical disclosure control for the public report.
///
/// Decisions (written down as the issue asks):
/// - a count of pupils from 1 to 4 is shown as `<5`; 0 stays 0, since
///   "nobody" identifies nobody and hiding it would hide that a need or
///   setting is fully met;
/// - capacities (places commissioned or free) are facts about settings,
///   not pupils, and are shown as they are;
/// - secondary suppression: in a line of counts whose total is published
///   (the need rows summing to all pupils, placed + unplaced = pupils, the
///   histogram bins summing to all placed), a single `<5` could be worked
///   out by subtraction, so the smallest other non-zero count of that line
///   is hidden too (`x`), repeated until no line has exactly one hidden cell;
/// - a figure derived from a hidden count (spare places, fill, the unmet
///   priority of a need whose unplaced count is hidden) is hidden with it.
package struct Disclosure {
  /// The counts, each a cell.
  package let values: [Int]
  /// Whether the report is public (else nothing is suppressed).
  package let level: ReportLevel
  /// Lines: sets of cells whose sum a reader can learn (because the total is
  /// published), each given with the cell of its total if that is a cell too.
  private var lines: [(members: [Int], total: Int?)] = []

  /// Cells for `values`.
  package init(_ values: [Int], level: ReportLevel) {
    self.values = values
    self.level = level
  }

  /// Declares that the sum of `members` is published (as the cell `total`, or
  /// elsewhere when `total` is nil).
  package mutating func addLine(_ members: [Int], total: Int? = nil) {
    lines.append((members, total))
  }

  /// How each cell is shown.
  package func resolve() -> [Disclosed] {
    guard level == .public else { return values.map { .shown($0) } }
    var state: [Disclosed] = values.map { (1...4).contains($0) ? .small : .shown($0) }
    var changed = true
    while changed {
      changed = false
      for line in lines {
        if let total = line.total, state[total].value == nil { continue }
        let hidden = line.members.filter { state[$0].value == nil }
        guard hidden.count == 1 else { continue }
        // The smallest other non-zero count (ties: the earliest), so as
        // little as possible is hidden.
        let candidates = line.members.filter { state[$0].value != nil && values[$0] > 0 }
        if let pick = candidates.min(by: { (values[$0], $0) < (values[$1], $1) }) {
          state[pick] = .hidden
        } else if let total = line.total {
          // The withheld cell equals the total (every other member is 0):
          // only hiding the total protects it.
          state[total] = .hidden
        } else {
          continue
        }
        changed = true
      }
    }
    return state
  }
}
