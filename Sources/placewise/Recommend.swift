import ArgumentParser
import Foundation
import Placewise
import PlacewiseReport
import SystemPlumbing

struct Recommend: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Find the best set of expansion options for a capital budget (exact).",
    discussion: """
      OPTIONS.csv is a plan file with an option column (rows sharing an id are one option, \
      taken whole or not at all) and an optional group column (at most one option of a group \
      is taken); see docs/planning.md. Among the sets within the budgets, the best leaves the \
      least unmet need, then refuses fewest protected requests, then (--then capital, the \
      default) costs least capital, then has the lowest placement cost (--then travel swaps \
      these two; --then whole-life ranks capital plus --years of annual and placement costs \
      in pounds, then capital), then the least annual cost; ties \
      go to the set leaving out the earliest-listed option. Writes recommendation.csv, \
      plan.csv, summary.json, report.html, allocation/ (what allocate writes for the case with \
      the chosen options) and, with --frontier N, frontier.csv, all or nothing.
      """
  )

  @OptionGroup var caseOptions: CaseOptions

  @Argument(help: ArgumentHelp("The options file.", valueName: "options.csv"))
  var optionsFile: String

  @Option(
    name: .long,
    help: ArgumentHelp("The capital budget in pounds: 5000000, 5,000,000, £5,000,000, 5m or 500k.", valueName: "pounds")
  )
  var budget: PoundsArgument

  @Option(name: .long, help: ArgumentHelp("The output folder.", valueName: "out-dir"))
  var out: String

  @Option(name: .long, help: ArgumentHelp("An annual budget in pounds, written as --budget is.", valueName: "pounds"))
  var annualBudget: PoundsArgument?

  @Option(
    name: .long,
    help: ArgumentHelp(
      "What ranks after unmet need and requests refused: capital (least capital, then placement cost; the default), travel (placement cost, then capital) or whole-life (capital plus --years of annual and placement costs in pounds, then capital; needs cost = \"pounds\").",
      valueName: "order"))
  var then: RecommendationOrder = .capital

  @Option(
    name: .long,
    help: ArgumentHelp(
      "With --then whole-life: the years of running costs counted (a whole number from 1 to 100; default 5).",
      valueName: "n"))
  var years: Int = 5

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Also write frontier.csv: the best set for each of N + 1 budgets evenly spaced from 0 to --budget.",
      valueName: "n"))
  var frontier: Int?

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Stop each solve after this many seconds; the run then fails with status 3 and writes nothing.",
      valueName: "seconds"))
  var timeLimit: Double?

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Who report.html is for: internal (the default) or public (counts of 1 to 4 shown as <5).", valueName: "level"))
  var reportLevel: ReportLevel = .internal

  @Flag(name: .long, help: "Make output files readable by group and others (0644) instead of by you only (0600).")
  var shared = false

  @Flag(name: .long, help: "Print nothing but errors (warnings stay in allocation/summary.json).")
  var quiet = false

  @Flag(name: .long, help: "Print the seconds of each phase and the allocations solved on standard error.")
  var timings = false

  func validate() throws {
    try refuseNonUTF8Arguments()
    try budget.check("--budget")
    try annualBudget?.check("--annual-budget")
    if let frontier, !(1...1000).contains(frontier) {
      throw ValidationError("--frontier must be a whole number from 1 to 1000, not \(frontier)")
    }
    try Allocate.checkTimeLimit(timeLimit)
    guard (1...100).contains(years) else {
      throw ValidationError("--years must be a whole number from 1 to 100, not \(years)")
    }
  }

  func run() throws {
    try prepareOutputFolder(out, inputs: caseOptions.inputs([optionsFile]))
    var phaseClock = PhaseClock()
    let input: RecommendationInput
    do {
      input = try RecommendationInput.read(
        caseFolder: caseOptions.caseFolder, policyFile: caseOptions.policy, postcodesFile: caseOptions.postcodes,
        optionsPath: optionsFile)
    } catch {
      report(error)
      throw ExitCode(ExitStatus.invalidInput)
    }
    if !quiet { reportWarnings(input.input.warnings) }
    if then == .wholeLife && input.input.policy.costUnit != .pounds {
      throw fail(
        "--then whole-life counts placement costs in pounds: set cost = \"pounds\" (with pounds_per_minute) in the "
          + "policy; nothing was written.", status: ExitStatus.invalidInput)
    }
    phaseClock.lap("read")
    // Progress on a terminal from here on (the warnings are printed).
    let progress = ProgressLine(quiet: quiet)
    defer { progress?.finish() }
    let options = AllocationOptions(timeLimit: timeLimit, monitor: ProgressLine.monitor(progress))
    let budget = budget.pounds
    let annualBudget = annualBudget?.pounds
    let criteria = RecommendationCriteria(budget: budget, annualBudget: annualBudget, then: then, years: Double(years))
    let result: RecommendationResult
    let run: AllocationRun
    do {
      result = try Recommendation.run(input, criteria: criteria, frontierSteps: frontier, options: options)
      phaseClock.lap("search")
      run = try Recommendation.allocate(input, chosen: result.best.chosen, options: options)
      phaseClock.lap("allocate")
    } catch {
      progress?.finish()
      throw fail("\(error); nothing was written.", status: ExitStatus.solverFailed)
    }
    let best = result.best
    let rows = RecommendationCSV.rows(input, chosen: best.chosen)
    var summary = RecommendationSummary(
      budget: budget, annualBudget: annualBudget, then: then.rawValue, unmetPriority: best.unmetPriority,
      placementCost: best.placementCost, baselineUnmetPriority: result.baselineUnmetPriority,
      baselinePlacementCost: result.baselinePlacementCost)
    summary.requestsRefused = best.requestsRefused
    summary.baselineRequestsRefused = result.baselineRequestsRefused
    summary.years = years
    if then == .wholeLife {
      summary.wholeLifeCost = best.capitalCost + Double(years) * (best.annualCost + best.placementCost)
    }
    let frontierRows = result.frontier.map { FrontierCSV.rows(input, frontier: $0) }
    let title = "Recommended options: " + URL(fileURLWithPath: caseOptions.caseFolder).standardized.lastPathComponent
    let inputs = OutputWriting.digests(
      of: OutputWriting.caseInputs(
        input.input, folder: caseOptions.caseFolder, policyFile: caseOptions.policy, others: [optionsFile]))
    let identity = OutputWriting.identity(input.input, caseFolder: caseOptions.caseFolder, inputs: inputs)
    var files = Self.tableFiles(
      input, rows: rows, summary: summary, best: best, frontier: frontierRows, level: reportLevel, title: title,
      identity: identity, details: RecommendationDetails.rows(input, chosen: best.chosen, run: run))
    do {
      files.append(
        (WorkbookReport.fileName, try RecommendationWorkbook.render(options: rows, frontier: frontierRows)))
      files += try OutputFiles.render(run, reportLevel: reportLevel, identity: identity).map {
        ("allocation/" + $0.name, $0.contents)
      }
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
      var lines = phaseClock.phases.map { "timing: \($0.0) \(Compare.rounded($0.1)) s" }
      lines.append("timing: allocations solved \(result.allocationsSolved)")
      lines.append("timing: master MIPs solved \(result.masterSolves)")
      FileHandle.standardError.write(Data((lines.joined(separator: "\n") + "\n").utf8))
    }
    if !quiet {
      print(
        TerminalText.safe(summaryText(rows: rows, result: result, pounds: input.input.policy.costUnit == .pounds)),
        terminator: "")
    }
  }

  /// The tables and the report: every output but the workbook and allocation/.
  static func tableFiles(
    _ input: RecommendationInput, rows: [RecommendationOptionRow], summary: RecommendationSummary,
    best: EvaluatedSet, frontier frontierRows: [FrontierRow]?, level: ReportLevel, title: String,
    identity: RunIdentity, details: [RecommendationOptionDetail]? = nil
  ) -> [(name: String, contents: [UInt8])] {
    let json = RecommendationJSON.render(
      summary: summary, chosen: rows.filter(\.chosen), capitalCost: best.capitalCost, annualCost: best.annualCost)
    let report = RecommendationReport.render(
      summary: summary, options: rows, frontier: frontierRows, level: level, title: title, identity: identity,
      details: details)
    var files: [(name: String, contents: [UInt8])] = [
      ("recommendation.csv", Array(RecommendationCSV.render(rows).utf8)),
      ("plan.csv", Array(PlanCSV.render(input.plan(choosing: best.chosen)).utf8)),
      ("summary.json", Array(json.utf8)),
      ("report.html", Array(report.utf8)),
    ]
    if let frontierRows { files.append(("frontier.csv", Array(FrontierCSV.render(frontierRows).utf8))) }
    return files
  }

  /// The summary printed on success.
  func summaryText(rows: [RecommendationOptionRow], result: RecommendationResult, pounds: Bool) -> String {
    let best = result.best
    let chosen = rows.filter(\.chosen).map(\.option)
    var text = "Best set within a capital budget of \(NumberText.pounds(budget.pounds))"
    if let annualBudget { text += " and an annual budget of \(NumberText.pounds(annualBudget.pounds))" }
    text += ": " + (chosen.isEmpty ? "no option" : chosen.joined(separator: ", ")) + "\n"
    text +=
      "  capital cost \(NumberText.pounds(best.capitalCost)), annual cost \(NumberText.pounds(best.annualCost))\n"
    typealias F = NumberFormatting
    text += "  children without a place, weighted by priority: \(F.grouped(best.unmetPriority)) "
    text += "(\(F.grouped(result.baselineUnmetPriority)) without the options)\n"
    if best.requestsRefused + result.baselineRequestsRefused > 0 {
      text += "  protected requests refused: \(F.grouped(best.requestsRefused)) "
      text += "(\(F.grouped(result.baselineRequestsRefused)) without the options)\n"
    }
    if pounds {
      text += "  placement and transport costs: \(NumberText.pounds(best.placementCost)) a year "
      text += "(\(NumberText.pounds(result.baselinePlacementCost)) without the options)\n"
    } else {
      text += "  journeys and missed preferences: \(F.decimal(best.placementCost, places: 1)) minutes "
      text += "(\(F.decimal(result.baselinePlacementCost, places: 1)) without the options)\n"
    }
    if then == .wholeLife {
      let wholeLife = best.capitalCost + Double(years) * (best.annualCost + best.placementCost)
      text += "  whole-life cost over \(years) years: \(NumberText.pounds(wholeLife))\n"
    }
    text += "  \(F.grouped(result.allocationsSolved)) allocations solved exactly, "
    text += "\(F.grouped(result.masterSolves)) master MIPs solved\n"
    return text + "Written: \(out)\n"
  }
}

