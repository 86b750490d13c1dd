import Synchronization

/// Hands out 0, 1, 2, ... to whichever worker asks next: how a few workers
/// share a list of jobs of unequal cost (compare's plans, forecast's runs)
/// so that all stay busy whatever each job costs.
package final class WorkQueue: Sendable {
  private let next = Mutex(0)
  private let count: Int

  /// A queue of the indices `0 ..< count`.
  package init(count: Int) { self.count = count }

  /// The next index, or nil when all are taken.
  package func take() -> Int? {
    next.withLock { next in
      guard next < count else { return nil }
      next += 1
      return next - 1
    }
  }

  /// `body(i)` for every `i` in `0 ..< count`, by `workers` threads that
  /// each take the next index as they finish the last: in index order of
  /// starting, in any order of finishing.
  package static func drain(_ count: Int, workers: Int, _ body: @Sendable (Int) -> Void) {
    let queue = WorkQueue(count: count)
    _ = parallelMap(max(1, workers)) { _ in
      while let i = queue.take() { body(i) }
    }
  }
}
