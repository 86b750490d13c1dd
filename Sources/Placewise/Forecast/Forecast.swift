import Dispatch
import Foundation
import GLPK
import ParallelWork
import Synchronization

/// `forecast`: the caseload rolled forward year by year, each year's batch
/// allocated exactly, for the baseline and for each plan on its own
/// (`forecast.md`'s year loop).
///
/// Each year's case is written with the caller's writer and read back with
/// the case reader before it is allocated, so what a year folder holds is,
/// by construction, what `allocate` gives on its `case/` folder.
///
/// Re-use: the case is read once; a plan whose first row takes effect in
/// year f shares the baseline's years before f (the same case, so the same
/// result) and starts from the baseline's state at year f; plans run two
/// at a time where GLPK keeps an environment per thread.
public enum Forecast {
  /// The writer of a year's case files (`settings.csv`, `pupils.csv`,
  /// `roll.csv`, `travel.csv`, `policy.toml`).
  public typealias CaseWriter = @Sendable (Case) -> [(name: String, contents: [UInt8])]

  /// Runs the forecast: the baseline, then every plan.
  ///
  /// - Parameters:
  ///   - input: the case, the plans and the demand, read and checked.
  ///   - options: how each year's allocation is solved and what it computes.
  ///   - parallel: run the baseline and a plan at the same time.
  ///   - writeCase: renders a year's case as files.
  ///   - render: renders a year's allocation (its output files).
  ///   - progress: told `(plan, year)` as each year starts.
  /// - Returns: the baseline's years, then each plan's, in input order.
  /// - Throws: `AllocationError` when a solve fails or a year's case does
  ///   not read back (a fault of the writer, never of the input).
  public static func run<Rendered: Sendable>(
    _ input: ForecastInput, options: AllocationOptions = AllocationOptions(), parallel: Bool = true,
    writeCase: @escaping CaseWriter, render: @escaping @Sendable (AllocationRun) -> Rendered,
    progress: @escaping @Sendable (String, Int) -> Void = { _, _ in }
  ) throws(AllocationError) -> [ForecastOutcome<Rendered>] {
    let loop = YearLoop(input: input, options: options, writeCase: writeCase, render: render, progress: progress)
    let plans = input.plans
    // The year each plan's first row takes effect (N + 1: never): the
    // years before it are the baseline's.
    let startYears = plans.map { min(input.years + 1, $0.rows.map(\.year).min() ?? input.years + 1) }
    let baseline = BaselineYears<Rendered>()
    let results = ParallelSlots<Result<ForecastOutcome<Rendered>, AllocationError>>(count: plans.count + 1)
    // Job 0 is the baseline; plans that start in year 1 need nothing from
    // it and go first, so that both cores work from the start.
    let order = [0] + plans.indices.sorted { (startYears[$0], $0) < (startYears[$1], $1) }.map { $0 + 1 }
    let solveOne: @Sendable (Int) -> Void = { job in
      guard job > 0 else {
        var kept: [YearState] = []
        let outcome = Result { () throws(AllocationError) in
          try loop.run(plan: nil, from: YearState.first(input), startYear: 1, shared: []) { kept.append($0) }
        }
        baseline.finish(outcome, states: kept)
        results.store(0, outcome)
        return
      }
      let i = job - 1
      let startYear = startYears[i]
      results.store(
        job,
        Result { () throws(AllocationError) in
          guard startYear > 1 else {
            return try loop.run(plan: plans[i], from: YearState.first(input), startYear: 1, shared: []) { _ in }
          }
          let (years, states) = try baseline.wait()
          let shared = years.prefix(startYear - 1).map { year in
            var year = year
            year.sharedWithBaseline = true
            return year
          }
          let start = startYear <= input.years ? states[startYear - 1] : YearState(roll: [], batch: [])
          return try loop.run(plan: plans[i], from: start, startYear: startYear, shared: Array(shared)) { _ in }
        })
    }
    if parallel && GLPKEnvironment.isThreadLocal && !plans.isEmpty {
      // Two workers take the jobs in order; one waiting for the baseline's
      // years waits only on the worker running it.
      WorkQueue.drain(order.count, workers: 2) { solveOne(order[$0]) }
    } else {
      for job in order { solveOne(job) }
    }
    var outcomes: [ForecastOutcome<Rendered>] = []
    for result in results.values() { outcomes.append(try result.get()) }
    return outcomes
  }
}

/// The baseline's years and the state at the start of each, once its run
/// ends: what plans that start later share.
final class BaselineYears<Rendered: Sendable>: Sendable {
  /// Set once, by `finish`.
  private let result = Mutex<(Result<ForecastOutcome<Rendered>, AllocationError>, [YearState])?>(nil)
  /// Entered at creation, left by `finish`: `wait` waits on it.
  private let finished = DispatchGroup()

  /// A baseline not yet run.
  init() { finished.enter() }

  /// Records the baseline's run and wakes the waiting plans (call it once).
  func finish(_ outcome: Result<ForecastOutcome<Rendered>, AllocationError>, states: [YearState]) {
    result.withLock { $0 = (outcome, states) }
    finished.leave()
  }

  /// The baseline's years and states, once it has run (its error if it failed).
  func wait() throws(AllocationError) -> (years: [ForecastYear<Rendered>], states: [YearState]) {
    finished.wait()
    switch result.withLock({ $0 }) {
    case (.success(let run), let states)?: return (run.years, states)
    case (.failure(let error), _)?: throw error
    case nil: return ([], [])
    }
  }
}

/// The state at the start of a year (before closures): the roll and the
/// batch, each in order.
struct YearState: Sendable {
  var roll: [RollEntry]
  var batch: [ForecastPupil]

  /// Year 1: the roll is `roll.csv`; the batch `pupils.csv`, then year 1's new pupils.
  static func first(_ input: ForecastInput) -> YearState {
    let base = input.base.input
    let travel = input.journeys != nil
    let roll = base.roll.enumerated().map { r, entry in
      RollEntry(
        member: ForecastPupil(pupil: entry.pupil, home: travel ? base.pupils.count + r : -1, source: .fromCase)
          .onRoll,
        setting: entry.setting)
    }
    let batch =
      base.pupils.enumerated().map { i, pupil in ForecastPupil(pupil: pupil, home: travel ? i : -1, source: .fromCase) }
      + (input.newPupils.first ?? [])
    return YearState(roll: roll, batch: batch)
  }
}
