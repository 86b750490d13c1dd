/// Charts drawn as inline SVG by Placewise itself: no chart library, no
/// script, the same bytes for the same figures. Sizes are in SVG user units;
/// the SVG scales to its column.
package enum SVGCharts {
  /// One series of a chart: its name and colour.
  package struct Series {
    /// Shown in the legend.
    package var name: String
    /// A CSS colour.
    package var colour: String

    /// Creates a series.
    package init(_ name: String, _ colour: String) {
      self.name = name
      self.colour = colour
    }
  }

  /// The colours of plans, in order (a qualitative palette that stays
  /// readable in grey and for the commonest colour blindness).
  package static let planColours = [
    "#1f4e79", "#d9822b", "#3a8f6b", "#8c564b", "#7b6fb0", "#c04e6b", "#5a7d9a", "#b8a33a",
  ]

  /// Placed and unplaced, used by every chart that splits pupils.
  package static let placedColour = "#2f6f9f"
  /// See `placedColour`.
  package static let unplacedColour = "#d9822b"

  static func number(_ value: Double) -> String {
    let rounded = (value * 10).rounded() / 10
    return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
  }

  /// About how wide a text is drawn, in user units (an average glyph of a
  /// system sans-serif is a little over half its size).
  static func textWidth(_ content: String, size: Double) -> Double { Double(content.count) * size * 0.58 }

  /// A label after a bar ending at `end`, or, where it would run past the
  /// chart's `width`, inside the bar's end (in `inside`, a colour readable on the bar).
  private static func barLabel(_ end: Double, _ y: Double, _ content: String, width: Double, inside: String)
    -> String
  {
    if end + 6 + textWidth(content, size: 12) <= width - 2 { return text(end + 6, y, content, colour: "#5f6b7a") }
    return text(end - 6, y, content, anchor: "end", colour: inside)
  }

  /// An axis label centred on `x`, or moved in so that it ends inside `0 ... width`.
  private static func tickLabel(_ x: Double, _ y: Double, _ content: String, width: Double, size: Double = 10.5)
    -> String
  {
    let half = textWidth(content, size: size) / 2
    if x + half > width - 2 { return text(width - 2, y, content, anchor: "end", size: size) }
    if x - half < 2 { return text(2, y, content, size: size) }
    return text(x, y, content, anchor: "middle", size: size)
  }

  private static func text(
    _ x: Double, _ y: Double, _ content: String, anchor: String = "start", size: Double = 12,
    weight: String? = nil, colour: String? = nil
  ) -> String {
    var attributes = "x=\"\(number(x))\" y=\"\(number(y))\" font-size=\"\(number(size))\""
    if anchor != "start" { attributes += " text-anchor=\"\(anchor)\"" }
    if let weight { attributes += " font-weight=\"\(weight)\"" }
    if let colour { attributes += " style=\"fill:\(colour)\"" }
    return "<text \(attributes)>\(HTMLPage.escape(content))</text>"
  }

  private static func rect(_ x: Double, _ y: Double, _ w: Double, _ h: Double, fill: String, title: String? = nil)
    -> String
  {
    let shape = "x=\"\(number(x))\" y=\"\(number(y))\" width=\"\(number(max(0, w)))\" height=\"\(number(max(0, h)))\""
    guard let title else { return "<rect \(shape) fill=\"\(fill)\"/>" }
    return "<rect \(shape) fill=\"\(fill)\"><title>\(HTMLPage.escape(title))</title></rect>"
  }

  /// A round axis step for a maximum: 1, 2 or 5 times a power of ten, about
  /// five steps to the maximum.
  static func niceStep(_ maximum: Double, steps: Double = 5) -> Double {
    guard maximum > 0 else { return 1 }
    let raw = maximum / steps
    var power = 1.0
    while power * 10 <= raw { power *= 10 }
    while power > raw { power /= 10 }
    for factor in [1.0, 2, 5, 10] where power * factor >= raw { return power * factor }
    return power * 10
  }

  /// Horizontal bars, one row per category, each split into the series'
  /// segments (placed and unplaced). A row with a withheld figure is drawn
  /// as one hatched bar of its total, labelled, so no small count shows.
  package static func stackedBars(
    rows: [(label: String, segments: [Disclosed], total: Disclosed)], series: [Series], label: String,
    labelWidth: Double = 200
  ) -> String {
    let width = 900.0
    let barHeight = 18.0
    let gap = 8.0
    let top = 8.0
    let plot = width - labelWidth - 70
    let maximum = Double(rows.compactMap { $0.total.value }.max() ?? 0)
    let scale = maximum > 0 ? plot / maximum : 0
    let height = top + Double(rows.count) * (barHeight + gap) + 30
    var svg = "<svg viewBox=\"0 0 \(number(width)) \(number(height))\" role=\"img\" "
    svg += "aria-label=\"\(HTMLPage.escape(label))\">"
    for (i, row) in rows.enumerated() {
      let y = top + Double(i) * (barHeight + gap)
      svg += text(labelWidth - 8, y + 13.5, row.label, anchor: "end")
      let allShown = row.segments.allSatisfy { $0.value != nil }
      if allShown {
        var x = labelWidth
        for (s, segment) in row.segments.enumerated() {
          let w = Double(segment.value ?? 0) * scale
          svg += rect(x, y, w, barHeight, fill: series[s].colour, title: "\(series[s].name): \(segment.text)")
          x += w
        }
        svg += barLabel(x, y + 13.5, row.total.text, width: width, inside: "#ffffff")
      } else {
        let w = Double(row.total.value ?? 0) * scale
        svg += rect(labelWidth, y, max(w, 14), barHeight, fill: "url(#hatch)", title: "split withheld")
        svg += barLabel(
          labelWidth + max(w, 14), y + 13.5, row.total.text + " (split withheld)", width: width, inside: "#1f2933")
      }
    }
    svg += axis(x0: labelWidth, y: top + Double(rows.count) * (barHeight + gap), plot: plot, maximum: maximum)
    return svg + "</svg>"
  }

  /// A horizontal axis with round ticks under bars that start at `x0`.
  private static func axis(x0: Double, y: Double, plot: Double, maximum: Double) -> String {
    guard maximum > 0 else { return "" }
    let step = max(1, niceStep(maximum))  // counts: no tick between two whole numbers
    var svg = "<line x1=\"\(number(x0))\" y1=\"\(number(y))\" x2=\"\(number(x0 + plot))\" y2=\"\(number(y))\" "
    svg += "stroke=\"#aab4c0\"/>"
    var tick = 0.0
    while tick <= maximum + 1e-9 {
      let x = x0 + tick / maximum * plot
      svg +=
        "<line x1=\"\(number(x))\" y1=\"\(number(y))\" x2=\"\(number(x))\" y2=\"\(number(y + 4))\" stroke=\"#aab4c0\"/>"
      svg += text(x, y + 16, NumberFormatting.decimal(tick, places: 0), anchor: "middle", size: 10.5, colour: "#5f6b7a")
      tick += step
    }
    return svg
  }

  /// Plain horizontal bars with a value label each (cost by kind, moves).
  package static func bars(rows: [(label: String, value: Double, text: String)], colour: String, label: String)
    -> String
  {
    let labelWidth = 300.0
    let width = 900.0
    let barHeight = 18.0
    let gap = 8.0
    let plot = width - labelWidth - 120
    let maximum = rows.map(\.value).max() ?? 0
    let scale = maximum > 0 ? plot / maximum : 0
    let height = 8 + Double(rows.count) * (barHeight + gap) + 4
    var svg = "<svg viewBox=\"0 0 \(number(width)) \(number(height))\" role=\"img\" "
    svg += "aria-label=\"\(HTMLPage.escape(label))\">"
    for (i, row) in rows.enumerated() {
      let y = 8 + Double(i) * (barHeight + gap)
      svg += text(labelWidth - 8, y + 13.5, row.label, anchor: "end")
      let w = max(0, row.value) * scale
      svg += rect(labelWidth, y, w, barHeight, fill: colour, title: "\(row.label): \(row.text)")
      svg += text(labelWidth + w + 6, y + 13.5, row.text, colour: "#5f6b7a")
    }
    return svg + "</svg>"
  }

  /// A histogram of journey times: one column per bin of `binWidth`
  /// minutes, with the policy's limits marked. Withheld bins are hatched
  /// stubs labelled `<5` or `x`. With `openEnded`, the last bin holds every
  /// journey from its start on (`75+ min`).
  package static func histogram(
    bins: [Disclosed], binWidth: Double, markers: [(minutes: Double, label: String)], openEnded: Bool = false
  ) -> String {
    let frame = PlotFrame(
      height: 280, left: 48, right: 14, top: 34, bottom: 40, maximum: Double(bins.compactMap(\.value).max() ?? 0))
    let (left, top, plotW) = (frame.left, frame.top, frame.plotW)
    let span = Double(bins.count) * binWidth
    func x(_ minutes: Double) -> Double { left + minutes / span * plotW }
    let y = frame.y
    var svg = frame.open(label: "Journey times") + frame.grid
    for (i, bin) in bins.enumerated() {
      let x0 = x(Double(i) * binWidth) + 0.5
      let w = plotW / Double(bins.count) - 1
      let range =
        openEnded && i == bins.count - 1
        ? "\(number(Double(i) * binWidth))+ min"
        : "\(number(Double(i) * binWidth))-\(number(Double(i + 1) * binWidth)) min"
      if let count = bin.value {
        svg += rect(
          x0, y(Double(count)), w, y(0) - y(Double(count)), fill: placedColour, title: "\(range): \(bin.text)")
      } else {
        svg += rect(x0, y(0) - 10, w, 10, fill: "url(#hatch)", title: "\(range): \(bin.text)")
        svg += text(x0 + w / 2, y(0) - 13, bin.text, anchor: "middle", size: 10.5, colour: "#5f6b7a")
      }
    }
    svg += frame.baseline
    let labelEvery = max(1, Int((Double(bins.count) / 12).rounded(.up)))
    for i in stride(from: 0, through: bins.count, by: labelEvery) {
      svg += text(x(Double(i) * binWidth), y(0) + 15, number(Double(i) * binWidth), anchor: "middle", size: 10.5)
    }
    svg += text(left + plotW / 2, frame.height - 6, "journey, minutes", anchor: "middle", size: 11.5, colour: "#5f6b7a")
    for (m, marker) in markers.enumerated() where marker.minutes <= span {
      let mx = x(marker.minutes)
      svg += "<line x1=\"\(number(mx))\" y1=\"\(number(top - 6))\" x2=\"\(number(mx))\" y2=\"\(number(y(0)))\" "
      svg += "stroke=\"#b54708\" stroke-width=\"1.5\" stroke-dasharray=\"5 3\"/>"
      svg += text(mx + 4, top - 10 + Double(m % 2) * 13, marker.label, size: 11, colour: "#b54708")
    }
    return svg + "</svg>"
  }

  /// Grouped horizontal bars: for each category, one bar per series (unmet
  /// need by need and plan). Withheld values are hatched stubs.
  package static func groupedBars(categories: [String], series: [Series], values: [[Disclosed]], label: String)
    -> String
  {
    let labelWidth = 120.0
    let width = 900.0
    let barHeight = 11.0
    let groupGap = 10.0
    let plot = width - labelWidth - 60
    let maximum = Double(values.flatMap { $0.compactMap(\.value) }.max() ?? 0)
    let scale = maximum > 0 ? plot / maximum : 0
    let groupHeight = Double(series.count) * barHeight + groupGap
    let height = 8 + Double(categories.count) * groupHeight + 30
    var svg = "<svg viewBox=\"0 0 \(number(width)) \(number(height))\" role=\"img\" "
    svg += "aria-label=\"\(HTMLPage.escape(label))\">"
    for (c, category) in categories.enumerated() {
      let y0 = 8 + Double(c) * groupHeight
      svg += text(labelWidth - 8, y0 + Double(series.count) * barHeight / 2 + 4, category, anchor: "end")
      for (s, one) in series.enumerated() {
        let y = y0 + Double(s) * barHeight
        let value = values[c][s]
        if let count = value.value {
          let w = Double(count) * scale
          svg += rect(labelWidth, y, w, barHeight - 1, fill: one.colour, title: "\(one.name): \(value.text)")
          svg += text(labelWidth + w + 4, y + 9, value.text, size: 10.5, colour: "#5f6b7a")
        } else {
          svg += rect(labelWidth, y, 10, barHeight - 1, fill: "url(#hatch)", title: "\(one.name): \(value.text)")
          svg += text(labelWidth + 14, y + 9, value.text, size: 10.5, colour: "#5f6b7a")
        }
      }
    }
    svg += axis(x0: labelWidth, y: 8 + Double(categories.count) * groupHeight, plot: plot, maximum: maximum)
    return svg + "</svg>"
  }

  /// A step chart of `y` against `x` (the recommend frontier: unmet need
  /// against budget), with each point marked and titled.
  package static func stepChart(
    points: [(x: Double, y: Double, title: String)], xLabel: String, yLabel: String,
    xText: (Double) -> String, xMaximum: Double = 0
  ) -> String {
    let frame = PlotFrame(
      height: 260, left: 56, right: 20, top: 16, bottom: 44, maximum: points.map(\.y).max() ?? 0)
    let (left, plotW) = (frame.left, frame.plotW)
    // The axis spans `xMaximum` too: points left out (a public page's
    // withheld ones) do not shrink it to nothing, which labelled every tick 0.
    let xMax = max(points.map(\.x).max() ?? 0, xMaximum, 1e-9)
    func px(_ v: Double) -> Double { left + v / xMax * plotW }
    let py = frame.y
    var svg = frame.open(label: "\(HTMLPage.escape(yLabel)) against \(HTMLPage.escape(xLabel))") + frame.grid
    // No range at all: one tick, at 0.
    let xStep = xMax < 1 ? 1 : niceStep(xMax, steps: 5)
    var tick = 0.0
    while tick <= xMax + 1e-9 {
      svg += tickLabel(px(tick), py(0) + 16, xText(tick), width: frame.width)
      tick += xStep
    }
    svg += frame.baseline
    var path = ""
    for (i, point) in points.enumerated() {
      if i == 0 {
        path += "M\(number(px(point.x))) \(number(py(point.y)))"
      } else {
        path += " H\(number(px(point.x))) V\(number(py(point.y)))"
      }
    }
    svg += "<path d=\"\(path)\" fill=\"none\" stroke=\"#1f4e79\" stroke-width=\"2\"/>"
    for point in points {
      svg += "<circle cx=\"\(number(px(point.x)))\" cy=\"\(number(py(point.y)))\" r=\"3.5\" fill=\"#1f4e79\">"
      svg += "<title>\(HTMLPage.escape(point.title))</title></circle>"
    }
    svg += text(left + plotW / 2, frame.height - 8, xLabel, anchor: "middle", size: 11.5, colour: "#5f6b7a")
    return svg + frame.valueLabel(yLabel) + "</svg>"
  }

  /// Lines of `values` (one row per series, one value per x label; nil:
  /// withheld, the line broken there), each point marked and titled: the
  /// forecast's children without a place, by year, for every plan.
  package static func lines(xLabels: [String], series: [Series], values: [[Double?]], yLabel: String) -> String {
    let frame = PlotFrame(
      height: 280, left: 56, right: 20, top: 16, bottom: 40, maximum: values.flatMap { $0.compactMap { $0 } }.max() ?? 0
    )
    let (left, plotW) = (frame.left, frame.plotW)
    let gap = xLabels.count > 1 ? plotW / Double(xLabels.count - 1) : 0
    func px(_ i: Int) -> Double { xLabels.count > 1 ? left + Double(i) * gap : left + plotW / 2 }
    let py = frame.y
    var svg = frame.open(label: "\(HTMLPage.escape(yLabel)) by year") + frame.grid
    for (i, label) in xLabels.enumerated() {
      svg += text(px(i), py(0) + 18, label, anchor: "middle", size: 11)
    }
    for (s, one) in series.enumerated() {
      var path = ""
      var pen = false
      for (i, value) in values[s].enumerated() {
        guard let value else {
          pen = false
          continue
        }
        path += (pen ? " L" : (path.isEmpty ? "M" : " M")) + "\(number(px(i))) \(number(py(value)))"
        pen = true
      }
      if !path.isEmpty {
        svg += "<path d=\"\(path)\" fill=\"none\" stroke=\"\(one.colour)\" stroke-width=\"2.2\"/>"
      }
      for (i, value) in values[s].enumerated() {
        guard let value else { continue }
        svg += "<circle cx=\"\(number(px(i)))\" cy=\"\(number(py(value)))\" r=\"3.5\" fill=\"\(one.colour)\">"
        svg += "<title>\(HTMLPage.escape(one.name)), \(HTMLPage.escape(xLabels[i])): "
        svg += "\(NumberFormatting.decimal(value, places: 0))</title></circle>"
      }
    }
    return svg + frame.valueLabel(yLabel) + "</svg>"
  }

  /// The frame of a chart with a value axis up the side (the histogram,
  /// the step chart, the lines): 900 units wide, the margins around the
  /// plot, and the value scale, in about four nice steps from 0 to the
  /// first step at or above `maximum`.
  private struct PlotFrame {
    let width = 900.0
    let height: Double
    let left: Double
    let right: Double
    let top: Double
    let bottom: Double
    /// The value scale's step and top.
    let yStep: Double
    let yMax: Double

    init(height: Double, left: Double, right: Double, top: Double, bottom: Double, maximum: Double) {
      self.height = height
      self.left = left
      self.right = right
      self.top = top
      self.bottom = bottom
      yStep = max(1, SVGCharts.niceStep(maximum, steps: 4))
      yMax = max(yStep, (maximum / yStep).rounded(.up) * yStep)
    }

    var plotW: Double { width - left - right }
    var plotH: Double { height - top - bottom }

    /// The height of a value.
    func y(_ value: Double) -> Double { top + plotH - value / yMax * plotH }

    /// The opening tag, with its (escaped) accessible label.
    func open(label: String) -> String {
      "<svg viewBox=\"0 0 \(number(width)) \(number(height))\" role=\"img\" aria-label=\"\(label)\">"
    }

    /// The value scale's grid lines, labelled.
    var grid: String { gridLines(step: yStep, maximum: yMax, from: left, to: width - right, y: y) }

    /// The axis line at value 0.
    var baseline: String {
      "<line x1=\"\(number(left))\" y1=\"\(number(y(0)))\" x2=\"\(number(width - right))\" "
        + "y2=\"\(number(y(0)))\" stroke=\"#7b8794\"/>"
    }

    /// The value axis's title, turned up the left side.
    func valueLabel(_ label: String) -> String {
      let middle = number(top + plotH / 2)
      return "<text x=\"14\" y=\"\(middle)\" font-size=\"11.5\" text-anchor=\"middle\" "
        + "transform=\"rotate(-90 14 \(middle))\" style=\"fill:#5f6b7a\">\(HTMLPage.escape(label))</text>"
    }
  }

  /// Horizontal grid lines from 0 to `maximum` every `step`, each labelled
  /// at its left end; `y` maps a value to its height.
  private static func gridLines(
    step: Double, maximum: Double, from left: Double, to right: Double, y: (Double) -> Double
  )
    -> String
  {
    var svg = ""
    var tick = 0.0
    while tick <= maximum + 1e-9 {
      svg += "<line x1=\"\(number(left))\" y1=\"\(number(y(tick)))\" x2=\"\(number(right))\" "
      svg += "y2=\"\(number(y(tick)))\" stroke=\"#e6eaef\"/>"
      svg += text(left - 6, y(tick) + 4, NumberFormatting.decimal(tick, places: 0), anchor: "end", size: 10.5)
      tick += step
    }
    return svg
  }
}
