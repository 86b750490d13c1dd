import ArgumentParser
import Foundation
import Placewise
import PlacewiseReport
import SystemPlumbing

struct ForecastCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "forecast",
    abstract: "Roll the caseload forward year by year and show where and when each capacity plan falls short.",
    discussion: """
      Year 1 is the placement the case describes (pupils.csv is its batch; roll.csv, required, holds \
      the pupils with places now). Each year the batch is allocated exactly as allocate would; the \
      placed join the roll, the unplaced are carried over, everyone ages a year, pupils older than \
      leave_age leave, and pupils whose setting's age range they have left join the next batch \
      (a phase transfer), with the new EHC plans of --demand. Plan rows take effect from their \
      year column (default 1); the baseline (no plan) is always forecast, and each plan on its own. \
      See docs/forecast.md.

      Writes forecast.csv (by plan, year and need), forecast-summary.csv (by plan and year), \
      forecast-settings.csv (by plan, year and setting), report.html, placewise.xlsx, and \
      years/PLAN/Y/ (each year's case in case/, as allocate reads it, and what allocate writes \
      for it), all or nothing.
      """
  )

  @OptionGroup var caseOptions: CaseOptions

  @Argument(
    help: ArgumentHelp(
      "Plan files, each forecast on its own; a row's year says when it takes effect.", valueName: "plan.csv"))
  var plans: [String] = []

  @Option(name: .long, help: ArgumentHelp("How many years to forecast, 1 to 15.", valueName: "n"))
  var years: Int

  @Option(
    name: .long,
    help: ArgumentHelp(
      "New EHC plans by year, age and need (CSV: year, age, primary_need, new_plans).", valueName: "demand.csv"))
  var demand: String?

  @Option(name: .long, help: ArgumentHelp("The output folder.", valueName: "out-dir"))
  var out: String

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Stop each year's solve after this many seconds; the run then fails with status 3 and writes nothing.",
      valueName: "seconds"))
  var timeLimit: Double?

  @Flag(name: .long, help: "Make output files readable by group and others (0644) instead of by you only (0600).")
  var shared = false

  @Flag(name: .long, help: "Print nothing on success.")
  var quiet = false

  @Flag(name: .long, help: "Print the seconds of each phase on standard error.")
  var timings = false

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Who report.html is for: internal (the SEND team, the default) or public (counts of 1 to 4 pupils shown as <5).",
      valueName: "level"))
  var reportLevel: ReportLevel = .internal

  func validate() throws {
    try refuseNonUTF8Arguments()
    guard (1...15).contains(years) else {
      throw ValidationError("--years must be a whole number from 1 to 15 (found \(years)).")
    }
    try Allocate.checkTimeLimit(timeLimit)
  }

  func run() throws {
    let roll = caseOptions.caseFolder + "/roll.csv"
    guard FileManager.default.fileExists(atPath: roll) else {
      throw fail(
        "\(roll): no such file; forecast needs roll.csv, the pupils with places now (see docs/case-format.md).",
        status: ExitCode.validationFailure.rawValue)
    }
    try prepareOutputFolder(out, inputs: caseOptions.inputs(plans + [demand].compactMap { $0 }))
    var phaseClock = PhaseClock()
    let input: ForecastInput
    do {
      input = try Forecast.read(
        caseFolder: caseOptions.caseFolder, policyFile: caseOptions.policy, postcodesFile: caseOptions.postcodes,
        planPaths: plans, demandPath: demand, years: years)
    } catch {
      report(error)
      throw ExitCode(ExitStatus.invalidInput)
    }
    if !quiet { reportWarnings(input.input.warnings + input.warnings) }
    let inputPaths = OutputWriting.caseInputs(
      input.input, folder: caseOptions.caseFolder, policyFile: caseOptions.policy,
      others: plans + [demand].compactMap { $0 })
    let inputDigests = BackgroundValue(placeholder: []) { OutputWriting.digests(of: inputPaths) }
    phaseClock.lap("read")
    let progress = ProgressLine(quiet: quiet)
    defer { progress?.finish() }
    let total = years
    let outcomes: [ForecastOutcome<Result<[(name: String, contents: [UInt8])], OutputError>>]
    do {
      outcomes = try Forecast.run(
        input, options: AllocationOptions(timeLimit: timeLimit), writeCase: CaseFiles.render,
        render: { run in
          do {
            return .success(try OutputFiles.render(run, withReport: false))
          } catch {
            return .failure(OutputError("\(error)"))
          }
        },
        progress: { plan, year in progress?.update(.phase("forecasting \(plan), year \(year) of \(total)")) })
    } catch {
      progress?.finish()
      throw fail("\(error); nothing was written.", status: ExitStatus.solverFailed)
    }
    phaseClock.lap("solve")
    do {
      let title = "Forecast: " + URL(fileURLWithPath: caseOptions.caseFolder).standardized.lastPathComponent
      let inputs = inputDigests.wait()
      let identity = OutputWriting.identity(input.input, caseFolder: caseOptions.caseFolder, inputs: inputs)
      var files = try ForecastOutputs.render(
        outcomes, years: years, level: reportLevel, title: title, identity: identity)
      for outcome in outcomes {
        for year in outcome.years {
          let folder = "years/\(outcome.name)/\(year.year)/"
          files += year.caseFiles.map { (folder + "case/" + $0.name, $0.contents) }
          files += try year.rendered.get().map { (folder + $0.name, $0.contents) }
        }
      }
      phaseClock.lap("report")
      try OutputWriting.write(
        files, to: out, shared: shared, policy: OutputWriting.effectivePolicy(input.input), inputs: inputs)
    } catch let refused as ExitCode {
      progress?.finish()
      throw refused
    } catch {
      progress?.finish()
      throw fail("\(error); nothing was written.", status: ExitStatus.outputFailed)
    }
    phaseClock.lap("write")
    progress?.finish()
    if timings {
      var lines = phaseClock.phases.map { "timing: \($0.0) \($0.1) s" }
      for outcome in outcomes {
        for year in outcome.years where !year.sharedWithBaseline {
          let total = year.phases.reduce(0) { $0 + $1.seconds }
          lines.append(
            "timing: plan \(outcome.name) year \(year.year) \(Compare.rounded(total)) s ("
              + year.phases.map { "\($0.phase) \(Compare.rounded($0.seconds)) s" }.joined(separator: ", ") + ")")
        }
      }
      FileHandle.standardError.write(Data((lines.joined(separator: "\n") + "\n").utf8))
    }
    if !quiet {
      print(TerminalText.safe(ForecastSummaryText.render(outcomes)), terminator: "")
      print(TerminalText.safe("Written: \(out)"))
    }
  }
}
