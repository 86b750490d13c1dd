import Placewise
import ToolSupport

/// Lays out each county's settings: mainstream primaries in towns and
/// villages, secondaries in towns, resourced provisions inside mainstream
/// hosts, special schools in the larger towns, independent special schools
/// often in the country, an alternative provision or two, and sometimes a
/// planned provision with a local code.
///
/// Places here are commissioned capacities; how many are free for the batch
/// is set later, from the pupils' demand (`PlacesCalibration`).
struct SettingsBuilder {
  let geography: Geography
  var names: NameMaker
  private(set) var usedURNs = Set<String>()
  private var plannedSerial: [NeedCode: Int] = [:]

  init(geography: Geography, names: NameMaker) {
    self.geography = geography
    self.names = names
  }

  private struct Draft {
    var setting: Setting
    var designation: [NeedCode] = []
    var county: Int
    var popularity: Double
  }

  /// How many settings of each kind a county of `total` settings has.
  private struct KindCounts {
    var primary = 0, infant = 0, junior = 0, secondary = 0, allThrough = 0
    var resourced = 0, special = 0, independent = 0, ap = 0, planned = 0

    init(total: Int, plannedWanted: Bool, _ r: inout SeededRandom) {
      let t = Double(total)
      independent = total >= 12 ? (total >= 100 ? 2 : 1) + (total >= 200 && r.chance(0.3) ? 1 : 0) : 0
      ap = total >= 15 ? (total >= 120 ? 2 : 1) : 0
      special = max(1, Int((0.085 * t).rounded()))
      planned = total >= 40 && plannedWanted ? 1 : 0
      resourced = Int((0.09 * t).rounded())
      var mainstream = total - independent - ap - special - planned - resourced
      // Small counties: keep at least half the settings mainstream.
      while mainstream < (total + 1) / 2, resourced + special + independent + ap + planned > 1 {
        if resourced > 0 {
          resourced -= 1
        } else if ap > 0 {
          ap -= 1
        } else if independent > 0 {
          independent -= 1
        } else if planned > 0 {
          planned -= 1
        } else {
          special -= 1
        }
        mainstream += 1
      }
      secondary = max(1, Int((Double(mainstream) * 0.17).rounded()))
      allThrough = mainstream >= 40 ? Int((Double(mainstream) * 0.02).rounded()) : 0
      let primaries = mainstream - secondary - allThrough
      infant = primaries >= 20 ? Int((Double(primaries) * 0.06).rounded()) : 0
      junior = infant
      primary = primaries - infant - junior
      if primary < 0 {  // a county of one or two settings
        secondary += primary
        primary = 0
      }
    }
  }

  mutating func build(into generated: inout GeneratedCase, random r: inout SeededRandom) {
    var drafts: [Draft] = []
    for c in geography.counties.indices {
      buildCounty(c, into: &drafts, &r)
    }
    // Files from GIAS come in URN order; local codes for planned provisions
    // (`NEW-...`) sort after the six-digit URNs.
    drafts.sort { $0.setting.urn.rawValue < $1.setting.urn.rawValue }
    for d in drafts {
      generated.settings.append(d.setting)
      generated.designations.append(d.designation)
      generated.caps.append([])
      generated.settingCounty.append(d.county)
      generated.popularity.append(d.popularity)
    }
  }

  /// A new GIAS-like URN: older maintained schools sit around 100000-126999,
  /// academies and free schools around 136000-149999.
  mutating func newURN(_ r: inout SeededRandom) -> URN {
    while true {
      let n = r.chance(0.6) ? r.int(in: 100_000...126_999) : r.int(in: 136_000...149_999)
      let text = String(n)
      if usedURNs.insert(text).inserted { return URN(text) }
    }
  }

  /// How strongly a kind of setting favours the larger towns: the town's
  /// weight raised to a power (square roots only, to stay exact everywhere).
  private enum Emphasis {
    case flat, even, large, larger, largest

