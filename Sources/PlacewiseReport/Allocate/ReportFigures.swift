package import Placewise

/// The counts an allocation report shows, worked out once from the case and
/// its allocation, every sum taken in input order.
package struct ReportFigures {
  /// Pupils of one group (a need, a phase) and how they fared.
  package struct Group {
    /// The group's name.
    package var label: String
    /// A shorter name, for charts.
    package var short: String
    /// Pupils in the group.
    package var pupils = 0
    /// Of them placed.
    package var placed = 0
    /// Of them unplaced.
    package var unplaced = 0
    /// Their unmet priority.
    package var unmetPriority = 0
    /// Of them, pupils with a protected request, and those refused it.
    package var requests = 0
    package var requestsRefused = 0
    /// Annual cost of the places they use.
    package var placeCost = 0.0

    mutating func add(placed isPlaced: Bool, priority: Int) {
      pupils += 1
      if isPlaced {
        placed += 1
      } else {
        unplaced += 1
        unmetPriority += priority
      }
    }
  }

  /// By primary need, in the case format's code order, needs present only.
  package var byNeed: [Group] = []
  /// By phase of education (early years only when present).
  package var byPhase: [Group] = []
  /// Places used at each setting, by setting index.
  package var used: [Int]
  /// Journey minutes of each placed pupil, in input order.
  package var journeys: [Double] = []
  /// Of pupils with preferences: placed at the first, at a later one, at an
  /// unlisted setting, and unplaced.
  package var preferenceOutcomes = [0, 0, 0, 0]
  /// Pupils placed at settings of each kind, by kind raw value.
  package var placedByKind = [Int](repeating: 0, count: SettingKind.allCases.count)
  /// Annual cost of the places used at settings of each kind.
  package var costByKind = [Double](repeating: 0, count: SettingKind.allCases.count)
  /// Side of the map's squares, kilometres: 1, or more for a case so
  /// spread out that 1 km squares would make the page too heavy.
  package var squareKm = 1
  /// Pupils' homes counted per square, sorted by square.
  package var homes: [SVGMap.Square] = []
  /// Unplaced pupils' homes counted per square, sorted by square.
  package var unplacedHomes: [SVGMap.Square] = []

  /// The most squares the map draws before it uses larger squares.
  package static let maximumSquares = 20_000

  /// The words for a need code.
  package static func needName(_ need: NeedCode) -> String {
    switch need {
    case .spld: "Specific learning difficulty"
    case .mld: "Moderate learning difficulty"
    case .sld: "Severe learning difficulty"
    case .pmld: "Profound and multiple learning difficulty"
    case .semh: "Social, emotional and mental health"
    case .slcn: "Speech, language and communication"
    case .hi: "Hearing impairment"
    case .vi: "Vision impairment"
    case .msi: "Multi-sensory impairment"
    case .pd: "Physical disability"
    case .asd: "Autistic spectrum disorder"
    case .ds: "Down syndrome"
    case .oth: "Other difficulty or disability"
    }
  }

  /// Phases by age at the start of the placement (``SchoolPhase``), by raw value.
  static func phase(age: Int) -> Int { SchoolPhase(age: age).rawValue }

  static let phaseNames = SchoolPhase.allCases.map(\.label)

  /// Works the figures out.
  package init(case input: Case, candidates: CandidateSet, allocation: Allocation) {
    used = [Int](repeating: 0, count: input.settings.count)
    var needs = NeedCode.allCases.map { Group(label: "\($0.code): \(Self.needName($0))", short: $0.code) }
    var phases = Self.phaseNames.map { Group(label: $0, short: $0) }
    var squareCounts: [Int: [Int: (all: Int, unplaced: Int)]] = [:]
    squareKm = Self.squareSize(input.pupils)
    let side = Double(squareKm) * 1000
    for (p, pupil) in input.pupils.enumerated() {
      let placement = allocation.placements[p]
      let isPlaced = placement.setting != nil
      needs[pupil.primaryNeed.rawValue].add(placed: isPlaced, priority: pupil.priority)
      phases[Self.phase(age: pupil.age)].add(placed: isPlaced, priority: pupil.priority)
      let request = Int(candidates.terms[p].request)
      if request >= 0 {
        let refused = placement.setting != request ? 1 : 0
        needs[pupil.primaryNeed.rawValue].requests += 1
        needs[pupil.primaryNeed.rawValue].requestsRefused += refused
        phases[Self.phase(age: pupil.age)].requests += 1
        phases[Self.phase(age: pupil.age)].requestsRefused += refused
      }
      if let s = placement.setting {
        needs[pupil.primaryNeed.rawValue].placeCost += input.settings[s].costPerPlace ?? 0
      }
      let east = Int((pupil.easting / side).rounded(.down))
      let north = Int((pupil.northing / side).rounded(.down))
      var cell = squareCounts[east, default: [:]][north, default: (0, 0)]
      cell.all += 1
      if !isPlaced { cell.unplaced += 1 }
      squareCounts[east, default: [:]][north] = cell
      let hasPreferences = !pupil.preferences.isEmpty
      switch placement {
      case .placed(let s, let pair):
        used[s] += 1
        journeys.append(candidates.minutes[pair])
        let kind = input.settings[s].kind.rawValue
        placedByKind[kind] += 1
        costByKind[kind] += input.settings[s].costPerPlace ?? 0
        if hasPreferences {
          let rank = candidates.rank[pair]
          preferenceOutcomes[rank == 1 ? 0 : rank > 1 ? 1 : 2] += 1
        }
      case .unplaced:
        if hasPreferences { preferenceOutcomes[3] += 1 }
      }
    }
    byNeed = needs.filter { $0.pupils > 0 }
    byPhase = phases.enumerated().filter { $0.offset > 0 || $0.element.pupils > 0 }.map(\.element)
    for east in squareCounts.keys.sorted() {
      let column = squareCounts[east] ?? [:]
      for north in column.keys.sorted() {
        guard let cell = column[north] else { continue }
        homes.append(SVGMap.Square(east: east, north: north, count: cell.all))
        if cell.unplaced > 0 { unplacedHomes.append(SVGMap.Square(east: east, north: north, count: cell.unplaced)) }
      }
    }
  }

  /// The smallest square side (1, 2, 5, 10, 20 or 50 km) at which the
  /// pupils' homes fall in at most `maximumSquares` squares.
  static func squareSize(_ pupils: [Pupil]) -> Int {
    for km in [1, 2, 5, 10, 20] {
      let side = Double(km) * 1000
      var seen = Set<Int64>()
      for pupil in pupils {
        let east = Int64((pupil.easting / side).rounded(.down))
        let north = Int64((pupil.northing / side).rounded(.down))
        seen.insert(east << 32 ^ north)
        if seen.count > maximumSquares { break }
      }
      if seen.count <= maximumSquares { return km }
    }
    return 50
  }

  /// The width of the journey histogram's bins, minutes: the smallest of 5,
  /// 10, 15, 30, 60 or 120 that needs at most 30 bins to cover `span`.
  static func binWidth(span: Double) -> Double {
    for width in [5.0, 10, 15, 30, 60] where (span / width).rounded(.down) + 1 <= 30 { return width }
    return 120
  }

  /// Placed pupils counted per journey bin; the bins cover the longest
  /// journey and the policy's limits, or (`openEnded`) only the limits,
  /// the last bin then holding every journey from its start on, so that
  /// the chart's extent is not drawn from one child's journey.
  package func journeyBins(limits: [Double], openEnded: Bool = false) -> (width: Double, counts: [Int]) {
    let span = openEnded ? limits.max() ?? 0 : max(journeys.max() ?? 0, limits.max() ?? 0)
    let width = Self.binWidth(span: span)
    var counts = [Int](repeating: 0, count: Int((span / width).rounded(.down)) + 1)
    for minutes in journeys {
      counts[min(counts.count - 1, Int((minutes / width).rounded(.down)))] += 1
    }
    return (width, counts)
  }
}
