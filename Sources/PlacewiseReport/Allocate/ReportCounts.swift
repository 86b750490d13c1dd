import Placewise

/// Every count of pupils `report.html` shows in more than one place, each
/// decided once: a count a table withholds is withheld in every table,
/// headline and tooltip that shows it, and the secondary suppression sees
/// every total that publishes it (the need rows, the phase rows, the kinds
/// and the journey bins all sum to the same placed pupils). Deciding each
/// table on its own let one table give back what another hid.
struct ReportCounts {
  /// A count's place among the cells.
  enum Key: Hashable {
    case pupils, placed, unplaced, noEligibleSetting, settingsFull
    case withPreferences
    /// Preference outcomes: first, later, unlisted, unplaced.
    case preference(Int)
    case needPupils(Int), needPlaced(Int), needUnplaced(Int)
    case phasePupils(Int), phasePlaced(Int), phaseUnplaced(Int)
    /// Places used at a setting, by index.
    case used(Int)
    /// Pupils placed at settings of a kind, by raw value.
    case kind(Int)
    /// Placed pupils in a journey bin.
    case bin(Int)
    /// Protected requests (column 0), met (1) and refused (2): in all, and
    /// by need and by phase (group, column).
    case requests(Int)
    case needRequests(Int, Int), phaseRequests(Int, Int)
    /// Placed children over their journey limit (the headline's).
    case overLimit
    /// Pupils who could stay at their current setting: kept there, moved
    /// (or left without a place), and both; requests not protected because
    /// they cost more than the policy's margin.
    case kept, moved, couldStay, exceptedOnCost
  }

  private var index: [Key: Int] = [:]
  private var values: [Int] = []
  private var lines: [(members: [Key], total: Key)] = []
  private var atMost: [(smaller: [Key], larger: [Key])] = []
  private var small: [Key] = []
  private var bounds: [(Key, Int)] = []
  private(set) var shown: [Disclosed] = []
  /// The journey bins' width, minutes, and their count; in a public report
  /// the last bin is open-ended (see `ReportFigures.journeyBins`).
  let binWidth: Double
  let binCount: Int
  /// Whether a cost of places may be shown: at the public level, only where
  /// every setting behind it with a `cost_per_place` shows its places used
  /// (a school's cost per place, which a reader may know, divides a cost
  /// into its pupils; rounded, a cost near a band's edge still did). All
  /// settings, and each kind's by raw value.
  private(set) var placeCostShown = true
  private(set) var kindPlaceCostShown: [Bool] = SettingKind.allCases.map { _ in true }
  /// Whether the journeys' sums (their total, their mean, and transport in
  /// pounds, `pounds_per_minute` times the total) may be shown: at the
  /// public level, only where the placed and every band of the journey
  /// histogram are shown. A band's bounds times its count bound the total,
  /// so the total beside a withheld band pins it (9 placed, bands 0-5 `x`
  /// and 65-70 `<5`, 3 h 23 min in total: 3 in the long band).
  private(set) var journeySumsShown = true

