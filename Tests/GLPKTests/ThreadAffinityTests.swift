import GLPK
import Testing

// The trap is provoked through a test hook that only debug builds have
// (`swift test` builds debug).
#if DEBUG
  /// `SimplexSession` is not `Sendable`, but Swift still lets an async function
  /// keep one across an `await` and resume on another thread. GLPK's
  /// environment (and the trap generation) is per thread, so the session must
  /// either keep working there or refuse clearly.
  @Suite("A session kept across an await that resumes on another thread")
  struct ThreadAffinityTests {
    @Test(
      "after a trap on the second thread, the session made on the first still solves, or refuses naming the thread",
      .enabled(if: GLPKEnvironment.isThreadLocal, "GLPK here has one environment for the whole process"))
    func sessionOutlivesTrapElsewhere() async throws {
      let first = ThreadExecutor(name: "glpk-first")
      let second = ThreadExecutor(name: "glpk-second")
      defer {
        first.stop()
        second.stop()
      }

      var session: SimplexSession? = nil
      var firstThread: UInt = 0
      try await withTaskExecutorPreference(first) {
        session = try SimplexSession(Fixtures.production.program)
        firstThread = currentThreadID()
      }

      let outcome: Result<LPSolution, GLPKError> = try await withTaskExecutorPreference(second) {
        #expect(currentThreadID() != firstThread, "the executors run on two threads")
        // A trap here resets the second thread's environment only: the
        // session's problem lives in the first thread's, untouched.
        var other = try SimplexSession(Fixtures.blending.program)
        #expect(throws: GLPKError.self) { try other.provokeGLPKError() }

        // This code compiles without any unsafe construct.
        guard var moved = session.take() else {
          Issue.record("no session was made on the first thread")
          return .failure(GLPKError(kind: .invalidModel, operation: "test setup", message: "no session"))
        }
        let outcome = Result { () throws(GLPKError) in try moved.solve() }
        // Dropped here, on the thread where the generation already differs,
        // so that the session never calls GLPK from the wrong thread.
        _ = consume moved
        return outcome
      }

      switch outcome {
      case .success(let solution):
        expectClose(solution.objectiveValue, 11, "the hand optimum of `Fixtures.production`")
      case .failure(let error):
        // Refusing is fine, but not with a false story: the problem was not reset.
        #expect(!error.message.contains("no longer exists"), "misleading: \(error)")
        #expect(error.message.contains("thread"), "should say the session belongs to another thread: \(error)")
      }
    }
  }
#endif
