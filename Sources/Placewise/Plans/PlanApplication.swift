/// A case with a plan applied: the case `allocate` would read if the plan's
/// changes were written into its files.
public struct PlannedCase: Sendable {
  /// The plan (nil for the baseline, the case as given).
  public var plan: Plan?
  /// The plan's name (`baseline` for the case as given).
  public var name: String
  /// The changed case.
  public var input: Case
  /// Per setting of the changed case: its index in the case as given, or
  /// -1 for a setting the plan opens.
  public var origin: [Int]
  /// How many of the changed case's pupils, at the end of its batch, are
  /// displaced from settings the plan closes (`roll.csv`'s pupils there).
  public var displaced = 0
  /// Whether `input.travel` is still to be derived from the case's journeys
  /// (`PlanApplication.attachJourneys`): `Comparison.read` leaves it so, and
  /// `Comparison.run` attaches each plan's journeys when it solves the plan,
  /// so that ten plans of a large case never hold ten copies of travel.csv.
  package var journeysPending = false
}

/// Applies plans to a case, row by row in file order, checking each row
/// against the case as the earlier rows left it.
///
/// Decisions where the contract is silent: a row's columns the action does
/// not read are ignored; a `need` on an `add_places` row of a setting
/// designated for any need (empty `needs`) leaves the designation as it is
/// (it already admits that need) and raises that need's cap if it has one.
enum PlanApplication {
  /// The changed case, or nil with the plan's problems added. With
  /// `journeys` false, a case with a travel matrix gets none yet
  /// (`journeysPending`): `attachJourneys` derives it later.
  static func apply(
    _ plan: Plan, to base: CaseWithOpenings, problems: inout ProblemList, journeys: Bool = true
  ) -> PlannedCase? {
    let before = problems.total
    func report(_ row: PlanRow, _ column: String?, found: String, expected: String) {
      problems.add(
        InputProblem(
          file: plan.file, line: row.line, column: column.flatMap { plan.columns[$0] }, field: column,
          found: found, expected: expected))
    }
    let applied = Self.applyRows(plan.rows, to: base.input.settings, report: report)
    let closing = applied.closed.filter { $0.origin >= 0 }.map { (row: $0.row, setting: $0.origin) }
    let displaced = Self.displaced(by: closing, in: base.input) { row, column, found, expected in
      report(row, column, found: found, expected: expected)
    }
    guard problems.total == before else { return nil }

    var input = base.input
    input.settings = applied.settings
    // A URN the case's files name that the plan opens is a setting now: a
    // preference for it can be met (round thirty: the plan's summary said
    // it never could beside a placement that met it).
    let urns = Set(input.settings.map(\.urn))
    input.warnings = input.warnings.recountingUnknownURNs(known: urns.contains)
    input.pupils += displaced.pupils.map { base.input.roll[$0].pupil }
    input.warnings += displaced.warnings
    var planned = PlannedCase(plan: plan, name: plan.name, input: input, origin: applied.origin)
    planned.displaced = displaced.pupils.count
    if base.input.travel != nil {
      planned.input.travel = nil
      planned.journeysPending = true
      if journeys { attachJourneys(&planned, base: base) }
    }
    return planned
  }

  /// The settings after `rows`, applied in order to `caseSettings`, each
  /// checked against the settings as the earlier rows left them (a broken
  /// row is reported and skipped).
  struct AppliedRows {
    /// The changed settings.
    var settings: [Setting]
    /// Per changed setting: its index in the case, or -1 for one a row opens.
    var origin: [Int]
    /// The settings the rows close, as they were when closed, with their
    /// index in the case (-1: opened by an earlier row).
    var closed: [(row: PlanRow, setting: Setting, origin: Int)] = []
  }

