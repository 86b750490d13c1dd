import Foundation

/// Hands out 0, 1, 2, ... to whichever thread asks next: how two threads
/// share a list of allocations (compare's plans, recommend's option sets)
/// so that both stay busy whatever each one costs.
final class WorkQueue: @unchecked Sendable {
  private let lock = NSLock()
  private var next = 0
  private let count: Int

  /// A queue of the indices `0 ..< count`.
  init(count: Int) { self.count = count }

  /// The next index, or nil when all are taken.
  func take() -> Int? {
    lock.lock()
    defer { lock.unlock() }
    guard next < count else { return nil }
    next += 1
    return next - 1
  }
}