    func weight(_ w: Double) -> Double {
      switch self {
      case .flat: w.squareRoot()
      case .even: w
      case .large: w * w.squareRoot().squareRoot()
      case .larger: w * w.squareRoot()
      case .largest: w * w
      }
    }
  }

  private func town(_ c: Int, _ emphasis: Emphasis, _ r: inout SeededRandom) -> Town {
    let towns = geography.counties[c].towns
    return towns[r.pick(weights: towns.map { emphasis.weight($0.weight) })]
  }

  /// A popularity between `base` and `base + spread`, mostly near `base`:
  /// a few settings are far more sought after than the rest.
  private func popularity(_ base: Double, _ spread: Double, _ r: inout SeededRandom) -> Double {
    let u = r.unit()
    return base + spread * u * u * u
  }

  private func pounds(_ low: Double, _ high: Double, _ r: inout SeededRandom) -> Double {
    (r.uniform(low, high) / 50).rounded() * 50
  }

  private mutating func buildCounty(_ c: Int, into drafts: inout [Draft], _ r: inout SeededRandom) {
    let county = geography.counties[c]
    let counts = KindCounts(total: county.settings, plannedWanted: c == 0 || r.chance(0.5), &r)
    let la = String(county.code)
    let firstMainstream = drafts.count
    addPrimaries(counts, county: c, la: la, into: &drafts, &r)
    addSecondaries(counts, county: c, la: la, into: &drafts, &r)
    addResourced(counts.resourced, hosts: Array(firstMainstream..<drafts.count), county: c, la: la, into: &drafts, &r)
    addSpecials(counts.special, county: c, la: la, into: &drafts, &r)
    addIndependents(counts.independent, county: c, la: la, into: &drafts, &r)
    addAlternatives(counts.ap, county: c, la: la, into: &drafts, &r)
    addPlanned(counts.planned, county: c, la: la, into: &drafts, &r)
  }

  /// A mainstream setting's draft: on roll 84% to 103% of its capacity.
  private func mainstreamDraft(
    _ name: String, at p: GridPoint, ages: (Int, Int), capacity: Int, gender: SettingGender = .mixed,
    _ urn: URN, county c: Int, la: String, _ r: inout SeededRandom
  ) -> Draft {
    let onRoll = Int(Double(capacity) * r.uniform(0.84, 1.03))
    let setting = Setting(
      urn: urn, name: name, kind: .mainstream, easting: p.easting.rounded(), northing: p.northing.rounded(),
      lowAge: ages.0, highAge: ages.1, capacity: capacity, onRoll: onRoll, gender: gender,
      costPerPlace: pounds(10_500, 14_500, &r), localAuthority: la)
    return Draft(setting: setting, county: c, popularity: popularity(0.4, 2.6, &r))
  }

  /// Primary phase: most in towns, about three in ten in villages.
  private mutating func addPrimaries(
    _ counts: KindCounts, county c: Int, la: String, into drafts: inout [Draft], _ r: inout SeededRandom
  ) {
    let primaryPhases =
      Array(repeating: ("Primary", (4, 11)), count: counts.primary)
      + Array(repeating: ("Infant", (4, 7)), count: counts.infant)
      + Array(repeating: ("Junior", (7, 11)), count: counts.junior)
    for (phase, ages) in primaryPhases {
      let village = phase == "Primary" && r.chance(0.3)
      let p: GridPoint
      let place: String
      if village, let v = geography.randomPoint(in: c, random: &r) {
        p = v
        place = names.placeName(&r)
      } else {
        let t = town(c, .even, &r)
        p = geography.point(near: t.centre, spread: t.spread, in: c, random: &r)
        place = t.name
      }
      let capacity: Int =
        switch phase {
        case "Infant": r.element([180, 270, 360])
        case "Junior": r.element([240, 360, 480])
        default:
          village
            ? r.element([56, 84, 105, 140, 210])
            : r.pick([(105, 0.1), (210, 0.35), (315, 0.15), (420, 0.28), (630, 0.12)])
        }
      let name = names.primary(town: place, phase: phase, village: village, &r)
      let urn = newURN(&r)
      drafts.append(mainstreamDraft(name, at: p, ages: ages, capacity: capacity, urn, county: c, la: la, &r))
    }
  }

