import Foundation

/// A developer's trace of the solver: with `PLACEWISE_PROFILE` set in the
/// environment, each stage of the contested-market solve writes one line to
/// standard error with the seconds since the trace began and the sizes of
/// its LPs. Counts and times only, never pupil data. It is how the figures
/// in BENCHMARKS.md's profile notes were taken.
enum Profile {
  static let isOn = ProcessInfo.processInfo.environment["PLACEWISE_PROFILE"] != nil
  private static let start = ContinuousClock.now

  /// Writes one trace line when tracing is on; the text is not built otherwise.
  static func log(_ line: @autoclosure () -> String) {
    guard isOn else { return }
    let seconds = (ContinuousClock.now - start).inSeconds
    FileHandle.standardError.write(Data("[\(String(format: "%8.3f", seconds)) s] \(line())\n".utf8))
  }
}
