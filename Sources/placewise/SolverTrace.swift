import Foundation
import Placewise

/// The developer's trace of the solver (`PLACEWISE_PROFILE` set in the
/// environment): one line per solver stage on standard error, stamped with
/// the seconds since the trace began. Counts and times only, never pupil
/// data; it is how the profile notes in BENCHMARKS.md were taken.
enum SolverTrace {
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