/// Figures as the printed summary shows them.
private enum NumberText {
  static func pounds(_ value: Double) -> String {
    let whole = Int(value.rounded())
    let digits = String(abs(whole))
    var grouped = ""
    for (i, c) in digits.enumerated() {
      if i > 0 && (digits.count - i) % 3 == 0 { grouped += "," }
      grouped.append(c)
    }
    return (whole < 0 ? "-" : "") + "£" + grouped
  }

}

/// A money option as typed (`--budget 5m`): read by ``PoundsText``, the
/// one parser of amounts, and refused in `validate()` with the accepted
/// forms (status 2) before anything is read, never trapped on later.
struct PoundsArgument: ExpressibleByArgument {
  /// The text as given.
  var text: String
  /// The amount, or why it cannot be one.
  var parsed: Result<Double, PoundsText.Problem>

  init?(argument: String) {
    text = argument
    parsed = PoundsText.parse(argument)
  }

  /// The amount in pounds (0 for a refused one, which `check` stops first).
  var pounds: Double { (try? parsed.get()) ?? 0 }

  /// Refuses an amount that is not one, or out of range, for `option`.
  func check(_ option: String) throws {
    guard case .failure(let problem) = parsed else { return }
    throw fail(PoundsText.message(option: option, text: text, problem: problem), status: ExitStatus.invalidInput)
  }
}