  init(case input: Case, figures: ReportFigures, summary s: AllocationSummary, level: ReportLevel) {
    let limits = [input.policy.maxTravelMinutesPrimary, input.policy.maxTravelMinutesSecondary]
    let (width, bins) = figures.journeyBins(limits: limits, openEnded: level == .public)
    binWidth = width
    binCount = bins.count
    add(.pupils, s.pupils)
    add(.placed, s.placed)
    add(.unplaced, s.unplaced)
    add(.noEligibleSetting, s.unplacedNoEligibleSetting)
    add(.settingsFull, s.unplacedSettingsFull)
    lines.append(([.placed, .unplaced], .pupils))
    lines.append(([.noEligibleSetting, .settingsFull], .unplaced))
    for (groups, keys) in [
      (figures.byNeed, (Key.needPupils, Key.needPlaced, Key.needUnplaced)),
      (figures.byPhase, (Key.phasePupils, Key.phasePlaced, Key.phaseUnplaced)),
    ] {
      for (g, group) in groups.enumerated() {
        add(keys.0(g), group.pupils)
        add(keys.1(g), group.placed)
        add(keys.2(g), group.unplaced)
        lines.append(([keys.1(g), keys.2(g)], keys.0(g)))
      }
      lines.append((groups.indices.map(keys.0), .pupils))
      lines.append((groups.indices.map(keys.1), .placed))
      lines.append((groups.indices.map(keys.2), .unplaced))
    }
    for kind in SettingKind.allCases { add(.kind(kind.rawValue), figures.placedByKind[kind.rawValue]) }
    lines.append((SettingKind.allCases.map { .kind($0.rawValue) }, .placed))
    for (i, setting) in input.settings.enumerated() {
      add(.used(i), figures.used[i])
      // Agreed placements may take a setting past its free places (rule 6):
      // then the bound is not one, and it misleads rather than tells.
      guard figures.used[i] <= setting.freePlaces else { continue }
      bounds.append((.used(i), setting.freePlaces))
      // With 1 to 4 free places a setting's count is bounded by them: `<5`
      // with one free place would mean 1.
      if (1...4).contains(setting.freePlaces) { small.append(.used(i)) }
    }
    for kind in SettingKind.allCases {
      let members = input.settings.indices.filter { input.settings[$0].kind == kind }
      lines.append((members.map { .used($0) }, .kind(kind.rawValue)))
      // A kind whose settings hold 1 to 4 free places in all is shown `0-4`
      // as they are, whatever it holds: its 0 beside a `0-4` when its one
      // place was used told 1 (hostile trial, round eighteen).
      let free = members.reduce(0) { $0 + input.settings[$1].freePlaces }
      let placed = members.reduce(0) { $0 + figures.used[$1] }
      if (1...4).contains(free) && placed <= free { small.append(.kind(kind.rawValue)) }
    }
    for (b, count) in bins.enumerated() { add(.bin(b), count) }
    lines.append((bins.indices.map { .bin($0) }, .placed))
    add(.withPreferences, s.pupilsWithPreferences)
    for (i, count) in figures.preferenceOutcomes.enumerated() { add(.preference(i), count) }
    lines.append(((0..<4).map { .preference($0) }, .withPreferences))

    // The two request tables share their totals.
    let requestTotals = [s.requestsProtected, s.requestsProtected - s.requestsRefused, s.requestsRefused]
    for (c, value) in requestTotals.enumerated() { add(.requests(c), value) }
    lines.append(([.requests(1), .requests(2)], .requests(0)))
    // Where every pupil with preferences has a protected request (the first
    // of them), requests met are the first preferences met: one count, so
    // one decision (12 requests, 5 met, gave back a first-preference count
    // withheld as x, and through it 2 unplaced).
    if s.requestsProtected == s.pupilsWithPreferences { lines.append(([.requests(1)], .preference(0))) }
    for (groups, key) in [(figures.byNeed, Key.needRequests), (figures.byPhase, Key.phaseRequests)] {
      for (g, group) in groups.enumerated() {
        for (c, value) in [group.requests, group.requests - group.requestsRefused, group.requestsRefused].enumerated() {
          add(key(g, c), value)
        }
        lines.append(([key(g, 1), key(g, 2)], key(g, 0)))
      }
      for c in 0..<3 { lines.append((groups.indices.map { key($0, c) }, .requests(c))) }
    }
    relateRequests(case: input, figures: figures)
    relateContinuity(summary: s)
    relateSettingsToGroups(case: input, figures: figures)
    relateOverLimit(case: input, summary: s, width: width, bins: bins, phases: figures.byPhase)

    var cells = Disclosure(values, level: level)
    for line in lines {
      cells.addLine(line.members.compactMap { index[$0] }, total: index[line.total])
    }
    for key in small { if let i = index[key] { cells.withhold(i) } }
    for (key, limit) in bounds { if let i = index[key] { cells.bound(i, atMost: limit) } }
    for relation in atMost {
      cells.addAtMost(relation.smaller.compactMap { index[$0] }, relation.larger.compactMap { index[$0] })
    }
    shown = cells.resolve()
    if level == .public {
      func costShown(_ members: [Int]) -> Bool {
        members.allSatisfy { input.settings[$0].costPerPlace == nil || self[.used($0)].value != nil }
      }
      placeCostShown = costShown(Array(input.settings.indices))
      journeySumsShown = self[.placed].value != nil && (0..<binCount).allSatisfy { self[.bin($0)].value != nil }
      kindPlaceCostShown = SettingKind.allCases.map { kind in
        costShown(input.settings.indices.filter { input.settings[$0].kind == kind })
      }
    }
  }

