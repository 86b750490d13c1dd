import Foundation
import GLPK
import ParallelWork

/// A case and the plans to compare on it, read and checked: every plan
/// applied, so that solving can no longer fail on the input.
public struct ComparisonInput: Sendable {
  /// The case as read, with the journeys to settings plans open.
  package var base: CaseWithOpenings
  /// The baseline (the case as given) first, then the plans in the order
  /// given. With a travel matrix, the plans' journeys are pending
  /// (`PlannedCase.journeysPending`) until `Comparison.run` solves them.
  public var cases: [PlannedCase]
}

/// What one allocation of a comparison gives: its figures, where each pupil
/// went, and what the caller rendered from the run while it was in memory.
public struct ComparisonOutcome<Rendered: Sendable>: Sendable {
  /// `baseline` or the plan's name.
  public var name: String
  /// The plan (nil for the baseline).
  public var plan: Plan?
  /// The allocation's figures.
  public var summary: AllocationSummary
  /// Pupils displaced into the plan's batch by its closures (at its end).
  public var displaced = 0
  /// Each pupil's setting (nil: unplaced), in input order.
  public var urns: [URN?]
  /// Per primary need, in code order: (pupils, placed, unmet priority).
  public var byNeed: [(need: NeedCode, pupils: Int, placed: Int, unmetPriority: Int)]
  /// The caller's rendering of the run (the plan's output files).
  public var rendered: Rendered
  /// Seconds spent on this allocation (candidates, solve, check, render).
  public var seconds: Double
  /// Those seconds by phase: for a plan, `journeys` (with a travel
  /// matrix) and `candidates`; the run's own phases (`AllocationRun.timings`);
  /// then `render`.
  public var phases: [PhaseTiming]
}

/// `compare`: the baseline and every plan allocated exactly, each plan on
/// its own (plans do not stack).
///
/// The case is read once. The baseline is solved from scratch; each plan
/// then takes the baseline's candidate rows and blocked pairs for every
/// pupil it cannot touch (`PlanDelta`), and is solved from the baseline's
/// optimum carried over (every pupil at its
/// baseline place where that place still exists, the baseline's place
/// prices as the start of the pricing loop), so only what the plan changes
/// is re-solved. The pricing loop proves each plan's optimum whatever the
/// start. Plans are solved two at a time where GLPK keeps an environment
/// per thread.
public enum Comparison {
  /// Reads the case and the plans and applies each plan: every problem in
  /// the case and in any plan is reported at once.
  ///
  /// - Throws: `InvalidCaseError` listing every problem found.
  public static func read(
    caseFolder: String, policyFile: String?, postcodesFile: String? = nil, planPaths: [String]
  ) throws(InvalidCaseError) -> ComparisonInput {
    var problems = ProblemList(limit: CaseReader.problemLimit)
    let plans = Self.readPlans(planPaths, problems: &problems)
    let base = try Self.readCase(
      caseFolder: caseFolder, policyFile: policyFile, postcodesFile: postcodesFile, plans: plans, problems: problems)
    var cases = [
      PlannedCase(plan: nil, name: Plan.baselineName, input: base.input, origin: Array(base.input.settings.indices))
    ]
    // travel.csv's rows to each setting plans open: with a travel matrix, a
    // new setting it lists no journey to is one no pupil can reach, and a
    // plan of it changes nothing (round twenty-four: said nowhere).
    var rowsTo = [Int](repeating: 0, count: base.openings.count)
    for j in 0..<base.openingTravel.count { rowsTo[Int(base.openingTravel.setting[j])] += 1 }
    for (i, plan) in plans.enumerated() {
      guard let plan else { continue }
      problems.fileRank = 10 + i
      // Each plan's journeys are derived when it is solved (on a worker
      // thread, one or two plans at a time), not all here.
      if var planned = PlanApplication.apply(plan, to: base, problems: &problems, journeys: false) {
        if base.input.travel != nil {
          let unreached = plan.openings.filter { urn in
            base.openings.firstIndex(of: urn).map { rowsTo[$0] == 0 } ?? false
          }
          for urn in unreached {
            planned.input.warnings.append(
              InputWarning(
                file: "travel.csv",
                message: "lists no journey to \(urn), which \(plan.name) opens: no pupil can reach it, so it places "
                  + "no one (add its rows to travel.csv)"))
          }
        }
        let later = plan.rows.count { $0.year > 1 }
        if later > 0 {
          // compare answers one September with each plan complete; forecast
          // applies rows year by year. A planner must see which was done.
          planned.input.warnings.append(
            InputWarning(
              file: plan.file,
              message: "\(later) row\(later == 1 ? "" : "s") with a year after 1 applied as if in effect now "
                + "(compare shows each plan complete; forecast applies rows from their year)",
              count: later))
        }
        cases.append(planned)
      }
    }
    guard problems.total == 0 else { throw problems.error() }
    return ComparisonInput(base: base, cases: cases)
  }

