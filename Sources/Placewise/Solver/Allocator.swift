import Foundation
import GLPK

/// Which formulation the solver is given. Both reach the same exact optimum.
public enum SolverMethod: String, Sendable, CaseIterable {
  /// The contested market with pricing (`ContestedMarket`): the default.
  case contestedMarket = "contested-market"
  /// Every candidate pair a column, every setting a row: the plain LP, kept
  /// as the reference that speed-ups are measured against.
  case plainLP = "plain-lp"
}

/// Options of an allocation run.
public struct AllocationOptions: Sendable {
  /// Stop the solver after this many seconds; the run then fails honestly
  /// (no allocation is claimed optimal when it is not).
  public var timeLimit: Double?
  /// Which formulation the solver is given.
  public var method: SolverMethod
  /// Who hears of the run's progress and the solver's trace.
  public var monitor: RunMonitor
  /// Where the contested market starts instead of an auction: an earlier
  /// optimum carried over (`compare` re-solving each plan from the baseline's).
  package var start: MarketStart?
  /// Whether the contested market starts from a price auction (the
  /// default) or from each pupil's cheapest pair; the pricing loop proves
  /// the same optimum from either, only the speed differs (placewise-bench's
  /// measure of what the auction saves).
  package var auction = true

  /// Whether `AllocationRun` computes place values (`place-values.csv`).
  public var placeValues = true
  /// Whether `AllocationRun` computes explanations (`explanations.csv`).
  public var explanations = true

  /// Defaults: no time limit, the contested market, nobody listening, place
  /// values and explanations.
  public init(timeLimit: Double? = nil, method: SolverMethod = .contestedMarket, monitor: RunMonitor = .silent) {
    self.timeLimit = timeLimit
    self.method = method
    self.monitor = monitor
  }
}

/// Places the pupils of a case at the exact lexicographic optimum: least
/// unmet priority, then least journey minutes plus preference penalty.
public enum Allocator {
  /// Allocates a case whose candidates are already built.
  public static func allocate(
    _ input: Case, candidates: CandidateSet, options: AllocationOptions = AllocationOptions()
  ) throws(AllocationError) -> Allocation {
    try checkExactRange(input, candidates: candidates)
    guard let split = AgreedSplit(input, candidates: candidates) else {
      return try allocateFree(input, candidates: candidates, options: options)
    }
    // A carried-over start names pairs of the whole case: the part starts
    // from its own auction instead (only the speed depends on it).
    var subOptions = options
    subOptions.start = nil
    let part = try allocateFree(split.subCase, candidates: split.subCandidates, options: subOptions)
    return split.merge(part, into: input, candidates: candidates)
  }

  /// The first level folds R into U as `U * (2P + 1) + R` (see
  /// `CandidateSet.unitWeight`); the LP's sums of it are exact only below
  /// 2^52. A case beyond that (hundreds of thousands of protected requests
  /// beside priorities near a million) is refused rather than solved
  /// inexactly.
  static func checkExactRange(_ input: Case, candidates: CandidateSet) throws(AllocationError) {
    guard candidates.unitWeight > 1 else { return }
    var units = 0.0
    for p in input.pupils.indices { units += Double(candidates.unplacedUnits(p, priority: input.pupils[p].priority)) }
    guard units >= 0x1p52 else { return }
    throw AllocationError(
      .solverFailed,
      "the case's priorities (\(input.pupils.reduce(0) { $0 + $1.priority }) in all) and its "
        + "\((candidates.unitWeight - 1) / 2) protected requests are beyond the range this solver proves exactly "
        + "(priority times twice the protected requests, summed, must stay below 2^52); lower the priorities "
        + "or allocate with preference_rule = \"weighted\"")
  }

  /// Allocates a case none of whose pupils has an agreed placement.
  private static func allocateFree(
    _ input: Case, candidates: CandidateSet, options: AllocationOptions
  ) throws(AllocationError) -> Allocation {
    let clock = ContinuousClock()
    let start = clock.now
    // Held below 10^9 s (31 years): Duration traps near 9.2e18 s, and no
    // limit that long stops a run anyway.
    let deadline = options.timeLimit.map { start.advanced(by: .seconds(min($0, 1e9))) }
    var chosenPair: [Int]
    var path: String
    var detail: String
    var buildSeconds = 0.0
    var auctionSeconds = 0.0
    var finalPrices: ([Double], Double) = ([], 0)
    var lpPupils: [Int] = []
    var tieBreakMoves = 0
    let monitor = options.monitor
    do {
      switch options.method {
      case .plainLP:
        let buildStart = ContinuousClock.now
        let model = PlainFormulation(case: input, candidates: candidates)
        buildSeconds = (ContinuousClock.now - buildStart).inSeconds
        let solution = try LexicographicLP.solve(
          model.program, objectives: model.objectives, deadline: deadline, monitor: monitor)
        buildSeconds += solution.loadSeconds
        chosenPair = model.assignment(from: solution.values, candidates: candidates)
        path = "glpk-simplex-lexicographic/plain-lp"
        detail = "\(model.program.rowCount) rows, \(model.program.columnCount) columns"
      case .contestedMarket:
        monitor.log("auction start")
        var auction: PriceAuction?
        if let start = options.start {
          auction = PriceAuction(start: start, candidates: candidates)
        } else if options.auction {
          let auctionStart = ContinuousClock.now
          auction = try PriceAuction(case: input, candidates: candidates, deadline: deadline)
          auctionSeconds = (ContinuousClock.now - auctionStart).inSeconds
        }
        if let auction {
          let stop =
            auction.stalled
            ? ", stopped: no longer settling pupils" : auction.stoppedEarly ? ", stopped at its work limit" : ""
          monitor.log("auction done: \(auction.pairsOffered) pairs offered\(stop)")
        }
        var market = ContestedMarket(case: input, candidates: candidates, auction: auction, monitor: monitor)
        monitor.log("market init")
        chosenPair = try market.solve(deadline: deadline)
        buildSeconds = market.modelBuildSeconds
        finalPrices = (market.settingPrice, market.weight)
        lpPupils = market.lpPupils
        tieBreakMoves = market.tieBreakMoves
        path = "glpk-simplex-lexicographic/contested-market"
        detail =
          "\(market.rounds) pricing rounds"
          + (market.provedRounds < market.rounds
            ? " (the first \(market.rounds - market.provedRounds) on the network simplex alone)" : "")
          + "; last LP \(market.lastLPPupils) pupils, \(market.lastLPColumns) columns "
          + "in \(market.lastComponents) independent parts"
          + (market.refusedStarts > 0 ? "; \(market.refusedStarts) parts solved without their start" : "")
          + (market.tieBreakPupils > 0
            ? "; tie-break over \(market.tieBreakPupils) pupils on the optimal face, \(market.tieBreakPivots) pivots"
            : "")
      }
    }
    let placements = (0..<input.pupils.count).map { p -> Placement in
      let pair = chosenPair[p]
      if pair >= 0 { return .placed(setting: Int(candidates.setting[pair]), pair: pair) }
      return .unplaced(candidates.eligibleCount[p] == 0 ? .noEligibleSetting : .eligibleSettingsFull)
    }
    var allocation = Allocation(
      placements: placements, solverPath: path, solverDetail: detail)
    allocation.modelBuildSeconds = buildSeconds
    allocation.auctionSeconds = auctionSeconds
    (allocation.settingPrices, allocation.priceWeight) = finalPrices
    allocation.lpPupils = lpPupils
    allocation.tieBreakMoves = tieBreakMoves
    return allocation
  }
}
