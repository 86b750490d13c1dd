extension AllocationRun {
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
    guard options.placeValues || options.explanations else { return (nil, nil, []) }
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
