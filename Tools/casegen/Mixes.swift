import Placewise
import ToolSupport

/// The proportions the generator draws from, in one place so that the
/// README's description and the code cannot drift apart.
enum Mix {
  /// Primary needs of pupils with EHC plans, roughly as in SEN2 (percent).
  static let needs: [(NeedCode, Double)] = [
    (.asd, 30), (.slcn, 20), (.semh, 15), (.mld, 10), (.sld, 8), (.spld, 5), (.pd, 3), (.pmld, 2), (.hi, 2),
    (.oth, 2), (.ds, 1.5), (.vi, 1), (.msi, 0.5),
  ]

  /// Ages 4 to 18 at the start of the placement: phase transfers (Reception
  /// at 4, Year 7 at 11, post-16 at 16) are most of a batch.
  static let ages: [(Int, Double)] = [
    (4, 14), (5, 4), (6, 4), (7, 5), (8, 4), (9, 4), (10, 4), (11, 20), (12, 5), (13, 5), (14, 5), (15, 4),
    (16, 9), (17, 2), (18, 1),
  ]

  /// Probability that a pupil with this need is recorded male.
  static func maleShare(_ need: NeedCode) -> Double {
    switch need {
    case .asd: 0.72
    case .semh: 0.74
    case .slcn: 0.70
    case .spld: 0.64
    default: 0.57
    }
  }

  /// The kinds of setting an EHC plan allows, by primary need (weights).
  static func provisions(_ need: NeedCode) -> [([SettingKind], Double)] {
    switch need {
    case .asd:
      [
        ([.special], 6), ([.special, .independent], 10), ([.independent], 2), ([.resourced, .mainstream], 36),
        ([.mainstream], 38), ([.special, .resourced], 8),
      ]
    case .slcn:
      [([.special], 5), ([.special, .independent], 2), ([.resourced, .mainstream], 38), ([.mainstream], 55)]
    case .semh:
      [
        ([.special], 8), ([.special, .independent], 12), ([.special, .independent, .ap], 8), ([.ap], 6),
        ([.resourced, .mainstream], 14), ([.mainstream], 52),
      ]
    case .mld:
      [([.special], 22), ([.special, .independent], 3), ([.resourced, .mainstream], 25), ([.mainstream], 50)]
    case .sld: [([.special], 55), ([.special, .independent], 25), ([.resourced, .mainstream], 20)]
    case .spld: [([.mainstream], 80), ([.resourced, .mainstream], 18), ([.special, .independent], 2)]
    case .pmld: [([.special], 80), ([.special, .independent], 20)]
    case .pd: [([.special], 25), ([.special, .independent], 3), ([.resourced, .mainstream], 17), ([.mainstream], 55)]
    case .hi: [([.special], 10), ([.resourced, .mainstream], 45), ([.mainstream], 45)]
    case .vi: [([.special], 10), ([.resourced, .mainstream], 40), ([.mainstream], 50)]
    case .msi: [([.special], 70), ([.special, .independent], 30)]
    case .ds: [([.special], 40), ([.resourced, .mainstream], 20), ([.mainstream], 40)]
    case .oth: [([.special], 20), ([.special, .independent], 5), ([.mainstream], 75)]
    }
  }

  /// Designations of state special schools. The first four go to every
  /// county's first four special schools, so that each county covers the
  /// main needs; the rest are drawn by weight. An empty list is a generic
  /// "complex needs" school that takes any need. Few name DS, which was
  /// added to SEN2 only in 2025.
  static let firstSpecials: [[NeedCode]] = [[.asd, .slcn], [.sld, .pmld], [.semh], [.mld, .sld]]
  static let specials: [([NeedCode], Double)] = [
    ([.asd, .slcn], 18), ([.asd], 8), ([.sld, .pmld], 10), ([.sld, .pmld, .pd], 6), ([.mld, .sld], 10),
    ([.semh], 16), ([.mld, .asd, .slcn], 8), ([.mld], 4), ([.pd, .msi, .pmld], 4), ([.hi, .vi, .msi], 2),
    ([.sld, .pmld, .asd, .ds], 6), ([], 10), ([.semh, .asd], 5),
  ]

  /// Designations of independent and non-maintained special schools.
  static let independents: [([NeedCode], Double)] = [
    ([.asd], 30), ([.semh], 25), ([.asd, .semh], 25), ([.slcn, .asd], 10), ([.spld], 10),
  ]

  /// The one need a resourced provision is designated for.
  static let resourcedNeeds: [(NeedCode, Double)] = [
    (.asd, 35), (.slcn, 25), (.semh, 10), (.hi, 8), (.spld, 7), (.mld, 7), (.vi, 5), (.pd, 3),
  ]

  /// What a resourced provision is called after its host school's name.
  static func resourcedLabel(_ need: NeedCode) -> String {
    switch need {
    case .asd: "ASD resourced provision"
    case .slcn: "Speech and Language Unit"
    case .semh: "SEMH nurture base"
    case .hi: "Hearing Support Unit"
    case .vi: "VI resource base"
    case .spld: "SpLD resource base"
    case .mld: "Learning Support Centre"
    default: "\(need.code) resource base"
    }
  }

  /// Ages a state special school takes, by its designation.
  static func specialAges(_ needs: [NeedCode], _ r: inout SeededRandom) -> (Int, Int) {
    if needs.contains(.pmld) || needs.contains(.msi) { return r.chance(0.7) ? (2, 19) : (3, 19) }
    if needs == [.semh] || needs == [.semh, .asd] {
      return r.pick([((5, 11), 2), ((11, 16), 2), ((11, 18), 2), ((7, 16), 1), ((5, 16), 1)])
    }
    return r.pick([((4, 19), 5), ((4, 11), 2), ((11, 19), 3)])
  }

  /// The code as written: GIAS spells SPLD as `SpLD`.
  static func giasSpelling(_ need: NeedCode) -> String { need == .spld ? "SpLD" : need.code }
}
