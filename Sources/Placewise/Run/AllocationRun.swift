import Foundation

/// One allocation from a case folder to a verified result: read, build the
/// candidates, solve, check. Each phase is timed.
public struct AllocationRun: Sendable {
  /// The case as read.
  public let input: Case
  /// Its candidate pairs.
  public let candidates: CandidateSet
  /// The verified optimum.
  public let allocation: Allocation
  /// Its figures.
  public let summary: AllocationSummary
  /// What one more place is worth at each setting and cap (nil when not asked for).
  public private(set) var placeValues: [PlaceValue]?
  /// Why each pupil was placed where it was (nil when not asked for).
  public private(set) var explanations: Explanations?
  /// Seconds per phase, in the order they ran, with the process's peak
  /// resident memory (bytes) at the end of each. `auction` and
  /// `model-build` are parts of `solve` (the price auction that starts the
  /// contested market; the LPs' building and loading into GLPK, summed over
  /// parts built in parallel), listed just before it.
  public private(set) var timings: [PhaseTiming]

  /// Reads, solves and verifies.
  ///
  /// - Throws: `InvalidCaseError` when the input breaks the case format;
  ///   `AllocationError` when the solver fails or an invariant breaks.
  public init(
    folder: String, policyFile: String? = nil, postcodesFile: String? = nil,
    options: AllocationOptions = AllocationOptions()
  ) throws {
    let start = ContinuousClock.now
    options.monitor.report(.phase("read"))
    let input = try CaseReader.read(folder: folder, policyFile: policyFile, postcodesFile: postcodesFile)
    let read = PhaseTiming(
      phase: "read", seconds: (ContinuousClock.now - start).inSeconds, peakMemoryBytes: PhaseTiming.peakMemory())
    try self.init(case: input, options: options)
    timings.insert(read, at: 0)
  }

  /// Allocates a case already in memory (a plan applied to a case read
  /// once, say): candidates, solve, check, then place values and
  /// explanations as `options` ask, each phase timed. Every run, from a
  /// folder or not, goes through here, so all get the same checks. A
  /// `solved` allocation (one found before, for this case) is checked and
  /// used instead of solving. With `planning` false the run stops once the
  /// allocation is checked, and `planned(options:)` adds the rest.
  ///
  /// - Throws: `AllocationError` when the solver fails or an invariant breaks.
  package init(
    case input: Case, candidates: CandidateSet? = nil, blocked: BlockedPairs? = nil, solved: Allocation? = nil,
    options: AllocationOptions = AllocationOptions(), planning: Bool = true
  ) throws(AllocationError) {
    let clock = ContinuousClock()
    var timings: [PhaseTiming] = []
    var mark = clock.now
    func lap(_ phase: String) {
      let now = clock.now
      timings.append(
        PhaseTiming(phase: phase, seconds: (now - mark).inSeconds, peakMemoryBytes: PhaseTiming.peakMemory()))
      mark = now
    }
    let monitor = options.monitor
    self.input = input
    monitor.report(.phase("candidates"))
    let candidates = candidates ?? CandidateSet(case: input)
    self.candidates = candidates
    lap("candidates")
    monitor.report(.phase("solve"))
    if let solved {
      allocation = solved
    } else {
      allocation = try Allocator.allocate(input, candidates: candidates, options: options)
    }
    // Parts of the solve, not phases after it: listed first, not lapped.
    timings.append(
      PhaseTiming(phase: "auction", seconds: allocation.auctionSeconds, peakMemoryBytes: PhaseTiming.peakMemory()))
    timings.append(
      PhaseTiming(
        phase: "model-build", seconds: allocation.modelBuildSeconds, peakMemoryBytes: PhaseTiming.peakMemory()))
    lap("solve")
    monitor.report(.phase("verify"))
    try allocation.verify(case: input, candidates: candidates)
    summary = AllocationSummary(case: input, candidates: candidates, allocation: allocation)
    try summary.checkFinite()
    lap("verify")
    let planned =
      planning
      ? try Self.planning(
        case: input, candidates: candidates, blocked: blocked, allocation: allocation, options: options)
      : (placeValues: nil, explanations: nil, timings: [])
    placeValues = planned.placeValues
    explanations = planned.explanations
    self.timings = timings + planned.timings
  }

  /// This run with its place values and explanations as `options` ask (and,
  /// where the objective's costs are wide, the exact optimality check),
  /// their phases timed after its own: the second half of a run made with
  /// `planning` false, which `allocate` works out while it starts writing
  /// the outputs that do not need them.
  ///
  /// - Throws: `AllocationError` when the optimality check fails.
  package func planned(blocked: BlockedPairs? = nil, options: AllocationOptions) throws(AllocationError)
    -> AllocationRun
  {
    let planned = try Self.planning(
      case: input, candidates: candidates, blocked: blocked, allocation: allocation, options: options)
    var run = self
    run.placeValues = planned.placeValues
    run.explanations = planned.explanations
    run.timings += planned.timings
    return run
  }
}

/// The time and memory of one phase of a run.
public struct PhaseTiming: Sendable {
  /// `read`, `candidates`, `solve`, `verify`, ...
  public var phase: String
  /// Wall-clock seconds.
  public var seconds: Double
  /// The process's peak resident memory so far, in bytes.
  public var peakMemoryBytes: Int

  /// The phases that are parts of `solve`, listed just before it and not
  /// added to the run's total: the price auction and the LPs' building.
  public static let partsOfSolve: Set<String> = ["auction", "model-build"]

  /// Whether this phase is part of `solve` (`partsOfSolve`).
  public var isPartOfSolve: Bool { Self.partsOfSolve.contains(phase) }

  /// Creates a record.
  public init(phase: String, seconds: Double, peakMemoryBytes: Int) {
    self.phase = phase
    self.seconds = seconds
    self.peakMemoryBytes = peakMemoryBytes
  }

  /// The peak resident set size of this process (getrusage), in bytes.
  public static func peakMemory() -> Int {
    var usage = rusage()
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    return usage.ru_maxrss * 1024
  }
}
