/// Approximate place prices from an auction, used only to choose what the
/// LP is given: which pupils are contested and the prices of full settings
/// the LP does not see. The optimum itself, and its proof, come from GLPK's
/// LP and the pricing loop of `ContestedMarket`; poor prices cost rounds,
/// never exactness.
///
/// Forward auction for the transportation problem (Bertsekas): each pupil
/// bids for its cheapest option at current prices, raising the price of the
/// place it takes by the gap to its second-best option plus epsilon, and
/// displacing the pupil that held it. Options are the pupil's candidate pairs
/// (journey plus penalty, plus `weight` where it refuses a protected
/// request) and staying unplaced, which costs `weight` times its auction
/// units (`CandidateSet.auctionUnplacedUnits`) and is never full. Need caps are left to the LP.
/// Epsilon shrinks by 4 each phase (epsilon scaling), to a coarse final
/// epsilon: pupils whose place is not clearly their best go to the LP.
struct PriceAuction {
  /// Each pupil's pair at the end (-1: unplaced or no pair).
  private(set) var assignment: [Int]
  /// Each setting's price: the lowest price among its taken places when it
  /// is full, 0 when a place is free.
  private(set) var prices: [Double]
  /// The weight that turns one unit of priority into placement cost.
  let weight: Double
  /// The final epsilon: every pupil's option is within it of its best.
  private(set) var epsilon: Double
  /// Pupils that start in the LP whatever the prices say (a carried-over
  /// start's LP pupils); empty after a real auction.
  private(set) var contested: [Int] = []

  /// Whether the prices' first level is in auction units
  /// (`CandidateSet.auctionUnplacedUnits`), as after a real auction, rather
  /// than in the solver's units, as a carried-over start's are.
  private(set) var inAuctionUnits = false

  /// Bids' pairs looked at, summed (the auction's work).
  private(set) var pairsOffered = 0
  /// Whether the auction stopped early (stalled, or at its work limit), its
  /// bidders left unplaced.
  private(set) var stoppedEarly = false
  /// Whether it stopped because a span of passes settled almost no one.
  private(set) var stalled = false

  /// The auction is a start heuristic, so it stops as soon as it stops
  /// paying: the pupils still bidding start in the LP, unplaced, and the
  /// pricing loop does the rest. Its progress is the queue of pupils still
  /// bidding, read once per pass's worth of work (as many pairs offered as
  /// the case has): a converging auction settles pupils pass after pass,
  /// while a price war (places short, pupils tied, prices climbing to the
  /// cost of leaving a pupil out in steps of epsilon, each bid reading every
  /// pair of its pupil) keeps the same bidders in the queue. Once the bids
  /// have looked at `minimumWork` pairs (a fraction of a second, which
  /// every 20k shape but the tied ones needs no more than), a span of
  /// `stallSpan` passes within one epsilon phase that shrinks the queue by
  /// less than `stallFraction` ends the auction. The span, not one pass:
  /// the queue is noisy (on 20k-base a pass settles 0 to 1,563 pupils of
  /// 5,000 to 15,000, and a rule of two passes under 1/32 stopped it at 26
  /// of its 49 million pairs, doubling the solve from 0.73 to 1.35 s). On
  /// the 500,000-pupil places-short shape (6% unplaced) the queue shrinks by
  /// 5% or more in every pass of the 37 it needs, and stopping it early
  /// costs more than it saves (stopped at 300 million pairs of 747 million:
  /// the solve took 39.7 s against 26.9 s, both beside a niced fuzzer); on the tied case (1,000 one-place
  /// settings at one point, 1,200 identical pupils) the queue holds its 200
  /// extra pupils from the first pass on.
  ///
  /// `workPasses` stays as a backstop for a war that settles a few pupils
  /// each pass: the bids stop once they have looked at that many times the
  /// case's pairs (never before `minimumWork`, which lets 20k-las, sparse
  /// pairs in 8 LAs, finish its 454 cheap passes: stopping it at 60 passes
  /// doubled its run, 3.2 to 6.2 s).
  static let workPasses = 60
  static let minimumWork = 1 << 26
  /// The share of the queue a span of passes must settle.
  static let stallFraction = 1.0 / 8
  /// Passes over which the queue must shrink by `stallFraction`.
  static let stallSpan = 8

  struct Outcome {
    var epsilon: Double
    var pairsOffered: Int
    var stoppedEarly: Bool
    var stalled: Bool
  }

  /// The weight for a case whose dearest pair costs `maxCost`.
  static func weight(maxCost: Double) -> Double { 10 * maxCost + 1000 }

  /// Not an auction: a given start (an earlier optimum carried over to a
  /// changed case, `MarketStart`) in the auction's place, with its prices
  /// as they are (epsilon 0).
  init(start: MarketStart, candidates: CandidateSet) {
    var maxCost = 0.0
    for pair in 0..<candidates.count { maxCost = max(maxCost, candidates.cost(pair)) }
    let weight = Self.weight(maxCost: maxCost)
    self.weight = weight
    epsilon = 0
    assignment = start.assignment
    contested = start.contested
    // A price (k, r) in the start's units is w * k + r in this case's.
    prices = start.prices.map { price in
      guard price >= 0.5 * start.weight else { return max(0, price) }
      let level1 = (price / start.weight).rounded()
      return level1 * weight + (price - level1 * start.weight)
    }
  }

