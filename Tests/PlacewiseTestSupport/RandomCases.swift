public import Placewise

/// A small seedable generator (SplitMix64): Swift's default one cannot be seeded.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
  private var state: UInt64
  /// A generator whose sequence depends only on the seed.
  public init(seed: UInt64) { state = seed }
  /// The next 64 random bits.
  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

/// Tiny random cases for comparing the optimiser with brute force: few
/// pupils and settings, so every assignment can be tried, but every rule in
/// play (kinds, needs, ages, gender, caps, journey limits and overrides,
/// preferences beyond the limit, out-of-area and repeated preferences,
/// priorities, full settings, a travel matrix with gaps, fractional minutes).
public enum RandomCases {
  /// A random tiny case.
  public static func tiny(seed: UInt64) -> Case {
    random(seed: seed, settings: 2...3, pupils: 3...7, places: 0...2)
  }

  /// A random case of the same kind, too large to enumerate (up to 12
  /// settings and 80 pupils): for comparisons with the plain LP, which the
  /// tiny cases check against enumeration.
  public static func medium(seed: UInt64) -> Case {
    random(seed: seed, settings: 6...12, pupils: 30...80, places: 0...8)
  }

  /// A tiny case full of ties, for the tie-break: settings and pupils at
  /// one or two points, pupils alike but for their ids (same age; needs,
  /// sexes and priorities from short lists), places short, sometimes a
  /// need cap or a travel matrix of whole minutes from two values.
  public static func tiedTiny(seed: UInt64) -> Case {
    tied(seed: seed, settings: 2...4, pupils: 3...7)
  }

  /// The same kind of case, too large to enumerate (6 to 12 settings, 30 to
  /// 80 pupils, places up to 8): for comparisons with the plain LP.
  public static func tiedMedium(seed: UInt64) -> Case {
    tied(seed: seed, settings: 6...12, pupils: 30...80, places: 0...8)
  }

  static func tied(
    seed: UInt64, settings settingRange: ClosedRange<Int>, pupils pupilRange: ClosedRange<Int>,
    places: ClosedRange<Int> = 0...2
  ) -> Case {
    var rng = SeededGenerator(seed: seed)
    let points: [(Double, Double)] = [(400_000, 400_000), (403_000, 400_000)]
    let settingCount = Int.random(in: settingRange, using: &rng)
    let pupilCount = Int.random(in: pupilRange, using: &rng)
    let needs: [NeedCode] = [.asd, .asd, .semh]
    var settings: [Setting] = []
    for s in 0..<settingCount {
      let point = points[Int.random(in: 0..<2, using: &rng)]
      var caps: [NeedCode: Int] = [:]
      if Int.random(in: 0..<4, using: &rng) == 0 { caps[.semh] = Int.random(in: 0...1, using: &rng) }
      // URNs out of index order, so that rank and index differ.
      settings.append(
        Setting(
          urn: URN("\(100_000 + (s * 7 + 3) % 10)\(s)"), name: "Setting \(s)", kind: .special, easting: point.0,
          northing: point.1, lowAge: 4, highAge: 16, capacity: Int.random(in: places, using: &rng), needPlaces: caps))
    }
    var pupils: [Pupil] = []
    for p in 0..<pupilCount {
      let point = points[Int.random(in: 0..<2, using: &rng)]
      pupils.append(
        Pupil(
          id: PupilID("T\(seed)-\(p)"), easting: point.0 + 500, northing: point.1, age: 10,
          primaryNeed: needs[Int.random(in: 0..<needs.count, using: &rng)], provision: EnumSet([.special]),
          priority: Int.random(in: 0..<5, using: &rng) == 0 ? 2 : 1))
    }
    var travel: TravelMatrix?
    if Bool.random(using: &rng) {
      var matrix = TravelMatrix()
      for p in pupils.indices {
        for s in settings.indices where Int.random(in: 0..<5, using: &rng) > 0 {
          matrix.append(pupil: p, setting: s, minutes: Bool.random(using: &rng) ? 10 : 20)
        }
      }
      travel = matrix
    }
    return Case(settings: settings, pupils: pupils, travel: travel, policy: .version1)
  }

