import Synchronization

/// Results written by the threads that compute them, one slot each: the
/// hand-off from parallel work back to the caller, in index order whatever
/// order the threads finish in.
package final class ParallelSlots<Value: Sendable>: Sendable {
  private let slots: Mutex<[Value?]>

  /// `count` empty slots.
  package init(count: Int) { slots = Mutex(Array(repeating: nil, count: count)) }

  /// Fills slot `index` (from any thread).
  package func store(_ index: Int, _ value: Value) { slots.withLock { $0[index] = value } }

  /// Every slot's value, in index order; each must have been stored.
  package func values() -> [Value] {
    slots.withLock { slots in
      slots.map { slot in
        guard let slot else { preconditionFailure("a parallel slot was never stored") }
        return slot
      }
    }
  }
}
