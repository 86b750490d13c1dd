import ArgumentParser
import Foundation
import Placewise
import PlacewiseReport
import SystemPlumbing

/// A file of an output folder: its path inside the folder and its bytes.
typealias OutputFile = (name: String, contents: [UInt8])

/// What a command's steps share while it runs: the progress line, the
/// inputs' digests (hashed on another thread from the read on), and the
/// report's audience and title.
struct PipelineContext: Sendable {
  /// The progress line, when one shows.
  let progress: ProgressLine?
  /// The digests of the files read, for the manifest and the reports.
  let digests: BackgroundValue<[OutputManifest.Entry]>
  /// The case folder as given.
  let caseFolder: String
  /// `--report-level`.
  let reportLevel: ReportLevel
  /// The title of report.html: the command's words, then the case folder's name (not on a public page).
  let title: String

  /// What the reports say about the run that made them, for `input` (the
  /// case, or a plan applied to it); waits for the digests.
  func identity(_ input: Case) -> RunIdentity {
    OutputWriting.identity(input, caseFolder: caseFolder, inputs: digests.wait())
  }

  /// A monitor that shows a run's phases on the progress line.
  var monitor: RunMonitor { ProgressLine.monitor(progress) }
}

/// A command that writes an output folder (`allocate`, `compare`,
/// `recommend`, `forecast`): its own steps, which ``runPipeline()`` takes
/// in one order for all of them: prepare the folder, read, solve, render,
/// write with the digests, then print.
protocol OutputCommand: ParsableCommand {
  /// The words of the shared options.
  associatedtype Help: OutputHelp
  /// What `read()` reads.
  associatedtype Input
  /// What `solve` finds.
  associatedtype Solved
  /// The case folder and the options that change how it is read.
  var caseOptions: CaseOptions { get }
  /// `--out` and the options every such command shares.
  var output: OutputOptions<Help> { get }
  /// The files read besides the case's (plans, options, demand), in the order given.
  var otherInputs: [String] { get }
  /// What each of `otherInputs` is ("plan file"), for an invalid input's heading.
  var otherInputKinds: [String: String] { get }
  /// The first words of report.html's title, before the case folder's name.
  static var reportTitle: String { get }
  /// Whether the progress line shows from the read on, with the warnings
  /// printed once the solve is done (`allocate`), rather than from the
  /// solve on, with the warnings printed before it.
  static var progressFromRead: Bool { get }
  /// Reads the case and the command's own files.
  func read() throws(InvalidCaseError) -> Input
  /// The case as read, whose policy and files the manifest records.
  func caseRead(_ input: Input) -> Case
  /// The warnings to print (unless `--quiet`).
  func warnings(_ input: Input) -> [InputWarning]
  /// Refuses what the options and the case cannot do together, once read.
  func check(_ input: Input) throws
  /// Allocates; laps its own phases on `clock`.
  func solve(_ input: Input, _ context: PipelineContext, clock: inout PhaseClock) throws -> Solved
  /// The files to write (the manifest aside); may lap phases on `clock`.
  func render(_ solved: Solved, _ input: Input, _ context: PipelineContext, clock: inout PhaseClock) throws
    -> [OutputFile]
  /// Prints the timings (with `--timings`) and the summary (unless `--quiet`).
  func finish(_ solved: Solved, _ input: Input, clock: PhaseClock)
}

extension OutputCommand {
  static var progressFromRead: Bool { false }
  var otherInputKinds: [String: String] { [:] }
  func warnings(_ input: Input) -> [InputWarning] { caseRead(input).warnings }
  func check(_ input: Input) throws {}

  /// Runs the pipeline: a command with nothing to check before it needs no `run()` of its own.
  func run() throws {
    try runPipeline()
  }

