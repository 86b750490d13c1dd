import Foundation

/// A forecast's inputs, read and checked: the case (with the journeys to
/// the settings plans open), the plans, the demand and the years, and the
/// new pupils each year brings.
public struct ForecastInput: Sendable {
  /// The case as read.
  package var base: CaseWithOpenings
  /// The plans, in command-line order.
  public var plans: [Plan]
  /// The demand file, if given.
  public var demand: Demand?
  /// How many years (`--years`).
  public var years: Int
  /// Warnings about the forecast's own inputs (demand and plan rows after
  /// the last year, closures of mainstream settings with unlisted pupils,
  /// roll pupils without journeys); the case's are in `base.input.warnings`.
  public var warnings: [InputWarning]
  /// Each year's new pupils (index y - 1), in the order made.
  var newPupils: [[ForecastPupil]]
  /// Journeys by home (nil without `travel.csv`).
  var journeys: HomeJourneys?

  /// The case as read.
  public var input: Case { base.input }
}

extension Forecast {
  /// Reads the case, the plans and the demand file, and checks everything
  /// a forecast needs before it runs: every problem in any of them at once.
  ///
  /// - Throws: `InvalidCaseError` listing every problem found.
  public static func read(
    caseFolder: String, policyFile: String?, postcodesFile: String? = nil, planPaths: [String],
    demandPath: String?, years: Int
  ) throws(InvalidCaseError) -> ForecastInput {
    var problems = ProblemList(limit: CaseReader.problemLimit)
    let plans = Comparison.readPlans(planPaths, problems: &problems)
    var demand: Demand?
    if let demandPath {
      demand = DemandReader.read(path: demandPath, problems: &problems, fileRank: 10 + planPaths.count)
    }
    var base = try Comparison.readCase(
      caseFolder: caseFolder, policyFile: policyFile, postcodesFile: postcodesFile, plans: plans, problems: problems)
    // A URN a plan opens in some year is no typo, and a preference for it
    // can be met from that year: only URNs that no plan opens are warned of
    // (round thirty: an exclusion of one was said to change nothing).
    // (Within the forecast's years: a row after its last is never in
    // effect, round thirty-one.)
    let opened = Set(base.input.settings.map(\.urn)).union(
      plans.compactMap { $0 }.flatMap { plan in
        plan.rows.compactMap { row -> URN? in
          guard row.year <= years, case .newSetting(let setting) = row.action else { return nil }
          return setting.urn
        }
      })
    base.input.warnings = base.input.warnings.recountingUnknownURNs(known: opened.contains)
    var input = try Self.checked(base: base, plans: plans, demand: demand, years: years, problems: &problems)
    // A demand file is read only when named; one left in the case folder
    // (as the sample ships it) would otherwise be ignored in silence.
    if demandPath == nil, FileManager.default.fileExists(atPath: caseFolder + "/demand.csv") {
      input.warnings.insert(
        InputWarning(
          file: "demand.csv",
          message: "in the case folder but not read (forecast reads new plans only from --demand): "
            + "this forecast has no new plans"),
        at: 0)
    }
    return input
  }