  /// Reads plan files and checks their names by `compare`'s rules (each
  /// names its outputs' folder: distinct, not `baseline`, not empty).
  /// Nil for a file that could not be read as a table.
  static func readPlans(_ planPaths: [String], problems: inout ProblemList) -> [Plan?] {
    var plans: [Plan?] = []
    // By the name folded to lower case: `Baseline` and `baseline`, or
    // `Plan-A` and `plan-a`, are one folder on a case-insensitive share
    // (SMB, macOS, a Windows copy of the output): round twenty-one.
    var names: [String: String] = [:]
    for (i, path) in planPaths.enumerated() {
      let plan = PlanReader.read(path: path, isOptions: false, problems: &problems, fileRank: 10 + i)
      let name = PlanReader.planName(path)
      let folded = name.lowercased()
      if let (first, _) = IdentifierText.invisible(in: name) {
        // Written raw into comparison.csv and the folder's name: an escape
        // sequence there runs in a terminal that prints either.
        problems.add(
          InputProblem(
            file: path, line: nil, column: nil, field: nil,
            found: "a plan name holding " + IdentifierText.describe(first),
            expected: "a file name of printable characters: the name labels the plan's outputs and names its folder"))
      } else if name != InputText.trimmed(name) {
        problems.add(
          InputProblem(
            file: path, line: nil, column: nil, field: nil, found: "a plan name starting or ending with a space",
            expected: "a file name without spaces around the plan name (a CSV reader trims them)"))
      } else if name.allSatisfy({ $0 == "." }) {
        // `.csv` or `...csv`: no name for its plans/NAME/ folder, which would fail after solving.
        problems.add(
          InputProblem(
            file: path, line: nil, column: nil, field: nil,
            found: name.isEmpty ? "a plan with no name (the file is named .csv)" : "a plan named \"\(name)\"",
            expected: "a file name with a plan name before .csv (plan-a.csv): the name labels the plan's "
              + "outputs and names its folder"))
      } else if folded == Plan.baselineName {
        problems.add(
          InputProblem(
            file: path, line: nil, column: nil, field: nil, found: "a plan named \(name)",
            expected: "another file name: \(Plan.baselineName) is the case as given (in any case of letters)"))
      } else if let first = names[folded] {
        problems.add(
          InputProblem(
            file: path, line: nil, column: nil, field: nil, found: "a second plan named \(name)",
            expected: "plan names (file names without .csv) distinct, in any case of letters: \(first) has this name"))
      } else {
        names[folded] = path
      }
      plans.append(plan)
    }
    return plans
  }

  /// The case, with the journeys to the settings `plans` open; its
  /// problems, if any, thrown together with `problems` (the plans').
  static func readCase(
    caseFolder: String, policyFile: String?, postcodesFile: String?, plans: [Plan?], problems: ProblemList
  ) throws(InvalidCaseError) -> CaseWithOpenings {
    do {
      return try CaseReader.read(
        folder: caseFolder, policyFile: policyFile, postcodesFile: postcodesFile,
        openings: plans.compactMap { $0 }.flatMap(\.openings))
    } catch {
      throw Self.merged(error, problems)
    }
  }