  /// Applies `rows` in order (see ``AppliedRows``); `report` gets each
  /// problem as (row, column, found, expected).
  static func applyRows(
    _ rows: [PlanRow], to caseSettings: [Setting],
    report: (_ row: PlanRow, _ column: String?, _ found: String, _ expected: String) -> Void
  ) -> AppliedRows {
    var settings = caseSettings
    var origin = Array(settings.indices)
    var position: [URN: Int] = [:]
    for (s, setting) in settings.enumerated() { position[setting.urn] = s }
    let caseURNs = Set(settings.map(\.urn))
    var closedOn: [URN: Int] = [:]
    var openedOn: [URN: Int] = [:]
    var closed: [(row: PlanRow, setting: Setting, origin: Int)] = []

    func existing(_ row: PlanRow, _ urn: URN) -> Int? {
      if let s = position[urn] { return s }
      let expected = "the urn of a setting of the case or of one opened by an earlier row"
      if let line = closedOn[urn] {
        report(row, "urn", "\(InputText.quoted(urn.rawValue)), closed on line \(line)", expected)
      } else {
        // A pupil list given as the plan is not quoted (round twenty-nine).
        report(row, "urn", InputText.shownOrDescribed(urn.rawValue) + ", not a setting", expected)
      }
      return nil
    }

    for row in rows {
      switch row.action {
      case .addPlaces(let urn, let places, let need):
        guard let s = existing(row, urn) else { continue }
        let capacity = settings[s].capacity + places
        if capacity < 0 {
          report(
            row, "places", "\(places), taking capacity \(settings[s].capacity) to \(capacity)",
            "a change that leaves capacity >= 0")
          continue
        }
        if let need, let cap = settings[s].needPlaces[need], cap + places < 0 {
          report(
            row, "places", "\(places), taking the \(need) cap \(cap) to \(cap + places)",
            "a change that leaves the need's cap >= 0")
          continue
        }
        settings[s].capacity = capacity
        guard let need else { continue }
        if !settings[s].needs.isEmpty && !settings[s].needs.contains(need) { settings[s].needs.insert(need) }
        if let cap = settings[s].needPlaces[need] { settings[s].needPlaces[need] = cap + places }
      case .newSetting(let setting):
        if caseURNs.contains(setting.urn) || position[setting.urn] != nil {
          let line = openedOn[setting.urn].map { " (opened on line \($0))" } ?? ""
          report(
            row, "urn", InputText.quoted(setting.urn.rawValue) + ", a setting already\(line)",
            "a urn that is not a setting of the case or one opened by an earlier row")
          continue
        }
        position[setting.urn] = settings.count
        openedOn[setting.urn] = row.line
        settings.append(setting)
        origin.append(-1)
      case .closeSetting(let urn):
        guard let s = existing(row, urn) else { continue }
        closed.append((row, settings[s], origin[s]))
        settings.remove(at: s)
        origin.remove(at: s)
        position[urn] = nil
        for (other, t) in position where t > s { position[other] = t - 1 }
        closedOn[urn] = row.line
      }
    }
    return AppliedRows(settings: settings, origin: origin, closed: closed)
  }

  /// The pupils a plan's closures displace: `roll.csv`'s pupils at the
  /// closed settings, in roll order. A closure is refused where pupils the
  /// case does not list would vanish from the figures (a setting other
  /// than mainstream whose `on_roll` is above its roll rows), or where a
  /// pupil's placement there is agreed; at a mainstream setting the
  /// unlisted pupils are counted in a warning (placed through admissions).
  static func displaced(
    by closing: [(row: PlanRow, setting: Int)], in input: Case,
    report: (PlanRow, String?, String, String) -> Void
  ) -> (pupils: [Int], warnings: [InputWarning]) {
    guard !closing.isEmpty else { return ([], []) }
    var closed = [Bool](repeating: false, count: input.settings.count)
    var rollAt = [Int](repeating: 0, count: input.settings.count)
    for entry in input.roll { rollAt[entry.setting] += 1 }
    var warnings: [InputWarning] = []
    for (row, s) in closing {
      closed[s] = true
      let setting = input.settings[s]
      let unlisted = setting.onRoll - rollAt[s]
      if unlisted > 0 && setting.kind == .mainstream {
        warnings.append(
          InputWarning(
            file: "roll.csv",
            message: "closing \(setting.urn) leaves \(unlisted) pupil\(unlisted == 1 ? "" : "s") on its roll "
              + "who \(unlisted == 1 ? "is" : "are") not in roll.csv (without EHC plans: placed through admissions)",
            count: unlisted))
      } else if unlisted > 0 {
        report(
          row, "urn",
          "\(InputText.quoted(setting.urn.rawValue)), a \(setting.kind.word) setting with \(setting.onRoll) on roll "
            + "of whom \(unlisted) \(unlisted == 1 ? "is" : "are") not in roll.csv",
          "a closure whose pupils are all listed in roll.csv, so that no child vanishes from the figures "
            + "(add the \(unlisted) missing pupil\(unlisted == 1 ? "" : "s") to roll.csv)")
      }
      let agreed = input.pupils.count { $0.fixedURN == setting.urn }
      if agreed > 0 {
        report(
          row, "urn",
          "\(InputText.quoted(setting.urn.rawValue)), where \(agreed) pupil\(agreed == 1 ? "'s placement is" : "s' placements are") agreed (fixed_urn)",
          "a closure of a setting where no placement is agreed")
      }
    }
    let pupils = input.roll.indices.filter { closed[input.roll[$0].setting] }
    return (pupils, warnings)
  }