  static func random(
    seed: UInt64, settings settingRange: ClosedRange<Int>, pupils pupilRange: ClosedRange<Int>,
    places: ClosedRange<Int>
  ) -> Case {
    var rng = SeededGenerator(seed: seed)
    let needs: [NeedCode] = [.asd, .slcn, .semh, .sld]
    let kinds: [SettingKind] = [.special, .resourced, .mainstream, .independent]
    let settingCount = Int.random(in: settingRange, using: &rng)
    let pupilCount = Int.random(in: pupilRange, using: &rng)
    // Version 1's objective: this corpus checks that the policy keeping it
    // gives version 1's optimum exactly (`RandomLawCases` covers version 2).
    var policy = Policy.version1
    if Bool.random(using: &rng) {
      policy.maxTravelMinutesPrimary = Double(Int.random(in: 10...40, using: &rng))
      policy.maxTravelMinutesSecondary = Double(Int.random(in: 20...60, using: &rng))
      policy.preferenceStep = Double(Int.random(in: 0...30, using: &rng))
      policy.unlistedPenalty = Double(Int.random(in: 0...80, using: &rng))
    }
    func coordinate() -> Double {
      Double(Int.random(in: 0...12_000, using: &rng)) + (Bool.random(using: &rng) ? 0.5 : 0)
    }

    var settings: [Setting] = []
    for s in 0..<settingCount {
      let low = Int.random(in: 4...11, using: &rng)
      let capacity = Int.random(in: places, using: &rng)
      var designated = EnumSet<NeedCode>()
      if Int.random(in: 0..<3, using: &rng) > 0 {
        for need in needs where Bool.random(using: &rng) { designated.insert(need) }
      }
      var caps: [NeedCode: Int] = [:]
      if Bool.random(using: &rng) { caps[needs.element(using: &rng)] = Int.random(in: 0...2, using: &rng) }
      let genders: [SettingGender] = [.mixed, .mixed, .boys, .girls]
      settings.append(
        Setting(
          urn: URN("\(100_000 + s)"), name: "Setting \(s)", kind: kinds.element(using: &rng),
          easting: coordinate(), northing: coordinate(), lowAge: low, highAge: low + Int.random(in: 0...8, using: &rng),
          capacity: capacity + Int.random(in: 0...1, using: &rng),
          onRoll: Int.random(in: 0..<4, using: &rng) == 0 ? 1 : 0,
          gender: genders.element(using: &rng), needs: designated, needPlaces: caps))
    }
    var pupils: [Pupil] = []
    for p in 0..<pupilCount {
      var provision = EnumSet<SettingKind>()
      for kind in kinds where Int.random(in: 0..<3, using: &rng) > 0 { provision.insert(kind) }
      if provision.isEmpty { provision.insert(.special) }
      var preferences: [URN] = []
      for _ in 0..<Int.random(in: 0...3, using: &rng) {
        switch Int.random(in: 0..<6, using: &rng) {
        case 0: preferences.append(URN("999999"))  // out of area
        default: preferences.append(settings.element(using: &rng).urn)  // may repeat
        }
      }
      let sexes: [Sex?] = [.male, .female, nil]
      pupils.append(
        Pupil(
          id: PupilID("P\(p)"), easting: coordinate(), northing: coordinate(), age: Int.random(in: 4...16, using: &rng),
          primaryNeed: needs.element(using: &rng), provision: provision, sex: sexes.element(using: &rng),
          preferences: preferences,
          maxTravelMinutes: Int.random(in: 0..<4, using: &rng) == 0 ? Double(Int.random(in: 0...60, using: &rng)) : nil,
          priority: Int.random(in: 0..<4, using: &rng) == 0 ? Int.random(in: 2...3, using: &rng) : 1))
    }
    var travel: TravelMatrix?
    if Int.random(in: 0..<3, using: &rng) == 0 {
      var matrix = TravelMatrix()
      for p in pupils.indices {
        for s in settings.indices where Int.random(in: 0..<4, using: &rng) > 0 {
          let minutes = Double(Int.random(in: 0...900, using: &rng)) / 10
          matrix.append(pupil: p, setting: s, minutes: minutes)
        }
      }
      travel = matrix
    }
    var input = Case(settings: settings, pupils: pupils, travel: travel, policy: policy)
    input.roll = roll(for: settings)
    if travel != nil { input.rollTravel = TravelMatrix() }
    return input
  }

  /// The pupils on roll at every setting but a mainstream one (`on_roll`
  /// of them, so that a plan may close it: case format 2), made from the
  /// setting alone, with no draw from the generator, so that a seed gives
  /// the case it gave before rolls existed.
  public static func roll(for settings: [Setting]) -> [RollPupil] {
    var roll: [RollPupil] = []
    for (s, setting) in settings.enumerated() where setting.kind != .mainstream {
      for k in 0..<setting.onRoll {
        let pupil = Pupil(
          id: PupilID("R\(s)-\(k)"), easting: setting.easting + 500, northing: setting.northing, age: setting.lowAge,
          primaryNeed: setting.needs.first { _ in true } ?? .asd, provision: EnumSet([setting.kind]),
          currentURN: setting.urn)
        roll.append(RollPupil(pupil: pupil, setting: s))
      }
    }
    return roll
  }
}

extension Array {
  /// A random element (the array is never empty here), drawn exactly as
  /// `randomElement(using:)` draws it, so seeds give the same cases.
  fileprivate func element(using rng: inout some RandomNumberGenerator) -> Element {
    self[Int.random(in: 0..<count, using: &rng)]
  }
}
