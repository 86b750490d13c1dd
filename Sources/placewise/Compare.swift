import ArgumentParser
import Foundation
import Placewise
import PlacewiseReport
import SystemPlumbing

struct Compare: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Compare capacity plans: allocate the case as given (baseline) and with each plan applied.",
    discussion: """
      Each PLAN.csv is a plan file (add_places, new_setting, close_setting rows; see \
      docs/planning.md), applied to the case on its own. Writes comparison.csv, \
      comparison-by-need.csv, moves.csv, report.html and placewise.xlsx (the plans side by side), and \
      plans/NAME/ (what allocate writes) for the baseline and every plan, all or nothing, and prints a \
      table of the figures side by side.
      """
  )

  @OptionGroup var caseOptions: CaseOptions

  @Argument(help: ArgumentHelp("Plan files; each plan is named after its file, without .csv.", valueName: "plan.csv"))
  var plans: [String]

  @Option(name: .long, help: ArgumentHelp("The output folder.", valueName: "out-dir"))
  var out: String

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Stop each solve after this many seconds; the run then fails with status 3 and writes nothing.",
      valueName: "seconds"))
  var timeLimit: Double?

  @Flag(name: .long, help: "Make output files readable by group and others (0644) instead of by you only (0600).")
  var shared = false

  @Flag(name: .long, help: "Print nothing but errors (warnings stay in each plan's summary.json).")
  var quiet = false

  @Flag(name: .long, help: "Print the seconds of each phase on standard error.")
  var timings = false

  @Flag(name: .long, help: "Solve every plan from scratch, one at a time (slower; for measurements).")
  var cold = false

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Who report.html is for: internal (the SEND team, the default) or public (no pupil-level data; counts of 1 to 4 pupils shown as <5).",
      valueName: "level"))
  var reportLevel: ReportLevel = .internal

  func validate() throws {
    try refuseNonUTF8Arguments()
    if plans.isEmpty { throw ValidationError("Give at least one plan file.") }
    try Allocate.checkTimeLimit(timeLimit)
  }

  func run() throws {
    try prepareOutputFolder(out, inputs: caseOptions.inputs(plans))
    var phaseClock = PhaseClock()
    let input: ComparisonInput
    do {
      input = try Comparison.read(
        caseFolder: caseOptions.caseFolder, policyFile: caseOptions.policy, postcodesFile: caseOptions.postcodes,
        planPaths: plans)
    } catch {
      report(error)
      throw ExitCode(ExitStatus.invalidInput)
    }
    if !quiet { reportWarnings(input.cases[0].input.warnings) }
    // The inputs were read and accepted (regular files, so hashing ends): their
    // digests for the manifest are taken while the plans are solved.
    let inputPaths = OutputWriting.caseInputs(
      input.cases[0].input, folder: caseOptions.caseFolder, policyFile: caseOptions.policy, others: plans)
    let inputDigests = BackgroundValue(placeholder: []) { OutputWriting.digests(of: inputPaths) }
    phaseClock.lap("read")
    // Progress on a terminal from here on (the warnings are printed).
    let progress = ProgressLine(quiet: quiet)
    defer { progress?.finish() }
    // Each plan's folder is rendered as soon as it is solved; a rendering
    // failure is an output failure (status 1), as in `allocate`.
    let outcomes: [ComparisonOutcome<Result<[(name: String, contents: [UInt8])], OutputError>>]
    let caseFolder = caseOptions.caseFolder
    do {
      outcomes = try Comparison.run(
        input, options: AllocationOptions(timeLimit: timeLimit, monitor: ProgressLine.monitor(progress)),
        warmStart: !cold, parallel: !cold,
        render: { run in
          do {
            // The digests are hashed by now or soon: the solve took longer.
            let identity = OutputWriting.identity(run.input, caseFolder: caseFolder, inputs: inputDigests.wait())
            return .success(try OutputFiles.render(run, reportLevel: reportLevel, identity: identity))
          } catch {
            return .failure(OutputError("\(error)"))
          }
        })
    } catch {
      progress?.finish()
      throw fail("\(error); nothing was written.", status: ExitStatus.solverFailed)
    }
    phaseClock.lap("solve")
    let pupils = input.cases[0].input.pupils
    // The comparison's figures, worked out once: the files and the printed table read them.
    let tables = ComparisonOutputs(
      outcomes, pupils: pupils, settingNames: MovesCSV.settingNames(input.cases.map(\.input)))
    var files = tables.csvFiles
    do {
      let title = "Plan comparison: " + URL(fileURLWithPath: caseOptions.caseFolder).standardized.lastPathComponent
      let inputs = inputDigests.wait()
      let identity = OutputWriting.identity(input.cases[0].input, caseFolder: caseFolder, inputs: inputs)
      files += try tables.reportFiles(level: reportLevel, title: title, identity: identity)
      for outcome in outcomes {
        files += try outcome.rendered.get().map { ("plans/\(outcome.name)/\($0.name)", $0.contents) }
      }
      phaseClock.lap("report")
      phaseClock.lap("input-digests")
      try OutputWriting.write(
        files, to: out, shared: shared, policy: OutputWriting.effectivePolicy(input.cases[0].input), inputs: inputs)
    } catch let refused as ExitCode {
      progress?.finish()
      throw refused
    } catch {
      progress?.finish()
      throw fail("\(error); nothing was written.", status: ExitStatus.outputFailed)
    }
    phaseClock.lap("write")
    progress?.finish()
    if timings { Self.printTimings(phaseClock, outcomes) }
    if !quiet {
      // Plan names are file names: an escape sequence in one is shown, not run.
      print(TerminalText.safe(tables.printed), terminator: "")
      print(TerminalText.safe("Written: \(out)"))
    }
  }

  /// `--timings`: the command's phases, then each plan's, on standard error.
  static func printTimings<Rendered>(_ phaseClock: PhaseClock, _ outcomes: [ComparisonOutcome<Rendered>]) {
    var lines = phaseClock.phases.map { "timing: \($0.0) \(Self.rounded($0.1)) s" }
    lines += outcomes.map { outcome in
      // model-build is part of solve (see AllocationRun.timings): not listed again.
      let phases = outcome.phases.filter { $0.phase != "model-build" }
      return "timing: plan \(outcome.name) \(Self.rounded(outcome.seconds)) s ("
        + phases.map { "\($0.phase) \(Self.rounded($0.seconds)) s" }.joined(separator: ", ") + ")"
    }
    FileHandle.standardError.write(Data((lines.joined(separator: "\n") + "\n").utf8))
  }

  /// Seconds to the millisecond, for every line of `--timings`.
  static func rounded(_ seconds: Double) -> String {
    String(format: "%.3f", seconds)
  }
}
