import Foundation
import Glibc

/// A task executor that runs every job on one dedicated thread, so a test can
/// decide on which thread each part of an async function runs
/// (`withTaskExecutorPreference`), as the cooperative pool may on its own.
///
/// Unchecked because its thread sleeps on a condition variable, which
/// `Mutex` does not offer. It is safe: `jobs` and `stopping` are read and
/// written only with `condition` locked, and `thread` is set once, in
/// `init`, before the thread starts.
final class ThreadExecutor: TaskExecutor, @unchecked Sendable {
  private let condition = NSCondition()
  private var jobs: [UnownedJob] = []
  private var stopping = false
  private var thread: Thread?

  init(name: String) {
    // The thread keeps the executor alive until `stop()` lets it return.
    let thread = Thread { self.run() }
    thread.name = name
    self.thread = thread
    thread.start()
  }

  /// Lets the thread finish once its queue is empty.
  func stop() {
    condition.lock()
    stopping = true
    condition.signal()
    condition.unlock()
  }

  func enqueue(_ job: consuming ExecutorJob) {
    let job = UnownedJob(job)
    condition.lock()
    jobs.append(job)
    condition.signal()
    condition.unlock()
  }

  private func run() {
    while true {
      condition.lock()
      while jobs.isEmpty && !stopping { condition.wait() }
      if jobs.isEmpty {
        condition.unlock()
        return
      }
      let job = jobs.removeFirst()
      condition.unlock()
      job.runSynchronously(on: asUnownedTaskExecutor())
    }
  }
}

/// The calling thread, as a number that can be compared.
func currentThreadID() -> UInt {
  UInt(pthread_self())
}
