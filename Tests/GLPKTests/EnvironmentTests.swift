import Foundation
import GLPK
import Synchronization
import Testing

// The environment is looked at through a test hook that only debug builds
// have (`swift test` builds debug).
#if DEBUG
  /// What one thread saw of its GLPK environment.
  private struct Seen: Sendable {
    var whileSolving = (liveProblems: 0, peakBytes: 0)
    var afterwards = (liveProblems: 0, peakBytes: 0)
    var objective = 0.0
    /// An error thrown on the thread (reported by the test, on its own task).
    var error: String?
  }

  /// Runs `body` on a thread of its own, as a Dispatch worker would (a
  /// pool thread of the test runner may hold sessions other tests left).
  private func onNewThread(_ body: @escaping @Sendable () -> Seen) -> Seen {
    let seen = Mutex<Seen?>(nil)
    let done = DispatchSemaphore(value: 0)
    let thread = Thread {
      let result = body()
      seen.withLock { $0 = result }
      done.signal()
    }
    thread.start()
    done.wait()
    return seen.withLock { $0 } ?? Seen()
  }

  /// GLPK makes an environment per thread; a worker thread that ends with
  /// it allocated leaks it (LeakSanitizer saw 5,296 bytes per compare
  /// worker). Deleting a thread's last problem frees it.
  @Suite(
    "A thread's GLPK environment is freed with its last problem",
    .enabled(if: GLPKEnvironment.isThreadLocal, "GLPK here has one environment for the whole process"))
  struct EnvironmentTests {
    @Test("while a session lives its environment is kept; once the last one ends, none is left on the thread")
    func freedWithTheLastProblem() throws {
      let seen = onNewThread {
        var seen = Seen()
        do {
          var first = try SimplexSession(Fixtures.production.program)
          var second = try SimplexSession(Fixtures.blending.program)
          seen.objective = try first.solve().objectiveValue
          _ = try second.solve()
          seen.whileSolving = GLPKEnvironment.threadEnvironment
        } catch {
          seen.error = "\(error)"
        }
        seen.afterwards = GLPKEnvironment.threadEnvironment
        return seen
      }
      #expect(seen.error == nil)
      expectClose(seen.objective, 11, "solved on the thread")
      #expect(seen.whileSolving.liveProblems == 2)
      #expect(seen.whileSolving.peakBytes > 0, "the environment in use has allocated the problems")
      #expect(seen.afterwards.liveProblems == 0)
      #expect(seen.afterwards.peakBytes == 0, "an environment was left on the thread")
    }

    @Test("a session after the environment was freed gets a fresh one and solves the same")
    func freshEnvironmentSolvesTheSame() throws {
      let seen = onNewThread {
        var seen = Seen()
        do {
          _ = try Fixtures.production.program.solve()
          seen.objective = try Fixtures.production.program.solve().objectiveValue
        } catch {
          seen.error = "\(error)"
        }
        seen.afterwards = GLPKEnvironment.threadEnvironment
        return seen
      }
      #expect(seen.error == nil)
      expectClose(seen.objective, 11, "second solve, in a fresh environment")
      #expect(seen.afterwards == (0, 0))
    }

    @Test("after a trap the count starts again: the next session's end still frees the environment")
    func trapResetsTheCount() throws {
      let seen = onNewThread {
        var seen = Seen()
        do {
          var trapped = try SimplexSession(Fixtures.production.program)
          _ = try? trapped.provokeGLPKError()
          var fresh = try SimplexSession(Fixtures.blending.program)
          _ = try fresh.solve()
          seen.whileSolving = GLPKEnvironment.threadEnvironment
        } catch {
          seen.error = "\(error)"
        }
        seen.afterwards = GLPKEnvironment.threadEnvironment
        return seen
      }
      #expect(seen.error == nil)
      #expect(seen.whileSolving.liveProblems == 1, "the trapped session's problem was freed with its environment")
      #expect(seen.afterwards == (0, 0))
    }
  }
#endif
