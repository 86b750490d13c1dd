import Foundation
import Placewise

/// The developer's trace of the solver (`PLACEWISE_PROFILE` set in the
/// environment): one line per solver stage on standard error, stamped with
/// the seconds since the trace began. Counts and times only, never pupil
/// data; it is how the profile notes in BENCHMARKS.md were taken.
enum SolverTrace {
  /// Whether `allocate` starts its solver with the price auction: yes,
  /// unless `PLACEWISE_AUCTION=off` (how placewise-bench measures what the
  /// auction saves). The pricing loop proves the same optimum either way,
  /// within GLPK's tolerance: a case whose folded first level is wide can
  /// fail the exact check with either start (`AllocationRun.exactFoldLimit`).
  static func auctionFromEnvironment() -> Bool {
    ProcessInfo.processInfo.environment["PLACEWISE_AUCTION"] != "off"
  }

  /// The trace sink when `PLACEWISE_PROFILE` is set, else nil.
  static func sinkFromEnvironment() -> (@Sendable (String) -> Void)? {
    guard ProcessInfo.processInfo.environment["PLACEWISE_PROFILE"] != nil else { return nil }
    let start = ContinuousClock.now
    return { line in
      let seconds = (ContinuousClock.now - start) / .milliseconds(1) / 1000
      FileHandle.standardError.write(Data("[\(String(format: "%8.3f", seconds)) s] \(line)\n".utf8))
    }
  }
}
