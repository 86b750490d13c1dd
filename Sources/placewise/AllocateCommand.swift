import ArgumentParser
import Foundation
import Placewise
import PlacewiseReport

struct Allocate: OutputCommand {
  static let configuration = CommandConfiguration(
    abstract: "Allocate a case and write the placements, a report and a workbook (listed below).",
    discussion: """
      The outputs are written all or nothing: into a new folder beside OUT_DIR, then swapped \
      into place in one step. An earlier output folder stays as it was if anything fails. \
      OUT_DIR may be new, empty, or an earlier Placewise output folder. Files are readable by \
      you only unless --shared is given.
      """
  )

  /// The words of `allocate`'s output options.
  enum Words: OutputHelp {
    static var timeLimit: String {
      "Stop the solver after this many seconds; the run then fails with status 3 and writes nothing."
    }
    static var quiet: String { "Print nothing but errors (warnings stay in summary.json)." }
    static var timings: String {
      "Print the seconds and peak memory of each phase on standard error (auction and model-build are parts of solve; place-values and explanations run during write, beside the files that do not need them)."
    }
  }

  @OptionGroup var caseOptions: CaseOptions

  @OptionGroup var output: OutputOptions<Words>

  @Option(
    name: .long,
    help: ArgumentHelp(
      "The formulation GLPK solves: contested-market (fast, the default) or plain-lp (every pair a column; the reference for benchmarks). Both give the same optimum.",
      valueName: "method"))
  var solver: SolverMethod = .contestedMarket

  @Flag(name: .customLong("no-values"), help: "Skip place-values.csv (what one more place is worth at each setting).")
  var noValues = false

  @Flag(name: .customLong("no-explain"), help: "Skip explanations.csv (why each pupil was placed where they were).")
  var noExplain = false

  var otherInputs: [String] { [] }
  static var reportTitle: String { "Allocation report" }
  static var progressFromRead: Bool { true }

  func validate() throws {
    try refuseNonUTF8Arguments()
    try refuseRepeatedOptions()
    try output.checkTimeLimit()
  }

  func read() throws(InvalidCaseError) -> Case {
    try CaseReader.read(
      folder: caseOptions.caseFolder, policyFile: caseOptions.policy, postcodesFile: caseOptions.postcodes)
  }

  func caseRead(_ input: Case) -> Case { input }

  /// The run solved and checked, with its place values and explanations
  /// being worked out on another thread (`planned`) while the outputs that
  /// do not need them are written.
  struct Solved {
    let solved: AllocationRun
    let planned: BackgroundValue<Result<OutputFiles.PlannedRun, AllocationError>>

    /// The planned run and its tables, or nil when planning failed.
    @Sendable func plannedOutputs() -> OutputFiles.PlannedRun? {
      try? planned.wait().get()
    }
  }

  func solve(_ input: Case, _ context: PipelineContext, clock: inout PhaseClock) throws -> Solved {
    var options = AllocationOptions(timeLimit: output.timeLimit, method: solver, monitor: context.monitor)
    options.placeValues = !noValues
    options.explanations = !noExplain
    options.auction = SolverTrace.auctionFromEnvironment()
    let solved = try AllocationRun(case: input, options: options, planning: false)
    // Place values and explanations (or, without them, the exact check of
    // a wide objective) on their own thread, from here to the write.
    let planning = options
    let planned = BackgroundValue {
      Result { () throws(AllocationError) in
        OutputFiles.PlannedRun(try solved.planned(options: planning))
      }
    }
    // The run times its own phases; the write's are timed from here.
    clock.lap("solve")
    return Solved(solved: solved, planned: planned)
  }

  func render(_ run: Solved, _ input: Case, _ context: PipelineContext, clock: inout PhaseClock) throws
    -> [OutputFile]
  {
    let files = Result { () throws in
      try OutputFiles.render(
        solved: run.solved, planned: run.plannedOutputs, reportLevel: context.reportLevel, title: context.title,
        identity: context.identity(run.solved.input))
    }
    // A failed check is the solve's failure (status 3), whatever the files did.
    if case .failure(let error) = run.planned.wait() {
      throw fail("\(error); nothing was written.", status: ExitStatus.solverFailed)
    }
    return try files.get()
  }

  func finish(_ solved: Solved, _ input: Case, clock: PhaseClock) {
    guard let run = solved.plannedOutputs()?.run else { return }
    if output.timings {
      // The run's own phases between the read and the write.
      let phases = [clock.phase("read"), clock.phase("write")].compactMap { $0 }
      // Bytes unformatted: placewise-bench reads these lines.
      PhaseClock.print(
        (phases.prefix(1) + run.timings + phases.dropFirst()).map {
          "timing: \($0.phase) \(PhaseClock.rounded($0.seconds)) s, peak memory \($0.peakMemoryBytes) bytes"
        })
    }
    if !output.quiet {
      // The allocation's own warnings (agreed placements past a rule or a
      // setting's places), which only summary.json held before.
      reportWarnings(run.summary.warnings)
      let planning = HumanSummary.planning(
        case: run.input, placeValues: run.placeValues, explanations: run.explanations)
      let summary = HumanSummary.render(
        summary: run.summary, allocation: run.allocation, outputFolder: output.out, planning: planning)
      print(TerminalText.safe(summary), terminator: "")
      if let note = output.publicNote() { print(TerminalText.safe(note)) }
    }
  }
}
