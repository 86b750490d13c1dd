import Dispatch
import Synchronization

/// A value computed on another thread while the caller goes on: `compare`
/// hashes its input files (100 MB with a travel matrix, a third of a
/// second) while the baseline is solved, where a core is often idle (the
/// auction is serial), instead of after the last plan.
final class BackgroundValue<Value: Sendable>: Sendable {
  /// Set once, by the work, before `done` is left.
  private let value: Mutex<Value>
  private let done = DispatchGroup()

  /// Starts `work`; `placeholder` is never returned (it stands in until the work ends).
  init(placeholder: Value, _ work: @escaping @Sendable () -> Value) {
    value = Mutex(placeholder)
    done.enter()
    DispatchQueue.global().async {
      let computed = work()
      self.value.withLock { $0 = computed }
      self.done.leave()
    }
  }

  /// The value, once the work has ended.
  func wait() -> Value {
    done.wait()
    return value.withLock { $0 }
  }
}
