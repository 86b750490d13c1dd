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
  /// Seconds per phase, in the order they ran.
  public let timings: [(phase: String, seconds: Double)]

  /// Reads, solves and verifies.
  ///
  /// - Throws: `InvalidCaseError` when the input breaks the case format;
  ///   `AllocationError` when the solver fails or an invariant breaks.
  public init(folder: String, policyFile: String? = nil, options: AllocationOptions = AllocationOptions()) throws {
    let clock = ContinuousClock()
    var timings: [(String, Double)] = []
    var mark = clock.now
    func lap(_ phase: String) {
      let now = clock.now
      let d = now - mark
      timings.append((phase, Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18))
      mark = now
    }
    input = try CaseReader.read(folder: folder, policyFile: policyFile)
    lap("read")
    candidates = CandidateSet(case: input)
    lap("candidates")
    allocation = try Allocator.allocate(input, candidates: candidates, options: options)
    timings += allocation.timings
    mark = clock.now
    try allocation.verify(case: input, candidates: candidates)
    summary = AllocationSummary(case: input, candidates: candidates, allocation: allocation)
    lap("verify")
    self.timings = timings
  }
}