  /// The checks on a case already read.
  static func checked(
    base: CaseWithOpenings, plans: [Plan?], demand: Demand?, years: Int, problems: inout ProblemList
  ) throws(InvalidCaseError) -> ForecastInput {
    var warnings: [InputWarning] = []
    for (i, plan) in plans.enumerated() {
      guard let plan else { continue }
      problems.fileRank = 10 + i
      warnings += Self.check(plan, base: base.input, years: years, problems: &problems)
    }
    let journeys = base.input.travel == nil ? nil : HomeJourneys(base)
    if let journeys {
      let batch = base.input.pupils.count
      let without = base.input.roll.indices.count { journeys.isEmpty(home: batch + $0) }
      if without > 0 {
        warnings.append(
          InputWarning(
            file: "travel.csv",
            message: "\(without) pupil\(without == 1 ? "" : "s") of roll.csv with no journeys in travel.csv: "
              + "on moving (a phase transfer or a closure) \(without == 1 ? "this pupil" : "they") can reach "
              + "no setting",
            count: without))
      }
    }
    // Exclusions hold through the years, on the roll too (round
    // twenty-seven); an agreed placement is met in year 1 and the child is
    // then on roll there (decisions.md, "What the roll holds"): nothing to
    // warn of (round twenty-three warned that exclusions held in year 1 only).
    var newPupils: [[ForecastPupil]] = Array(repeating: [], count: years)
    problems.fileRank = 10 + plans.count
    // A need with new plans and no template is told beside the file's
    // other problems (round twenty-seven: only when it was the only one).
    if let demand { Self.needsWithoutTemplates(demand, base: base.input, years: years, problems: &problems) }
    // A demand file already refused (a year over its bound) is not made
    // into pupils: 60 rows of 100,000 a year were 90 million pupils, and a
    // trap for want of memory before its errors were shown (hostile trial,
    // round ten).
    guard problems.total == 0 else { throw problems.error() }
    if let demand {
      newPupils = Self.newPupils(demand, base: base.input, years: years, problems: &problems, warnings: &warnings)
    }
    guard problems.total == 0 else { throw problems.error() }
    return ForecastInput(
      base: base, plans: plans.compactMap { $0 }, demand: demand, years: years, warnings: warnings,
      newPupils: newPupils, journeys: journeys)
  }

  /// A plan's rows checked at every year a row takes effect (rows apply in
  /// file order among those in effect, so a row can break only at some
  /// years), and its closures by `forecast.md`'s rule; warnings for rows
  /// after the last year and for closures of mainstream settings whose
  /// unlisted pupils are placed through admissions.
  static func check(_ plan: Plan, base: Case, years: Int, problems: inout ProblemList) -> [InputWarning] {
    var warnings: [InputWarning] = []
    let later = plan.rows.count { $0.year > years }
    if later > 0 {
      warnings.append(
        InputWarning(
          file: plan.file,
          message: "\(later) row\(later == 1 ? "" : "s") with a year after \(years) (the forecast's last), "
            + "never in effect",
          count: later))
    }
    var rollAt = [Int](repeating: 0, count: base.settings.count)
    for entry in base.roll { rollAt[entry.setting] += 1 }
    var seen = Set<String>()
    let rowYears = Set(plan.rows.map(\.year).filter { $0 <= years }).sorted()
    for year in rowYears {
      let rows = plan.rows.filter { $0.year <= year }
      let applied = PlanApplication.applyRows(rows, to: base.settings) { row, column, found, expected in
        let problem = InputProblem(
          file: plan.file, line: row.line, column: column.flatMap { plan.columns[$0] }, field: column, found: found,
          expected: expected + (year > 1 ? " (in year \(year))" : ""))
        if seen.insert("\(row.line) \(column ?? "") \(found)").inserted { problems.add(problem) }
      }
      for (row, setting, origin) in applied.closed where row.year == year {
        let unlisted = setting.onRoll - (origin >= 0 ? rollAt[origin] : 0)
        let key = "\(row.line) closure"
        if unlisted > 0 && setting.kind != .mainstream, seen.insert(key).inserted {
          problems.add(
            InputProblem(
              file: plan.file, line: row.line, column: plan.columns["urn"], field: "urn",
              found: "\(InputText.quoted(setting.urn.rawValue)), a \(setting.kind.word) setting closed in year "
                + "\(year) with \(unlisted) pupil\(unlisted == 1 ? "" : "s") on roll not in roll.csv",
              expected: "a closure whose pupils are all listed in roll.csv, so that no child vanishes from the "
                + "forecast (add the \(unlisted) missing pupil\(unlisted == 1 ? "" : "s") to roll.csv)"))
        } else if unlisted > 0, seen.insert(key).inserted {
          warnings.append(
            InputWarning(
              file: plan.file,
              message: "closing \(setting.urn) in year \(year) leaves \(unlisted) pupil\(unlisted == 1 ? "" : "s") "
                + "on its roll who \(unlisted == 1 ? "is" : "are") not in roll.csv (without EHC plans: placed "
                + "through admissions)",
              count: unlisted))
        }
        let agreed = year == 1 ? base.pupils.count { $0.fixedURN == setting.urn } : 0
        if agreed > 0, seen.insert("\(row.line) agreed").inserted {
          problems.add(
            InputProblem(
              file: plan.file, line: row.line, column: plan.columns["urn"], field: "urn",
              found: "\(InputText.quoted(setting.urn.rawValue)), closed in year 1 where \(agreed) "
                + "pupil\(agreed == 1 ? "'s placement is" : "s' placements are") agreed (fixed_urn)",
              expected: "a closure of a setting where no placement is agreed, or one from year 2"))
        }
      }
    }
    return warnings
  }

