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

    var svg = "<svg id=\"map\" viewBox=\"0 0 \(number(w)) \(number(h))\" role=\"img\" "
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
      svg += "<title>\(NumberFormatting.count(square.count, "pupil")) in this \(squareKm) km square</title></rect>"
    }
    svg += "</g><g id=\"layer-unplaced\">"
    for square in unplaced where square.count >= minimumCount {
      let inset = side * 0.18
      svg += "<rect x=\"\(number(px(Double(square.east) * side) + inset))\" "
      svg += "y=\"\(number(py(Double(square.north + 1) * side) + inset))\" width=\"\(number(side - 2 * inset))\" "
      svg += "height=\"\(number(side - 2 * inset))\" fill=\"#d9822b\" stroke=\"#8a4b12\" "
      svg += "stroke-width=\"\(number(unit * 0.08))\">"
      svg += "<title>\(NumberFormatting.count(square.count, "unplaced pupil")) in this \(squareKm) km square</title>"
      svg += "</rect>"
    }
    svg += "</g><g id=\"layer-settings\" stroke=\"#1f2933\" stroke-width=\"\(number(unit * 0.12))\">"
    let largest = Double(sites.map(\.freePlaces).max() ?? 1)
    let maxRadius = unit * 2.2
    // Largest first, so that small circles stay visible on top.
    let order = sites.indices.sorted { (-sites[$0].freePlaces, $0) < (-sites[$1].freePlaces, $1) }
    for i in order {
      let site = sites[i]
      let r = max(unit * 0.45, maxRadius * (Double(site.freePlaces) / max(largest, 1)).squareRoot())
      let fill = fillClasses[site.fill].colour
      svg += "<circle cx=\"\(number(px(site.easting / 1000)))\" cy=\"\(number(py(site.northing / 1000)))\" "
      svg += "r=\"\(number(r))\" fill=\"\(fill)\" fill-opacity=\"0.9\"><title>\(HTMLPage.escape(site.title))</title>"
      svg += "</circle>"
    }
    svg += "</g>"
    // Scale bar and north arrow, bottom left and top right.
    let bar = SVGCharts.niceStep(w / 4, steps: 1)
    let by = h - unit * 3
    svg += "<g stroke=\"#1f2933\" stroke-width=\"\(number(unit * 0.2))\">"
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
    return svg + "</svg>"
  }
}
