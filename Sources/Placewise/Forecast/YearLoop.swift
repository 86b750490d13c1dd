/// `forecast.md`'s year loop for one plan (or the baseline): the settings
/// of each year, closures, the allocation, then the end of the year
/// (placed pupils join the roll, the unplaced are carried over, everyone
/// ages, leavers leave, phase transfers join the next batch).
struct YearLoop<Rendered: Sendable>: Sendable {
  let input: ForecastInput
  let options: AllocationOptions
  let writeCase: Forecast.CaseWriter
  let render: @Sendable (AllocationRun) -> Rendered
  let progress: @Sendable (String, Int) -> Void
  /// Every setting a forecast can meet: the case's, then the URNs plans open.
  let universeURN: [URN]
  /// Per case setting: its pupils not in `roll.csv` (`on_roll` minus its roll rows).
  let caseOther: [Int]

  init(
    input: ForecastInput, options: AllocationOptions, writeCase: @escaping Forecast.CaseWriter,
    render: @escaping @Sendable (AllocationRun) -> Rendered, progress: @escaping @Sendable (String, Int) -> Void
  ) {
    self.input = input
    self.options = options
    self.writeCase = writeCase
    self.render = render
    self.progress = progress
    let base = input.base.input
    universeURN = base.settings.map(\.urn) + input.base.openings
    var other = base.settings.map(\.onRoll)
    for entry in base.roll { other[entry.setting] -= 1 }
    caseOther = other
  }

  /// The years from `startYear` on, from `state` (the state at its start),
  /// after the `shared` years before it; `keep` gets the state at the start
  /// of each year run.
  func run(
    plan: Plan?, from state: YearState, startYear: Int, shared: [ForecastYear<Rendered>],
    keep: (YearState) -> Void
  ) throws(AllocationError) -> ForecastOutcome<Rendered> {
    let name = plan?.name ?? Plan.baselineName
    var years = shared
    var state = state
    if startYear <= input.years {
      for year in startYear...input.years {
        progress(name, year)
        keep(state)
        let (result, next) = try self.year(year, plan: plan, state: state)
        years.append(result)
        state = next
      }
    }
    return ForecastOutcome(name: name, plan: plan, years: years)
  }

  /// The settings of a year: the case's with the plan's rows in effect,
  /// and each one's universe index.
  func settings(year: Int, plan: Plan?) -> (settings: [Setting], universe: [Int], origin: [Int]) {
    let base = input.base.input
    guard let plan else { return (base.settings, Array(base.settings.indices), Array(base.settings.indices)) }
    let rows = plan.rows.filter { $0.year <= year }
    // Checked when read (`Forecast.check`): no row breaks in any year.
    let applied = PlanApplication.applyRows(rows, to: base.settings) { _, _, _, _ in }
    var opened: [URN: Int] = [:]
    for (k, urn) in input.base.openings.enumerated() where opened[urn] == nil { opened[urn] = k }
    let universe = applied.origin.enumerated().map { s, o in
      o >= 0 ? o : base.settings.count + (opened[applied.settings[s].urn] ?? 0)
    }
    return (applied.settings, universe, applied.origin)
  }

  /// One year: steps 2 to 8 of the loop.
  func year(_ year: Int, plan: Plan?, state: YearState) throws(AllocationError) -> (
    ForecastYear<Rendered>, YearState
  ) {
    var (settings, universe, origin) = self.settings(year: year, plan: plan)
    var present = [Int](repeating: -1, count: universeURN.count)
    for (s, u) in universe.enumerated() { present[u] = s }
    // Step 3: closures displace their roll pupils into the batch.
    var roll: [RollEntry] = []
    var displaced: [ForecastPupil] = []
    for entry in state.roll {
      if present[entry.setting] >= 0 {
        roll.append(entry)
      } else {
        var member = entry.member
        member.pupil.currentURN = universeURN[entry.setting]
        member.source = .displaced
        displaced.append(member)
      }
    }
    let batch = state.batch + displaced
    // Step 2: on_roll is the other pupils plus the roll's.
    var rollCount = [Int](repeating: 0, count: settings.count)
    for entry in roll { rollCount[present[entry.setting]] += 1 }
    for s in settings.indices {
      let other = origin[s] >= 0 ? caseOther[origin[s]] : settings[s].onRoll
      settings[s].onRoll = other + rollCount[s]
    }
    // Step 4: the year's case, written, read back and allocated.
    let run = try allocate(year: year, settings: settings, roll: roll, present: present, batch: batch)
    let placements = run.run.allocation.placements
    // Step 5: the placed join the roll; the unplaced are carried over.
    var nextRoll = roll
    var carried: [ForecastPupil] = []
    var figures = NeedTally()
    for entry in roll { figures.add(caseload: entry.member.pupil) }
    var placedAt = [Int](repeating: 0, count: settings.count)
    for (p, member) in batch.enumerated() {
      figures.add(batch: member, placed: placements[p].setting != nil)
      if let s = placements[p].setting {
        placedAt[s] += 1
        nextRoll.append(RollEntry(member: member.onRoll, setting: universe[s]))
      } else {
        var member = member
        member.source = .carriedOver
        carried.append(member)
      }
    }
    let rollPlaceCost = nextRoll.reduce(0.0) { $0 + (settings[present[$1.setting]].costPerPlace ?? 0) }
    let next = endOfYear(
      year, roll: nextRoll, carried: carried, settings: settings, present: present, figures: &figures)
    let renderStart = ContinuousClock.now
    let rendered = render(run.run)
    let renderTiming = PhaseTiming(
      phase: "render", seconds: (ContinuousClock.now - renderStart).inSeconds, peakMemoryBytes: PhaseTiming.peakMemory()
    )
    let rows = plan?.rows ?? []
    var result = ForecastYear(
      year: year, caseFiles: run.files, summary: run.run.summary, byNeed: figures.figures(),
      settings: settings.indices.map {
        ForecastSettingFigures(
          urn: settings[$0].urn, capacity: settings[$0].capacity, onRoll: settings[$0].onRoll, placed: placedAt[$0])
      },
      byPhase: figures.byPhase, caseload: roll.count + batch.count, rollPlaceCost: rollPlaceCost,
      capitalCost: Pence.sum(rows.filter { $0.year == year }.map(\.capitalCost)),
      annualCost: Pence.sum(rows.filter { $0.year <= year }.map(\.annualCost)),
      rendered: rendered)
    result.phases = run.phases + run.run.timings.filter { !$0.isPartOfSolve } + [renderTiming]
    return (result, next)
  }

