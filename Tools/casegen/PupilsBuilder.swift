import Placewise
import ToolSupport

/// Draws each county's pupils: homes clustered around towns, needs, ages,
/// plans and sex in realistic proportions, then parental preferences (mostly
/// nearby suitable settings, now and then a distant or out-of-area school, or
/// one the plan does not allow) and the setting attended now.
struct PupilsBuilder {
  private let geography: Geography
  private let settings: [Setting]
  private let popularity: [Double]
  private let points: [GridPoint]
  private let policy: Policy
  private let shape: CaseShape
  /// One grid per kind of setting, so a query for special schools does not
  /// wade through hundreds of primaries.
  private let indexes: [SpatialIndex]
  private var usedURNs: Set<String>
  /// Schools in neighbouring authorities that parents name: six-digit URNs
  /// that are not in `settings.csv`.
  private var outOfArea: [[URN]] = []

  init(generated: GeneratedCase, usedURNs: Set<String>, policy: Policy, shape: CaseShape) {
    self.shape = shape
    geography = generated.geography
    settings = generated.settings
    popularity = generated.popularity
    points = generated.settingPoints
    self.policy = policy
    self.usedURNs = usedURNs
    let settings = generated.settings
    indexes = SettingKind.allCases.map { kind in
      SpatialIndex(points: generated.settingPoints, subset: settings.indices.filter { settings[$0].kind == kind })
    }
  }

  /// Nearest settings within 80 km that admit the pupil by the eligibility
  /// rules 1 to 4, nearest first.
  ///
  /// Suitability reads age ranges inclusively, as casegen always has, so
  /// that a seed makes the same case it made before case format 2.
  private static let suitabilityPolicy = {
    var policy = Policy()
    policy.ageRange = .inclusive
    return policy
  }()

  private func suitable(for pupil: Pupil, at home: GridPoint, count: Int) -> [(setting: Int, metres: Double)] {
    var found: [(setting: Int, metres: Double)] = []
    for kind in pupil.provision {
      found += indexes[kind.rawValue].nearest(to: home, count: count, within: 80_000) {
        Eligibility.admits(settings[$0], pupil, policy: Self.suitabilityPolicy)
      }
    }
    found.sort { $0.metres != $1.metres ? $0.metres < $1.metres : $0.setting < $1.setting }
    return Array(found.prefix(count))
  }

  /// The nearest setting of `kind` that takes a pupil of this age and sex.
  private func nearest(_ kind: SettingKind, age: Int, sex: Sex?, need: NeedCode?, from home: GridPoint) -> Int? {
    indexes[kind.rawValue].nearest(to: home, count: 1, within: 60_000) {
      let s = settings[$0]
      guard s.lowAge <= age, age <= s.highAge else { return false }
      if let need, !s.needs.isEmpty, !s.needs.contains(need) { return false }
      switch s.gender {
      case .mixed: return true
      case .boys: return sex == .male
      case .girls: return sex == .female
      }
    }.first?.setting
  }

  private func minutes(_ metres: Double) -> Double { metres / 1000 * policy.detourFactor / policy.speedKmh * 60 }

