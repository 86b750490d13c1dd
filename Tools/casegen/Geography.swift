import ToolSupport

/// A point on the British National Grid, metres.
struct GridPoint {
  var easting: Double
  var northing: Double

  func distance(to other: GridPoint) -> Double {
    let de = easting - other.easting
    let dn = northing - other.northing
    return (de * de + dn * dn).squareRoot()
  }
}

/// A rough outline of England on the British National Grid (about 45
/// coastal and border points, clockwise from Berwick), close enough that
/// towns and homes fall on land rather than in the North Sea or in Wales.
enum England {
  static let outline: [GridPoint] = [
    (399_000, 653_000), (436_000, 570_000), (452_000, 540_000), (490_000, 511_000), (525_000, 470_000),
    (540_000, 410_000), (556_000, 363_000), (548_000, 336_000), (570_000, 336_000), (622_000, 342_000),
    (653_000, 307_000), (655_000, 293_000), (630_000, 234_000), (600_000, 200_000), (588_000, 185_000),
    (640_000, 170_000), (632_000, 141_000), (609_000, 117_000), (531_000, 104_000), (485_000, 93_000),
    (450_000, 96_000), (368_000, 79_000), (334_000, 92_000), (282_000, 37_000), (190_000, 40_000),
    (135_000, 25_000), (192_000, 75_000), (226_000, 124_000), (297_000, 146_000), (330_000, 170_000),
    (353_000, 194_000), (351_000, 213_000), (323_000, 242_000), (329_000, 272_000), (327_000, 310_000),
    (340_000, 366_000), (325_000, 390_000), (334_000, 417_000), (331_000, 436_000), (340_000, 465_000),
    (320_000, 470_000), (296_000, 512_000), (299_000, 528_000), (333_000, 565_000), (364_000, 594_000),
    (390_000, 620_000),
  ].map { GridPoint(easting: $0.0, northing: $0.1) }

  /// Whether a point lies inside the outline (even-odd ray casting).
  static func contains(_ p: GridPoint) -> Bool {
    var inside = false
    var j = outline.count - 1
    for i in outline.indices {
      let a = outline[i]
      let b = outline[j]
      if (a.northing > p.northing) != (b.northing > p.northing) {
        let crossing = a.easting + (p.northing - a.northing) / (b.northing - a.northing) * (b.easting - a.easting)
        if p.easting < crossing { inside.toggle() }
      }
      j = i
    }
    return inside
  }
}

/// A town: where most homes and schools of a county cluster.
struct Town {
  var name: String
  var centre: GridPoint
  /// Share of the county's town population.
  var weight: Double
  /// Standard spread of homes around the centre, metres.
  var spread: Double
}

/// One local authority's area.
struct County {
  /// The three-digit local-authority code written in `settings.csv`'s `la`.
  var code: Int
  var centre: GridPoint
  /// A box that holds the area (the area itself may be smaller).
  var minEasting, maxEasting, minNorthing, maxNorthing: Double
  var pupils = 0
  var settings = 0
  var towns: [Town] = []
}

/// The area a case covers: one county, or many tiling England.
struct Geography {
  var counties: [County]
  /// County centres when they tile England (a point belongs to the nearest
  /// centre); empty for a single county, which is a plain box.
  private var tiling: [GridPoint]

  /// A single county of about 50 by 60 km, placed somewhere in England with
  /// eastings 400000-600000 and northings 100000-600000.
  static func singleCounty(random: inout SeededRandom, code: Int) -> Geography {
    let halfWidth = 25_000.0
    let halfHeight = 30_000.0
    var best = GridPoint(easting: 560_000, northing: 150_000)
    var bestLand = -1
    // Keep the candidate whose box lies most on land.
    for _ in 0..<40 {
      let c = GridPoint(easting: random.uniform(400_000, 600_000), northing: random.uniform(100_000, 600_000))
      guard England.contains(c) else { continue }
      var land = 0
      for i in 0..<7 {
        for j in 0..<7 {
          let p = GridPoint(
            easting: c.easting - halfWidth + Double(i) * halfWidth / 3,
            northing: c.northing - halfHeight + Double(j) * halfHeight / 3)
          if England.contains(p) { land += 1 }
        }
      }
      if land > bestLand { (best, bestLand) = (c, land) }
      if land == 49 { break }
    }
    let county = County(
      code: code, centre: best, minEasting: best.easting - halfWidth, maxEasting: best.easting + halfWidth,
      minNorthing: best.northing - halfHeight, maxNorthing: best.northing + halfHeight)
    return Geography(counties: [county], tiling: [])
  }

