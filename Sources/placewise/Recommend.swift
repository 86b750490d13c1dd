import ArgumentParser
import Foundation
import Placewise
import PlacewiseReport
import SystemPlumbing

struct Recommend: OutputCommand {
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
      plan.csv, summary.json, report.html, placewise.xlsx, allocation/ (what allocate writes for the case with \
      the chosen options) and, with --frontier N, frontier.csv, all or nothing. Not yet \
      modelled, and refused (status 2) with a message naming them: a case with agreed \
      placements (fixed_urn), and options that change whether a request is protected or \
      where a pupil could stay; compare such options as plans.
      """
  )

  @OptionGroup var caseOptions: CaseOptions

  @Argument(help: ArgumentHelp("The options file.", valueName: "options.csv"))
  var optionsFile: String

  // Read whatever follows (`.unconditional`), so that `--budget -1` is
  // refused as an amount below 0, not as a missing value.
  @Option(
    name: .long, parsing: .unconditional,
    help: ArgumentHelp("The capital budget in pounds: 5000000, 5,000,000, £5,000,000, 5m or 500k.", valueName: "pounds")
  )
  var budget: PoundsArgument

  @Option(
    name: .long, parsing: .unconditional,
    help: ArgumentHelp("An annual budget in pounds, written as --budget is.", valueName: "pounds"))
  var annualBudget: PoundsArgument?

  @Option(
    name: .long,
    help: ArgumentHelp(
      "What ranks after unmet need and requests refused: capital (least capital, then placement cost; the default), travel (placement cost, then capital) or whole-life (capital plus --years of annual and placement costs in pounds, then capital; needs cost = \"pounds\").",
      valueName: "order"))
  var then: RecommendationOrder = .capital

  @Option(
    name: .customLong("years"), parsing: .unconditional,
    help: ArgumentHelp(
      "With --then whole-life: the years of running costs counted (a whole number from 1 to 100; default 5).",
      valueName: "n"))
  var yearsGiven: Int?

  /// The years of running costs `--then whole-life` counts.
  var years: Int { yearsGiven ?? 5 }

  @Option(
    name: .long, parsing: .unconditional,
    help: ArgumentHelp(
      "Also write frontier.csv: the best set for each of N + 1 budgets evenly spaced from 0 to --budget.",
      valueName: "n"))
  var frontier: Int?

  @OptionGroup var output: OutputOptions<Words>

  /// The words of `recommend`'s output options.
  enum Words: OutputHelp {
    static var quiet: String { "Print nothing but errors (warnings stay in allocation/summary.json)." }
    static var timings: String { "Print the seconds of each phase and the allocations solved on standard error." }
    static var reportLevel: String {
      "Who report.html is for: internal (the default) or public (the options file's options, places and costs, and the budgets; which are chosen, at every budget, is withheld)."
    }
  }

  /// The search's result, the allocation of the best set, and every option's row.
  struct Found {
    var result: RecommendationResult
    var run: AllocationRun
    var rows: [RecommendationOptionRow]
  }

  var otherInputs: [String] { [optionsFile] }
  var otherInputKinds: [String: String] { [optionsFile: "options file"] }
  static var reportTitle: String { "Recommended options" }

  func validate() throws {
    try refuseNonUTF8Arguments()
    try refuseRepeatedOptions()
    try budget.check("--budget")
    try annualBudget?.check("--annual-budget")
    if let frontier, !(1...1000).contains(frontier) {
      throw ValidationError("--frontier must be a whole number from 1 to 1000, not \(frontier)")
    }
    try output.checkTimeLimit()
    guard (1...100).contains(years) else {
      throw ValidationError("--years must be a whole number from 1 to 100, not \(years)")
    }
    // Counted only by whole-life: given with another order it would change
    // nothing, silently (round twenty-one).
    if yearsGiven != nil, then != .wholeLife {
      throw ValidationError("--years counts running costs for --then whole-life only; give both, or neither")
    }
  }

  func read() throws(InvalidCaseError) -> RecommendationInput {
    try RecommendationInput.read(
      caseFolder: caseOptions.caseFolder, policyFile: caseOptions.policy, postcodesFile: caseOptions.postcodes,
      optionsPath: optionsFile)
  }

  func caseRead(_ input: RecommendationInput) -> Case { input.input }

  func check(_ input: RecommendationInput) throws {
    if then == .wholeLife && input.input.policy.costUnit != .pounds {
      throw fail(
        "--then whole-life counts placement costs in pounds: set cost = \"pounds\" (with pounds_per_minute) in the "
          + "policy; nothing was written.", status: ExitStatus.invalidInput)
    }
  }

  func solve(_ input: RecommendationInput, _ context: PipelineContext, clock: inout PhaseClock) throws -> Found {
    let options = AllocationOptions(timeLimit: output.timeLimit, monitor: context.monitor)
    let criteria = RecommendationCriteria(
      budget: budget.pounds, annualBudget: annualBudget?.pounds, then: then, years: Double(years))
    let result = try Recommendation.run(input, criteria: criteria, frontierSteps: frontier, options: options)
    clock.lap("search")
    // The search's own allocation of the best set, checked, not solved again.
    let run = try Recommendation.allocate(
      input, chosen: result.best.chosen, solved: result.bestAllocation, options: options)
    clock.lap("allocate")
    return Found(result: result, run: run, rows: RecommendationCSV.rows(input, chosen: result.best.chosen))
  }

  func render(_ found: Found, _ input: RecommendationInput, _ context: PipelineContext, clock: inout PhaseClock)
    throws -> [OutputFile]
  {
    let frontierRows = found.result.frontier.map { FrontierCSV.rows(input, frontier: $0) }
    let identity = context.identity(input.input)
    let details = RecommendationDetails.rows(input, chosen: found.result.best.chosen, run: found.run)
    let overview = summary(found.result)
    var files = Self.tableFiles(
      input, rows: found.rows, summary: overview, best: found.result.best, frontier: frontierRows,
      level: context.reportLevel, title: context.title, identity: identity, details: details)
    files.append(
      (WorkbookReport.fileName, try RecommendationWorkbook.render(options: found.rows, frontier: frontierRows)))
    // A public allocation page of the case with the options applied, beside
    // allocate's of the case as given, gives back what the options change
    // (round twenty-four): a page saying so stands in its place.
    files += try OutputFiles.render(found.run, reportLevel: context.reportLevel, identity: identity).map { file in
      guard context.reportLevel == .public, file.name == "report.html" else {
        return ("allocation/" + file.name, file.contents)
      }
      // Its settings' free places would name the options the public page
      // withholds (hostile trial, round ten).
      return ("allocation/" + file.name, Array(RecommendationReport.withheldAllocationPage(title: context.title).utf8))
    }
    return files
  }

  func finish(_ found: Found, _ input: RecommendationInput, clock: PhaseClock) {
    let result = found.result
    if output.timings {
      PhaseClock.print(
        clock.lines + [
          "timing: allocations solved \(result.allocationsSolved)", "timing: master MIPs solved \(result.masterSolves)",
        ])
    }
    if !output.quiet {
      print(
        TerminalText.safe(
          summaryText(rows: found.rows, result: result, pounds: input.input.policy.costUnit == .pounds)),
        terminator: "")
      if let note = output.publicNote() { print(TerminalText.safe(note)) }
    }
  }

  /// The figures of summary.json.
  func summary(_ result: RecommendationResult) -> RecommendationSummary {
    let best = result.best
    var summary = RecommendationSummary(
      budget: budget.pounds, annualBudget: annualBudget?.pounds, then: then.rawValue,
      unmetPriority: best.unmetPriority, placementCost: best.placementCost,
      baselineUnmetPriority: result.baselineUnmetPriority, baselinePlacementCost: result.baselinePlacementCost)
    summary.requestsRefused = best.requestsRefused
    summary.baselineRequestsRefused = result.baselineRequestsRefused
    summary.years = years
    if then == .wholeLife {
      summary.wholeLifeCost = best.wholeLifeCost(years: years)
    }
    return summary
  }

  /// The tables and the report: every output but the workbook and allocation/.
  static func tableFiles(
    _ input: RecommendationInput, rows: [RecommendationOptionRow], summary: RecommendationSummary,
    best: EvaluatedSet, frontier frontierRows: [FrontierRow]?, level: ReportLevel, title: String,
    identity: RunIdentity, details: [RecommendationOptionDetail]? = nil
  ) -> [OutputFile] {
    let json = RecommendationJSON.render(
      summary: summary, chosen: rows.filter(\.chosen), capitalCost: best.capitalCost, annualCost: best.annualCost)
    let report = RecommendationReport.render(
      summary: summary, options: rows, frontier: frontierRows, level: level, title: title, identity: identity,
      details: details)
    var files: [OutputFile] = [
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
    var text = "Best set within a capital budget of \(NumberFormatting.pounds(budget.pounds))"
    if let annualBudget { text += " and an annual budget of \(NumberFormatting.pounds(annualBudget.pounds))" }
    text += ": " + (chosen.isEmpty ? "no option" : chosen.joined(separator: ", ")) + "\n"
    text +=
      "  capital cost \(NumberFormatting.pounds(best.capitalCost)), annual cost \(NumberFormatting.pounds(best.annualCost))\n"
    typealias F = NumberFormatting
    text += "  children without a place, weighted by priority: \(F.grouped(best.unmetPriority)) "
    text += "(\(F.grouped(result.baselineUnmetPriority)) without the options)\n"
    if best.requestsRefused + result.baselineRequestsRefused > 0 {
      text += "  protected requests refused: \(F.grouped(best.requestsRefused)) "
      text += "(\(F.grouped(result.baselineRequestsRefused)) without the options)\n"
    }
    if pounds {
      // Level C in pounds: places and transport, and the penalties for
      // missed preferences and moves at pounds_per_minute, which no one pays
      // (round thirty-three: "placement and transport costs" overstated them).
      text += "  placement cost (places, transport and penalties in pounds): "
      text += "\(NumberFormatting.pounds(best.placementCost)) a year "
      text += "(\(NumberFormatting.pounds(result.baselinePlacementCost)) without the options)\n"
    } else {
      text += "  journeys and missed preferences: \(F.decimal(best.placementCost, places: 1)) minutes "
      text += "(\(F.decimal(result.baselinePlacementCost, places: 1)) without the options)\n"
    }
    if let wholeLife = summary(result).wholeLifeCost {
      text += "  whole-life cost over \(years) years: \(NumberFormatting.pounds(wholeLife))\n"
    }
    text += "  \(F.grouped(result.allocationsSolved)) allocations solved exactly, "
    text += "\(F.grouped(result.masterSolves)) master MIPs solved\n"
    return text + "Written: \(output.out)\n"
  }
}

/// A money option as typed (`--budget 5m`): read by ``PoundsText``, the
/// one parser of amounts, and refused in `validate()` with the accepted
/// forms before anything is read, never trapped on later: a usage error
/// (status 64), like every other option out of its range.
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
    throw ValidationError(PoundsText.message(option: option, text: text, problem: problem))
  }
}