  /// Steps 6 to 8: everyone ages and those older than `leave_age` leave
  /// (counted in `figures`); roll pupils whose setting no longer covers
  /// their age become phase transfers; the next batch is the carried over,
  /// the transfers, then next year's new pupils.
  private func endOfYear(
    _ year: Int, roll: [RollEntry], carried: [ForecastPupil], settings: [Setting], present: [Int],
    figures: inout NeedTally
  ) -> YearState {
    let policy = input.base.input.policy
    func aged(_ member: ForecastPupil) -> ForecastPupil? {
      var member = member
      member.pupil.age += 1
      guard member.pupil.age <= policy.leaveAge else {
        figures.addLeaver(member.pupil)
        return nil
      }
      return member
    }
    let stayingRoll = roll.compactMap { entry in
      aged(entry.member).map { RollEntry(member: $0, setting: entry.setting) }
    }
    let stayingCarried = carried.compactMap(aged)
    var keptRoll: [RollEntry] = []
    var transfers: [ForecastPupil] = []
    for entry in stayingRoll {
      let setting = settings[present[entry.setting]]
      if policy.ageAdmits(low: setting.lowAge, high: setting.highAge, age: entry.member.pupil.age) {
        keptRoll.append(entry)
      } else {
        var member = entry.member
        member.pupil.currentURN = setting.urn
        member.pupil.preferences = []
        member.source = .phaseTransfer
        transfers.append(member)
      }
    }
    let newPupils = year < input.years ? input.newPupils[year] : []
    return YearState(roll: keptRoll, batch: stayingCarried + transfers + newPupils)
  }

