import Foundation
import GLPK

/// The exact allocation solved on the contested part of the market only,
/// with prices from the LP's duals proving the rest cannot do better.
///
/// Every pupil starts at its place in a `PriceAuction` (or, without one, at
/// its cheapest pair). Pupils the auction left out, pupils at an overfull need
/// cap and pupils whose place is not clearly their best at the auction's
/// prices form the LP ("active" pupils), each with its few pairs cheapest at
/// those prices; all others stay "fixed" and use up places, so the LP sees
/// only the places they leave. Full settings the LP does not see keep the
/// auction's price in the pricing below (any non-negative price is
/// complementary to a full row). After each LP
/// (two levels: `LexicographicLP`), its row duals give each setting and cap a
/// price, a pair of whole-number level-1 and real level-2 parts compared
/// lexicographically, and every pair of every pupil is priced:
///
/// - an active pupil's pair left out of the LP with negative reduced cost is
///   added to the LP;
/// - a fixed pupil whose own pair is no longer its cheapest at these prices
///   (or who would rather leave its place to a pupil of higher priority)
///   becomes active, and its place goes back to the LP.
///
/// When no pair prices negative, the duals of the last LP, extended to the
/// fixed pupils by `y_p = cost(own pair) + price(own setting)`, are a
/// feasible dual solution of the full lexicographic LP (every candidate pair
/// of every pupil a column) that satisfies complementary slackness with the
/// combined allocation, which is therefore optimal for the full problem, not
/// just for the part the LP saw. The argument is LP duality over the ordered
/// field of pairs (level 1, level 2): the two-level solve gives optimal duals
/// y1 for level 1 and y2 for level 2 on level 1's face, and `y1 + eps * y2`
/// is then dual feasible for the objective `level1 + eps * level2`.
///
/// Each round only adds columns or active pupils, so the loop ends.
struct ContestedMarket {
  /// How many of its cheapest pairs an active pupil brings into the LP.
  /// Few pairs keep the LP's parts small and apart (measured on the 100k
  /// case: 2 pairs, solve 3.8 s; 3 pairs, 4.3 s; 5 pairs, 7.5 s; 8 pairs,
  /// 8.9 s); pricing adds the pairs that matter.
  static let defaultInitialPairs = 2
  /// This run's number of starting pairs (tests use 1, to leave the pricing
  /// loop more to find).
  let initialPairs: Int
  /// At most this many fixed pupils enter the LP in one round (partial
  /// pricing: the loop still ends only after a full pass finds nothing).
  /// Measured on the 500k case: activating everyone who prices negative at
  /// once grew the LP to 187k pupils and the solve to 175 s; 20,000 a round,
  /// 151k pupils and 148 s; 8,000 a round, 140k pupils and 140 s (pupils
  /// that later duals no longer price out never enter). At 20k a round
  /// rarely activates more than 5,000; at 100k (18,000 in round 2
  /// uncapped) one A/B gave 3.7 s capped against 3.6 s uncapped, within
  /// this machine's noise.
  static func defaultMaxActivations(pupils: Int) -> Int { max(5_000, pupils / 60) }
  let maxActivations: Int
  /// At most this many new pairs of one active pupil enter the LP in one
  /// round: its most negative at the round's duals (partial pricing; the
  /// loop still ends only when a full pass finds no negative pair). Without
  /// it, heavy ties explode the LP: 600 identical pupils and 500 settings at
  /// one point priced 174,000 of their 300,000 pairs negative after round 1
  /// (measured while the tie rule was still a third LP level).
  static let defaultMaxNewPairs = 8
  let maxNewPairs: Int
  /// Whether each LP part starts from the network simplex's optimum of its
  /// combined objective (`ContestedMarket+NetworkStart.swift`) rather than
  /// from the round's allocation and guide prices alone (tests compare both).
  let useNetworkStart: Bool

