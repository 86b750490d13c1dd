import Dispatch
import Foundation
import GLPK

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
  ///   - writeCase: renders a year's case as files.
  ///   - render: renders a year's allocation (its output files).
  ///   - progress: told `(plan, year)` as each year starts.
  /// - Throws: `AllocationError` when a solve fails or a year's case does
  ///   not read back (a fault of the writer, never of the input).
  public static func run<Rendered: Sendable>(
    _ input: ForecastInput, options: AllocationOptions = AllocationOptions(), parallel: Bool = true,
    writeCase: @escaping CaseWriter, render: @escaping @Sendable (AllocationRun) -> Rendered,
    progress: @escaping @Sendable (String, Int) -> Void = { _, _ in }
  ) throws(AllocationError) -> [ForecastOutcome<Rendered>] {
    let loop = YearLoop(input: input, options: options, writeCase: writeCase, render: render, progress: progress)
    var kept: [YearState] = []
    let baseline = try loop.run(plan: nil, from: YearState.first(input), startYear: 1, shared: []) { kept.append($0) }
    let states = kept
    let plans = input.plans
    let results = ParallelSlots<Result<ForecastOutcome<Rendered>, AllocationError>>(count: plans.count)
    let solveOne: @Sendable (Int) -> Void = { i in
      let plan = plans[i]
      let first = plan.rows.map(\.year).min() ?? input.years + 1
      let startYear = min(first, input.years + 1)
      let shared = Array(baseline.years.prefix(startYear - 1)).map { year in
        var year = year
        year.sharedWithBaseline = true
        return year
      }
      let start = startYear <= input.years ? states[startYear - 1] : states[input.years - 1]
      results.store(
        i,
        Result { () throws(AllocationError) in
          try loop.run(plan: plan, from: start, startYear: startYear, shared: shared) { _ in }
        })
    }
    if parallel && GLPKEnvironment.isThreadLocal && plans.count > 1 {
      let queue = WorkQueue(count: plans.count)
      DispatchQueue.concurrentPerform(iterations: 2) { _ in
        while let i = queue.take() { solveOne(i) }
      }
    } else {
      for i in plans.indices { solveOne(i) }
    }
    var outcomes = [baseline]
    for result in results.values() { outcomes.append(try result.get()) }
    return outcomes
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