  /// Derives a planned case's journeys from the case's, if still pending.
  static func attachJourneys(_ planned: inout PlannedCase, base: CaseWithOpenings) {
    guard planned.journeysPending, let travel = base.input.travel else { return }
    planned.input.travel = Self.travel(travel, opened: base, settings: planned.input.settings, origin: planned.origin)
    if planned.displaced > 0 { Self.addDisplacedJourneys(&planned, base: base) }
    planned.journeysPending = false
  }

  /// The journeys `travel.csv` lists for the pupils a plan displaces (at
  /// the end of its batch, in roll order), to the settings the plan keeps
  /// or opens.
  private static func addDisplacedJourneys(_ planned: inout PlannedCase, base: CaseWithOpenings) {
    guard let rollTravel = base.input.rollTravel else { return }
    let caseSettings = base.input.settings.count
    let basePupils = base.input.pupils.count
    var position = [Int](repeating: -1, count: base.input.roll.count)
    var k = 0
    let closed = Set(base.input.settings.indices).subtracting(planned.origin.filter { $0 >= 0 })
    for (r, entry) in base.input.roll.enumerated() where closed.contains(entry.setting) {
      position[r] = basePupils + k
      k += 1
    }
    var newIndex = [Int](repeating: -1, count: caseSettings)
    for (s, o) in planned.origin.enumerated() where o >= 0 { newIndex[o] = s }
    var openedAt: [URN: Int] = [:]
    for (s, o) in planned.origin.enumerated() where o < 0 { openedAt[planned.input.settings[s].urn] = s }
    for j in 0..<rollTravel.count {
      let p = position[Int(rollTravel.pupil[j])]
      guard p >= 0 else { continue }
      let t = Int(rollTravel.setting[j])
      let s = t < caseSettings ? newIndex[t] : openedAt[base.openings[t - caseSettings]] ?? -1
      guard s >= 0 else { continue }
      planned.input.travel?.append(pupil: p, setting: s, minutes: rollTravel.minutes[j])
    }
  }

  /// The journeys of the changed case: the case's, less closed settings,
  /// plus the rows `travel.csv` lists for the settings the plan opens.
  private static func travel(_ travel: TravelMatrix, opened base: CaseWithOpenings, settings: [Setting], origin: [Int])
    -> TravelMatrix
  {
    var newIndex = [Int32](repeating: -1, count: base.input.settings.count)
    for (s, o) in origin.enumerated() where o >= 0 { newIndex[o] = Int32(s) }
    var result = TravelMatrix()
    result.pupil.reserveCapacity(travel.count)
    result.setting.reserveCapacity(travel.count)
    result.minutes.reserveCapacity(travel.count)
    for k in 0..<travel.count {
      let s = newIndex[Int(travel.setting[k])]
      guard s >= 0 else { continue }
      result.pupil.append(travel.pupil[k])
      result.setting.append(s)
      result.minutes.append(travel.minutes[k])
    }
    var openingIndex = [Int32](repeating: -1, count: base.openings.count)
    var positionOf: [URN: Int] = [:]
    for (i, urn) in base.openings.enumerated() where positionOf[urn] == nil { positionOf[urn] = i }
    for (s, o) in origin.enumerated() where o < 0 {
      if let i = positionOf[settings[s].urn] { openingIndex[i] = Int32(s) }
    }
    let opened = base.openingTravel
    for k in 0..<opened.count {
      let s = openingIndex[Int(opened.setting[k])]
      guard s >= 0 else { continue }
      result.pupil.append(opened.pupil[k])
      result.setting.append(s)
      result.minutes.append(opened.minutes[k])
    }
    return result
  }
}