  let input: Case
  let candidates: CandidateSet
  /// Who hears of each round (progress) and of the solver's stages (trace).
  let monitor: RunMonitor
  let tieBreak: TieBreak
  /// Level-2 reduced costs above `-tolerance` count as non-negative.
  let tolerance: LexTolerance
  let need: [NeedCode]
  let free: [Int]
  /// Effective need caps.
  let caps: [CapKey: Int]

  /// Prices of full settings the LP does not see, from the auction; any
  /// non-negative price is complementary to a full row.
  let externalPrice: [LexCost]
  /// The auction's weighted prices (0 without an auction): a pupil brings
  /// into the LP its pairs cheapest at these prices, the ones likely to matter.
  let guidePrice: [Double]
  var fixedPair: [Int]
  /// Where each pupil starts this round: its LP pair last round (-1:
  /// unplaced), or the pair it held while fixed; in the first round, the
  /// auction's pair (or the cheapest).
  var startPair: [Int]
  /// The weight of level 0 in the combined objective the start is built for.
  let weight: Double
  /// Approximate prices (in combined units) of settings and caps that shape
  /// the start: the auction's in the first round, the last LP's duals later.
  var settingPrice: [Double]
  var capPrice: [CapKey: Double] = [:]
  /// Pupils activated during this round's pricing, with the pair they held.
  var activatedFrom: [Int: Int] = [:]
  var isActive: [Bool]
  var included: [[Int]]
  var fixedLoad: [Int]
  var fixedCapLoad: [CapKey: Int] = [:]

  /// The last round's duals (after `solve`: the ones that prove the optimum).
  var lastDuals = RoundDuals()
  /// Pupils and pivots of the tie-break (`ContestedMarket+TieBreak.swift`),
  /// and the pupils it moved.
  var tieBreakPupils = 0
  var tieBreakMoves = 0
  var tieBreakPivots = 0

  /// Statistics of the run, for the summary (set by the pricing rounds in
  /// ContestedMarket+Pricing.swift, hence not private).
  var rounds = 0
  /// Rounds GLPK solved (the others: the network simplex alone).
  var provedRounds = 0
  var lastLPPupils = 0
  var lastLPColumns = 0
  var lastComponents = 0
  /// LP parts whose start GLPK refused (solved cold instead); 0 unless something is wrong.
  var refusedStarts = 0
  /// Seconds spent building LPs and loading them into GLPK, summed over parts.
  var modelBuildSeconds = 0.0
  /// Pivots and seconds of the network simplex's starts, summed over parts and rounds.
  var networkPivots = 0
  var networkSeconds = 0.0
  /// GLPK's simplex iterations, summed over parts and rounds: from each
  /// part's start (the weighted solve), and in all.
  var startIterations = 0
  var simplexIterations = 0

