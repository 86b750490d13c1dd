/// A small seedable random source: SplitMix64 (Steele, Lea and Flood, 2014).
///
/// Swift's `SystemRandomNumberGenerator` cannot be seeded, and the standard
/// library's `random(in:using:)` helpers are not promised to draw the same
/// numbers from one toolchain to the next, so every draw the generator makes
/// goes through the helpers below: integer arithmetic and IEEE double
/// operations only (no `log`, `exp` or `cos`), so a seed gives the same case
/// on every machine.
package struct SeededRandom {
  private var state: UInt64

  /// A stream for one stage of the generation: stages draw from separate
  /// streams, so changing how one stage draws leaves the others as they were.
  package init(seed: UInt64, stream: UInt64) {
    state = Self.mix(seed ^ Self.mix(stream &+ 0x5EED))
  }

  /// The next 64 random bits.
  package mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    return Self.mix(state)
  }

  /// SplitMix64's finaliser: a bijective scramble of 64 bits.
  package static func mix(_ value: UInt64) -> UInt64 {
    var z = value
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A uniform number in [0, 1) that depends only on the seed and two keys,
  /// not on the order of the draws (used for per-pair journey noise).
  package static func unit(seed: UInt64, _ a: Int, _ b: Int, salt: UInt64 = 0) -> Double {
    let key = mix(
      seed ^ mix(UInt64(truncatingIfNeeded: a) &* 0xD6E8_FEB8_6659_FD93 ^ salt) &+ UInt64(truncatingIfNeeded: b))
    return Double(mix(key) >> 11) * 0x1p-53
  }

  /// A uniform number in [0, 1).
  package mutating func unit() -> Double { Double(next() >> 11) * 0x1p-53 }

  /// A uniform number in [low, high).
  package mutating func uniform(_ low: Double, _ high: Double) -> Double { low + (high - low) * unit() }

  /// A whole number in `range` (both ends included).
  package mutating func int(in range: ClosedRange<Int>) -> Int {
    let width = UInt64(range.upperBound - range.lowerBound) + 1
    return range.lowerBound + Int(next().multipliedFullWidth(by: width).high)
  }

  /// A whole number in 0..<count.
  package mutating func index(below count: Int) -> Int {
    precondition(count > 0, "index(below:) needs a positive count")
    return Int(next().multipliedFullWidth(by: UInt64(count)).high)
  }

  /// True with probability `p`.
  package mutating func chance(_ p: Double) -> Bool { unit() < p }

  /// An approximately standard normal number (sum of four uniforms, scaled
  /// to unit variance): bounded by about 3.5, which suits town spreads.
  package mutating func bell() -> Double {
    (unit() + unit() + unit() + unit() - 2) * 1.732_050_807_568_877_2
  }

  /// An index drawn with probability proportional to its weight.
  package mutating func pick(weights: [Double]) -> Int {
    let total = weights.reduce(0, +)
    var target = unit() * total
    for (i, w) in weights.enumerated() {
      target -= w
      if target < 0 { return i }
    }
    return weights.lastIndex(where: { $0 > 0 }) ?? 0
  }

  /// A value drawn from `(value, weight)` pairs by weight.
  package mutating func pick<T>(_ table: [(T, Double)]) -> T {
    table[pick(weights: table.map(\.1))].0
  }

  /// One element, uniformly.
  package mutating func element<T>(_ items: [T]) -> T { items[index(below: items.count)] }
}
