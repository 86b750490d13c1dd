import Foundation
import Placewise
import PlacewiseTestSupport
import Synchronization
import Testing

@Suite("Allocation failures are told apart by kind, and the run reports its progress")
struct AllocationErrorTests {
  @Test("a time limit too short to prove an optimum is a .timeLimit failure", arguments: SolverMethod.allCases)
  func timeLimitKind(method: SolverMethod) throws {
    let error = #expect(throws: AllocationError.self) {
      _ = try AllocationRun(
        folder: packageRoot + "/Data/sample-county",
        options: AllocationOptions(timeLimit: 0.000_001, method: method))
    }
    #expect(error?.kind == .timeLimit)
    #expect(error?.message.contains("time limit") == true)
  }

  @Test("an allocation that breaks an invariant is an .invariantBroken failure")
  func invariantKind() throws {
    let input = try CaseReader.read(folder: packageRoot + "/Data/tiny/capacity-contest")
    let candidates = CandidateSet(case: input)
    // Everyone unplaced, though some pupils have free eligible places: the
    // "all eligible settings full" reason is false.
    let everyoneOut = Allocation(
      placements: input.pupils.map { _ in .unplaced(.eligibleSettingsFull) }, solverPath: "test")
    let error = #expect(throws: AllocationError.self) { try everyoneOut.verify(case: input, candidates: candidates) }
    #expect(error?.kind == .invariantBroken)
  }

  @Test("the run reports its phases in order and each pricing round; the trace only to a trace sink")
  func progressAndTrace() throws {
    let events = Mutex<[RunProgress]>([])
    let lines = Mutex<Int>(0)
    let monitor = RunMonitor(
      progress: { event in events.withLock { $0.append(event) } },
      trace: { _ in lines.withLock { $0 += 1 } })
    let run = try AllocationRun(
      folder: packageRoot + "/Data/sample-county", options: AllocationOptions(monitor: monitor))
    let seen = events.withLock { $0 }
    let phases = seen.compactMap { if case .phase(let name) = $0 { name } else { nil } }
    #expect(phases == ["read", "candidates", "solve", "verify", "place-values", "explanations"])
    let rounds = seen.compactMap { if case .pricingRound(let round, _) = $0 { round } else { nil } }
    #expect(!rounds.isEmpty)
    #expect(rounds == Array(1...rounds.count))
    #expect(run.allocation.solverDetail.hasPrefix("\(rounds.count) pricing rounds"))
    #expect(lines.withLock { $0 } > 0)

    // Without sinks nothing is called (and the outcome is the same).
    let quiet = try AllocationRun(folder: packageRoot + "/Data/sample-county")
    #expect(quiet.summary == run.summary)
  }
}
