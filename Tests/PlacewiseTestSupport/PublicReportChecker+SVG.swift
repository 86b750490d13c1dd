import Foundation

// Reading a page's pictures and per-plan cells: map tooltips, histogram
// bins, bar charts, compare tables' data attributes and the map's extent.
extension PageReader {
  mutating func readSVG() {
    // Map tooltips: "Name (URN), kind: N of M free places used".
    for m in matches(#"<circle[^>]*><title>([^<]*)</title>"#, html) {
      let title = visible(m[1])
      for t in matches(#"\(([^()]+)\), [a-z0-9 -]+: (\S+) of \S+ free places used"#, title) {
        note("\(t[1])|placed", t[2], at: "map tooltip")
      }
    }
    // Histogram bins: "a-b min: N", the last perhaps "a+ min: N"; they sum
    // to the placed. Each bin's journeys lie between its bounds, so its
    // minutes are its count times a mean between them, and the bins'
    // minutes sum to the journeys in total (the mean card times the placed).
    var bins: [String] = []
    var minutes: [String] = []
    for m in matches(#"<title>(\d+(?:\.\d)?)(-\d+(?:\.\d)?|\+) min: ([^<]*)</title>"#, html) {
      let name = "bin \(m[1])\(m[2])|placed"
      note(name, visible(m[3]), at: "journey histogram")
      bins.append(name)
      let lo = Double(m[1]) ?? 0
      let hi = m[2] == "+" ? Double.infinity : Double(m[2].dropFirst()) ?? .infinity
      system.learn("bin \(m[1])\(m[2])|mean", Bounds(lo: lo, hi: hi), integer: false)
      system.real("bin \(m[1])\(m[2])|minutes")
      system.relations.append(.product("bin \(m[1])\(m[2])|minutes", "bin \(m[1])\(m[2])|mean", name))
      minutes.append("bin \(m[1])\(m[2])|minutes")
    }
    if !bins.isEmpty {
      system.sum(bins, equals: "ALL|placed")
      system.real("ALL|travel_minutes")
      system.sum(minutes, equals: "ALL|travel_minutes")
    }
    readBars()
    readCompare()
    readMapExtent()
    readMapSquares()
  }

