/// The map of a report, as inline SVG in British National Grid
/// coordinates (kilometres, north up): settings as circles sized by their
/// free places and coloured by how full they are; pupils' homes only as
/// counts per grid square, never a single home; unplaced pupils as a layer
/// of their own.
package enum SVGMap {
  /// A setting on the map.
  package struct Site {
    /// British National Grid metres.
    package var easting: Double
    /// British National Grid metres.
    package var northing: Double
    /// Free places for the batch (sizes the circle).
    package var freePlaces: Int
    /// The index of its class in `fillClasses` (see `fillClass`).
    package var fill: Int
    /// Shown in the circle's tooltip, e.g. `Oak School (100001), special: 12 of 14 places used`.
    package var title: String
    /// The setting's name, written beside it on the map when it matters (see `labelled`).
    package var name = ""
  }

  /// The most settings the map names: more would hide the map under words.
  package static let maximumLabels = 14

  /// The settings worth naming on the map, most pressing first: full ones
  /// (fill class 3) with unplaced pupils drawn nearby (within 1.5 squares,
  /// at least 2 km), then the other full ones, then settings with free
  /// places and unplaced pupils nearby; more unplaced nearby first within
  /// each. Only what the map draws counts, so a public map's labels tell
  /// nothing its squares and fills do not.
  package static func labelled(sites: [Site], unplaced: [Square], squareKm: Int, minimumCount: Int) -> [Int] {
    let side = Double(squareKm)
    let near = max(2, side * 1.5)
    let drawn = unplaced.filter { $0.count >= minimumCount }
    var ranked: [(rank: Int, nearby: Int, index: Int)] = []
    for (i, site) in sites.enumerated() where !site.name.isEmpty && site.freePlaces > 0 {
      let x = site.easting / 1000
      let y = site.northing / 1000
      let nearby = drawn.reduce(0) { total, square in
        let dx = (Double(square.east) + 0.5) * side - x
        let dy = (Double(square.north) + 0.5) * side - y
        return (dx * dx + dy * dy).squareRoot() <= near ? total + square.count : total
      }
      let full = site.fill == 3
      if nearby > 0 || full { ranked.append((full ? (nearby > 0 ? 0 : 1) : 2, nearby, i)) }
    }
    ranked.sort { ($0.rank, -$0.nearby, $0.index) < ($1.rank, -$1.nearby, $1.index) }
    return ranked.map(\.index)
  }

  /// Pupils counted in one grid square.
  package struct Square: Equatable {
    /// The square's south-west corner, in whole squares from the grid's origin.
    package var east: Int
    /// See `east`.
    package var north: Int
    /// Pupils whose home lies in the square.
    package var count: Int
  }

  /// Classes of fill, from empty to full, with their colours and words.
  package static let fillClasses: [(colour: String, words: String)] = [
    ("#c6dbef", "under half used"), ("#6baed6", "half to 90% used"), ("#2171b5", "90% used or more"),
    ("#08306b", "full"), ("#ffffff", "no free places"), ("#d5dbe2", "pupils placed withheld"),
  ]

  /// Classes of pupils per square (lower bounds) and their shades.
  package static let densityClasses: [(from: Int, colour: String)] = [
    (1, "#e4e9ef"), (2, "#c7d1dc"), (5, "#a2b3c5"), (10, "#7890a8"), (20, "#4f6882"),
  ]

  /// The class of a setting whose count a public report withholds (`<5`,
  /// `x` or `0-4`): its fill would give the count back.
  package static let withheldFill = 5

  /// The class of a setting with `used` of `free` places used; in a public
  /// report, 1 to 4 pupils placed is a class of its own, since the fill of a
  /// small setting would give the count away.
  package static func fillClass(used: Int, free: Int, level: ReportLevel) -> Int {
    if level == .public, (1...4).contains(used) { return 5 }
    if free == 0 { return 4 }
    if used >= free { return 3 }
    if used * 10 >= free * 9 { return 2 }
    if used * 2 >= free { return 1 }
    return 0
  }

  private static func number(_ value: Double) -> String { SVGCharts.number(value) }

  /// The density classes a map draws, from `minimum` pupils a square, each
  /// with its range in words (`5-9`, `20 or more`).
  package static func densityRanges(from minimum: Int) -> [(from: Int, colour: String, range: String)] {
    let classes = densityClasses.filter { $0.from >= minimum }
    return classes.indices.map { i in
      let one = classes[i]
      guard i + 1 < classes.count else { return (one.from, one.colour, "\(one.from) or more") }
      let last = classes[i + 1].from - 1
      return (one.from, one.colour, last == one.from ? "\(one.from)" : "\(one.from)-\(last)")
    }
  }

  /// A square's count in its tooltip: itself, or in a public map (squares
  /// of 5 or more) only its class, as its shade shows it. The exact counts
  /// of the squares drawn, taken from the batch's total, gave the pupils in
  /// squares left out (7 of 9 drawn: 2 elsewhere).
  static func squareCount(_ count: Int, _ minimum: Int, _ noun: String) -> String {
    guard minimum > 1 else { return NumberFormatting.count(count, noun) }
    let range = densityRanges(from: minimum).last { count >= $0.from }?.range ?? NumberFormatting.grouped(count)
    return "\(range) \(noun)s"
  }

  /// The map's SVG. `squareKm` is the side of the squares in kilometres;
  /// squares with fewer than `minimumCount` pupils are left out (5 in a
  /// public report, 1 otherwise), and so is their place in the map's extent
  /// (a lone home 80 km away would otherwise stretch the map to show it).
  package static func render(
    sites: [Site], homes: [Square], unplaced: [Square], squareKm: Int, minimumCount: Int
  ) -> String {
    let side = Double(squareKm)
    var xs = sites.map { $0.easting / 1000 }
    var ys = sites.map { $0.northing / 1000 }
    for square in homes where square.count >= minimumCount {
      xs += [Double(square.east) * side, Double(square.east + 1) * side]
      ys += [Double(square.north) * side, Double(square.north + 1) * side]
    }
    guard let minX = xs.min(), let maxX = xs.max(), let minY = ys.min(), let maxY = ys.max() else {
      return "<p class=\"note\">Nothing to map.</p>"
    }
    let margin = max(2, (maxX - minX) * 0.04, (maxY - minY) * 0.04)
    let x0 = (minX - margin).rounded(.down)
    let y1 = (maxY + margin).rounded(.up)
    let w = (maxX + margin).rounded(.up) - x0
    let h = y1 - (minY - margin).rounded(.down)
    let unit = max(w, h) / 100  // one hundredth of the map, for text and markers
    func px(_ km: Double) -> Double { km - x0 }
    func py(_ km: Double) -> Double { y1 - km }
    let frame = Frame(x0: x0, y1: y1, w: w, h: h, unit: unit)

    var svg = "<svg id=\"map-chart\" viewBox=\"0 0 \(number(w)) \(number(h))\" role=\"img\" "
    svg += "aria-label=\"Map of settings and pupils' homes\" style=\"max-height:760px;background:#fbfcfd\">"
    // Grid lines every round number of kilometres, labelled in BNG km.
    let step = SVGCharts.niceStep(max(w, h), steps: 6)
    svg += "<g stroke=\"#e3e8ee\" stroke-width=\"\(number(unit * 0.12))\">"
    var gx = (x0 / step).rounded(.up) * step
    while gx <= x0 + w {
      svg += "<line x1=\"\(number(px(gx)))\" y1=\"0\" x2=\"\(number(px(gx)))\" y2=\"\(number(h))\"/>"
      gx += step
    }
    var gy = ((y1 - h) / step).rounded(.up) * step
    while gy <= y1 {
      svg += "<line x1=\"0\" y1=\"\(number(py(gy)))\" x2=\"\(number(w))\" y2=\"\(number(py(gy)))\"/>"
      gy += step
    }
    svg += "</g>"

    svg += "<g id=\"layer-homes\">"
    for square in homes where square.count >= minimumCount {
      let shade = densityClasses.last { square.count >= $0.from }?.colour ?? densityClasses[0].colour
      svg +=
        "<rect x=\"\(number(px(Double(square.east) * side)))\" y=\"\(number(py(Double(square.north + 1) * side)))\" "
      svg += "width=\"\(number(side))\" height=\"\(number(side))\" fill=\"\(shade)\">"
      svg += "<title>\(squareCount(square.count, minimumCount, "pupil")) in this \(squareKm) km square</title></rect>"
    }
    svg += "</g><g id=\"layer-unplaced\">"
    for square in unplaced where square.count >= minimumCount {
      let inset = side * 0.18
      svg += "<rect x=\"\(number(px(Double(square.east) * side) + inset))\" "
      svg += "y=\"\(number(py(Double(square.north + 1) * side) + inset))\" width=\"\(number(side - 2 * inset))\" "
      svg += "height=\"\(number(side - 2 * inset))\" fill=\"#d9822b\" stroke=\"#8a4b12\" "
      svg += "stroke-width=\"\(number(unit * 0.08))\">"
      svg += "<title>\(squareCount(square.count, minimumCount, "unplaced pupil")) in this \(squareKm) km square</title>"
      svg += "</rect>"
    }
    svg += "</g><g id=\"layer-settings\" stroke=\"#1f2933\" stroke-width=\"\(number(unit * 0.12))\">"
    let largest = Double(sites.map(\.freePlaces).max() ?? 1)
    // Largest first, so that small circles stay visible on top.
    let order = sites.indices.sorted { (-sites[$0].freePlaces, $0) < (-sites[$1].freePlaces, $1) }
    for i in order {
      let site = sites[i]
      let r = frame.radius(site.freePlaces, largest: largest)
      let fill = fillClasses[site.fill].colour
      svg += "<circle cx=\"\(number(px(site.easting / 1000)))\" cy=\"\(number(py(site.northing / 1000)))\" "
      svg += "r=\"\(number(r))\" fill=\"\(fill)\" fill-opacity=\"0.9\"><title>\(HTMLPage.escape(site.title))</title>"
      svg += "</circle>"
    }
    svg += "</g>"
    svg += labels(sites: sites, unplaced: unplaced, squareKm: squareKm, minimumCount: minimumCount, frame: frame)
    svg += furniture(frame, gridStep: step)
    return svg + "</svg>"
  }
}