  /// Secondaries (a few single-sex grammar schools where there are enough
  /// schools) and all-through academies, in the larger towns.
  private mutating func addSecondaries(
    _ counts: KindCounts, county c: Int, la: String, into drafts: inout [Draft], _ r: inout SeededRandom
  ) {
    var singleSex = 0
    for i in 0..<(counts.secondary + counts.allThrough) {
      let allThrough = i >= counts.secondary
      let t = town(c, .large, &r)
      let p = geography.point(near: t.centre, spread: t.spread * 0.7, in: c, random: &r)
      var gender = SettingGender.mixed
      // About one secondary in twelve is single-sex, boys and girls in turn.
      if !allThrough, counts.secondary >= 5, r.chance(0.08) {
        gender = singleSex % 2 == 0 ? .boys : .girls
        singleSex += 1
      }
      let ages = allThrough ? (4, 18) : (gender != .mixed || r.chance(0.6)) ? (11, 18) : (11, 16)
      let capacity =
        allThrough ? r.element([1500, 1800, 2100]) : r.element([600, 750, 900, 1050, 1200, 1500, 1800])
      let name = names.secondary(town: t.name, gender: gender.rawValue, allThrough: allThrough, &r)
      let urn = newURN(&r)
      drafts.append(
        mainstreamDraft(name, at: p, ages: ages, capacity: capacity, gender: gender, urn, county: c, la: la, &r))
    }
  }

  /// Resourced provisions: a small base inside a mainstream host, same
  /// site, ages and admissions, designated for one need.
  private mutating func addResourced(
    _ count: Int, hosts: [Int], county c: Int, la: String, into drafts: inout [Draft], _ r: inout SeededRandom
  ) {
    var hosts = hosts
    for _ in 0..<min(count, hosts.count) {
      let host = drafts[hosts.remove(at: r.index(below: hosts.count))].setting
      let need = r.pick(Mix.resourcedNeeds)
      let setting = Setting(
        urn: newURN(&r), name: "\(host.name) (\(Mix.resourcedLabel(need)))", kind: .resourced,
        easting: host.easting, northing: host.northing, lowAge: host.lowAge, highAge: host.highAge,
        capacity: r.int(in: 8...20), gender: host.gender, needs: EnumSet([need]),
        costPerPlace: pounds(17_000, 22_000, &r), localAuthority: la)
      drafts.append(Draft(setting: setting, designation: [need], county: c, popularity: popularity(0.5, 2, &r)))
    }
  }

  /// State special schools.
  private mutating func addSpecials(
    _ count: Int, county c: Int, la: String, into drafts: inout [Draft], _ r: inout SeededRandom
  ) {
    for i in 0..<count {
      let needs = i < Mix.firstSpecials.count ? Mix.firstSpecials[i] : r.pick(Mix.specials)
      let t = town(c, .even, &r)
      let p = geography.point(near: t.centre, spread: t.spread * 0.8, in: c, random: &r)
      let ages = Mix.specialAges(needs, &r)
      let capacity =
        r.pick([
          (80, 1), (100, 1.5), (120, 2), (150, 2), (180, 2), (220, 1.5), (260, 1), (300, 0.6),
        ])
        + r.int(in: 0...9)
      let complex = needs.contains(.pmld) || needs.contains(.msi)
      let setting = Setting(
        urn: newURN(&r), name: names.special(town: t.name, &r), kind: .special, easting: p.easting.rounded(),
        northing: p.northing.rounded(), lowAge: ages.0, highAge: ages.1, capacity: capacity, onRoll: capacity,
        needs: EnumSet(needs), costPerPlace: pounds(21_000, 27_000, &r) + (complex ? 4_000 : 0), localAuthority: la)
      drafts.append(Draft(setting: setting, designation: needs, county: c, popularity: popularity(0.3, 3.5, &r)))
    }
  }

