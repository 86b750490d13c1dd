/// How a public page shows a figure summed over children whose each share
/// a reader may know or bound: pounds (a cost of places is a school's
/// published cost per place times its pupils; a cost of the unplaced is
/// `unplaced_cost`, on the page, times their count) and minutes-equivalent
/// penalties (`preference_step`, `unlisted_penalty` and `move_penalty`, on
/// the page). Divided back by one child's share, such a sum to the unit is a
/// count; rounded to five children's worth it is not, as counts rounded to
/// the nearest 5 are not.
package struct RoundedSums: Sendable, Equatable {
  /// The step figures are rounded to; nil at the internal level, or where no
  /// child adds anything.
  package let step: Double?

  /// The step for a page where one child adds at most `largestShare`: the
  /// next round figure (1, 2 or 5 times a power of 10) at or above five
  /// times it.
  package init(level: ReportLevel, largestShare: Double) {
    guard level == .public, largestShare > 0, largestShare.isFinite else {
      step = nil
      return
    }
    var power = 1.0
    var found: Double?
    while found == nil && power.isFinite {
      for m in [1.0, 2, 5] where m * power >= 5 * largestShare {
        found = m * power
        break
      }
      power *= 10
    }
    step = found
  }

  /// `value` rounded to the step (unchanged without one).
  package func rounded(_ value: Double) -> Double {
    guard let step else { return value }
    return step * (value / step).rounded()
  }

  /// `value` rounded, in pounds as people read them; a cost that rounds to
  /// nothing reads "under" half the step, not £0 (a baseline spending
  /// £230,000 read £0 beside a step of £1,000,000).
  package func pounds(_ value: Double) -> String {
    if let step, value > 0, rounded(value) == 0 { return "under " + NumberFormatting.pounds(step / 2) }
    return NumberFormatting.pounds(rounded(value))
  }

  /// `value` rounded, as a data attribute holds it.
  package func raw(_ value: Double) -> String { NumberText.format(rounded(value)) }
}
