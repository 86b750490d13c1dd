/// The fixed matrices of case shapes: issue 14's (the knobs of casegen that
/// change a solver's work, at 20k and at 500k, and the heavily tied case),
/// and issue 24's families of shapes at 20k, 100k and 500k.
enum ShapeMatrix {
  /// `--cases shapes`.
  static let cases = [
    // 20k: the benchmark's own county, then one knob turned each.
    "20k-base=20000",
    "20k-travel=20000+travel",
    "20k-scarce=20000/--special-demand;1.5",
    "20k-surplus=20000/--special-demand;0.8",
    "20k-county751=20000+travel/--settings;751;--detour-spread;1.0;--missing-pairs;0.1",
    "20k-prefs=20000/--preference-share;1.0;--preference-depth;6",
    "20k-noprefs=20000/--preference-share;0",
    "20k-ties=20000+travel/--whole-minutes;--identical-pupils;4",
    "20k-las=20000/--counties;8;--county-spread;0.9",
    "tied=1200/--tied-settings;1000",
    // 500k: national, scarce special places, many small LAs.
    "500k-national=500000/--counties;40;--settings;18670",
    "500k-scarce=500000/--special-demand;1.5",
    "500k-las=500000/--counties;150;--county-spread;0.9",
  ].joined(separator: ",")

  /// One family of `--cases families`: casegen's arguments, and the sizes
  /// it runs at (a travel matrix at 500k would be billions of rows).
  struct Family {
    var name: String
    var travel = false
    var arguments: [String] = []
    var sizes = [20_000, 100_000, 500_000]
    /// Arguments that differ by size (the number of LAs).
    var bySize: [Int: [String]] = [:]
  }

  /// Issue 24's families: places short (5-10% unplaced, with priorities of
  /// 1 and 3% at 2 and 70% of pupils stating preferences, the shape of the
  /// national case whose auction ran 44 s), places tight, no preferences,
  /// many preferences, one LA and many, a travel matrix and estimated
  /// journeys, ties, and priorities of 1-2 and of 1-1,000,000.
  static let families: [Family] = [
    Family(name: "estimated"),
    Family(name: "travel", travel: true, sizes: [20_000, 100_000]),
    Family(
      name: "short", arguments: ["--special-demand", "1.2", "--priorities", "one-two", "--preference-share", "0.7"]),
    Family(name: "tight", arguments: ["--special-demand", "1.0"]),
    Family(name: "noprefs", arguments: ["--preference-share", "0"]),
    Family(name: "prefs", arguments: ["--preference-share", "1.0", "--preference-depth", "6"]),
    Family(
      name: "one-la", sizes: [20_000, 100_000],
      bySize: [20_000: ["--counties", "1"], 100_000: ["--counties", "1"]]),
    Family(
      name: "many-las",
      bySize: [
        20_000: ["--counties", "8", "--county-spread", "0.9"], 100_000: ["--counties", "40", "--county-spread", "0.9"],
        500_000: ["--counties", "150", "--county-spread", "0.9"],
      ]),
    Family(name: "ties", arguments: ["--identical-pupils", "4"]),
    Family(
      name: "ties-travel", travel: true, arguments: ["--whole-minutes", "--identical-pupils", "4"],
      sizes: [20_000, 100_000]),
    Family(name: "priority-1-2", arguments: ["--priorities", "one-two"]),
    Family(name: "priority-wide", arguments: ["--priorities", "wide"]),
  ]

  /// `--cases families`, or `families-20k` (`-100k`, `-500k`) for one size:
  /// every family at its sizes, smallest first, then the tied case.
  static func familyCases(size: Int? = nil) -> String {
    var specs: [String] = []
    for pupils in [20_000, 100_000, 500_000] where size == nil || size == pupils {
      for family in families where family.sizes.contains(pupils) {
        let arguments = family.arguments + (family.bySize[pupils] ?? [])
        specs.append(
          "\(pupils / 1000)k-\(family.name)=\(pupils)\(family.travel ? "+travel" : "")"
            + (arguments.isEmpty ? "" : "/" + arguments.joined(separator: ";")))
      }
    }
    if size == nil { specs.append("tied=1200/--tied-settings;1000") }
    return specs.joined(separator: ",")
  }

  /// The cases `--cases` names: `shapes`, `families`, `families-20k`,
  /// `families-100k`, `families-500k`, or a list of case specs.
  static func expand(_ cases: String) -> String {
    switch cases {
    case "shapes": Self.cases
    case "families": familyCases()
    case "families-20k": familyCases(size: 20_000) + ",tied=1200/--tied-settings;1000"
    case "families-100k": familyCases(size: 100_000)
    case "families-500k": familyCases(size: 500_000)
    default: cases
    }
  }
}
