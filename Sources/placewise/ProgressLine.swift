import Foundation
import Placewise
import PlacewiseReport

/// One line of progress on standard error for long runs: the phase and the
/// seconds so far, redrawn in place. Shown only when standard error is a
/// terminal, and only once a run has taken `delay` seconds, so that short
/// runs, pipes, logs and `--quiet` see nothing.
final class ProgressLine: @unchecked Sendable {
  private let lock = NSLock()
  private let start = ContinuousClock.now
  private let delay: Double
  private var phase = "starting"
  private var drawn = false
  private var timer: (any DispatchSourceTimer)?

  /// A progress line, or nil when it must not show (not a terminal, or quiet).
  /// `PLACEWISE_PROGRESS_AFTER` (seconds) overrides the 2 s delay, for tests.
  init?(quiet: Bool) {
    guard !quiet, isatty(STDERR_FILENO) == 1 else { return nil }
    delay = ProcessInfo.processInfo.environment["PLACEWISE_PROGRESS_AFTER"].flatMap(Double.init) ?? 2
    let source = DispatchSource.makeTimerSource(queue: DispatchQueue.global(qos: .utility))
    source.schedule(deadline: .now() + .milliseconds(250), repeating: .milliseconds(250))
    source.setEventHandler { [weak self] in self?.redraw() }
    timer = source
    source.resume()
  }

  /// The run entered a new phase or pricing round.
  func update(_ event: RunProgress) {
    let words: String
    switch event {
    case .phase("read"): words = "reading the case"
    case .phase("candidates"): words = "finding eligible settings"
    case .phase("solve"): words = "solving"
    case .phase("verify"): words = "checking the result"
    case .phase(let other): words = other
    case .pricingRound(let round, let lpPupils):
      words = "solving, pricing round \(round) (\(NumberFormatting.count(lpPupils, "pupil")) in the LP)"
    }
    lock.lock()
    phase = words
    lock.unlock()
    redraw()
  }

  /// A monitor that shows the run's phases and pricing rounds on this line
  /// (when there is one) and passes the solver trace on, if asked for.
  static func monitor(_ line: ProgressLine?) -> RunMonitor {
    RunMonitor(
      progress: line.map { line in { @Sendable event in line.update(event) } },
      trace: SolverTrace.sinkFromEnvironment())
  }

  /// Removes the line (before the summary is printed).
  func finish() {
    timer?.cancel()
    lock.lock()
    defer { lock.unlock() }
    if drawn { write("\r\u{1B}[K") }
    drawn = false
    timer = nil
  }

  private func redraw() {
    lock.lock()
    defer { lock.unlock() }
    guard timer != nil else { return }
    let seconds = (ContinuousClock.now - start).inSeconds
    guard seconds >= delay else { return }
    write("\r\u{1B}[Kplacewise: \(phase)... \(Int(seconds)) s")
    drawn = true
  }

  private func write(_ text: String) {
    FileHandle.standardError.write(Data(text.utf8))
  }
}
