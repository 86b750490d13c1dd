/// Where the contested market starts in place of its auction: an optimum
/// of a similar case carried over (the baseline's, for each plan of
/// `compare`). Only the speed depends on it; the pricing loop proves the
/// optimum whatever the start.
package struct MarketStart: Sendable {
  /// Each pupil's candidate pair in the case being solved (-1: unplaced).
  package var assignment: [Int]
  /// Each setting's place price, in units where one unit of unmet priority
  /// is `weight`; 0 for a setting with free places.
  package var prices: [Double]
  /// See `prices`.
  package var weight: Double
  /// Pupils that start in the LP: those the earlier optimum's LP held (its
  /// contested part, likely contested again).
  package var contested: [Int]

  /// Creates a start.
  package init(assignment: [Int], prices: [Double], weight: Double, contested: [Int] = []) {
    self.assignment = assignment
    self.prices = prices
    self.weight = weight
    self.contested = contested
  }
}