  mutating func build(into generated: inout GeneratedCase, random r: inout SeededRandom) {
    for _ in geography.counties.indices {
      var pool: [URN] = []
      while pool.count < 6 {
        let text = String(r.int(in: 100_000...149_999))
        if usedURNs.insert(text).inserted { pool.append(URN(text)) }
      }
      outOfArea.append(pool)
    }
    let needWeights = Mix.needs.map(\.1)
    let ageWeights = Mix.ages.map(\.1)
    for c in geography.counties.indices {
      let county = geography.counties[c]
      let townWeights = county.towns.map(\.weight)
      for serial in 1...max(1, county.pupils) where county.pupils > 0 {
        // Home: around a town (spread by the town's size), or rural.
        var home: GridPoint
        if r.chance(0.82) || county.towns.isEmpty {
          let t = county.towns[r.pick(weights: townWeights)]
          home = geography.point(near: t.centre, spread: t.spread, in: c, random: &r)
        } else {
          home = geography.randomPoint(in: c, random: &r) ?? county.centre
        }
        home = GridPoint(easting: home.easting.rounded(), northing: home.northing.rounded())
        let need = Mix.needs[r.pick(weights: needWeights)].0
        let age = Mix.ages[r.pick(weights: ageWeights)].0
        let sex: Sex? = r.chance(0.005) ? nil : r.chance(Mix.maleShare(need)) ? .male : .female
        var kinds = r.pick(Mix.provisions(need))
        if age < 11 || age > 16 { kinds.removeAll { $0 == .ap } }
        if kinds.isEmpty { kinds = [.special] }
        // Looked-after children weigh three, children in need two (in the
        // standard mix; `CaseShape.PriorityMix` has the others).
        let u = r.unit()
        let priority = shape.priorities.priority(u, &r)
        let limit: Double? = r.chance(0.03) ? r.pick([(30.0, 3), (40, 2), (60, 3), (90, 2)]) : nil
        let id = PupilID("P\(county.code)" + String(String(1_000_000 + serial).dropFirst()))
        var pupil = Pupil(
          id: id, easting: home.easting, northing: home.northing, age: age, primaryNeed: need,
          provision: EnumSet(kinds), sex: sex, maxTravelMinutes: limit, priority: priority)
        pupil.preferences = preferences(for: pupil, at: home, county: c, &r)
        pupil.currentURN = current(for: pupil, at: home, county: c, &r)
        generated.pupils.append(pupil)
        generated.pupilCounty.append(c)
      }
    }
  }

  /// One to three URNs for most pupils (about one in eight has none): a
  /// nearby suitable setting, favouring popular ones; sometimes a distant
  /// one (exempt from the journey limit), an out-of-area school, or a
  /// setting the plan does not allow (a mainstream school for a pupil whose
  /// plan names a special school).
  private func preferences(for pupil: Pupil, at home: GridPoint, county c: Int, _ r: inout SeededRandom) -> [URN] {
    guard r.chance(shape.preferenceShare) else { return [] }
    let depth = shape.preferenceDepth
    let wanted = depth == 3 ? r.pick([(1, 0.45), (2, 0.30), (3, 0.25)]) : r.int(in: 1...depth)
    let options = suitable(for: pupil, at: home, count: 16)
    var chosen: [Int] = []
    var listed: [URN] = []
    for _ in 0..<(wanted * 3) where listed.count < wanted {
      let u = r.unit()
      var urn: URN?
      if u < 0.035 {
        urn = r.element(outOfArea[c])
      } else if u < 0.065 {
        let other: SettingKind = pupil.provision.contains(.mainstream) ? .special : .mainstream
        urn = nearest(other, age: pupil.age, sex: pupil.sex, need: nil, from: home).map { settings[$0].urn }
      } else if u < 0.14 {
        let far = options.filter { minutes($0.metres) > 35 }
        if !far.isEmpty {
          let s = far[r.pick(weights: far.map { popularity[$0.setting] })].setting
          if !chosen.contains(s) { chosen.append(s) }
          urn = settings[s].urn
        }
      } else {
        let near = options.prefix(5).filter { !chosen.contains($0.setting) }
        if !near.isEmpty {
          let weights = near.map { o -> Double in
            let m = minutes(o.metres) / 15
            return popularity[o.setting] / (1 + m * m)
          }
          let s = near[r.pick(weights: weights)].setting
          chosen.append(s)
          urn = settings[s].urn
        }
      }
      if let urn, !listed.contains(urn) { listed.append(urn) }
    }
    return listed
  }

  /// The setting attended now: most pupils past Reception have one (at a
  /// phase transfer, the school of the phase they leave); a few attend a
  /// school in another authority.
  private func current(for pupil: Pupil, at home: GridPoint, county c: Int, _ r: inout SeededRandom) -> URN? {
    let share = pupil.age == 4 ? 0.0 : pupil.age == 11 ? 0.85 : pupil.age == 16 ? 0.8 : 0.6
    guard r.chance(share) else { return nil }
    if r.chance(0.03) { return r.element(outOfArea[c]) }
    let specialist = !pupil.provision.contains(.mainstream) && r.chance(0.35)
    let s = nearest(
      specialist ? .special : .mainstream, age: pupil.age - 1, sex: pupil.sex,
      need: specialist ? pupil.primaryNeed : nil, from: home)
    return s.map { settings[$0].urn }
  }
}