  /// Independent and non-maintained special schools: dear, often rural,
  /// now and then boys only.
  private mutating func addIndependents(
    _ count: Int, county c: Int, la: String, into drafts: inout [Draft], _ r: inout SeededRandom
  ) {
    for _ in 0..<count {
      let needs = r.pick(Mix.independents)
      let t = town(c, .even, &r)
      let p =
        r.chance(0.6)
        ? (geography.randomPoint(in: c, random: &r) ?? t.centre)
        : geography.point(near: t.centre, spread: t.spread, in: c, random: &r)
      let ages = r.pick([((7, 19), 2), ((11, 19), 3), ((5, 16), 1), ((8, 18), 1)])
      let gender: SettingGender = needs.contains(.semh) && r.chance(0.3) ? .boys : .mixed
      let capacity = r.int(in: 24...90)
      let setting = Setting(
        urn: newURN(&r), name: names.independent(town: t.name, &r), kind: .independent,
        easting: p.easting.rounded(), northing: p.northing.rounded(), lowAge: ages.0, highAge: ages.1,
        capacity: capacity, onRoll: capacity, gender: gender, needs: EnumSet(needs),
        costPerPlace: pounds(52_000, 72_000, &r), localAuthority: la)
      drafts.append(Draft(setting: setting, designation: needs, county: c, popularity: popularity(0.3, 2, &r)))
    }
  }

  /// Alternative provision, in the largest towns.
  private mutating func addAlternatives(
    _ count: Int, county c: Int, la: String, into drafts: inout [Draft], _ r: inout SeededRandom
  ) {
    for _ in 0..<count {
      let t = town(c, .largest, &r)
      let p = geography.point(near: t.centre, spread: t.spread * 0.5, in: c, random: &r)
      let ages = r.chance(0.8) ? (11, 16) : (5, 16)
      let capacity = r.element([24, 30, 40, 48, 60])
      let setting = Setting(
        urn: newURN(&r), name: names.alternative(town: t.name, &r), kind: .ap, easting: p.easting.rounded(),
        northing: p.northing.rounded(), lowAge: ages.0, highAge: ages.1, capacity: capacity, onRoll: capacity,
        costPerPlace: pounds(18_000, 26_000, &r), localAuthority: la)
      drafts.append(Draft(setting: setting, county: c, popularity: 0.5))
    }
  }

  /// A planned provision, known by a local code until it has a URN: empty,
  /// so all its (few, phased) places are free.
  private mutating func addPlanned(
    _ count: Int, county c: Int, la: String, into drafts: inout [Draft], _ r: inout SeededRandom
  ) {
    for _ in 0..<count {
      let need = r.pick([(NeedCode.asd, 3), (.semh, 2), (.slcn, 1)])
      let serial = plannedSerial[need, default: 0] + 1
      plannedSerial[need] = serial
      let code = "NEW-\(need.code)-\(serial < 10 ? "0" : "")\(serial)"
      usedURNs.insert(code)
      let t = town(c, .flat, &r)
      let p = geography.point(near: t.centre, spread: t.spread, in: c, random: &r)
      let ages = need == .semh ? (11, 16) : (4, 19)
      let setting = Setting(
        urn: URN(code), name: "\(t.name) \(need.code) Free School (planned)", kind: .special,
        easting: p.easting.rounded(), northing: p.northing.rounded(), lowAge: ages.0, highAge: ages.1,
        capacity: r.int(in: 16...32), onRoll: 0, needs: EnumSet([need]),
        costPerPlace: pounds(21_000, 27_000, &r), localAuthority: la)
      drafts.append(Draft(setting: setting, designation: [need], county: c, popularity: 0.6))
    }
  }
}
