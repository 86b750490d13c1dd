import Foundation
import Synchronization

/// A value computed on another thread while the caller goes on: `compare`
/// hashes its input files (100 MB with a travel matrix, a third of a
/// second) while the baseline is solved, where a core is often idle (the
/// auction is serial), instead of after the last plan; `allocate` works out
/// place values and explanations while it writes the outputs that do not
/// need them.
///
/// The work runs on a thread of its own, not on Dispatch's pool: a caller
/// may wait for it from inside `parallelMap`, whose threads then fill the
/// pool, and the work must not wait behind them.
final class BackgroundValue<Value: Sendable>: Sendable {
  /// Set once, by the work, before `done` is left.
  private let value = Mutex<Value?>(nil)
  private let done = DispatchGroup()

  /// Starts `work`.
  init(_ work: @escaping @Sendable () -> Value) {
    done.enter()
    let thread = Thread {
      let computed = work()
      self.value.withLock { $0 = computed }
      self.done.leave()
    }
    // The solver's own threads' stack: the planning code recurses no deeper
    // than on the main thread, whose stack is 8 MiB.
    thread.stackSize = 8 << 20
    thread.start()
  }

  /// The value, once the work has ended (from any thread, any number of times).
  func wait() -> Value {
    done.wait()
    guard let value = value.withLock({ $0 }) else { preconditionFailure("a background value left no value") }
    return value
  }
}
