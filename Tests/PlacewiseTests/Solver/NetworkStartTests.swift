import PlacewiseTestSupport
import Testing

@testable import Placewise

/// The network simplex's start for each LP part
/// (`ContestedMarket+NetworkStart.swift`) only shapes where GLPK's simplex
/// begins: the result must not depend on it, and GLPK must find that start
/// optimal or next to it.
@Suite("LP parts started from the network simplex's optimum")
struct NetworkStartTests {
  struct Run {
    var assignment: [Int]
    var unmet: Int
    var cost: Double
    var tieBreak: Int64
    var startIterations: Int
    var iterations: Int
    var networkPivots: Int
    var rounds: Int
    var provedRounds: Int
  }

  func run(_ input: Case, auction: Bool, networkStart: Bool, networkRoundPupils: Int = 1 << 40) throws -> Run {
    let candidates = CandidateSet(case: input)
    let prices = auction ? try PriceAuction(case: input, candidates: candidates, deadline: nil) : nil
    var market = ContestedMarket(
      case: input, candidates: candidates, auction: prices, initialPairs: auction ? 2 : 1, networkStart: networkStart,
      networkRoundPupils: networkRoundPupils)
    let chosen = try market.solve(deadline: nil)
    #expect(market.refusedStarts == 0)
    var unmet = 0
    var cost = 0.0
    for (p, pair) in chosen.enumerated() {
      if pair >= 0 {
        cost += candidates.cost(pair)
      } else if !candidates.pairs(of: p).isEmpty {
        unmet += input.pupils[p].priority
      }
    }
    let settings = chosen.map { $0 >= 0 ? Int(candidates.setting[$0]) : nil }
    return Run(
      assignment: chosen, unmet: unmet, cost: cost, tieBreak: BruteForce.tieBreakSum(input, settings),
      startIterations: market.startIterations, iterations: market.simplexIterations,
      networkPivots: market.networkPivots, rounds: market.rounds, provedRounds: market.provedRounds)
  }

  @Test(
    "same optimum and tie-break with and without network starts, and GLPK has almost nothing left to do",
    arguments: [true, false])
  func sameOptimumFewerIterations(auction: Bool) throws {
    var wrong: [String] = []
    var with = (start: 0, all: 0, pivots: 0)
    var without = (start: 0, all: 0)
    var sameAssignment = 0
    let seeds = UInt64(4000)..<4060
    for seed in seeds {
      let input = seed % 2 == 0 ? RandomCases.medium(seed: seed) : RandomCases.tiedMedium(seed: seed)
      let a = try run(input, auction: auction, networkStart: true)
      let b = try run(input, auction: auction, networkStart: false)
      if a.unmet != b.unmet || abs(a.cost - b.cost) > 1e-6 * max(1, b.cost) || a.tieBreak != b.tieBreak {
        wrong.append(
          "seed \(seed): (\(a.unmet), \(a.cost), \(a.tieBreak)) against (\(b.unmet), \(b.cost), \(b.tieBreak))")
      }
      if a.assignment == b.assignment { sameAssignment += 1 }
      with.start += a.startIterations
      with.all += a.iterations
      with.pivots += a.networkPivots
      without.start += b.startIterations
      without.all += b.iterations
    }
    #expect(wrong.isEmpty, "\(wrong.count) cases differ: \(wrong.prefix(5))")
    // Equal tie-break sums leave room only for hash collisions.
    #expect(sameAssignment >= seeds.count - 2, "\(sameAssignment) of \(seeds.count) identical")
    // The start is the optimum of the same LP up to cost rounding of 2^-24:
    // GLPK's simplex confirms it.
    #expect(with.pivots > 0)
    #expect(
      without.start >= 100, "\(without.start) iterations from the guide prices' start: too little work to compare")
    #expect(with.all * 50 <= without.all, "with network starts \(with.all) iterations; without \(without.all)")
  }

  @Test(
    "rounds on the network simplex alone, then GLPK's: the same optimum and tie-break as GLPK's rounds only",
    arguments: [true, false])
  func networkRoundsThenProof(auction: Bool) throws {
    var wrong: [String] = []
    var unprovedRounds = 0
    var casesWithThem = 0
    let seeds = UInt64(4100)..<4160
    for seed in seeds {
      let input = seed % 2 == 0 ? RandomCases.medium(seed: seed) : RandomCases.tiedMedium(seed: seed)
      let a = try run(input, auction: auction, networkStart: true, networkRoundPupils: 0)
      let b = try run(input, auction: auction, networkStart: true)
      if a.unmet != b.unmet || abs(a.cost - b.cost) > 1e-6 * max(1, b.cost) || a.tieBreak != b.tieBreak {
        wrong.append(
          "seed \(seed): (\(a.unmet), \(a.cost), \(a.tieBreak)) against (\(b.unmet), \(b.cost), \(b.tieBreak))")
      }
      // The last round is always one GLPK proved.
      if a.provedRounds < 1 { wrong.append("seed \(seed): no round proved by GLPK") }
      if b.provedRounds != b.rounds { wrong.append("seed \(seed): small LPs must be proved every round") }
      unprovedRounds += a.rounds - a.provedRounds
      if a.rounds > a.provedRounds { casesWithThem += 1 }
    }
    #expect(wrong.isEmpty, "\(wrong.count) cases differ: \(wrong.prefix(5))")
    // The comparison means something only where rounds went without GLPK.
    #expect(casesWithThem >= seeds.count / 2, "\(casesWithThem) cases, \(unprovedRounds) rounds without GLPK")
  }

  /// Priorities near the top of their range (1,000,000) make the weighted
  /// costs large, so the start's costs are scaled more coarsely: the result
  /// must not change, only the start's closeness.
  @Test("priorities up to 1,000,000: the same optimum and tie-break with and without network starts")
  func hugePriorities() throws {
    var wrong: [String] = []
    for seed in UInt64(4200)..<4220 {
      var input = RandomCases.medium(seed: seed)
      input.pupils = input.pupils.enumerated().map { k, pupil in
        var pupil = pupil
        pupil.priority = 1_000_000 - (k % 7) * 100_000 * pupil.priority % 1_000_000
        return pupil
      }
      // Without the auction: with places short, its prices would climb to
      // a million weights in epsilon steps, up to its work limit (slow in a
      // debug build; the auction is not what this tests).
      let a = try run(input, auction: false, networkStart: true, networkRoundPupils: 0)
      let b = try run(input, auction: false, networkStart: false)
      if a.unmet != b.unmet || abs(a.cost - b.cost) > 1e-6 * max(1, b.cost) || a.tieBreak != b.tieBreak {
        wrong.append(
          "seed \(seed): (\(a.unmet), \(a.cost), \(a.tieBreak)) against (\(b.unmet), \(b.cost), \(b.tieBreak))")
      }
      if a.networkPivots == 0 && a.rounds > 1 { wrong.append("seed \(seed): no network start was made") }
    }
    #expect(wrong.isEmpty, "\(wrong.count) cases differ: \(wrong.prefix(5))")
  }
}
