package import Placewise

/// The part of `validate`'s report that needs no solving: the pupils with no
/// eligible setting at all, who would be left unplaced whatever the
/// allocation does, so that a planner can fix them first.
package enum NoEligibleReport {
  /// How many pupils' reasons are written out.
  package static let shown = 5

  /// A few lines of plain text: the count, the first few ids, and each one's reason.
  package static func render(case input: Case, candidates: CandidateSet? = nil) -> String {
    let found = NoEligibleSetting(case: input, candidates: candidates ?? CandidateSet(case: input))
    // A batch of none is said so, not "every pupil" (round twenty-three).
    guard !input.pupils.isEmpty else { return "The batch has no pupils.\n" }
    guard !found.pupils.isEmpty else { return "Every pupil has at least one eligible setting.\n" }
    let count = found.pupils.count
    var lines = [
      "Pupils with no eligible setting: \(count) (each would be left unplaced whatever the allocation)"
    ]
    for k in 0..<min(shown, count) {
      lines.append("  \(input.pupils[found.pupils[k]].id): \(found.reason(k, case: input))")
    }
    if count > shown { lines.append("  and \(count - shown) more.") }
    return lines.joined(separator: "\n") + "\n"
  }
}