  /// Runs the auction; past the deadline it stops with the time-limit error.
  init(case input: Case, candidates: CandidateSet, deadline: ContinuousClock.Instant? = nil) throws(AllocationError) {
    let pupilCount = input.pupils.count
    let settingCount = input.settings.count
    let pairCount = candidates.count
    // The hot loops below read flat, unchecked buffers: the costs summed
    // once, each pupil's pair range, and the settings' heaps (`SettingHeaps`).
    let cost = UnsafeMutableBufferPointer<Double>.allocate(capacity: max(1, pairCount))
    defer { cost.deallocate() }
    var maxCost = 0.0
    for pair in 0..<pairCount { maxCost = max(maxCost, candidates.cost(pair)) }
    let weight = Self.weight(maxCost: maxCost)
    self.weight = weight
    // Both levels in one: a refused request costs `weight` (one unit).
    for pair in 0..<pairCount { cost[pair] = candidates.cost(pair) + weight * Double(candidates.units(pair)) }

    var result = [Int](repeating: -1, count: pupilCount)
    var price = [Double](repeating: 0, count: settingCount)
    // Two phases (maxCost / 8, then / 32): since each LP part starts from
    // the network simplex's optimum, a coarser auction with more pupils in
    // the LP is cheaper. Measured solve, final epsilon maxCost * 1e-3
    // against maxCost / 32 (same allocations): 500k national 18.5 s -> 12.5
    // s (1.77 billion pairs offered -> 0.32), 100k 2.19 -> 1.14 s, 20k shapes
    // 0.38-0.67 -> 0.16-0.35 s, the tied case 0.55 -> 0.53 s.
    let finalEpsilon = max(0.5, maxCost / 32)
    let outcome = candidates.setting.withUnsafeBufferPointer { setting in
      candidates.offsets.withUnsafeBufferPointer { offsets in
        Result { () throws(AllocationError) -> Outcome in
          try Self.run(
            pupilCount: pupilCount, free: input.settings.map(\.freePlaces), cost: UnsafeBufferPointer(cost),
            setting: setting, offsets: offsets,
            unplacedCost: input.pupils.indices.map { p in
              weight * Double(candidates.auctionUnplacedUnits(p, priority: input.pupils[p].priority))
            },
            maxCost: maxCost, finalEpsilon: finalEpsilon, deadline: deadline, assignment: &result, prices: &price)
        }
      }
    }
    let finished = try outcome.get()
    inAuctionUnits = true
    epsilon = finished.epsilon
    pairsOffered = finished.pairsOffered
    stoppedEarly = finished.stoppedEarly
    stalled = finished.stalled
    assignment = result
    prices = price
  }

  /// The auction proper, over flat buffers; returns the final epsilon.
  private static func run(
    pupilCount: Int, free: [Int], cost: UnsafeBufferPointer<Double>, setting: UnsafeBufferPointer<Int32>,
    offsets: UnsafeBufferPointer<Int>, unplacedCost: [Double], maxCost: Double, finalEpsilon: Double,
    deadline: ContinuousClock.Instant?, assignment: inout [Int], prices: inout [Double]
  ) throws(AllocationError) -> Outcome {
    var market = Bids(
      cost: cost, setting: setting, offsets: offsets, unplacedCost: unplacedCost, places: free, pupilCount: pupilCount)
    var eps = max(finalEpsilon, maxCost / 8)
    var queue: [Int] = []
    var firstPhase = true
    var release = [Bool](repeating: false, count: pupilCount)
    var sinceCheck = 0
    var offered = 0
    var stopped = false
    var stalled = false
    let budget = max(Self.minimumWork, Self.workPasses * cost.count)
    var progress = Progress(window: max(1, cost.count))
    while true {
      // Each phase keeps the prices and the pupils whose place is still
      // within the new epsilon of their best option; the others bid again.
      // (The first phase starts with everyone unassigned.)
      queue.removeAll(keepingCapacity: true)
      if firstPhase {
        queue = Array((0..<pupilCount).reversed())
        firstPhase = false
      } else {
        market.releaseOutbid(eps: eps, release: &release, queue: &queue)
      }
      progress.startPhase(offered: offered, queue: queue.count)
      while let p = queue.popLast() {
        if offered > budget {
          stopped = true
          break
        }
        if progress.stalled(offered: offered, queue: queue.count) {
          stopped = true
          stalled = true
          break
        }
        sinceCheck += 1
        if sinceCheck == 65_536 {
          sinceCheck = 0
          if let deadline, ContinuousClock.now >= deadline { throw AllocationError.timeLimit }
        }
        offered += offsets[p + 1] - offsets[p]
        if let displaced = market.bid(p, eps: eps) { queue.append(displaced) }
      }
      if eps <= finalEpsilon || stopped { break }
      eps = max(finalEpsilon, eps / 4)
    }
    for p in 0..<pupilCount { assignment[p] = market.own[p] }
    for s in 0..<free.count { prices[s] = market.heaps.lowest(s) }
    return Outcome(epsilon: eps, pairsOffered: offered, stoppedEarly: stopped, stalled: stalled)
  }

