import ParallelWork
import Synchronization
import Testing

@Suite("parallelChunks: contiguous chunks, results in chunk order")
struct ParallelChunksTests {
  @Test(
    "the chunks are contiguous, in order, cover 0..<count, differ in length by at most one",
    arguments: [(0, 4), (1, 4), (3, 4), (4, 4), (10, 3), (1000, 7), (4097, 16), (5, 1), (64, nil)] as [(Int, Int?)])
  func chunksCoverTheRange(count: Int, chunks: Int?) {
    let ranges = parallelChunks(count, chunks: chunks) { $0 }
    #expect(ranges.flatMap { Array($0) } == Array(0..<count))
    #expect(ranges.allSatisfy { !$0.isEmpty })
    #expect(ranges.count == min(count, chunks ?? defaultWorkerCount))
    let lengths = ranges.map(\.count)
    #expect((lengths.max() ?? 0) - (lengths.min() ?? 0) <= 1)
  }

  @Test("chunk k of c is k * count / c ..< (k + 1) * count / c, whatever the machine")
  func theSplitIsFixed() {
    let ranges = parallelChunks(10, chunks: 4) { $0 }
    #expect(ranges == [0..<2, 2..<5, 5..<7, 7..<10])
  }

  @Test("results come back in chunk order however long each chunk takes")
  func resultsInOrder() {
    // Later chunks finish first: the order must still be the chunks'.
    let sums = parallelChunks(64, chunks: 8) { range in
      var total = 0
      for i in range { for j in 0..<(2_000 * (64 - i)) { total &+= j & 1 } }
      return (first: range.lowerBound, total: total)
    }
    #expect(sums.map(\.first) == [0, 8, 16, 24, 32, 40, 48, 56])
  }

  @Test("one chunk runs on the calling thread; nothing runs for an empty range")
  func degenerateCases() {
    let calls = Mutex(0)
    let none: [Int] = parallelChunks(0, chunks: 8) { _ in
      calls.withLock { $0 += 1 }
      return 0
    }
    #expect(none.isEmpty && calls.withLock { $0 } == 0)
    #expect(parallelChunks(5, chunks: 1) { Array($0) } == [[0, 1, 2, 3, 4]])
    #expect(parallelChunks(3, chunks: 0) { $0.count } == [3])
  }

  @Test("parallelMap gives body(i) for each index, in index order")
  func mapInOrder() {
    #expect(parallelMap(100) { $0 * $0 } == (0..<100).map { $0 * $0 })
    #expect(parallelMap(0) { $0 }.isEmpty)
  }

  @Test("WorkQueue.drain hands every index out exactly once, to each worker as it asks")
  func drainTakesEachIndexOnce() {
    let seen = Mutex([Int]())
    WorkQueue.drain(500, workers: 2) { i in seen.withLock { $0.append(i) } }
    #expect(seen.withLock { $0.sorted() } == Array(0..<500))
    let queue = WorkQueue(count: 2)
    #expect([queue.take(), queue.take(), queue.take()] == [0, 1, nil])
  }
}