extension SVGMap {
  /// Where the map's kilometres fall in its drawing, and its sizes.
  struct Frame {
    var x0: Double
    var y1: Double
    var w: Double
    var h: Double
    /// One hundredth of the map, for text and markers.
    var unit: Double

    var maxRadius: Double { unit * 2.2 }

    /// At least 0.1 km, the drawing's precision: a setting of one free
    /// place on a map a few kilometres wide was drawn with a radius of 0,
    /// so not at all (hostile trial, round eighteen).
    func radius(_ freePlaces: Int, largest: Double) -> Double {
      max(0.1, unit * 0.45, maxRadius * (Double(freePlaces) / max(largest, 1)).squareRoot())
    }
  }

  /// The scale bar (bottom left), the north arrow (top right) and the grid's
  /// note (bottom right).
  static func furniture(_ f: Frame, gridStep step: Double) -> String {
    let (w, h, unit) = (f.w, f.h, f.unit)
    var svg = ""
    let bar = SVGCharts.niceStep(w / 4, steps: 1)
    let by = h - unit * 3
    // Exact: the drawing's units are the grid's kilometres, so the bar is `bar` units long.
    svg += "<g id=\"scale-bar\" data-km=\"\(number(bar))\" stroke=\"#1f2933\" stroke-width=\"\(number(unit * 0.2))\">"
    svg +=
      "<line x1=\"\(number(unit * 3))\" y1=\"\(number(by))\" x2=\"\(number(unit * 3 + bar))\" y2=\"\(number(by))\"/>"
    svg +=
      "<line x1=\"\(number(unit * 3))\" y1=\"\(number(by - unit))\" x2=\"\(number(unit * 3))\" y2=\"\(number(by))\"/>"
    svg += "<line x1=\"\(number(unit * 3 + bar))\" y1=\"\(number(by - unit))\" x2=\"\(number(unit * 3 + bar))\" "
    svg += "y2=\"\(number(by))\"/></g>"
    svg +=
      "<text x=\"\(number(unit * 3 + bar / 2))\" y=\"\(number(by - unit * 1.4))\" font-size=\"\(number(unit * 2.2))\" "
    svg += "text-anchor=\"middle\">\(number(bar)) km</text>"
    svg += "<text x=\"\(number(w - unit * 4))\" y=\"\(number(unit * 5))\" font-size=\"\(number(unit * 3))\" "
    svg += "text-anchor=\"middle\" font-weight=\"600\">N</text>"
    svg += "<path d=\"M\(number(w - unit * 4)) \(number(unit * 6)) l\(number(-unit)) \(number(unit * 3)) "
    svg += "h\(number(unit * 2)) z\" fill=\"#1f2933\"/>"
    svg += "<text x=\"\(number(w - unit))\" y=\"\(number(h - unit))\" font-size=\"\(number(unit * 1.7))\" "
    svg += "text-anchor=\"end\" style=\"fill:#5f6b7a\">British National Grid, grid lines every \(number(step)) km"
    svg += "</text>"
    return svg
  }

