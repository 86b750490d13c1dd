import Foundation

/// Results written by the threads that compute them, one slot each: the
/// hand-off from `DispatchQueue.concurrentPerform` back to the caller, in
/// index order whatever order the threads finish in.
final class ParallelSlots<Value>: @unchecked Sendable {
  private var slots: [Value?]
  private let lock = NSLock()

  /// `count` empty slots.
  init(count: Int) { slots = Array(repeating: nil, count: count) }

  /// Fills slot `index` (from any thread).
  func store(_ index: Int, _ value: Value) {
    lock.lock()
    slots[index] = value
    lock.unlock()
  }

  /// Every slot's value, in index order; each must have been stored.
  func values() -> [Value] {
    lock.lock()
    defer { lock.unlock() }
    return slots.map { slot in
      guard let slot else { preconditionFailure("a parallel slot was never stored") }
      return slot
    }
  }
}