  /// `count` counties tiling England: centres spread by best-candidate
  /// sampling, each point of land belonging to the nearest centre.
  static func tiling(count: Int, random: inout SeededRandom, codes: [Int]) -> Geography {
    var centres: [GridPoint] = []
    while centres.count < count {
      var best = randomLandPoint(&random)
      var bestGap = centres.map { $0.distance(to: best) }.min() ?? .infinity
      for _ in 1..<24 {
        let c = randomLandPoint(&random)
        let gap = centres.map { $0.distance(to: c) }.min() ?? .infinity
        if gap > bestGap { (best, bestGap) = (c, gap) }
      }
      centres.append(best)
    }
    // England is about 130,000 km2: a county's reach is a little more than
    // the radius of its share, so that its box holds the whole cell.
    let reach = 1.9 * (130_000e6 / Double(count) / Double.pi).squareRoot()
    let counties = centres.enumerated().map { i, c in
      County(
        code: codes[i], centre: c, minEasting: c.easting - reach, maxEasting: c.easting + reach,
        minNorthing: c.northing - reach, maxNorthing: c.northing + reach)
    }
    return Geography(counties: counties, tiling: centres)
  }

  private static func randomLandPoint(_ random: inout SeededRandom) -> GridPoint {
    while true {
      let p = GridPoint(easting: random.uniform(130_000, 660_000), northing: random.uniform(20_000, 660_000))
      if England.contains(p) { return p }
    }
  }

  /// Whether a point lies in county `c` (and on land).
  func contains(_ p: GridPoint, county c: Int) -> Bool {
    let county = counties[c]
    guard p.easting >= county.minEasting, p.easting <= county.maxEasting, p.northing >= county.minNorthing,
      p.northing <= county.maxNorthing, England.contains(p)
    else { return false }
    guard !tiling.isEmpty else { return true }
    var nearest = 0
    var nearestDistance = Double.infinity
    for (i, centre) in tiling.enumerated() {
      let de = centre.easting - p.easting
      let dn = centre.northing - p.northing
      let d = de * de + dn * dn
      if d < nearestDistance { (nearest, nearestDistance) = (i, d) }
    }
    return nearest == c
  }

  /// A uniform point of county `c`, or nil after many misses.
  func randomPoint(in c: Int, random: inout SeededRandom) -> GridPoint? {
    let county = counties[c]
    for _ in 0..<200 {
      let p = GridPoint(
        easting: random.uniform(county.minEasting, county.maxEasting),
        northing: random.uniform(county.minNorthing, county.maxNorthing))
      if contains(p, county: c) { return p }
    }
    return nil
  }

  /// A point near `centre` (spread `spread` metres on each axis) that lies in
  /// county `c`; the centre itself after a few misses.
  func point(near centre: GridPoint, spread: Double, in c: Int, random: inout SeededRandom) -> GridPoint {
    for _ in 0..<12 {
      let p = GridPoint(
        easting: centre.easting + random.bell() * spread, northing: centre.northing + random.bell() * spread)
      if contains(p, county: c) { return p }
    }
    return centre
  }

  /// Lays out the towns of every county: about one per seven settings
  /// (4 to 40), sizes falling off like a rank-size rule, spaced at least a
  /// few kilometres apart.
  mutating func placeTowns(random: inout SeededRandom, names: inout NameMaker) {
    for c in counties.indices {
      let count = min(40, max(4, Int((Double(counties[c].settings) / 7).rounded())))
      var towns: [Town] = []
      var usedNames = Set<String>()
      for rank in 0..<count {
        var centre = counties[c].centre
        for attempt in 0..<60 {
          guard let p = randomPoint(in: c, random: &random) else { break }
          centre = p
          let minGap = attempt < 40 ? 6_000.0 : 2_000.0
          if towns.allSatisfy({ $0.centre.distance(to: p) >= minGap }) { break }
        }
        let weight = 1 / Double(rank + 1)
        var name = names.placeName(&random)
        for _ in 0..<10 where usedNames.contains(name) { name = names.placeName(&random) }
        usedNames.insert(name)
        towns.append(Town(name: name, centre: centre, weight: weight, spread: 1_000 + 3_000 * weight.squareRoot()))
      }
      counties[c].towns = towns
    }
  }
}
