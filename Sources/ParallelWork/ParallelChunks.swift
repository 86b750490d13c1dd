import Dispatch
import Foundation

/// How many chunks ``parallelChunks(_:chunks:_:)`` makes when not told: one
/// per processor the system lets this process use.
package var defaultWorkerCount: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

/// `body` over `0 ..< count` split into contiguous chunks run at once, one
/// result per chunk, in chunk order whatever order the threads finish in.
///
/// Chunk `k` of `c` is `k * count / c ..< (k + 1) * count / c`: chunks
/// differ in length by at most one, and their union, in order, is
/// `0 ..< count`. `c` is `chunks` (by default ``defaultWorkerCount``), at
/// most `count`; no chunk is empty, and `count == 0` runs nothing. A single
/// chunk runs on the calling thread.
///
/// The chunking depends on `count` and `chunks` only, never on the machine
/// when `chunks` is given: pass it wherever the split shows in the results.
package func parallelChunks<Result: Sendable>(
  _ count: Int, chunks: Int? = nil, _ body: @Sendable (Range<Int>) -> Result
) -> [Result] {
  precondition(count >= 0, "a negative count of items")
  let parts = min(count, max(1, chunks ?? defaultWorkerCount))
  @Sendable func chunk(_ k: Int) -> Range<Int> { (k * count / parts)..<((k + 1) * count / parts) }
  guard parts > 1 else { return parts == 1 ? [body(chunk(0))] : [] }
  let slots = ParallelSlots<Result>(count: parts)
  DispatchQueue.concurrentPerform(iterations: parts) { slots.store($0, body(chunk($0))) }
  return slots.values()
}

/// `body(i)` for each `i` in `0 ..< count`, run at once on as many threads
/// as the system gives, the results in index order: ``parallelChunks(_:chunks:_:)``
/// with one chunk per index.
package func parallelMap<Result: Sendable>(_ count: Int, _ body: @Sendable (Int) -> Result) -> [Result] {
  parallelChunks(count, chunks: count) { body($0.lowerBound) }
}