  /// The case's problems first, then the plans'.
  static func merged(_ caseError: InvalidCaseError, _ planProblems: ProblemList) -> InvalidCaseError {
    var all = ProblemList(limit: CaseReader.problemLimit)
    for problem in caseError.problems { all.add(problem) }
    all.countUnkept(caseError.totalCount - caseError.problems.count)
    let plans = planProblems.error()
    all.fileRank = 1
    for problem in plans.problems { all.add(problem) }
    all.countUnkept(plans.totalCount - plans.problems.count)
    return all.error()
  }

  /// Allocates the baseline and every plan, rendering each run with
  /// `render` as soon as it is solved (so that only one or two runs are in
  /// memory at a time).
  ///
  /// - Parameters:
  ///   - input: the case and the plans, read and checked.
  ///   - options: how each allocation is solved and what it computes.
  ///   - warmStart: re-solve plans from the baseline's optimum (the
  ///     default); false solves each from scratch (for measurements).
  ///   - parallel: solve two plans at a time when GLPK allows it.
  ///   - render: renders one run (its output files), called as each is solved.
  /// - Returns: the baseline's outcome, then each plan's, in input order.
  /// - Throws: `AllocationError` when a solve fails or a result breaks an invariant.
  public static func run<Rendered: Sendable>(
    _ input: ComparisonInput, options: AllocationOptions = AllocationOptions(), warmStart: Bool = true,
    parallel: Bool = true, render: @escaping @Sendable (AllocationRun) -> Rendered
  ) throws(AllocationError) -> [ComparisonOutcome<Rendered>] {
    let start = ContinuousClock.now
    let baseCase = input.cases[0].input
    // The baseline's blocked pairs, kept: each plan's are derived from them.
    let baseBlocked = options.placeValues || options.explanations ? BlockedPairs(case: baseCase) : nil
    let baselineRun = try AllocationRun(case: baseCase, blocked: baseBlocked, options: options)
    let baseline = Self.outcome(input.cases[0], baselineRun, render, since: start, before: [])
    let baseAllocation = baselineRun.allocation
    let baseCandidates = baselineRun.candidates
    let plans = Array(input.cases.dropFirst())
    let results = ParallelSlots<Result<ComparisonOutcome<Rendered>, AllocationError>>(count: plans.count)
    let solveOne: @Sendable (Int) -> Void = { i in
      let planStart = ContinuousClock.now
      var planOptions = options
      var planned = plans[i]
      results.store(
        i,
        Result { () throws(AllocationError) -> ComparisonOutcome<Rendered> in
          var before: [PhaseTiming] = []
          var mark = planStart
          func lap(_ phase: String) {
            let now = ContinuousClock.now
            before.append(
              PhaseTiming(phase: phase, seconds: (now - mark).inSeconds, peakMemoryBytes: PhaseTiming.peakMemory()))
            mark = now
          }
          if planned.journeysPending {
            PlanApplication.attachJourneys(&planned, base: input.base)
            lap("journeys")
          }
          // Only pupils the plan can touch get new rows; the rest are the baseline's.
          let delta = PlanDelta(planned: planned.input, base: baseCase, origin: planned.origin)
          let candidates =
            delta.map { CandidateSet(case: planned.input, reusing: baseCandidates, delta: $0) }
            ?? CandidateSet(case: planned.input)
          let blocked = baseBlocked.map { base in
            delta.map { BlockedPairs(case: planned.input, reusing: base, delta: $0) }
              ?? BlockedPairs(case: planned.input)
          }
          lap("candidates")
          if warmStart, options.method == .contestedMarket {
            planOptions.start = Self.start(
              from: baseAllocation, baseCandidates, for: planned, candidates: candidates)
          }
          let run = try AllocationRun(
            case: planned.input, candidates: candidates, blocked: blocked, options: planOptions)
          return Self.outcome(planned, run, render, since: planStart, before: before)
        })
    }
    if parallel && GLPKEnvironment.isThreadLocal && plans.count > 1 {
      // Two workers take plans in order: the two cores stay busy however
      // long each plan takes.
      WorkQueue.drain(plans.count, workers: 2, solveOne)
    } else {
      for i in plans.indices { solveOne(i) }
    }
    var outcomes = [baseline]
    for result in results.values() { outcomes.append(try result.get()) }
    return outcomes
  }

