/// A uniform grid over the settings' grid coordinates, one per setting kind,
/// so that the settings within a pupil's reach are found by looking at the
/// few cells around it instead of testing every setting.
struct SettingGrid: Sendable {
  private let minEasting: Double
  private let minNorthing: Double
  private let cellSize: Double
  private let columns: Int
  private let rows: Int
  /// Per kind: start of each cell's settings in `members` (`rows * columns + 1` entries).
  private let cellStart: [[Int32]]
  /// Per kind: setting indices, grouped by cell, ascending within a cell.
  private let members: [[Int32]]

  init(settings: [Setting]) {
    let eastings = settings.map(\.easting)
    let northings = settings.map(\.northing)
    minEasting = eastings.min() ?? 0
    minNorthing = northings.min() ?? 0
    let width = max((eastings.max() ?? 0) - minEasting, 1)
    let height = max((northings.max() ?? 0) - minNorthing, 1)
    // About two settings a cell, and never cells under 500 m or grids over 4M cells.
    let target = max(1, Double(settings.count) / 2)
    var size = max(500, (width * height / target).squareRoot())
    while (width / size + 1) * (height / size + 1) > 4_000_000 { size *= 2 }
    cellSize = size
    columns = Self.floorIndex(width / size) + 1
    rows = Self.floorIndex(height / size) + 1

    var starts: [[Int32]] = []
    var lists: [[Int32]] = []
    for kind in SettingKind.allCases {
      var counts = [Int32](repeating: 0, count: rows * columns + 1)
      var cellOf: [(Int, Int)] = []
      for (s, setting) in settings.enumerated() where setting.kind == kind {
        let cell = Self.cell(setting.easting, setting.northing, minEasting, minNorthing, size, columns, rows)
        counts[cell + 1] += 1
        cellOf.append((s, cell))
      }
      for c in 0..<(rows * columns) { counts[c + 1] += counts[c] }
      var next = counts
      var list = [Int32](repeating: 0, count: cellOf.count)
      for (s, cell) in cellOf {  // settings in index order, so each cell stays ascending
        list[Int(next[cell])] = Int32(s)
        next[cell] += 1
      }
      starts.append(counts)
      lists.append(list)
    }
    cellStart = starts
    members = lists
  }

  private static func cell(
    _ e: Double, _ n: Double, _ minE: Double, _ minN: Double, _ size: Double, _ columns: Int, _ rows: Int
  ) -> Int {
    let c = min(columns - 1, max(0, floorIndex((e - minE) / size)))
    let r = min(rows - 1, max(0, floorIndex((n - minN) / size)))
    return r * columns + c
  }

  /// `x` rounded down to a whole number, held within -1...Int32.max (NaN
  /// gives -1): the input's ranges keep grid positions small, and no value
  /// reaching here may trap in the conversion.
  private static func floorIndex(_ x: Double) -> Int {
    guard x > -1 else { return -1 }
    return x < Double(Int32.max) ? Int(x.rounded(.down)) : Int(Int32.max)
  }

  /// Calls `body` with every setting of the given kinds whose grid cell lies
  /// within `radius` metres of the point (a superset of the settings within
  /// `radius`; the caller applies the exact journey test).
  func forEachSetting(
    near easting: Double, _ northing: Double, radius: Double, kinds: EnumSet<SettingKind>,
    _ body: (Int) -> Void
  ) {
    guard radius.isFinite else {
      for kind in kinds { for s in members[kind.rawValue] { body(Int(s)) } }
      return
    }
    let c0 = max(0, Self.floorIndex((easting - radius - minEasting) / cellSize))
    let c1 = min(columns - 1, Self.floorIndex((easting + radius - minEasting) / cellSize))
    let r0 = max(0, Self.floorIndex((northing - radius - minNorthing) / cellSize))
    let r1 = min(rows - 1, Self.floorIndex((northing + radius - minNorthing) / cellSize))
    guard c0 <= c1, r0 <= r1 else { return }
    for kind in kinds {
      let start = cellStart[kind.rawValue]
      let list = members[kind.rawValue]
      guard !list.isEmpty else { continue }
      for r in r0...r1 {
        let first = Int(start[r * columns + c0])
        let last = Int(start[r * columns + c1 + 1])
        for k in first..<last { body(Int(list[k])) }
      }
    }
  }
}
