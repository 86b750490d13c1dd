import ArgumentParser
import Foundation
import Placewise
import PlacewiseReport
import SystemPlumbing

struct ForecastCommand: OutputCommand {
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

  @Option(
    name: .long, parsing: .unconditional, help: ArgumentHelp("How many years to forecast, 1 to 15.", valueName: "n"))
  var years: Int

  @Option(
    name: .long,
    help: ArgumentHelp(
      "New EHC plans by year, age and need (CSV: year, age, primary_need, new_plans).", valueName: "demand.csv"))
  var demand: String?

  @OptionGroup var output: OutputOptions<Words>

  /// The words of `forecast`'s output options.
  enum Words: OutputHelp {
    static var timeLimit: String {
      "Stop each year's solve after this many seconds; the run then fails with status 3 and writes nothing."
    }
    static var quiet: String { "Print nothing on success." }
    static var reportLevel: String {
      "Who report.html is for: internal (the SEND team, the default) or public (the plans and their costs; every "
        + "count of children withheld: allocate's public page shows the case as given)."
    }
  }

  /// Each year's folder, rendered as soon as the year is solved.
  typealias Outcome = ForecastOutcome<Result<[OutputFile], OutputError>>

  var otherInputs: [String] { plans + [demand].compactMap { $0 } }
  var otherInputKinds: [String: String] {
    var kinds = Dictionary(plans.map { ($0, "plan file") }) { a, _ in a }
    if let demand { kinds[demand] = "demand file" }
    return kinds
  }
  static var reportTitle: String { "Forecast" }

  func validate() throws {
    try refuseNonUTF8Arguments()
    try refuseRepeatedOptions()
    guard (1...15).contains(years) else {
      throw ValidationError("--years must be a whole number from 1 to 15 (found \(years)).")
    }
    try output.checkTimeLimit()
  }

  func run() throws {
    let roll = caseOptions.caseFolder + "/roll.csv"
    guard FileManager.default.fileExists(atPath: roll) else {
      throw fail(
        "\(roll): no such file; forecast needs roll.csv, the pupils with places now (see docs/case-format.md).",
        status: ExitCode.validationFailure.rawValue)
    }
    try runPipeline()
  }

  func read() throws(InvalidCaseError) -> ForecastInput {
    try Forecast.read(
      caseFolder: caseOptions.caseFolder, policyFile: caseOptions.policy, postcodesFile: caseOptions.postcodes,
      planPaths: plans, demandPath: demand, years: years)
  }

  func caseRead(_ input: ForecastInput) -> Case { input.input }

  func warnings(_ input: ForecastInput) -> [InputWarning] { input.input.warnings + input.warnings }

  func solve(_ input: ForecastInput, _ context: PipelineContext, clock: inout PhaseClock) throws -> [Outcome] {
    let total = years
    let progress = context.progress
    let outcomes = try Forecast.run(
      input, options: AllocationOptions(timeLimit: output.timeLimit), writeCase: CaseFiles.render,
      render: { run in renderedFolder { try OutputFiles.render(run, withReport: false) } },
      progress: { plan, year in progress?.update(.phase("forecasting \(plan), year \(year) of \(total)")) })
    clock.lap("solve")
    return outcomes
  }

  func render(_ outcomes: [Outcome], _ input: ForecastInput, _ context: PipelineContext, clock: inout PhaseClock)
    throws -> [OutputFile]
  {
    var files = try ForecastOutputs.render(
      outcomes, years: years, level: context.reportLevel, title: context.title,
      identity: context.identity(input.input))
    for outcome in outcomes {
      for year in outcome.years {
        let folder = "years/\(outcome.name)/\(year.year)/"
        files += year.caseFiles.map { (folder + "case/" + $0.name, $0.contents) }
        files += try year.rendered.get().map { (folder + $0.name, $0.contents) }
      }
    }
    clock.lap("report")
    return files
  }

  func finish(_ outcomes: [Outcome], _ input: ForecastInput, clock: PhaseClock) {
    if output.timings {
      var lines = clock.lines
      for outcome in outcomes {
        for year in outcome.years where !year.sharedWithBaseline {
          let seconds = year.phases.reduce(0) { $0 + $1.seconds }
          lines.append(PhaseClock.planLine("\(outcome.name) year \(year.year)", seconds: seconds, phases: year.phases))
        }
      }
      PhaseClock.print(lines)
    }
    if !output.quiet {
      print(TerminalText.safe(ForecastSummaryText.render(outcomes)), terminator: "")
      print(TerminalText.safe("Written: \(output.out)"))
      if let note = output.publicNote() { print(TerminalText.safe(note)) }
    }
  }
}
