import Foundation
import GLPK
import Glibc
import Testing

@Suite("Solver limits and captured output")
struct LimitsAndLogTests {
  @Test(
    "an iteration limit of 1 on a problem needing several iterations throws .solverFailed with GLP_EITLIM",
    arguments: [SimplexMethod.primal, .dual, .dualThenPrimal])
  func iterationLimit(_ method: SimplexMethod) throws {
    let program = Fixtures.transportation.lp.program
    var options = SimplexOptions()
    options.method = method
    options.iterationLimit = 1

    let error = #expect(throws: GLPKError.self) { _ = try program.solve(options) }
    let failure = try #require(error)
    #expect(failure.kind == .solverFailed)
    #expect(failure.returnCode == .iterationLimitReached)
    #expect(failure.operation == "solving the LP")
    #expect(!failure.message.isEmpty)
    #expect(failure.description.contains("GLP_EITLIM"), "\(failure.description)")

    // The limit, not the problem, stopped it: with room to iterate, the
    // optimum found by enumeration comes out.
    options.iterationLimit = 10_000
    let solution = try program.solve(options)
    expectClose(solution.objectiveValue, try #require(Fixtures.transportationOptimum).value)
  }

  @Test("after an iteration-limit error the session can carry on and finish the solve")
  func sessionContinuesAfterLimit() throws {
    var session = try SimplexSession(Fixtures.transportation.lp.program)
    var limited = SimplexOptions()
    limited.iterationLimit = 1
    let error = #expect(throws: GLPKError.self) { _ = try session.solve(limited, operation: "solving level 1") }
    #expect(error?.returnCode == .iterationLimitReached)
    #expect(error?.operation == "solving level 1")

    let solution = try session.solve()
    #expect(solution.status == .optimal)
    expectClose(solution.objectiveValue, try #require(Fixtures.transportationOptimum).value)
  }

  @Test("a generous time limit does not get in the way")
  func generousTimeLimit() throws {
    var options = SimplexOptions()
    options.timeLimit = 60
    expectClose(try Fixtures.production.program.solve(options).objectiveValue, 11)
    var mipOptions = MIPOptions()
    mipOptions.timeLimit = 60
    expectClose(try Fixtures.integerProgram.program.solveMIP(mipOptions).objectiveValue, 20)
  }

  @Test("verbose = true: GLPK's progress is in the solution's log; the next quiet solve's log is empty")
  func verboseLogIsCaptured() throws {
    var session = try SimplexSession(Fixtures.transportation.lp.program)
    var verbose = SimplexOptions()
    verbose.verbose = true
    let loud = try session.solve(verbose)
    // At GLP_MSG_ON GLPK reports its iterations, one line each, the last
    // one marked "*" (feasible) with the objective: here the optimum 61,
    // which `TransportationTests` confirms by enumeration.
    #expect(!loud.log.isEmpty)
    let lines = loud.log.split(separator: "\n")
    let last = try #require(lines.last)
    #expect(last.hasPrefix("*"), "\(loud.log)")
    #expect(last.contains("obj =   6.100000000e+01"), "\(loud.log)")
    expectClose(loud.objectiveValue, 61)

    let quiet = try session.solve()
    #expect(quiet.log.isEmpty, "\(quiet.log)")
  }

  @Test("verbose MIP: branch and bound's messages are in the solution's log")
  func verboseMIPLog() throws {
    var options = MIPOptions()
    options.verbose = true
    let solution = try Fixtures.integerProgram.program.solveMIP(options)
    // The root LP reaches the relaxation's 21, branch and bound ends with
    // the integer optimum 20 and an empty tree (`Fixtures.integerProgram`).
    #expect(solution.log.contains("obj =   2.100000000e+01"), "\(solution.log)")
    #expect(solution.log.contains("mip =   2.000000000e+01"), "\(solution.log)")
    #expect(solution.log.contains("tree is empty"), "\(solution.log)")
    expectClose(solution.objectiveValue, 20)
    let quiet = try Fixtures.integerProgram.program.solveMIP()
    #expect(quiet.log.isEmpty, "\(quiet.log)")
  }

  @Test("nothing reaches stdout: a verbose LP, a verbose MIP and a trap print nothing")
  func stdoutStaysClean() throws {
    let captured = try capturingStandardOutput {
      var options = SimplexOptions()
      options.verbose = true
      _ = try? Fixtures.transportation.lp.program.solve(options)
      var mipOptions = MIPOptions()
      mipOptions.verbose = true
      _ = try? Fixtures.integerProgram.program.solveMIP(mipOptions)
      #if DEBUG  // the test hook exists in debug builds only
        if var session = try? SimplexSession(Fixtures.production.program) {
          _ = try? session.provokeGLPKError()
        }
      #endif
    }
    for marker in ["GLPK", "glp_", "Error detected", "OPTIMAL", "simplex"] {
      #expect(!captured.contains(marker), "stdout got \"\(marker)\": \(captured)")
    }
  }
}

/// Runs `body` with file descriptor 1 pointed at a temporary file and
/// returns what was written there. Anything written that is not GLPK's is
/// passed on to the real stdout afterwards (tests run in parallel).
func capturingStandardOutput(_ body: () -> Void) throws -> String {
  let path = FileManager.default.temporaryDirectory
    .appendingPathComponent("glpk-stdout-\(UUID().uuidString)").path
  let file = open(path, O_RDWR | O_CREAT | O_TRUNC, 0o600)
  try #require(file >= 0, "cannot open \(path)")
  defer {
    close(file)
    unlink(path)
  }
  fflush(nil)  // every C stream; naming `stdout` is not concurrency-safe
  let saved = dup(STDOUT_FILENO)
  try #require(saved >= 0)
  dup2(file, STDOUT_FILENO)
  body()
  fflush(nil)  // every C stream; naming `stdout` is not concurrency-safe
  dup2(saved, STDOUT_FILENO)
  close(saved)

  let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
  if !text.isEmpty { FileHandle.standardOutput.write(Data(text.utf8)) }
  return text
}