  /// The map's squares of homes ("N pupils in this K km square", or a
  /// range "a-b pupils", "a or more pupils") and of unplaced homes: those
  /// drawn sum to at most all pupils (all unplaced), and what is left lies
  /// in squares not drawn, a total of withheld counts.
  mutating func readMapSquares() {
    for (layer, noun, total) in [
      ("layer-homes", "pupils?", "ALL|pupils"), ("layer-unplaced", "unplaced pupils?", "ALL|unplaced"),
    ] {
      guard let group = matches(#"<g id=""# + layer + #"">(.*?)</g>"#, html).first else { continue }
      var squares: [String] = []
      for (k, m) in matches(#"<title>([^<]*?) "# + noun + #" in this \d+ km square</title>"#, group[1]).enumerated() {
        let name = "map \(layer) square \(k)|count"
        let shown = visible(m[1]).replacingOccurrences(of: ",", with: "")
        if let range = matches(#"^(\d+)-(\d+)$"#, shown).first, let lo = Double(range[1]), let hi = Double(range[2]) {
          system.learn(name, Bounds(lo: lo, hi: hi))
        } else if let open = matches(#"^(\d+) or more$"#, shown).first, let lo = Double(open[1]) {
          system.learn(name, Bounds(lo: lo, hi: .infinity))
        } else if let value = Double(shown) {
          system.learn(name, .exactly(value))
        } else {
          continue
        }
        squares.append(name)
      }
      guard !squares.isEmpty else { continue }
      let rest = "map \(layer) undrawn|count"
      system.count(rest)
      system.count(total)
      system.sum(squares + [rest], equals: total)
      system.smallIfPinned.insert(rest)
    }
  }

  /// The placed-and-unplaced bar charts under the need and phase tables:
  /// each bar's label (a need's code, or a phase) names the table's row;
  /// its segments' titles and the figure after it are that row's counts.
  mutating func readBars() {
    let rows = Array(system.bounds.keys.filter { $0.hasSuffix("|pupils") }.map { String($0.dropLast(7)) })
    let bar =
      #"<text [^>]*text-anchor="end">([^<]*)</text>"#
      + #"((?:<rect [^>]*><title>[^<]*</title></rect>)+)<text [^>]*>([^<]*)</text>"#
    for chart in matches(#"aria-label="[^"]*: placed and unplaced">(.*?)</svg>"#, html) {
      for m in matches(bar, chart[1]) {
        let label = visible(m[1])
        guard let row = rows.first(where: { $0 == label || $0.hasPrefix(label + ":") }) else { continue }
        for t in matches(#"<title>(placed|unplaced): ([^<]*)</title>"#, m[2]) {
          note("\(row)|\(t[1])", visible(t[2]), at: "bar chart")
        }
        let total = visible(m[3]).replacingOccurrences(of: " (split withheld)", with: "")
        note("\(row)|pupils", total, at: "bar chart")
      }
    }
  }

  /// Compare pages: per plan cells carry data-plan and data-figure.
  mutating func readCompare() {
    var plans: [String] = []
    var capital: [String: Bounds] = [:]
    var perExtra: [String: Bounds] = [:]
    for m in matches(#"data-plan="([^"]*)" data-figure="([a-z_]+)" data-value="([^"]*)">([^<]*)</td>"#, html) {
      let plan = visible(m[1])
      if !plans.contains(plan) { plans.append(plan) }
      let key = m[2]
      let shown = visible(m[4])
      switch key {
      case "placed", "unplaced", "first_preference_met", "pupils_moved", "displaced", "requests_refused":
        note("plan:\(plan)|\(key)", shown, at: "compare table")
        note("plan:\(plan)|\(key)", visible(m[3]), at: "compare table, data-value")
      case "unmet_priority":
        note("plan:\(plan)|unmet", shown, at: "compare table", secondary: false)
      case "unmet_priority_change":
        let raw = visible(m[3])
        if let b = Self.decimal(raw.replacingOccurrences(of: "-", with: "")) {
          // Signed: set directly rather than within [0, ∞).
          system.bounds["plan:\(plan)|unmet change"] = raw.hasPrefix("-") ? Bounds(lo: -b.hi, hi: -b.lo) : b
        }
      case "capital_cost": capital[plan] = Self.decimal(visible(m[3]))
      case "capital_cost_per_extra_placement": perExtra[plan] = Self.decimal(visible(m[3]))
      default: break
      }
    }
    guard let base = plans.first else { return }
    for plan in plans.dropFirst() {
      let p = "plan:\(plan)"
      let b = "plan:\(base)"
      for name in ["\(p)|placed", "\(p)|unplaced", "\(b)|placed", "\(b)|unplaced"] { system.count(name) }
      // Children fewer without a place: negative where a plan places fewer.
      system.count("\(p)|extra")
      system.bounds["\(p)|extra"] = Bounds(lo: -.infinity, hi: .infinity)
      // A closure's displaced children join the batch: the plan has the
      // baseline's pupils and its displaced; some of these are placed.
      system.count("\(p)|displaced")
      system.count("\(p)|displaced placed")
      system.relations.append(.atMost("\(p)|displaced placed", "\(p)|displaced"))
      system.relations.append(
        .linear([
          (1, "\(p)|placed"), (1, "\(p)|unplaced"), (-1, "\(b)|placed"), (-1, "\(b)|unplaced"),
          (-1, "\(p)|displaced"),
        ]))
      // Newly placed less those who lose their place, and the displaced
      // placed, is the change in placed.
      system.relations.append(
        .linear([
          (1, "\(p)|newly placed"), (-1, "\(p)|no longer placed"), (1, "\(p)|displaced placed"),
          (-1, "\(p)|placed"), (1, "\(b)|placed"),
        ]))
      system.relations.append(.linear([(1, "\(p)|extra"), (1, "\(p)|unplaced"), (-1, "\(b)|unplaced")]))
      // (A page that works it out from its rounded counts says so, and tells nothing new.)
      let fromRounded =
        visible(html).contains("of the rounded counts") || visible(html).contains("from the rounded counts")
      if let c = capital[plan], let e = perExtra[plan], !fromRounded {
        system.learn("\(p)|capital", c, integer: false)
        system.learn("\(p)|per extra", e, integer: false)
        system.relations.append(.product("\(p)|capital", "\(p)|per extra", "\(p)|extra"))
      }
      // On a rounded page the change is that of the rounded figures.
      if !rounded {
        system.relations.append(.linear([(1, "\(p)|unmet"), (-1, "\(b)|unmet"), (-1, "\(p)|unmet change")]))
      }
    }
    readUnmetByNeed(plans: plans)
  }

  /// Compare pages' unplaced by need: "N (M)" cells, unplaced (unmet), on
  /// an internal page; "N", unplaced alone, on a public one (round
  /// twenty-two took the weighted figure off it); summing to each plan's
  /// unplaced.
  mutating func readUnmetByNeed(plans: [String]) {
    guard
      let table = matches(#"<table><thead><tr><th>Need: unplaced(?: \(unmet need\))?</th>(.*?)</table>"#, html)
        .first
    else { return }
    var members: [String: [String]] = [:]
    for row in matches(#"<tr><td>([^<]*)</td>(.*?)</tr>"#, table[1]) {
      let need = visible(row[1])
      for (i, cell) in matches(#"<td class="n">([^<]*)</td>"#, row[2]).enumerated() where i < plans.count {
        let name = "plan:\(plans[i])|need:\(need)"
        if let part = matches(#"^(\S+) \((\S+)\)$"#, visible(cell[1])).first {
          note(name + "|unplaced", part[1], at: "compare unmet by need")
          note(name + "|unmet", part[2], at: "compare unmet by need", secondary: false)
          system.relations.append(.atMost(name + "|unplaced", name + "|unmet"))
        } else if matches(#"^\S+$"#, visible(cell[1])).first != nil {
          note(name + "|unplaced", visible(cell[1]), at: "compare unplaced by need")
        } else {
          continue
        }
        members[plans[i], default: []].append(name + "|unplaced")
      }
    }
    for (plan, parts) in members { system.sum(parts, equals: "plan:\(plan)|unplaced") }
  }

  /// The map's extent must be that of what it draws.
  mutating func readMapExtent() {
    guard let svg = matches(#"<svg id="map" viewBox="0 0 ([\d.]+) ([\d.]+)"(.*?)</svg>"#, html).first,
      let w = Double(svg[1]), let h = Double(svg[2])
    else { return }
    var xs: [Double] = []
    var ys: [Double] = []
    for c in matches(#"<circle cx="([\d.-]+)" cy="([\d.-]+)" r="([\d.]+)""#, svg[3]) {
      if let x = Double(c[1]), let y = Double(c[2]), let r = Double(c[3]) {
        xs += [x - r, x + r]
        ys += [y - r, y + r]
      }
    }
    for layer in matches(#"<g id="layer-(?:homes|unplaced)">(.*?)</g>"#, svg[3]) {
      for r in matches(#"<rect x="([\d.-]+)" y="([\d.-]+)" width="([\d.]+)" height="([\d.]+)""#, layer[1]) {
        if let x = Double(r[1]), let y = Double(r[2]), let rw = Double(r[3]), let rh = Double(r[4]) {
          xs += [x, x + rw]
          ys += [y, y + rh]
        }
      }
    }
    guard let minX = xs.min(), let maxX = xs.max(), let minY = ys.min(), let maxY = ys.max() else { return }
    let slack = max(w, h) * 0.08 + 3
    let gaps = [("west", minX), ("east", w - maxX), ("north", minY), ("south", h - maxY)]
    for (side, gap) in gaps where gap > slack {
      otherFindings.append(
        .init(
          quantity: "map extent", value: nil,
          how: "the map reaches \(SVGNumber.text(gap)) km \(side) of anything drawn: an undrawn home lies there"))
    }
  }
}

enum SVGNumber {
  static func text(_ v: Double) -> String { String(Int(v.rounded())) }
}
