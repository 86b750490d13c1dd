/// Amounts of money added to the penny.
///
/// Plan and option files give costs in pounds, with pence where a planner
/// writes them. Added as binary fractions, £0.10 and £0.20 make
/// £0.30000000000000004, which a CSV file then shows; added in whole pence
/// they make £0.30. A fraction of a penny is rounded to the nearest penny
/// (amounts are within a trillion pounds: docs/decisions.md, plausible
/// ranges).
public enum Pence {
  /// An amount in whole pence, saturating far beyond any plausible amount.
  public static func of(_ pounds: Double) -> Int64 {
    let p = (pounds * 100).rounded()
    return p >= 9e18 ? .max : p <= -9e18 ? .min : Int64(p)
  }

  /// The sum of `amounts` in pounds, added in whole pence; a sum past
  /// 90 quadrillion pounds (no plausible one) is added as binary fractions.
  public static func sum(_ amounts: [Double]) -> Double {
    var pence: Int64 = 0
    for amount in amounts {
      let (next, overflow) = pence.addingReportingOverflow(of(amount))
      guard !overflow, amount.isFinite else { return amounts.reduce(0, +) }
      pence = next
    }
    return Double(pence) / 100
  }
}
