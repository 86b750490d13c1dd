import Foundation
import GLPK
import Synchronization
import Testing

// The trap is provoked through a test hook that only debug builds have
// (`swift test` builds debug).
#if DEBUG
  /// GLPK aborts the process on an invalid call; the shim's setjmp guard turns
  /// that into a thrown `.trapped` error and resets GLPK's environment.
  @Suite("GLPK's fatal errors are trapped, and GLPK recovers")
  struct TrapTests {
    @Test("provokeGLPKError throws .trapped carrying GLPK's own message, and the process carries on")
    func trapCarriesGLPKMessage() throws {
      var session = try SimplexSession(Fixtures.production.program)
      let error = #expect(throws: GLPKError.self) { try session.provokeGLPKError() }
      let trapped = try #require(error)
      #expect(trapped.kind == .trapped)
      #expect(trapped.operation == "making an invalid call on purpose")
      #expect(trapped.returnCode == nil)
      // The shim calls glp_set_col_bnds with j = columnCount + 1 = 3.
      #expect(trapped.message.contains("glp_set_col_bnds: j = 3; column number out of range"), "\(trapped.message)")
      #expect(trapped.description.contains("GLPK error"), "\(trapped.description)")
    }

    @Test("after a trap the old session throws .trapped for every use instead of touching freed memory")
    func staleSessionReportsTrap() throws {
      var session = try SimplexSession(Fixtures.production.program)
      expectClose(try session.solve().objectiveValue, 11, "before the trap")
      #expect(throws: GLPKError.self) { try session.provokeGLPKError() }

      let uses: [(String, (inout SimplexSession) throws(GLPKError) -> Void)] = [
        ("solve", { (s) throws(GLPKError) in _ = try s.solve() }),
        ("solveMIP", { (s) throws(GLPKError) in _ = try s.solveMIP() }),
        ("setObjective", { (s) throws(GLPKError) in try s.setObjective([1, 1]) }),
        ("setBounds(columns:)", { (s) throws(GLPKError) in try s.setBounds(columns: [(ColumnIndex(0), .atLeast(0))]) }),
        ("setBounds(rows:)", { (s) throws(GLPKError) in try s.setBounds(rows: [(RowIndex(0), .atMost(1))]) }),
        ("provokeGLPKError", { (s) throws(GLPKError) in try s.provokeGLPKError() }),
      ]
      for (name, use) in uses {
        let error = #expect(throws: GLPKError.self, "\(name)") { try use(&session) }
        #expect(error?.kind == .trapped, "\(name)")
        #expect(error?.message.contains("earlier GLPK error") == true, "\(name): \(error?.message ?? "")")
      }
    }

    @Test("a new session on the same thread solves correctly after a trap, before and after the old session is dropped")
    func newSessionAfterTrap() throws {
      var old = try SimplexSession(Fixtures.production.program)
      #expect(throws: GLPKError.self) { try old.provokeGLPKError() }

      let lp = Fixtures.blending
      let oracle = try #require(VertexOracle.optimum(of: lp))
      var fresh = try SimplexSession(lp.program)
      let first = try fresh.solve()
      #expect(first.status == .optimal)
      expectClose(first.objectiveValue, oracle.value, "fresh session, old one still alive")
      expectClose(first.columnValues, [3.5, 0, 6.5], "hand optimum")

      // Dropping the old session must not delete anything (GLPK already freed
      // its problem, and the address may now belong to the fresh one).
      _ = consume old
      let second = try fresh.solve()
      expectClose(second.objectiveValue, oracle.value, "fresh session, old one dropped")

      // A MIP on yet another session works as well.
      let ip = Fixtures.integerProgram
      let ipOracle = try #require(IntegerOracle.optimum(of: ip, box: [0...10, 0...10]))
      expectClose(try ip.program.solveMIP().objectiveValue, ipOracle.value, "MIP after the trap")
    }

    @Test("a trap resets every problem of the thread: a second live session reports .trapped, not a crash")
    func siblingSessionReportsTrap() throws {
      var sibling = try SimplexSession(Fixtures.blending.program)
      expectClose(try sibling.solve().objectiveValue, 13.5, "before the trap")
      var victim = try SimplexSession(Fixtures.production.program)
      #expect(throws: GLPKError.self) { try victim.provokeGLPKError() }

      let error = #expect(throws: GLPKError.self) { _ = try sibling.solve() }
      #expect(error?.kind == .trapped)
    }

    @Test("repeated traps on one thread: each one is caught and GLPK comes back every time")
    func repeatedTraps() throws {
      let lp = Fixtures.production
      for round in 1...5 {
        var session = try SimplexSession(lp.program)
        let error = #expect(throws: GLPKError.self, "round \(round)") { try session.provokeGLPKError() }
        #expect(error?.message.contains("column number out of range") == true, "round \(round)")
        expectClose(try lp.program.solve().objectiveValue, 11, "round \(round)")
      }
    }

    @Test(
      "traps on several threads at once: each thread gets its own error and then solves correctly",
      .enabled(if: GLPKEnvironment.isThreadLocal, "GLPK here has one environment for the whole process"))
    func concurrentTraps() throws {
      let runs = Collector<TrapRun>()
      let count = 16
      DispatchQueue.concurrentPerform(iterations: count) { k in
        runs.append(trapAndRecover(scale: Double(k + 1)))
      }

      let results = runs.items
      #expect(results.count == count)
      for run in results {
        #expect(run.unexpected == nil, "scale \(run.scale): \(run.unexpected ?? "")")
        // max 3s x + 2s y has the optimum of `Fixtures.production` scaled by s.
        expectClose(run.before ?? .nan, 11 * run.scale, "scale \(run.scale), before the trap")
        #expect(run.trapped?.kind == .trapped, "scale \(run.scale)")
        #expect(run.trapped?.message.contains("column number out of range") == true, "scale \(run.scale)")
        #expect(run.stale?.kind == .trapped, "scale \(run.scale): the old session after the trap")
        expectClose(run.after ?? .nan, 11 * run.scale, "scale \(run.scale), new session after the trap")
        expectClose(run.afterMIP ?? .nan, 20, "scale \(run.scale), MIP after the trap")
      }
    }

    @Test(
      "a trap on one thread leaves a session alive on another thread untouched",
      .enabled(if: GLPKEnvironment.isThreadLocal, "GLPK here has one environment for the whole process"))
    func trapIsolatedToItsThread() throws {
      let bystanderReady = DispatchSemaphore(value: 0)
      let trapDone = DispatchSemaphore(value: 0)
      let finished = DispatchSemaphore(value: 0)
      let report = Collector<String>()

      // The bystander keeps a session alive across the other thread's trap.
      let bystander = Thread {
        do throws(GLPKError) {
          var session = try SimplexSession(Fixtures.blending.program)
          let before = try session.solve().objectiveValue
          bystanderReady.signal()
          trapDone.wait()
          let after = try session.solve().objectiveValue
          report.append("bystander \(before) \(after)")
        } catch {
          report.append("bystander failed: \(error)")
          bystanderReady.signal()
        }
        finished.signal()
      }
      let trapper = Thread {
        bystanderReady.wait()
        do throws(GLPKError) {
          var session = try SimplexSession(Fixtures.production.program)
          try session.provokeGLPKError()
          report.append("trapper: no error")
        } catch {
          report.append("trapper \(error.kind)")
        }
        trapDone.signal()
        finished.signal()
      }
      bystander.start()
      trapper.start()
      #expect(finished.wait(timeout: .now() + 60) == .success)
      #expect(finished.wait(timeout: .now() + 60) == .success)

      let lines = Set(report.items)
      #expect(lines == ["bystander 13.5 13.5", "trapper trapped"])
    }
  }

  /// What one thread saw in `concurrentTraps`.
  struct TrapRun: Sendable {
    var scale: Double
    var before: Double?
    var trapped: GLPKError?
    var stale: GLPKError?
    var after: Double?
    var afterMIP: Double?
    var unexpected: String?
  }

  /// Solve, trap, use the dead session, then solve again on a new session, all
  /// on the calling thread.
  func trapAndRecover(scale: Double) -> TrapRun {
    var run = TrapRun(scale: scale)
    var lp = Fixtures.production
    lp.objective = lp.objective.map { $0 * scale }
    do throws(GLPKError) {
      var session = try SimplexSession(lp.program)
      run.before = try session.solve().objectiveValue
      do throws(GLPKError) {
        try session.provokeGLPKError()
        run.unexpected = "provokeGLPKError did not throw"
      } catch {
        run.trapped = error
      }
      do throws(GLPKError) {
        _ = try session.solve()
        run.unexpected = "the dead session solved"
      } catch {
        run.stale = error
      }
      run.after = try lp.program.solve().objectiveValue
      run.afterMIP = try Fixtures.integerProgram.program.solveMIP().objectiveValue
    } catch {
      run.unexpected = "\(error)"
    }
    return run
  }

  /// A list filled from several threads.
  final class Collector<Item: Sendable>: Sendable {
    private let storage = Mutex<[Item]>([])

    func append(_ item: Item) { storage.withLock { $0.append(item) } }

    var items: [Item] { storage.withLock { $0 } }
  }
#endif
