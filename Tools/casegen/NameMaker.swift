import ToolSupport

/// Made-up English place and school names, in the shapes GIAS uses
/// ("St Mary's Catholic Primary School, Folkestone"). Some carry commas
/// and a few carry double quotes, so readers must handle RFC 4180 quoting.
struct NameMaker {
  private static let heads = [
    "Ash", "Bex", "Brad", "Bramp", "Brook", "Cal", "Chat", "Chel", "Cran", "Dart", "Dun", "East", "Eden", "Elm",
    "Fair", "Fal", "Fern", "Gil", "Graves", "Had", "Hal", "Hart", "Hather", "Hay", "Hol", "Hor", "Ick", "Kings",
    "Lang", "Lea", "Lin", "Long", "Mar", "Mil", "Mort", "New", "North", "Oak", "Ock", "Ot", "Pen", "Ram", "Red",
    "Rother", "Sand", "Sel", "Shep", "Sit", "South", "Staple", "Stan", "Stow", "Sut", "Ten", "Thorn", "Tun",
    "Ux", "Wal", "Wen", "West", "Whit", "Wick", "Win", "Wood", "Wy",
  ]
  private static let tails = [
    "ford", "ham", "ton", "bury", "field", "ley", "by", "thorpe", "wick", "minster", "stead", "worth", "caster",
    "mouth", "bridge", "den", "hurst", "stone", "well", "combe", "borough", "chester", "don", "ing", "sey",
  ]
  private static let affixes = [" Magna", " Parva", "-on-Sea", " St Mary", " Green", " Heath", "-on-the-Hill"]
  private static let saints = [
    "Mary", "John", "Peter", "Paul", "Andrew", "Michael", "George", "Margaret", "Nicholas", "Thomas", "Joseph",
    "Anne", "Edmund", "Bartholomew", "Luke", "Mark", "James", "Augustine", "Alban", "Chad", "Hilda", "Cuthbert",
    "Dunstan", "Francis", "Lawrence", "Botolph",
  ]
  private static let features = [
    "Oak", "Willow", "Ash", "Beech", "Cedar", "Holly", "Hazel", "Rowan", "Elm", "Maple", "Birch", "Meadow",
    "Brook", "River", "Hill", "Valley", "Orchard", "Grange", "Manor", "Priory", "Abbey", "Chestnut", "Heron",
    "Kingfisher", "Skylark", "Fox", "Badger", "Bluebell", "Foxglove", "Laurel", "Linden", "Alder",
  ]
  private static let featureTails = [
    "field", "wood", "dene", "mead", "lands", "bank", "croft", "side", "ridge", " Park", " Grove", " Lodge",
    " View", "brook", "gate",
  ]

  /// A town or village name such as `Hatherbury` or `Longcombe Magna`.
  mutating func placeName(_ r: inout SeededRandom) -> String {
    var name = r.element(Self.heads) + r.element(Self.tails)
    if r.chance(0.08) { name += r.element(Self.affixes) }
    return name
  }

  private func feature(_ r: inout SeededRandom) -> String {
    r.element(Self.features) + r.element(Self.featureTails)
  }

  private func saint(_ r: inout SeededRandom) -> String { "St " + r.element(Self.saints) + "'s" }

  /// A primary, infant or junior school's name.
  mutating func primary(town: String, phase: String, village: Bool, _ r: inout SeededRandom) -> String {
    switch r.pick(weights: village ? [5, 3, 1, 0, 0, 1] : [3, 2, 1.2, 2, 1.5, 1]) {
    case 0: return "\(town) \(phase) School"
    case 1: return "\(town) Church of England \(phase) School"
    case 2: return "\(saint(&r)) Catholic \(phase) School, \(town)"
    case 3: return "\(feature(&r)) \(phase) Academy"
    case 4: return "\(town) \(r.element(["Community", "Park", "Hill", "Oaks", "Meadows"])) \(phase) School"
    default: return r.chance(0.5) ? "\(saint(&r)) CofE \(phase) School, \(town)" : "\(saint(&r)) CofE \(phase) School"
    }
  }

  /// A secondary or all-through school's name; single-sex schools say so.
  mutating func secondary(town: String, gender: String, allThrough: Bool, _ r: inout SeededRandom) -> String {
    if allThrough { return "\(town) All-Through Academy" }
    switch gender {
    case "boys": return r.chance(0.6) ? "\(town) Boys' Grammar School" : "\(town) School for Boys"
    case "girls": return r.chance(0.6) ? "\(town) Girls' Grammar School" : "\(town) School for Girls"
    default:
      switch r.pick(weights: [3, 2, 2, 1, 2, 1]) {
      case 0: return "\(town) Academy"
      case 1: return "\(town) High School"
      case 2: return "\(feature(&r)) School"
      case 3: return "\(saint(&r)) Catholic High School, \(town)"
      case 4: return "The \(town) School"
      default: return "\(town) Grammar School"
      }
    }
  }

  /// A state special school's name.
  mutating func special(town: String, _ r: inout SeededRandom) -> String {
    switch r.pick(weights: [4, 2, 2, 1]) {
    case 0: return "\(feature(&r)) School"
    case 1: return "The \(feature(&r)) Academy"
    case 2: return "\(town) \(r.element(["Community Special School", "Specialist School", "Park School"]))"
    default: return "\(feature(&r)) School, \(town)"
    }
  }

  /// An independent or non-maintained special school's name.
  mutating func independent(town: String, _ r: inout SeededRandom) -> String {
    switch r.pick(weights: [3, 2, 1, 1]) {
    case 0: return "\(feature(&r)) House School"
    case 1: return "\(feature(&r)) College, \(town)"
    case 2: return "The \"\(r.element(Self.features))\" Specialist School"
    default: return "\(town) Priory School"
    }
  }

  /// An alternative-provision setting's name.
  mutating func alternative(town: String, _ r: inout SeededRandom) -> String {
    switch r.pick(weights: [3, 2, 1]) {
    case 0: return "\(town) Pupil Referral Unit"
    case 1: return "\(town) \"Fresh Start\" Centre"
    default: return "\(feature(&r)) Learning Centre"
    }
  }
}