  /// Whether the auction still settles pupils: the queue's length read once
  /// per `window` pairs offered, the last `stallSpan + 1` readings kept
  /// within one epsilon phase.
  struct Progress {
    let window: Int
    var nextReading = 0
    /// The queue's length at the phase's readings, oldest first.
    var readings: [Int] = []

    init(window: Int) { self.window = window }

    mutating func startPhase(offered: Int, queue: Int) {
      nextReading = offered + window
      readings = [queue]
    }

    /// Whether, past `minimumWork` pairs, the queue is now above
    /// 1 - `stallFraction` of its length `stallSpan` readings ago.
    @inline(__always)
    mutating func stalled(offered: Int, queue: Int) -> Bool {
      guard offered >= nextReading else { return false }
      nextReading = offered + window
      readings.append(queue)
      if readings.count > PriceAuction.stallSpan + 1 { readings.removeFirst() }
      guard offered >= PriceAuction.minimumWork, readings.count == PriceAuction.stallSpan + 1 else { return false }
      return Double(queue) > (1 - PriceAuction.stallFraction) * Double(readings[0])
    }
  }

  /// The auction's market: each setting's places as a heap of prices paid,
  /// and each pupil's pair held (-1: none) and price paid.
  private struct Bids: ~Copyable {
    let cost: UnsafeBufferPointer<Double>
    let setting: UnsafeBufferPointer<Int32>
    let offsets: UnsafeBufferPointer<Int>
    let unplacedCost: [Double]
    var heaps: SettingHeaps
    let paid: UnsafeMutableBufferPointer<Double>
    let own: UnsafeMutableBufferPointer<Int>

    init(
      cost: UnsafeBufferPointer<Double>, setting: UnsafeBufferPointer<Int32>, offsets: UnsafeBufferPointer<Int>,
      unplacedCost: [Double], places: [Int], pupilCount: Int
    ) {
      self.cost = cost
      self.setting = setting
      self.offsets = offsets
      self.unplacedCost = unplacedCost
      heaps = SettingHeaps(places: places)
      paid = .allocate(capacity: max(1, pupilCount))
      own = .allocate(capacity: max(1, pupilCount))
      paid.initialize(repeating: 0)
      own.initialize(repeating: -1)
    }

    deinit {
      paid.deallocate()
      own.deallocate()
    }

    /// A new phase: every pupil whose place is no longer within `eps` of
    /// its best option (and every unplaced pupil with pairs) lets go and
    /// joins `queue`, in the order of the first phase.
    @inline(__always)
    mutating func releaseOutbid(eps: Double, release: inout [Bool], queue: inout [Int]) {
      for p in (0..<unplacedCost.count).reversed() {
        release[p] = false
        let mineAt = own[p]
        guard mineAt >= 0 else {
          if offsets[p] < offsets[p + 1] { queue.append(p) }
          continue
        }
        let mine = cost[mineAt] + paid[p]
        var best = unplacedCost[p]
        // Pairs come cheapest first and prices are never negative.
        for pair in offsets[p]..<offsets[p + 1] where pair != mineAt {
          let c = cost[pair]
          if c >= best { break }
          best = min(best, c + heaps.lowest(Int(setting[pair])))
        }
        if mine > best + eps {
          release[p] = true
          queue.append(p)
        }
      }
      let released = release
      heaps.removeHolders { released[$0] }
      for p in queue { own[p] = -1 }
    }

    /// Pupil p bids for its best pair at the present prices, raising its
    /// price by the margin over the second best plus `eps`; returns the
    /// pupil it displaces from a full setting, if any.
    @inline(__always)
    mutating func bid(_ p: Int, eps: Double) -> Int? {
      var best = -1
      var bestCost = unplacedCost[p]
      var second = Double.infinity
      for pair in offsets[p]..<offsets[p + 1] {
        // Pairs come cheapest first and prices are never negative: no
        // later pair can beat the second best.
        let c = cost[pair]
        if c >= second { break }
        let total = c + heaps.lowest(Int(setting[pair]))
        if total < bestCost {
          second = min(second, bestCost)
          bestCost = total
          best = pair
        } else if total < second {
          second = total
        }
      }
      guard best >= 0 else { return nil }  // stays unplaced
      let s = Int(setting[best])
      second = min(second, cost[best] + heaps.secondLowest(s))
      let newPrice = heaps.lowest(s) + (second - bestCost) + eps
      var displaced: Int?
      if heaps.isFull(s) {
        let out = heaps.replaceLowest(s, price: newPrice, pupil: Int32(p))
        own[out] = -1
        displaced = out
      } else {
        heaps.push(s, price: newPrice, pupil: Int32(p))
      }
      own[p] = best
      paid[p] = newPrice
      return displaced
    }
  }
}