  init(
    case input: Case, candidates: CandidateSet, auction: PriceAuction? = nil,
    initialPairs: Int = Self.defaultInitialPairs, maxActivations: Int? = nil,
    maxNewPairs: Int = Self.defaultMaxNewPairs, networkStart: Bool = true,
    networkRoundPupils: Int = Self.defaultNetworkRoundPupils, monitor: RunMonitor = .silent
  ) {
    self.networkRoundPupils = networkRoundPupils
    self.maxNewPairs = maxNewPairs
    self.useNetworkStart = networkStart
    self.monitor = monitor
    self.initialPairs = initialPairs
    self.maxActivations = maxActivations ?? Self.defaultMaxActivations(pupils: input.pupils.count)
    self.input = input
    self.candidates = candidates
    need = input.pupils.map(\.primaryNeed)
    free = input.settings.map(\.freePlaces)
    var caps: [CapKey: Int] = [:]
    for (s, setting) in input.settings.enumerated() {
      for code in setting.needPlaces.keys {
        if let cap = setting.cap(for: code) { caps[CapKey(setting: s, need: code)] = cap }
      }
    }
    self.caps = caps
    let tieBreak = TieBreak(settings: input.settings)
    self.tieBreak = tieBreak
    var maxCost = 0.0
    for pair in 0..<candidates.count { maxCost = max(maxCost, candidates.cost(pair)) }
    tolerance = LexTolerance(placement: 1e-9 * (1 + maxCost))
    let pupilCount = input.pupils.count
    fixedPair = [Int](repeating: -1, count: pupilCount)
    isActive = [Bool](repeating: false, count: pupilCount)
    included = [[Int]](repeating: [], count: pupilCount)
    fixedLoad = [Int](repeating: 0, count: input.settings.count)
    guidePrice = auction?.prices ?? [Double](repeating: 0, count: input.settings.count)
    weight = auction?.weight ?? PriceAuction.weight(maxCost: maxCost)
    settingPrice = guidePrice
    // A weighted auction price w * k + r is the pair (k, r); k in auction
    // units is about k / 2 units of priority, so k * unitWeight / 2 of the
    // solver's (a guide: the pricing proves whatever prices it starts from).
    let scale = auction?.inAuctionUnits == true && candidates.unitWeight > 1 ? Double(candidates.unitWeight) / 2 : 1
    externalPrice = (auction?.prices ?? []).map { price in
      guard let weight = auction?.weight, price >= 0.5 * weight else {
        return LexCost(unmet: 0, placement: price)
      }
      let level1 = (price / weight).rounded()
      return LexCost(unmet: (level1 * scale).rounded(.down), placement: price - level1 * weight)
    }

    startPair = []
    var contested = fixAtStart(auction)
    startPair = fixedPair
    contested += contestedAmongFixed(auction)
    for p in contested { activate(p, adding: nil) }
    for p in auction?.contested ?? [] where !candidates.pairs(of: p).isEmpty { activate(p, adding: nil) }
  }

  /// Everyone at the auction's pair, or else at the cheapest pair (the
  /// lowest setting index among equals), with the loads they make; returns
  /// the pupils the auction left unplaced despite having pairs: they are
  /// contested, and start in the LP.
  private mutating func fixAtStart(_ auction: PriceAuction?) -> [Int] {
    var contested: [Int] = []
    for p in 0..<input.pupils.count {
      let pairs = candidates.pairs(of: p)
      guard !pairs.isEmpty else { continue }
      var best = pairs.lowerBound
      if let auction {
        guard auction.assignment[p] >= 0 else {
          contested.append(p)
          continue
        }
        best = auction.assignment[p]
      } else {
        for pair in pairs
        where (candidates.units(pair), candidates.cost(pair)) < (candidates.units(best), candidates.cost(best)) {
          best = pair
        }
      }
      fixedPair[p] = best
      fixedLoad[Int(candidates.setting[best])] += 1
      let key = CapKey(setting: Int(candidates.setting[best]), need: need[p])
      if caps[key] != nil { fixedCapLoad[key, default: 0] += 1 }
    }
    return contested
  }

  /// Pupils at an overfull setting or cap start in the LP, and so do those
  /// whose auction pair is not clearly their best at the auction's prices.
  private func contestedAmongFixed(_ auction: PriceAuction?) -> [Int] {
    var contested: [Int] = []
    let margin = auction?.epsilon ?? 0
    for p in 0..<input.pupils.count where fixedPair[p] >= 0 {
      let own = fixedPair[p]
      let s = Int(candidates.setting[own])
      let key = CapKey(setting: s, need: need[p])
      if fixedLoad[s] > free[s] || (caps[key].map { fixedCapLoad[key, default: 0] > $0 } ?? false) {
        contested.append(p)
      } else if let auction {
        let w = auction.weight
        let mine = candidates.combinedCost(own, weight: w) + auction.prices[s]
        let unplaced = w * Double(candidates.auctionUnplacedUnits(p, priority: input.pupils[p].priority))
        // Pairs come cheapest first (level by level, so also in combined
        // cost, `w` being above every placement cost) and prices are never
        // negative.
        if unplaced <= mine + margin
          || candidates.pairs(of: p).lazy.prefix(while: { candidates.combinedCost($0, weight: w) <= mine + margin })
            .contains(where: {
              $0 != own
                && candidates.combinedCost($0, weight: w) + auction.prices[Int(candidates.setting[$0])] <= mine + margin
            })
        {
          contested.append(p)
        }
      }
    }
    return contested
  }

