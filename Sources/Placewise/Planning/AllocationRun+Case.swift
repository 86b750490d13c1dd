extension AllocationRun {
  /// Allocates a case already in memory (a plan applied to a case read
  /// once): candidates, solve and check, timed as a run from a folder is,
  /// without the read.
  ///
  /// - Throws: `AllocationError` when the solver fails or an invariant breaks.
  package init(case input: Case, candidates: CandidateSet? = nil, options: AllocationOptions = AllocationOptions())
    throws(AllocationError)
  {
    let clock = ContinuousClock()
    var timings: [PhaseTiming] = []
    var mark = clock.now
    func lap(_ phase: String) {
      let now = clock.now
      timings.append(
        PhaseTiming(phase: phase, seconds: (now - mark).inSeconds, peakMemoryBytes: PhaseTiming.peakMemory()))
      mark = now
    }
    self.input = input
    self.candidates = candidates ?? CandidateSet(case: input)
    lap("candidates")
    allocation = try Allocator.allocate(input, candidates: self.candidates, options: options)
    lap("solve")
    try allocation.verify(case: input, candidates: self.candidates)
    summary = AllocationSummary(case: input, candidates: self.candidates, allocation: allocation)
    lap("verify")
    let planned = try Self.planning(
      case: input, candidates: self.candidates, allocation: allocation, options: options)
    placeValues = planned.placeValues
    explanations = planned.explanations
    self.timings = timings + planned.timings
  }
}
