import ArgumentParser
import Foundation
import ToolSupport

/// The knobs that change a solver's work, beyond size: how scarce special
/// places are, how the counties (local authorities) vary, how many pupils
/// list preferences and how many, heavy ties, and the travel matrix's shape.
/// Every default keeps the generator's original family of cases, byte for byte.
struct CaseShape: ParsableArguments {
  /// How pupils' priorities are drawn (the weight of leaving each unplaced).
  enum PriorityMix: String, ExpressibleByArgument, CaseIterable {
    case standard
    case oneTwo = "one-two"
    case wide

    /// The priority for a uniform draw `u` (and, for `wide`, a second draw).
    func priority(_ u: Double, _ r: inout SeededRandom) -> Int {
      switch self {
      case .standard: return u < 0.04 ? 3 : u < 0.06 ? 2 : 1
      case .oneTwo: return u < 0.03 ? 2 : 1
      case .wide:
        guard u < 0.2 else { return 1 }
        return max(1, min(1_000_000, Int(exp(r.unit() * log(1_000_000.0)).rounded())))
      }
    }
  }

  @Option(
    help: """
      Special-school demand against free special places (0.8 to 1.5; default: places for about 90% of demand, \
      at most 30% of a school's places free).
      """)
  var specialDemand: Double?

  @Option(help: "How much county sizes vary: weights drawn from 1 - x to 1 + x (0 to 0.95).")
  var countySpread = 0.5

  @Option(help: "Share of pupils whose parents list preferences (0 to 1).")
  var preferenceShare = 0.88

  @Option(help: "Most preferences a pupil lists (1 to 6; 3 keeps the original mix of 1, 2 and 3).")
  var preferenceDepth = 3

  @Option(
    help: """
      Pupils' priorities: standard (1, with 2% at 2 and 4% at 3), one-two (1, with 3% at 2), or wide (1, \
      with a fifth drawn from 1 to 1,000,000, evenly in the logarithm).
      """)
  var priorities = PriorityMix.standard

  @Option(help: "Each drawn pupil is written this many times (same home, needs, plan and preferences; new ids).")
  var identicalPupils = 1

  @Flag(help: "With --travel-matrix: journeys in whole minutes (heavy ties).")
  var wholeMinutes = false

  @Option(help: "With --travel-matrix: road minutes are the estimate times 0.9 to 0.9 + this (detours).")
  var detourSpread = 0.4

  @Option(help: "With --travel-matrix: share of reachable pairs left out at random (preferences are kept).")
  var missingPairs = 0.0

  @Option(
    help: """
      Instead of a county: this many special settings of one place each at one point, and --pupils identical \
      pupils near it (the heavily tied case).
      """)
  var tiedSettings: Int?

  func validate() throws {
    if let specialDemand, !(specialDemand >= 0.5 && specialDemand <= 3) {
      throw ValidationError("--special-demand must be from 0.5 to 3.")
    }
    guard countySpread >= 0, countySpread <= 0.95 else { throw ValidationError("--county-spread must be 0 to 0.95.") }
    guard preferenceShare >= 0, preferenceShare <= 1 else {
      throw ValidationError("--preference-share must be 0 to 1.")
    }
    guard (1...6).contains(preferenceDepth) else { throw ValidationError("--preference-depth must be 1 to 6.") }
    guard identicalPupils >= 1 else { throw ValidationError("--identical-pupils must be at least 1.") }
    guard detourSpread >= 0, detourSpread <= 5 else { throw ValidationError("--detour-spread must be 0 to 5.") }
    guard missingPairs >= 0, missingPairs < 1 else { throw ValidationError("--missing-pairs must be 0 to below 1.") }
    if let tiedSettings, tiedSettings < 1 { throw ValidationError("--tied-settings must be at least 1.") }
  }
}
