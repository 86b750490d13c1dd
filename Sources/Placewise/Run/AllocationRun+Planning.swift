extension AllocationRun {
  /// The largest first-level cost below which GLPK's dual feasibility
  /// tolerance (1e-7 plus 1e-10 of the cost) stays far under half a unit.
  static let exactFoldLimit = 1 << 28

  /// Whether a pupil's cost of being left unplaced, in the folded first
  /// level's units, reaches `exactFoldLimit`.
  static func needsOptimalityCheck(case input: Case, candidates: CandidateSet) -> Bool {
    input.pupils.indices.contains {
      candidates.unplacedUnits($0, priority: input.pupils[$0].priority) >= exactFoldLimit
    }
  }

  /// What a run computes after its verified optimum, as its options ask:
  /// place values and explanations, from one residual network built in the
  /// first phase that needs it, each phase timed; `blocked` are the case's
  /// blocked pairs when the caller has them (`compare` derives a plan's from
  /// the baseline's), else they are found here.
  ///
  /// - Throws: `AllocationError` when the allocation's residual network has
  ///   a negative cycle (the allocation is not optimal).
  static func planning(
    case input: Case, candidates: CandidateSet, blocked: BlockedPairs? = nil, allocation: Allocation,
    options: AllocationOptions
  ) throws(AllocationError) -> (placeValues: [PlaceValue]?, explanations: Explanations?, timings: [PhaseTiming]) {
    guard options.placeValues || options.explanations else {
      // Where the folded first level's costs are wide (priorities near a
      // million beside thousands of protected requests), GLPK's relative
      // dual tolerance can pass an optimum a few refused requests short of
      // exact; the residual network's exact search for a negative cycle
      // then stands between it and the outputs, asked for or not.
      if Self.needsOptimalityCheck(case: input, candidates: candidates) {
        _ = try ResidualNetwork(
          case: input, candidates: candidates, allocation: allocation, blocked: blocked ?? BlockedPairs(case: input))
      }
      return (nil, nil, [])
    }
    let clock = ContinuousClock()
    var mark = clock.now
    var timings: [PhaseTiming] = []
    func lap(_ phase: String) {
      let now = clock.now
      timings.append(
        PhaseTiming(phase: phase, seconds: (now - mark).inSeconds, peakMemoryBytes: PhaseTiming.peakMemory()))
      mark = now
    }
    options.monitor.report(.phase(options.placeValues ? "place-values" : "explanations"))
    let network = try ResidualNetwork(
      case: input, candidates: candidates, allocation: allocation, blocked: blocked ?? BlockedPairs(case: input))
    var placeValues: [PlaceValue]?
    if options.placeValues {
      placeValues = PlaceValues.compute(case: input, network: network)
      lap("place-values")
    }
    var explanations: Explanations?
    if options.explanations {
      options.monitor.report(.phase("explanations"))
      explanations = Explanations.compute(
        case: input, candidates: candidates, allocation: allocation, network: network)
      lap("explanations")
    }
    return (placeValues, explanations, timings)
  }
}