  /// What a reader knows of requests beside the need, phase and preference
  /// tables (hostile trial, round fifteen): a need's protected requests are
  /// at most its pupils, and those met at most its placed (a need's 7
  /// requests met beside its 8 pupils pinned its `<5` unplaced to 1); so by
  /// phase; requests are first preferences, so those met are at most the
  /// first preferences met, and every first preference met beyond them (an
  /// unprotected request) is at a setting that takes no statutory request,
  /// whose places used then bound it (24 first preferences met, 20 requests
  /// met: 4 at the only independent school, shown `<5`).
  private mutating func relateRequests(case input: Case, figures: ReportFigures) {
    for (g, _) in figures.byNeed.enumerated() {
      addAtMost([.needRequests(g, 0)], [.needPupils(g)])
      addAtMost([.needRequests(g, 1)], [.needPlaced(g)])
    }
    for (g, _) in figures.byPhase.enumerated() {
      addAtMost([.phaseRequests(g, 0)], [.phasePupils(g)])
      addAtMost([.phaseRequests(g, 1)], [.phasePlaced(g)])
    }
    addAtMost([.requests(0)], [.withPreferences])
    addAtMost([.requests(1)], [.preference(0)])
    addAtMost([.requests(2)], [.preference(1), .preference(2), .preference(3)])
    addAtMost([.preference(3)], [.unplaced])
    // Those placed, at whichever setting, are some of the placed.
    addAtMost([.preference(0), .preference(1), .preference(2)], [.placed])
    // The settings that take no statutory request: as the case marks them,
    // and as a reader who knows only their kinds would take them.
    for takesNone in [
      input.settings.indices.filter { !input.settings[$0].statutoryRequest },
      input.settings.indices.filter { !input.settings[$0].kind.statutoryRequestByDefault },
    ] {
      addAtMost([.preference(0)], [.requests(1)] + takesNone.map { .used($0) })
      // And the other way: requests met are at settings that take them (round
      // thirty-eight: 14 met of 15 placed left the one independent school's
      // `<5` at 1), written by those that take none where they are fewer.
      let none = Set(takesNone)
      let takes = input.settings.indices.filter { !none.contains($0) }
      if takes.count <= takesNone.count {
        addAtMost([.requests(1)], takes.map { .used($0) })
      } else {
        addAtMost([.requests(1)] + takesNone.map { .used($0) }, [.placed])
      }
    }
  }

  /// Pupils who could stay where they are, decided with the rest (hostile
  /// trial, round sixteen): a child kept at their setting is placed, so
  /// kept is at most the placed, which the settings' places used sum to
  /// (kept 85 beside settings of 25, 25, 25, 6 and a `<5` was 4 there); a
  /// request excepted on cost is a preference that is not a protected
  /// request.
  private mutating func relateContinuity(summary s: AllocationSummary) {
    add(.kept, s.pupilsKeptAtCurrent)
    add(.moved, s.pupilsMovedFromCurrent)
    add(.couldStay, s.pupilsKeptAtCurrent + s.pupilsMovedFromCurrent)
    lines.append(([.kept, .moved], .couldStay))
    addAtMost([.kept], [.placed])
    addAtMost([.couldStay], [.pupils])
    add(.exceptedOnCost, s.requestsExceptedResources)
    addAtMost([.requests(0), .exceptedOnCost], [.withPreferences])
  }

  /// Each setting's places used beside the need and phase rows (hostile
  /// trial, round seventeen): a setting's age range and designation are
  /// public (GIAS, by the URN the page shows), so the pupils at settings
  /// that take only one phase (or need) are some of that phase's placed,
  /// and that phase's placed are all at settings that take it ("Primary
  /// 10, `<5` unplaced" beside a primary school's 9, the other school
  /// secondary, was 1; so for an HI-only school beside an ASD-only one).
  private mutating func relateSettingsToGroups(case input: Case, figures: ReportFigures) {
    let phaseOffset = figures.byPhase.count == SchoolPhase.allCases.count ? 0 : 1
    let phasesOf = input.settings.map { setting -> Set<Int> in
      let top = input.policy.ageRange == .gias ? setting.highAge - 1 : setting.highAge
      guard setting.lowAge <= top else { return [] }
      return Set((max(0, setting.lowAge)...min(top, 30)).map { SchoolPhase(age: $0).rawValue })
    }
    // Each set of needs (phases) a setting takes, cut to the batch's: the
    // settings that take only needs of the set hold some of those needs'
    // placed, and those needs' placed are all at settings that take one of
    // them. A set of one is round seventeen's rule; of two or more, round
    // thirty-seven's (an ASD;SLCN school's 8 beside ASD's and SLCN's `<5`
    // made both 4); cut, a nursery-primary school in a batch of no
    // under-4s is a primary school (the review of round thirty-seven).
    let needGroups = figures.byNeed.enumerated().compactMap { g, group in NeedCode(code: group.short).map { ($0, g) } }
    let needsOf = input.settings.map { setting in
      Set(needGroups.filter { setting.needs.isEmpty || setting.needs.contains($0.0) }.map(\.1))
    }
    relateSets(needsOf, key: Key.needPlaced)
    let phasesPresent = figures.byPhase.indices.map { $0 + phaseOffset }
    relateSets(phasesOf.map { Set($0.compactMap { phasesPresent.firstIndex(of: $0) }) }, key: Key.phasePlaced)
  }