  /// A problem on each demand row with new plans of a need no pupil of
  /// the case (pupils.csv or roll.csv) has: `forecast.md`'s templates.
  static func needsWithoutTemplates(_ demand: Demand, base: Case, years: Int, problems: inout ProblemList) {
    let needs = Set(base.pupils.map(\.primaryNeed) + base.roll.map(\.pupil.primaryNeed))
    for row in demand.rows where row.year <= years && row.newPlans > 0 && !needs.contains(row.need) {
      problems.add(
        InputProblem(
          file: demand.file, line: row.line, column: demand.columns["primary_need"], field: "primary_need",
          found: "\(row.newPlans) new plan\(row.newPlans == 1 ? "" : "s") with primary need \(row.need.code), "
            + "and no pupil of pupils.csv or roll.csv with that need",
          expected: "a need some pupil of the case has: new pupils copy their homes and journeys from "
            + "such pupils (templates)"))
    }
  }

  /// The new pupils of each year, copied from templates as `forecast.md`
  /// says; a need with new plans and no template, or a made id that is a
  /// pupil of the case, is a problem on the row.
  static func newPupils(
    _ demand: Demand, base: Case, years: Int, problems: inout ProblemList, warnings: inout [InputWarning]
  ) -> [[ForecastPupil]] {
    var templates = [[ForecastPupil]](repeating: [], count: NeedCode.allCases.count)
    for (i, pupil) in base.pupils.enumerated() {
      templates[pupil.primaryNeed.rawValue].append(ForecastPupil(pupil: pupil, home: i, source: .newPlan))
    }
    for (r, entry) in base.roll.enumerated() {
      let home = base.pupils.count + r
      templates[entry.pupil.primaryNeed.rawValue].append(
        ForecastPupil(pupil: entry.pupil, home: home, source: .newPlan))
    }
    let travel = base.travel != nil
    var ids = Set(base.pupils.map(\.id.rawValue))
    for entry in base.roll { ids.insert(entry.pupil.id.rawValue) }
    var made = [[ForecastPupil]](repeating: [], count: years)
    var k = [[Int]](repeating: [Int](repeating: 0, count: NeedCode.allCases.count), count: years)
    let after = demand.rows.count { $0.year > years }
    if after > 0 {
      warnings.append(
        InputWarning(
          file: demand.file,
          message: "\(after) row\(after == 1 ? "" : "s") for years after \(years) (the forecast's last), ignored",
          count: after))
    }
    for row in demand.rows where row.year <= years && row.newPlans > 0 {
      let n = row.need.rawValue
      let pool = templates[n]
      // `needsWithoutTemplates` refused the file before.
      guard !pool.isEmpty else {
        assertionFailure("a demand row's need has no template")
        continue
      }
      for _ in 0..<row.newPlans {
        let kth = k[row.year - 1][n]
        k[row.year - 1][n] += 1
        let template = pool[kth % pool.count].pupil
        let id = "N\(row.year)-\(row.need.code)-\(kth + 1)"
        if ids.contains(id) {
          problems.add(
            InputProblem(
              file: demand.file, line: row.line, column: nil, field: nil,
              found: "a new pupil's id \(id), already a pupil_id of the case",
              expected: "new pupils' ids (N{year}-{need}-{k}) distinct from the case's pupil ids"))
          break
        }
        var pupil = Pupil(
          id: PupilID(id), easting: template.easting, northing: template.northing, age: row.age,
          primaryNeed: row.need, provision: template.provision, sex: template.sex,
          maxTravelMinutes: template.maxTravelMinutes)
        pupil.curriculumYear = nil
        made[row.year - 1].append(
          ForecastPupil(pupil: pupil, home: travel ? pool[kth % pool.count].home : -1, source: .newPlan))
      }
    }
    return made
  }
}