  /// The names of the settings that matter (see `labelled`), each beside its
  /// circle on a white halo, right of it or, near the right edge, left; a
  /// name that would overlap one already written is left to the tooltip.
  static func labels(sites: [Site], unplaced: [Square], squareKm: Int, minimumCount: Int, frame f: Frame) -> String {
    let chosen = labelled(sites: sites, unplaced: unplaced, squareKm: squareKm, minimumCount: minimumCount)
    let size = f.unit * 1.6
    let largest = Double(sites.map(\.freePlaces).max() ?? 1)
    var boxes: [(x: Double, y: Double, w: Double, h: Double)] = []
    var svg = "<g id=\"layer-names\" font-size=\"\(number(size))\" stroke=\"#ffffff\" "
    svg += "stroke-width=\"\(number(f.unit * 0.35))\" stroke-linejoin=\"round\" paint-order=\"stroke\">"
    for i in chosen where boxes.count < maximumLabels {
      let site = sites[i]
      let cx = site.easting / 1000 - f.x0
      let cy = f.y1 - site.northing / 1000
      let gap = f.radius(site.freePlaces, largest: largest) + f.unit * 0.6
      let width = SVGCharts.textWidth(site.name, size: size)
      let right = cx + gap + width <= f.w - f.unit
      let box = (x: right ? cx + gap : cx - gap - width, y: cy - size * 0.8, w: width, h: size * 1.1)
      let overlaps = boxes.contains { b in
        box.x < b.x + b.w && b.x < box.x + box.w && box.y < b.y + b.h && b.y < box.y + box.h
      }
      guard !overlaps, box.x >= 0, box.y >= 0, box.y + box.h <= f.h else { continue }
      boxes.append(box)
      svg += "<text x=\"\(number(right ? cx + gap : cx - gap))\" y=\"\(number(cy + size * 0.35))\""
      svg += right ? ">" : " text-anchor=\"end\">"
      svg += "\(HTMLPage.escape(site.name))</text>"
    }
    return svg + "</g>"
  }
}