  /// For each set of groups some setting takes (of the batch's, all of
  /// them aside: the totals' lines say that), the settings taking only
  /// groups of it are at most those groups' placed, and those groups'
  /// placed are at most the settings taking any of them (where those are
  /// many, as every mainstream school takes every need: the groups' placed
  /// with the settings taking none of them are at most the placed). In a
  /// fixed order: the order of relations decides ties in what is hidden.
  private mutating func relateSets(_ groupsOf: [Set<Int>], key: (Int) -> Key) {
    let all = groupsOf.reduce(into: Set<Int>()) { $0.formUnion($1) }
    let sets = Set(groupsOf.filter { !$0.isEmpty && $0 != all }).map { $0.sorted() }.sorted {
      $0.lexicographicallyPrecedes($1)
    }
    for members in sets {
      let set = Set(members)
      let within = groupsOf.indices.filter { !groupsOf[$0].isEmpty && groupsOf[$0].isSubset(of: set) }
      let none = groupsOf.indices.filter { !groupsOf[$0].isEmpty && groupsOf[$0].isDisjoint(with: set) }
      let touching = groupsOf.indices.filter { !groupsOf[$0].isDisjoint(with: set) }
      let groups = members.map(key)
      addAtMost(within.map { .used($0) }, groups)
      // Written by the shorter list: the settings taking any of the set
      // bound it directly, which a reader's first pass sees (a need whose
      // one school has one free place is at most 1 before any count).
      if touching.count <= none.count {
        addAtMost(groups, touching.map { .used($0) })
      } else {
        addAtMost(groups + none.map { .used($0) }, [.placed])
      }
    }
  }

  /// The headline's children over their journey limit beside the journey
  /// bands (hostile trial, round fifteen): every child in a band wholly
  /// past the highest limit of the batch's phases is over it, and every
  /// child over a limit is in a band that reaches past the lowest (6 over
  /// the limit of 45 beside a 50-55 band of 5 pinned the 45-50 band's `<5`).
  private mutating func relateOverLimit(
    case input: Case, summary s: AllocationSummary, width: Double, bins: [Int], phases: [ReportFigures.Group]
  ) {
    add(.overLimit, s.placedOverJourneyLimit)
    let limits = Set(input.pupils.map { input.policy.journeyLimit(age: $0.age) })
    guard let lowest = limits.min() else { return }
    let reaching = bins.indices.filter { Double($0 + 1) * width > lowest || $0 == bins.count - 1 }
    addAtMost([.overLimit], reaching.map { .bin($0) })
    // Every child in a band wholly past a limit is over their limit, or of
    // a phase whose limit is higher (hostile trial, round thirty-eight: 4
    // in the far bands, none over the limit, gave Secondary's `<5` placed
    // as 4). A phase's limit is its ages' (the policy is on the page).
    let phaseOffset = phases.count == SchoolPhase.allCases.count ? 0 : 1
    var phaseLimit = [Double](repeating: 0, count: phases.count)
    for pupil in input.pupils {
      let g = SchoolPhase(age: pupil.age).rawValue - phaseOffset
      if phaseLimit.indices.contains(g) {
        phaseLimit[g] = max(phaseLimit[g], input.policy.journeyLimit(age: pupil.age))
      }
    }
    for limit in limits.sorted() {
      let past = bins.indices.filter { Double($0) * width >= limit }
      let higher = phases.indices.filter { phaseLimit[$0] > limit }
      addAtMost(past.map { .bin($0) }, [.overLimit] + higher.map { .phasePlaced($0) })
    }
  }

  /// Records that a reader may take the sum of `smaller` to be at most the
  /// sum of `larger`, where it holds for the counts themselves (a reader's
  /// rule that does not hold, such as a limit a child's own limit
  /// overrides, misleads the reader and pins nothing).
  private mutating func addAtMost(_ smaller: [Key], _ larger: [Key]) {
    func sum(_ keys: [Key]) -> Int? {
      var total = 0
      for key in keys {
        guard let i = index[key] else { return nil }
        total += values[i]
      }
      return total
    }
    guard let a = sum(smaller), let b = sum(larger), a <= b else { return }
    atMost.append((smaller, larger))
  }

  private mutating func add(_ key: Key, _ value: Int) {
    index[key] = values.count
    values.append(value)
  }

  /// How a count is shown.
  subscript(_ key: Key) -> Disclosed {
    index[key].map { shown[$0] } ?? .shown(0)
  }

  /// The count, as `data-value` gives it: the number, or `<5`, `x`, `0-4`.
  func raw(_ key: Key) -> String {
    let d = self[key]
    return d.value.map { String($0) } ?? d.text
  }
}