  /// Step 4: the year's case written with the caller's writer, read back
  /// by the case reader and allocated as `allocate` would.
  private func allocate(year: Int, settings: [Setting], roll: [RollEntry], present: [Int], batch: [ForecastPupil])
    throws(AllocationError) -> (
      run: AllocationRun, files: [(name: String, contents: [UInt8])], phases: [PhaseTiming]
    )
  {
    var mark = ContinuousClock.now
    var phases: [PhaseTiming] = []
    func lap(_ phase: String) {
      let now = ContinuousClock.now
      phases.append(PhaseTiming(phase: phase, seconds: (now - mark).inSeconds, peakMemoryBytes: 0))
      mark = now
    }
    let base = input.base.input
    var policy = base.policy
    policy.postcodesFile = nil
    let start = (base.placementStart ?? base.policy.placementStart).map { Self.date($0, plusYears: year - 1) }
    policy.placementStart = start
    var yearCase = Case(
      settings: settings, pupils: batch.map(\.pupil), travel: input.journeys?.matrix(for: batch, present: present),
      policy: policy,
      roll: roll.map { entry in
        let s = present[entry.setting]
        var pupil = entry.member.pupil
        pupil.currentURN = settings[s].urn
        return RollPupil(pupil: pupil, setting: s)
      })
    yearCase.placementStart = start
    let files = writeCase(yearCase)
    lap("case-write")
    var byName: [String: [UInt8]] = [:]
    for file in files { byName[file.name] = file.contents }
    // travel.csv's rows are the matrix just built, each minute written with
    // the digits that read back to the same double, and every row names a
    // pupil and a setting of the year: parsing them back (the bulk of a
    // year's bytes) would give the same matrix and no warning. Only its
    // header is read back; debug builds parse it all and compare.
    // The same holds for roll.csv, which allocate only checks: its pupils
    // are the roll just built, at settings of the year.
    #if !DEBUG
      for name in ["travel.csv", "roll.csv"] {
        if let bytes = byName[name], let end = bytes.firstIndex(of: UInt8(ascii: "\n")) {
          byName[name] = Array(bytes[...end])
        }
      }
    #endif
    var readBack: Case
    do {
      readBack = try CaseReader.read(files: byName)
    } catch {
      throw AllocationError(
        .invariantBroken,
        "year \(year)'s case did not read back as written: \(error.problems.first.map { "\($0)" } ?? "")")
    }
    #if DEBUG
      if let written = yearCase.travel, let read = readBack.travel,
        written.pupil != read.pupil || written.setting != read.setting || written.minutes != read.minutes
      {
        throw AllocationError(.invariantBroken, "year \(year)'s travel.csv did not read back as written")
      }
      if readBack.roll.map({ "\($0.pupil.id) \($0.setting) \($0.pupil.age)" })
        != yearCase.roll.map({ "\($0.pupil.id) \($0.setting) \($0.pupil.age)" })
      {
        throw AllocationError(.invariantBroken, "year \(year)'s roll.csv did not read back as written")
      }
    #else
      if readBack.travel != nil { readBack.travel = yearCase.travel }
      readBack.roll = yearCase.roll
    #endif
    // roll.csv's URNs outside the year's settings, counted from the roll
    // just built, as allocate counts them reading the year's case/ (a
    // release build reads back its header only, so its year summaries had
    // none: round thirty-one).
    // They go where the reader puts them: after settings.csv's and
    // pupils.csv's, before travel.csv's and the policy's.
    readBack.warnings.removeAll { $0.file == "roll.csv" && $0.unknownURNs != nil }
    let yearURNs = Set(settings.map(\.urn))
    var preferences = UnknownURNTally(.preferences)
    var exclusions = UnknownURNTally(.excludedURNs)
    for entry in yearCase.roll {
      for urn in entry.pupil.preferences where !yearURNs.contains(urn) { preferences.add(urn) }
      for urn in entry.pupil.excludedURNs where !yearURNs.contains(urn) { exclusions.add(urn) }
    }
    let at =
      readBack.warnings.firstIndex { !["settings.csv", "pupils.csv", "roll.csv"].contains($0.file) }
      ?? readBack.warnings.count
    readBack.warnings.insert(
      contentsOf: [preferences, exclusions].compactMap { $0.warning(file: "roll.csv") }, at: at)
    lap("case-read")
    return (try AllocationRun(case: readBack, options: options), files, phases)
  }

  /// The same day `years` years on (28 February for a 29th in a common year).
  static func date(_ date: CalendarDate, plusYears years: Int) -> CalendarDate {
    CalendarDate(year: date.year + years, month: date.month, day: date.day)
      ?? CalendarDate(year: date.year + years, month: date.month, day: 28) ?? date
  }
}

/// `forecast.csv`'s figures of one year, by need, as they are counted.
struct NeedTally {
  private var byNeed = NeedCode.allCases.map { ForecastNeedFigures(need: $0) }

  /// Per need and phase: the caseload, the batch and the unplaced.
  private(set) var byPhase = [[PhaseFigures]](
    repeating: Array(repeating: PhaseFigures(), count: SchoolPhase.allCases.count), count: NeedCode.allCases.count)

  /// A pupil of the roll (after closures).
  mutating func add(caseload pupil: Pupil) {
    byNeed[pupil.primaryNeed.rawValue].caseload += 1
    byPhase[pupil.primaryNeed.rawValue][SchoolPhase(age: pupil.age).rawValue].caseload += 1
  }

  /// A pupil of the batch.
  mutating func add(batch member: ForecastPupil, placed: Bool) {
    let n = member.pupil.primaryNeed.rawValue
    let phase = SchoolPhase(age: member.pupil.age).rawValue
    byNeed[n].caseload += 1
    byPhase[n][phase].caseload += 1
    byNeed[n].batch += 1
    byPhase[n][phase].batch += 1
    byNeed[n].sources[member.source.rawValue] += 1
    if placed {
      byNeed[n].placed += 1
    } else {
      byNeed[n].unplaced += 1
      byPhase[n][phase].unplaced += 1
      byNeed[n].unmetPriority += member.pupil.priority
    }
  }

  /// A pupil leaving at the end of the year.
  mutating func addLeaver(_ pupil: Pupil) {
    byNeed[pupil.primaryNeed.rawValue].leavers += 1
  }

  /// The needs present in the caseload, in code order.
  func figures() -> [ForecastNeedFigures] {
    byNeed.filter { $0.caseload > 0 }
  }
}