  /// Prepares the output folder, reads (an invalid case: status 2), solves
  /// (a failure: status 3), renders and writes (a failure: status 1), then
  /// calls `finish`; nothing is written unless every step succeeds.
  func runPipeline() throws {
    try prepareOutputFolder(output.out, inputs: caseOptions.inputs(otherInputs))
    var clock = PhaseClock()
    var progress = Self.progressFromRead ? ProgressLine(quiet: output.quiet) : nil
    defer { progress?.finish() }
    progress?.update(.phase("read"))
    let input: Input
    do {
      input = try read()
    } catch {
      progress?.finish()
      report(error, kinds: caseOptions.kinds(otherInputKinds))
      throw ExitCode(ExitStatus.invalidInput)
    }
    if !output.quiet && !Self.progressFromRead { reportWarnings(warnings(input)) }
    try check(input)
    // The inputs were read and accepted (regular files, so hashing ends):
    // their digests are taken while the case is solved.
    let paths = OutputWriting.caseInputs(
      caseRead(input), folder: caseOptions.caseFolder, policyFile: caseOptions.policy, others: otherInputs)
    let digests = BackgroundValue { OutputWriting.digests(of: paths) }
    clock.lap("read")
    // Progress on a terminal from here on (the warnings are printed).
    if !Self.progressFromRead { progress = ProgressLine(quiet: output.quiet) }
    let caseName = URL(fileURLWithPath: caseOptions.caseFolder).standardized.lastPathComponent
    let context = PipelineContext(
      progress: progress, digests: digests, caseFolder: caseOptions.caseFolder, reportLevel: output.reportLevel,
      // A public page names no folder (HTMLReport.publicName): the case's
      // folder may be named after a child.
      title: Self.reportTitle + (output.reportLevel == .public ? "" : ": " + caseName))
    let solved: Solved
    do {
      solved = try solve(input, context, clock: &clock)
    } catch {
      progress?.finish()
      throw fail("\(error); nothing was written.", status: ExitStatus.solverFailed)
    }
    if Self.progressFromRead {
      // The line goes before anything else is written to the terminal.
      progress?.finish()
      if !output.quiet { reportWarnings(warnings(input)) }
    }
    do {
      let files = try render(solved, input, context, clock: &clock)
      try OutputWriting.write(
        files, to: output.out, shared: output.shared, policy: OutputWriting.effectivePolicy(caseRead(input)),
        inputs: digests.wait())
    } catch let refused as ExitCode {
      progress?.finish()
      throw refused
    } catch {
      progress?.finish()
      throw fail("\(error); nothing was written.", status: ExitStatus.outputFailed)
    }
    clock.lap("write")
    progress?.finish()
    finish(solved, input, clock: clock)
  }
}

/// The seconds of each phase of a command, in the order they ran.
struct PhaseClock {
  private let clock = ContinuousClock()
  private var mark = ContinuousClock.now
  /// Each phase's name, seconds and the peak memory at its end.
  private(set) var phases: [PhaseTiming] = []

  /// Ends the current phase under `phase`, and starts the next.
  mutating func lap(_ phase: String) {
    let now = clock.now
    phases.append(
      PhaseTiming(phase: phase, seconds: (now - mark).inSeconds, peakMemoryBytes: PhaseTiming.peakMemory()))
    mark = now
  }

  /// The phase named `name`, if it ran.
  func phase(_ name: String) -> PhaseTiming? { phases.first { $0.phase == name } }

  /// `timing: PHASE SECONDS s` for each phase.
  var lines: [String] { phases.map { "timing: \($0.phase) \(Self.rounded($0.seconds)) s" } }

  /// Seconds to the millisecond, for every line of `--timings`.
  static func rounded(_ seconds: Double) -> String {
    String(format: "%.3f", seconds)
  }

  /// `timing: plan NAME S s (PHASE S s, ...)`: a plan's (or a plan's
  /// year's) seconds and its phases.
  static func planLine(_ name: String, seconds: Double, phases: [PhaseTiming]) -> String {
    "timing: plan \(name) \(rounded(seconds)) s ("
      + phases.map { "\($0.phase) \(rounded($0.seconds)) s" }.joined(separator: ", ") + ")"
  }

  /// Prints `lines` on standard error (`--timings`).
  static func print(_ lines: [String]) {
    FileHandle.standardError.write(Data((lines.joined(separator: "\n") + "\n").utf8))
  }
}

/// A run's folder rendered as soon as the run is solved (`compare`'s
/// plans, `forecast`'s years): a failure is kept, to fail the write with
/// status 1 as `allocate` does, not the solve.
func renderedFolder(_ body: () throws -> [OutputFile]) -> Result<[OutputFile], OutputError> {
  do {
    return .success(try body())
  } catch {
    return .failure(OutputError("\(error)"))
  }
}
