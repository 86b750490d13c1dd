import ArgumentParser
import Foundation
import Placewise
import PlacewiseReport
import SystemPlumbing

struct Compare: OutputCommand {
  static let configuration = CommandConfiguration(
    abstract: "Compare capacity plans: allocate the case as given (baseline) and with each plan applied.",
    discussion: """
      Each PLAN.csv is a plan file (add_places, new_setting, close_setting rows; see \
      docs/planning.md), applied to the case on its own. Writes comparison.csv, \
      comparison-by-need.csv, moves.csv, report.html and placewise.xlsx (the plans side by side), and \
      plans/NAME/ (what allocate writes; with --plan-outputs summary, its placements.csv, summary.json and \
      settings.csv) for the baseline and every plan, all or nothing, and prints a table of the figures side by \
      side.
      """
  )

  /// The words of `compare`'s output options.
  enum Words: OutputHelp {
    static var quiet: String { "Print nothing but errors (warnings stay in each plan's summary.json)." }
    static var reportLevel: String {
      "Who report.html is for: internal (the SEND team, the default) or public (the plans and their costs; every "
        + "count of children withheld: plans/baseline/report.html is allocate's public page of the case as given)."
    }
  }

  @OptionGroup var caseOptions: CaseOptions

  @Argument(help: ArgumentHelp("Plan files; each plan is named after its file, without .csv.", valueName: "plan.csv"))
  var plans: [String]

  @OptionGroup var output: OutputOptions<Words>

  @Flag(name: .long, help: "Solve every plan from scratch, one at a time (slower; for measurements).")
  var cold = false

  /// What each plan's folder holds.
  enum PlanOutputs: String, ExpressibleByArgument, CaseIterable {
    case full, summary
  }

  @Option(
    name: .customLong("plan-outputs"),
    help: ArgumentHelp(
      "What each plans/NAME/ folder holds: full (what allocate writes, the default) or summary (placements.csv, "
        + "summary.json and settings.csv only: no report, workbook, place values or explanations per plan, "
        + "about half the time with 10 plans on a 20k county; see BENCHMARKS.md).",
      valueName: "full|summary"))
  var planOutputs: PlanOutputs = .full

  /// Each plan's folder, rendered as soon as the plan is solved.
  typealias Outcome = ComparisonOutcome<Result<[OutputFile], OutputError>>

  /// The plans solved, and the comparison's figures worked out once from
  /// them: the files and the printed table read the same.
  struct Compared {
    let outcomes: [Outcome]
    let tables: ComparisonOutputs
  }

  var otherInputs: [String] { plans }
  var otherInputKinds: [String: String] { Dictionary(plans.map { ($0, "plan file") }) { a, _ in a } }
  static var reportTitle: String { "Plan comparison" }

  func validate() throws {
    try refuseNonUTF8Arguments()
    try refuseRepeatedOptions()
    if plans.isEmpty { throw ValidationError("Give at least one plan file.") }
    try output.checkTimeLimit()
  }

  func read() throws(InvalidCaseError) -> ComparisonInput {
    try Comparison.read(
      caseFolder: caseOptions.caseFolder, policyFile: caseOptions.policy, postcodesFile: caseOptions.postcodes,
      planPaths: plans)
  }

  func caseRead(_ input: ComparisonInput) -> Case { input.cases[0].input }

  func solve(_ input: ComparisonInput, _ context: PipelineContext, clock: inout PhaseClock) throws -> Compared {
    // Each plan's folder is rendered as soon as it is solved; a rendering
    // failure is an output failure (status 1), as in `allocate`.
    var options = AllocationOptions(timeLimit: output.timeLimit, monitor: context.monitor)
    // A summary folder needs neither place values nor explanations: not worked out.
    let full = planOutputs == .full
    options.placeValues = full
    options.explanations = full
    let outcomes = try Comparison.run(
      input, options: options, warmStart: !cold, parallel: !cold,
      render: { run in
        // The digests are hashed by now or soon: the solve took longer.
        renderedFolder {
          try OutputFiles.render(
            run, reportLevel: context.reportLevel, withReport: full, identity: context.identity(run.input))
        }
      })
    clock.lap("solve")
    // Timed with the report (the next lap).
    let tables = ComparisonOutputs(
      outcomes, pupils: input.cases[0].input.pupils, settingNames: MovesCSV.settingNames(input.cases.map(\.input)))
    return Compared(outcomes: outcomes, tables: tables)
  }

  func render(_ compared: Compared, _ input: ComparisonInput, _ context: PipelineContext, clock: inout PhaseClock)
    throws -> [OutputFile]
  {
    var files = compared.tables.csvFiles
    files += try compared.tables.reportFiles(
      level: context.reportLevel, title: context.title, identity: context.identity(input.cases[0].input))
    // A plan's public allocation page is withheld (rounds twenty-four and
    // thirty-two): a page saying so stands in its place.
    let changed = Array(WithheldPage.planAllocation(title: context.title).utf8)
    for (k, outcome) in compared.outcomes.enumerated() {
      files += try outcome.rendered.get().map { file in
        let stands = context.reportLevel == .public && k > 0 && file.name == "report.html"
        return ("plans/\(outcome.name)/\(file.name)", stands ? changed : file.contents)
      }
    }
    clock.lap("report")
    clock.lap("input-digests")
    return files
  }

  func finish(_ compared: Compared, _ input: ComparisonInput, clock: PhaseClock) {
    if output.timings { Self.printTimings(clock, compared.outcomes) }
    if !output.quiet {
      // The warnings of each allocation that the case's reading did not
      // print (a new setting travel.csv lists no journey to, pupils left on
      // a closed school's roll, agreed placements over a school's places),
      // named by plan (round twenty-seven: they were in
      // plans/NAME/summary.json only); a plan's are those the baseline's
      // allocation does not share.
      let caseWarnings = Set(caseRead(input).warnings.map(\.description))
      var baseline = caseWarnings
      var own: [InputWarning] = []
      for (k, outcome) in compared.outcomes.enumerated() {
        var said = k == 0 ? caseWarnings : baseline
        let all = (k < input.cases.count ? input.cases[k].input.warnings : []) + outcome.summary.warnings
        for warning in all where said.insert(warning.description).inserted {
          var named = warning
          named.file = (k == 0 ? "baseline" : "plan \(outcome.name)") + ", \(warning.file)"
          own.append(named)
        }
        if k == 0 { baseline = said }
      }
      reportWarnings(own)
      // Plan names are file names: an escape sequence in one is shown, not run.
      print(TerminalText.safe(compared.tables.printed), terminator: "")
      print(TerminalText.safe("Written: \(output.out)"))
      if let note = output.publicNote(
        pages: "report.html, and plans/baseline/report.html (allocate's page of the case as given)")
      {
        print(TerminalText.safe(note))
      }
    }
  }

  /// `--timings`: the command's phases, then each plan's, on standard error.
  static func printTimings<Rendered>(_ clock: PhaseClock, _ outcomes: [ComparisonOutcome<Rendered>]) {
    PhaseClock.print(
      clock.lines
        + outcomes.map { outcome in
          // auction and model-build are parts of solve (see AllocationRun.timings): not listed again.
          PhaseClock.planLine(
            outcome.name, seconds: outcome.seconds, phases: outcome.phases.filter { !$0.isPartOfSolve })
        })
  }
}
