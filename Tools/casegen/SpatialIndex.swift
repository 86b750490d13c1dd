/// A uniform grid over some of the settings, for nearest-setting and
/// within-radius queries without scanning every setting.
struct SpatialIndex {
  private let cellSize: Double
  private let minEasting, minNorthing: Double
  private let columns, rows: Int
  /// Members of cell `k` are `members[cellStart[k] ..< cellStart[k + 1]]`.
  private let cellStart: [Int32]
  private let members: [Int32]
  private let points: [GridPoint]

  /// Indexes the settings `subset` of `points`, with cells sized to hold
  /// about three settings each (2 to 30 km).
  init(points: [GridPoint], subset: [Int]) {
    self.points = points
    let es = subset.map { points[$0].easting }
    let ns = subset.map { points[$0].northing }
    let minEasting = (es.min() ?? 0) - 1
    let minNorthing = (ns.min() ?? 0) - 1
    let area = ((es.max() ?? 0) + 1 - minEasting) * ((ns.max() ?? 0) + 1 - minNorthing)
    let cellSize = min(30_000, max(2_000, (area / max(1, Double(subset.count) / 3)).squareRoot()))
    self.cellSize = cellSize
    let columns = max(1, Int(((es.max() ?? 0) + 1 - minEasting) / cellSize) + 1)
    let rows = max(1, Int(((ns.max() ?? 0) + 1 - minNorthing) / cellSize) + 1)
    (self.minEasting, self.minNorthing, self.columns, self.rows) = (minEasting, minNorthing, columns, rows)
    var counts = [Int32](repeating: 0, count: columns * rows + 1)
    let cells = subset.map {
      Int(((points[$0].northing - minNorthing) / cellSize).rounded(.down)) * columns
        + Int(((points[$0].easting - minEasting) / cellSize).rounded(.down))
    }
    for k in cells { counts[k + 1] += 1 }
    for k in 0..<(columns * rows) { counts[k + 1] += counts[k] }
    var fill = counts
    var members = [Int32](repeating: 0, count: subset.count)
    for (s, k) in zip(subset, cells) {
      members[Int(fill[k])] = Int32(s)
      fill[k] += 1
    }
    cellStart = counts
    self.members = members
  }

  private func column(_ e: Double) -> Int { Int(((e - minEasting) / cellSize).rounded(.down)) }
  private func row(_ n: Double) -> Int { Int(((n - minNorthing) / cellSize).rounded(.down)) }

  /// Calls `body(setting, metres)` for every member within `radius` of `p`,
  /// cell by cell.
  func forEach(within radius: Double, of p: GridPoint, _ body: (Int, Double) -> Void) {
    let c0 = max(0, column(p.easting - radius))
    let c1 = min(columns - 1, column(p.easting + radius))
    let r0 = max(0, row(p.northing - radius))
    let r1 = min(rows - 1, row(p.northing + radius))
    guard c0 <= c1, r0 <= r1 else { return }
    for r in r0...r1 {
      for c in c0...c1 {
        let k = r * columns + c
        for m in cellStart[k]..<cellStart[k + 1] {
          let s = Int(members[Int(m)])
          let d = p.distance(to: points[s])
          if d <= radius { body(s, d) }
        }
      }
    }
  }

  /// The `count` nearest members within `radius` of `p` that `accept`
  /// admits, nearest first, searched ring by ring.
  func nearest(to p: GridPoint, count: Int, within radius: Double, where accept: (Int) -> Bool) -> [(
    setting: Int, metres: Double
  )] {
    var found: [(setting: Int, metres: Double)] = []
    let pc = column(p.easting)
    let pr = row(p.northing)
    let maxRing = Int(radius / cellSize) + 2
    var ring = 0
    while ring <= maxRing {
      // Cells of this ring: those at Chebyshev distance `ring` from p's cell.
      for dr in -ring...ring {
        let r = pr + dr
        guard r >= 0, r < rows else { continue }
        let step = (dr == -ring || dr == ring) ? 1 : max(1, 2 * ring)
        for dc in stride(from: -ring, through: ring, by: step) {
          let c = pc + dc
          guard c >= 0, c < columns else { continue }
          let k = r * columns + c
          for m in cellStart[k]..<cellStart[k + 1] {
            let s = Int(members[Int(m)])
            let d = p.distance(to: points[s])
            guard d <= radius, found.count < count || d < found[found.count - 1].metres, accept(s) else { continue }
            var at = found.count
            while at > 0, found[at - 1].metres > d || (found[at - 1].metres == d && found[at - 1].setting > s) {
              at -= 1
            }
            found.insert((s, d), at: at)
            if found.count > count { found.removeLast() }
          }
        }
      }
      // Every cell beyond this ring is more than `ring * cellSize` away.
      if found.count == count, found[found.count - 1].metres <= Double(ring) * cellSize { break }
      let outside = pc - ring < 0 && pc + ring >= columns && pr - ring < 0 && pr + ring >= rows
      if outside { break }
      ring += 1
    }
    return found
  }
}
