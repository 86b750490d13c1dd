import Foundation
import Placewise
import PlacewiseReport
import Synchronization

/// One line of progress on standard error for long runs: the phase and the
/// seconds so far, redrawn in place. Shown only when standard error is a
/// terminal, and only once a run has taken `delay` seconds, so that short
/// runs, pipes, logs and `--quiet` see nothing.
final class ProgressLine: Sendable {
  /// What the timer's thread and the run's threads share.
  private struct State {
    var phase = "starting"
    var drawn = false
    /// Nil once the line is finished: nothing more is drawn.
    var timer: (any DispatchSourceTimer)?
  }

  private let state = Mutex(State())
  private let start = ContinuousClock.now
  private let delay: Double

  /// A progress line, or nil when it must not show (not a terminal, or quiet).
  /// `PLACEWISE_PROGRESS_AFTER` (seconds) overrides the 2 s delay, for tests.
  init?(quiet: Bool) {
    guard !quiet, isatty(STDERR_FILENO) == 1 else { return nil }
    delay = ProcessInfo.processInfo.environment["PLACEWISE_PROGRESS_AFTER"].flatMap(Double.init) ?? 2
    // Made under the lock, so that the timer is the state's from the start.
    state.withLock { state in
      let source = DispatchSource.makeTimerSource(queue: DispatchQueue.global(qos: .utility))
      source.schedule(deadline: .now() + .milliseconds(250), repeating: .milliseconds(250))
      source.setEventHandler { [weak self] in self?.redraw() }
      source.resume()
      state.timer = source
    }
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
    state.withLock { $0.phase = words }
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
    state.withLock { state in
      state.timer?.cancel()
      if state.drawn { write("\r\u{1B}[K") }
      state.drawn = false
      state.timer = nil
    }
  }

  private func redraw() {
    state.withLock { state in
      guard state.timer != nil else { return }
      let seconds = (ContinuousClock.now - start).inSeconds
      guard seconds >= delay else { return }
      write("\r\u{1B}[Kplacewise: \(state.phase)... \(Int(seconds)) s")
      state.drawn = true
    }
  }

  private func write(_ text: String) {
    FileHandle.standardError.write(Data(text.utf8))
  }
}