  /// The pupils in the LP (after `solve`: the contested part of the optimum).
  var lpPupils: [Int] { isActive.indices.filter { isActive[$0] } }

  /// Moves a fixed pupil into the LP with its cheapest pairs (and `extra`).
  mutating func activate(_ p: Int, adding extra: Int?) {
    guard !isActive[p] else { return }
    let own = fixedPair[p]
    if own >= 0 {
      let s = Int(candidates.setting[own])
      fixedLoad[s] -= 1
      let key = CapKey(setting: s, need: need[p])
      if caps[key] != nil { fixedCapLoad[key, default: 0] -= 1 }
    }
    activatedFrom[p] = own
    fixedPair[p] = -1
    isActive[p] = true
    func guided(_ pair: Int) -> Double {
      candidates.combinedCost(pair, weight: weight) + guidePrice[Int(candidates.setting[pair])]
    }
    // The `initialPairs` cheapest at the guide prices (ties by pair index),
    // kept in order by insertion: no sort of all the pupil's pairs.
    var cheapest: [(price: Double, pair: Int)] = []
    cheapest.reserveCapacity(initialPairs + 1)
    for pair in candidates.pairs(of: p) {
      let price = guided(pair)
      guard
        cheapest.count < initialPairs
          || (price, pair) < (cheapest[cheapest.count - 1].price, cheapest[cheapest.count - 1].pair)
      else { continue }
      var i = cheapest.count
      while i > 0 && (price, pair) < (cheapest[i - 1].price, cheapest[i - 1].pair) { i -= 1 }
      cheapest.insert((price, pair), at: i)
      if cheapest.count > initialPairs { cheapest.removeLast() }
    }
    var chosen = cheapest.map(\.pair)
    if own >= 0 && !chosen.contains(own) { chosen.append(own) }
    if let extra, !chosen.contains(extra) { chosen.append(extra) }
    included[p] = chosen.sorted()
  }

  /// Runs rounds until no pair prices negative; returns each pupil's pair (-1: unplaced).
  ///
  /// On a large LP (at least `networkRoundPupils` pupils, tests use 0) with network
  /// starts, rounds take the network simplex's optimum of each part and its
  /// potentials as their solution and duals, without GLPK (at 500k a round's
  /// GLPK work on its largest part was 0.65 s of about 1.5 s), while their
  /// pricing adds fewer columns each round; from the first round that adds
  /// none (or no fewer than the one before: degenerate potentials, as heavy
  /// ties give, can price many tied pairs in) GLPK solves every round, and
  /// the loop ends only after a round GLPK proved whose duals price nothing
  /// negative.
  mutating func solve(deadline: ContinuousClock.Instant?) throws(AllocationError) -> [Int] {
    var proving = !useNetworkStart
    var lastAdded = Int.max
    while true {
      if let deadline, ContinuousClock.now >= deadline { throw AllocationError.timeLimit }
      rounds += 1
      if !proving && isActive.count(where: { $0 }) < networkRoundPupils { proving = true }
      if proving { provedRounds += 1 }
      let round = try solveRound(deadline: deadline, proving: proving)
      if round.isOptimal && proving { return try breakTies(round.assignment, deadline: deadline) }
      if round.isOptimal || round.addedColumns >= lastAdded { proving = true }
      lastAdded = round.addedColumns
    }
  }

  /// The least LP, in pupils, whose rounds may go without GLPK until the
  /// last (below it GLPK's rounds are cheap: 20k cases' LPs hold 5,000 to
  /// 8,000 pupils, 100k's about 37,000, 500k's 250,000).
  static let defaultNetworkRoundPupils = 30_000
  let networkRoundPupils: Int
}