  /// The baseline's optimum carried over to a plan's case: each pupil at
  /// the pair of its baseline setting where the plan keeps it and the pair
  /// is still a candidate, and the baseline's prices by URN (0 at a new
  /// setting).
  static func start(
    from baseline: Allocation, _ baseCandidates: CandidateSet, for planned: PlannedCase, candidates: CandidateSet
  ) -> MarketStart? {
    guard !baseline.settingPrices.isEmpty else { return nil }
    var newIndex = [Int](repeating: -1, count: baseline.settingPrices.count)
    for (s, o) in planned.origin.enumerated() where o >= 0 { newIndex[o] = s }
    var assignment = [Int](repeating: -1, count: candidates.pupilCount)
    for (p, placement) in baseline.placements.enumerated() {
      guard let old = placement.setting, newIndex[old] >= 0 else { continue }
      let s = Int32(newIndex[old])
      for pair in candidates.pairs(of: p) where candidates.setting[pair] == s {
        assignment[p] = pair
        break
      }
    }
    let prices = planned.origin.map { $0 >= 0 ? baseline.settingPrices[$0] : 0 }
    return MarketStart(
      assignment: assignment, prices: prices, weight: baseline.priceWeight, contested: baseline.lpPupils)
  }

  /// A run's outcome, rendered; its seconds counted from `start`, and its
  /// phases led by those timed `before` the run (a plan's journeys and
  /// candidates, which then replace the run's own `candidates`).
  private static func outcome<Rendered>(
    _ planned: PlannedCase, _ run: AllocationRun, _ render: (AllocationRun) -> Rendered,
    since start: ContinuousClock.Instant, before: [PhaseTiming]
  ) -> ComparisonOutcome<Rendered> {
    let input = run.input
    let urns = run.allocation.placements.map { $0.setting.map { input.settings[$0].urn } }
    var pupils = [Int](repeating: 0, count: NeedCode.allCases.count)
    var placed = pupils
    var unmet = pupils
    for (p, pupil) in input.pupils.enumerated() {
      let k = pupil.primaryNeed.rawValue
      pupils[k] += 1
      if urns[p] != nil { placed[k] += 1 } else { unmet[k] += pupil.priority }
    }
    let byNeed = NeedCode.allCases.filter { pupils[$0.rawValue] > 0 }.map {
      (need: $0, pupils: pupils[$0.rawValue], placed: placed[$0.rawValue], unmetPriority: unmet[$0.rawValue])
    }
    let renderStart = ContinuousClock.now
    let rendered = render(run)
    let end = ContinuousClock.now
    let phases =
      // A run given its candidates times their building at 0: the caller's figure replaces it.
      before + run.timings.filter { before.isEmpty || $0.phase != "candidates" }
      + [
        PhaseTiming(phase: "render", seconds: (end - renderStart).inSeconds, peakMemoryBytes: PhaseTiming.peakMemory())
      ]
    var outcome = ComparisonOutcome(
      name: planned.name, plan: planned.plan, summary: run.summary, urns: urns, byNeed: byNeed, rendered: rendered,
      seconds: (end - start).inSeconds, phases: phases)
    outcome.displaced = planned.displaced
    return outcome
  }
}
