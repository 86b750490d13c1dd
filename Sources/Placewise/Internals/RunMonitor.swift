/// Where a run reports what it is doing while it works: the phase it is in
/// and the pricing rounds of the solve, for a progress display, and a
/// developer's trace of the solver's stages (`PLACEWISE_PROFILE`).
///
/// The library never prints: the command line passes the sinks it wants
/// (or none). Both carry counts, sizes and names of phases only, never
/// pupil data. Sinks may be called from any thread.
public struct RunMonitor: Sendable {
  /// Called as each phase starts and each pricing round begins.
  public var progress: (@Sendable (RunProgress) -> Void)?
  /// Called with one line per solver stage (LP sizes, seconds); the text is
  /// not even built when this is nil.
  public var trace: (@Sendable (String) -> Void)?

  /// A monitor with the given sinks; nil ones are not called.
  public init(
    progress: (@Sendable (RunProgress) -> Void)? = nil, trace: (@Sendable (String) -> Void)? = nil
  ) {
    self.progress = progress
    self.trace = trace
  }

  /// Nobody listens.
  public static let silent = RunMonitor()

  /// Reports a trace line, building it only when someone listens.
  func log(_ line: @autoclosure () -> String) {
    if let trace { trace(line()) }
  }

  /// Reports progress.
  func report(_ event: RunProgress) {
    progress?(event)
  }
}

/// A step of a run, as a progress display shows it.
public enum RunProgress: Sendable, Equatable {
  /// A phase began: `read`, `candidates`, `solve`, `verify`, ...
  case phase(String)
  /// The contested-market solve began pricing round `round`, with an LP of
  /// `lpPupils` pupils.
  case pricingRound(round: Int, lpPupils: Int)
}
