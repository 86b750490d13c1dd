import Foundation

/// A reader of public `report.html` pages that tries to work out a count the
/// page withholds, written without the renderer's code: it knows only what a
/// determined reader knows (the page's text, tables, SVG, tooltips, titles
/// and data attributes, and what the words in them mean), never how the
/// page was made.
///
/// Use it on any public page (allocate, compare, recommend, and later
/// forecast):
///
/// ```swift
/// let findings = PublicReportChecker.findings(in: html)
/// #expect(findings.isEmpty, "\(findings)")
/// let same = PublicReportChecker.firstDifference(publicA, publicB)  // nil when byte-identical
/// ```
///
/// How it reads:
/// - every count it can read (the bar charts' segments too) becomes a
///   variable named by its row and column
///   (`SLCN: Speech, language and communication|placed`, a setting by its
///   URN, `ALL|placed` for totals, `plan:NAME|unplaced` on compare pages),
///   whichever table, headline card, sentence, tooltip or data attribute
///   shows it, so that the same count seen twice is one variable;
/// - a shown count is exact (or, on a page that says it rounds to the
///   nearest 5, within 2 of the figure shown); `<5` and "fewer than 5" are
///   1 to 4; `0-4` is 0 to 4; `c` is any count; `x` is a withheld count of
///   5 or more (or, for a figure derived from counts, unknown);
/// - it then adds what the words imply: columns sum to their footers, a
///   kind's settings sum to the kind, pupils are placed plus unplaced, shares
///   and fills are ratios to within their rounding, a mean times its count is
///   its total, places left are free places less those used, histogram bins
///   sum to the placed, a setting whose extra place is worth something is
///   full, a table said to list the fullest first is ordered by fill, a plan
///   changes placed by its newly placed less those who lose their place, and
///   a capital cost per extra child times the extra children is the capital;
/// - and narrows every variable's interval until nothing changes.
///
/// A finding is a withheld count whose interval has narrowed to one value,
/// a figure drawn from one child (a longest or shortest journey), or a map
/// whose extent reaches beyond everything drawn on it (which would show
/// where an undrawn pupil lives).
public enum PublicReportChecker {
  /// Something a reader can learn that the page means to withhold.
  public struct Finding: Sendable, CustomStringConvertible, Equatable {
    /// The variable (see the type's documentation), or the kind of leak.
    public let quantity: String
    /// The value worked out, when it is a count.
    public let value: Int?
    /// How it leaks, in words.
    public let how: String
    /// One line.
    public var description: String { "\(quantity)\(value.map { " = \($0)" } ?? ""): \(how)" }
  }

  /// Every finding on a public page, in a stable order.
  public static func findings(in html: String) -> [Finding] {
    var reader = Reader(html: html)
    reader.read()
    return reader.system.exactWithheld() + reader.otherFindings
  }

  /// Nil when the two pages are byte-identical; otherwise the text around
  /// their first difference.
  public static func firstDifference(_ a: String, _ b: String) -> String? {
    let x = Array(a.utf8)
    let y = Array(b.utf8)
    guard x != y else { return nil }
    var i = 0
    while i < min(x.count, y.count) && x[i] == y[i] { i += 1 }
    func around(_ bytes: [UInt8]) -> String {
      String(decoding: bytes[max(0, i - 80)..<min(bytes.count, i + 80)], as: UTF8.self)
    }
    return "at byte \(i):\n  \(around(x))\n  \(around(y))"
  }
}

// MARK: - Intervals and constraints

/// A closed interval of possible values.
struct Bounds: Equatable {
  var lo: Double
  var hi: Double
  static let unknown = Bounds(lo: 0, hi: .infinity)
  static func exactly(_ v: Double) -> Bounds { Bounds(lo: v, hi: v) }
  static func within(_ v: Double, _ e: Double) -> Bounds { Bounds(lo: max(0, v - e), hi: v + e) }
}

/// Variables with intervals and the relations among them.
struct ConstraintSystem {
  enum Relation {
    /// Σ coefficient × variable = 0.
    case linear([(Double, String)])
    /// first ≤ second.
    case atMost(String, String)
    /// product = factor × count (all non-negative).
    case product(String, String, String)
  }

  var bounds: [String: Bounds] = [:]
  var integral: Set<String> = []
  /// Variables a page shows as `<5`, `x` or "fewer than 5" somewhere, with where.
  var withheld: [String: String] = [:]
  var relations: [Relation] = []
  private var constants = 0

  mutating func count(_ name: String) {
    integral.insert(name)
    if bounds[name] == nil { bounds[name] = .unknown }
  }

  mutating func real(_ name: String) {
    if bounds[name] == nil { bounds[name] = .unknown }
  }

  /// Narrows a variable to `b` (intersecting with what is known).
  mutating func learn(_ name: String, _ b: Bounds, integer: Bool = true) {
    if integer { count(name) } else { real(name) }
    let old = bounds[name] ?? .unknown
    bounds[name] = Bounds(lo: max(old.lo, b.lo), hi: min(old.hi, b.hi))
  }

  /// A fresh variable holding a constant.
  mutating func constant(_ b: Bounds) -> String {
    constants += 1
    let name = "#\(constants)"
    bounds[name] = b
    return name
  }

  mutating func sum(_ parts: [String], equals total: String) {
    relations.append(.linear(parts.map { (1, $0) } + [(-1, total)]))
  }

  private func term(_ c: Double, _ b: Bounds) -> Bounds {
    c > 0 ? Bounds(lo: c * b.lo, hi: c * b.hi) : Bounds(lo: c * b.hi, hi: c * b.lo)
  }

  private mutating func narrow(_ name: String, _ b: Bounds) -> Bool {
    let old = bounds[name] ?? .unknown
    // 0 × ∞ and ∞ − ∞ tell nothing.
    let lo = b.lo.isNaN ? -Double.infinity : b.lo
    let hi = b.hi.isNaN ? Double.infinity : b.hi
    var new = Bounds(lo: max(old.lo, lo), hi: min(old.hi, hi))
    if integral.contains(name) {
      new.lo = (new.lo - 1e-7).rounded(.up)
      new.hi = (new.hi + 1e-7).rounded(.down)
    }
    guard new.lo > old.lo + 1e-9 || new.hi < old.hi - 1e-9 else { return false }
    bounds[name] = new
    return true
  }

  /// Narrows every interval until nothing changes.
  mutating func propagate() {
    // Whole numbers first (no new bound).
    for name in Array(bounds.keys) where integral.contains(name) {
      _ = narrow(name, Bounds(lo: -.infinity, hi: .infinity))
    }
    for _ in 0..<200 {
      var changed = false
      for relation in relations {
        switch relation {
        case .linear(let terms):
          for (j, (cj, xj)) in terms.enumerated() {
            var lo = 0.0
            var hi = 0.0
            for (i, (ci, xi)) in terms.enumerated() where i != j {
              let t = term(ci, bounds[xi] ?? .unknown)
              lo += t.lo
              hi += t.hi
            }
            // cj × xj = −(others)
            let other = Bounds(lo: -hi, hi: -lo)
            let b = cj > 0 ? Bounds(lo: other.lo / cj, hi: other.hi / cj) : Bounds(lo: other.hi / cj, hi: other.lo / cj)
            if narrow(xj, b) { changed = true }
          }
        case .atMost(let a, let b):
          let ba = bounds[a] ?? .unknown
          let bb = bounds[b] ?? .unknown
          if narrow(a, Bounds(lo: 0, hi: bb.hi)) { changed = true }
          if narrow(b, Bounds(lo: ba.lo, hi: .infinity)) { changed = true }
        case .product(let p, let f, let c):
          let bp = bounds[p] ?? .unknown
          let bf = bounds[f] ?? .unknown
          let bc = bounds[c] ?? .unknown
          if narrow(p, Bounds(lo: bf.lo * bc.lo, hi: bf.hi * bc.hi)) { changed = true }
          if bf.lo > 0, narrow(c, Bounds(lo: bp.lo / bf.hi, hi: bp.hi / bf.lo)) { changed = true }
          if bc.lo > 0, narrow(f, Bounds(lo: bp.lo / bc.hi, hi: bp.hi / bc.lo)) { changed = true }
        }
      }
      if !changed { break }
    }
  }

  /// The withheld counts whose interval is now a single value, and any
  /// contradiction (the reader misread the page).
  mutating func exactWithheld() -> [PublicReportChecker.Finding] {
    propagate()
    var out: [PublicReportChecker.Finding] = []
    // Places left move with places used: one finding, not two.
    for (name, place) in withheld.sorted(by: { $0.key < $1.key })
    where integral.contains(name) && !name.hasSuffix("|left") {
      guard let b = bounds[name] else { continue }
      if b.lo > b.hi + 1e-9 {
        out.append(.init(quantity: name, value: nil, how: "the page contradicts itself (\(place))"))
      } else if b.lo == b.hi, b.lo.isFinite, b.lo >= 1 {
        // (Working out that a withheld figure is 0 reveals no child.)
        out.append(.init(quantity: name, value: Int(b.lo), how: "withheld (\(place)) but worked out from the page"))
      }
    }
    return out
  }
}

// MARK: - Reading a page

private func matches(_ pattern: String, _ text: String) -> [[String]] {
  guard let regex = try? NSRegularExpression(pattern: pattern, options: [.dotMatchesLineSeparators]) else {
    return []
  }
  let ns = text as NSString
  return regex.matches(in: text, range: NSRange(location: 0, length: ns.length)).map { m in
    (0..<m.numberOfRanges).map { m.range(at: $0).location == NSNotFound ? "" : ns.substring(with: m.range(at: $0)) }
  }
}

/// The visible text of an HTML fragment: tags removed, entities decoded.
private func visible(_ html: String) -> String {
  var text = html.replacingOccurrences(of: "<[^>]*>", with: " ", options: .regularExpression)
  for (entity, char) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&amp;", "&")] {
    text = text.replacingOccurrences(of: entity, with: char)
  }
  return text.replacingOccurrences(of: "\\s+", with: " ", options: .regularExpression)
    .trimmingCharacters(in: .whitespaces)
}

private struct Reader {
  let html: String
  var system = ConstraintSystem()
  var otherFindings: [PublicReportChecker.Finding] = []
  /// Counts shown as multiples of 5 are rounded (the page says so).
  let rounded: Bool

  init(html: String) {
    self.html = html
    rounded = visible(html).contains("rounded to the nearest 5")
  }

  /// What a shown count cell says, as an interval; nil when it is no count.
  func countBounds(_ text: String) -> (Bounds, withheld: Bool)? {
    let t = text.trimmingCharacters(in: .whitespaces)
    if t == "<5" || t == "fewer than 5" { return (Bounds(lo: 1, hi: 4), true) }
    if t == "x" { return (Bounds(lo: 5, hi: .infinity), true) }
    if t == "0-4" { return (Bounds(lo: 0, hi: 4), true) }
    if t == "c" { return (.unknown, true) }
    let digits = t.replacingOccurrences(of: ",", with: "")
    guard let v = Int(digits), v >= 0 else { return nil }
    // Rounded to the nearest 5; 1 to 4 would show as <5.
    if rounded && v >= 5 && v % 5 == 0 { return (Bounds(lo: Double(max(5, v - 2)), hi: Double(v + 2)), false) }
    return (.exactly(Double(v)), false)
  }

  /// Reads a count shown for `name`. A count of pupils withheld as `x` is
  /// 5 or more (a larger count hidden so a small one cannot be worked out);
  /// a figure derived from counts (`secondary: false`) withheld as `x` could
  /// be anything.
  mutating func note(_ name: String, _ text: String, at place: String, secondary: Bool = true) {
    guard var (b, hidden) = countBounds(text) else { return }
    if text.trimmingCharacters(in: .whitespaces) == "x" && !secondary { b = .unknown }
    system.learn(name, b)
    if hidden, system.withheld[name] == nil { system.withheld[name] = place }
  }

  /// Columns of counts of pupils (see `note`).
  static let pupilCounts: Set<String> = [
    "pupils", "placed", "unplaced", "requests", "met", "refused", "newly placed", "placed elsewhere",
    "no longer placed", "all moves",
  ]

  /// A percentage as a ratio interval; nil when it is no percentage.
  static func percent(_ text: String) -> Bounds? {
    let t = text.trimmingCharacters(in: .whitespaces)
    if t == "100%" { return .exactly(1) }
    if t == "0%" { return .exactly(0) }
    if t == "<1%" { return Bounds(lo: 0, hi: 0.005) }
    if t == ">99%" { return Bounds(lo: 0.995, hi: 1) }
    guard t.hasSuffix("%"), let v = Double(t.dropLast()) else { return nil }
    return Bounds(lo: (v - 0.5) / 100, hi: (v + 0.5) / 100)
  }

  /// A decimal as printed, with half its last digit either side.
  static func decimal(_ text: String) -> Bounds? {
    let t = text.replacingOccurrences(of: ",", with: "").replacingOccurrences(of: "£", with: "")
    guard let v = Double(t), v.isFinite else { return nil }
    let places = t.split(separator: ".").dropFirst().first?.count ?? 0
    var e = 0.5
    for _ in 0..<places { e /= 10 }
    return Bounds(lo: v - e, hi: v + e)
  }

  mutating func read() {
    readHeadline()
    readTables()
    readSVG()
    readSentences()
  }

  // MARK: Headline cards and sentences

  mutating func readHeadline() {
    let names = [
      "pupils": "ALL|pupils", "placed": "ALL|placed", "unplaced": "ALL|unplaced", "unmet_priority": "ALL|unmet",
      "first_preference_met": "placed at their first preference|pupils",
    ]
    for m in matches(#"<span class="value" data-figure="([a-z_]+)" data-value="([^"]*)">([^<]*)</span>"#, html) {
      let key = m[1]
      let raw = visible(m[2])
      let shown = visible(m[3])
      if let name = names[key] {
        let secondary = key != "unmet_priority"
        note(name, raw, at: "headline \(key), data-value", secondary: secondary)
        note(name, shown, at: "headline \(key)", secondary: secondary)
      } else if key == "travel_minutes" || key == "mean_travel_minutes", let b = Self.decimal(raw) {
        system.learn("ALL|" + key, b, integer: false)
      }
    }
    system.relations.append(.product("ALL|travel_minutes", "ALL|mean_travel_minutes", "ALL|placed"))
    system.count("ALL|pupils")
    system.count("ALL|placed")
    system.count("ALL|unplaced")
    system.sum(["ALL|placed", "ALL|unplaced"], equals: "ALL|pupils")
    system.relations.append(.atMost("ALL|unplaced", "ALL|unmet"))
    let text = visible(html)
    for m in matches(#"(\S+) with no eligible setting, (\S+) with every eligible setting full"#, text) {
      note("ALL|noeligible", m[1], at: "headline sentence")
      note("ALL|full", m[2], at: "headline sentence")
      system.sum(["ALL|noeligible", "ALL|full"], equals: "ALL|unplaced")
    }
    for m in matches(#"of (\S+) with preferences"#, text) { note("WITHPREF|pupils", m[1], at: "headline") }
    for m in matches(
      #"^\s*(\S+) pupils? with EHC plans"#, visible(matches(#"<p class="lede">(.*?)</p>"#, html).first?[1] ?? ""))
    {
      note("ALL|pupils", m[1], at: "lede")
    }
    for m in matches(#"Placewise placed (\S+) of (\S+) pupils(?:; (\S+) could not be placed)?"#, text) {
      note("ALL|placed", m[1], at: "sentence")
      note("ALL|pupils", m[2], at: "sentence")
      if !m[3].isEmpty { note("ALL|unplaced", m[3], at: "sentence") }
    }
    for m in matches(#"(\S+) of (\S+) pupils whose parents named a school"#, text) {
      note("placed at their first preference|pupils", m[1], at: "sentence")
      note("WITHPREF|pupils", m[2], at: "sentence")
    }
  }

  mutating func readSentences() {
    let text = visible(html)
    for m in matches(#"(longest|shortest) (\d[\d,]* h(?: \d+ min)?|\d+ min)"#, text) {
      otherFindings.append(
        .init(quantity: "journey", value: nil, how: "'\(m[0])' is one child's journey, shown whatever its band holds"))
    }
  }

  // MARK: Tables

  static func columnKey(_ header: String) -> String {
    switch header.lowercased() {
    case "pupils": "pupils"
    case "placed", "pupils placed", "places used", "used": "placed"
    case "unplaced": "unplaced"
    case "protected requests": "requests"
    case "unmet need (priority)", "unmet need": "unmet"
    default: header.lowercased()
    }
  }

  mutating func readTables() {
    var heading = ""
    let pieces = matches(#"<h[23][^>]*>(.*?)</h[23]>|<table[^>]*>(.*?)</table>"#, html)
    for piece in pieces {
      if !piece[1].isEmpty {
        heading = visible(piece[1])
        continue
      }
      readTable(piece[2], heading: heading)
    }
  }

  mutating func readTable(_ table: String, heading: String) {
    let headers = matches(#"<th[^>]*>(.*?)</th>"#, table).map { visible($0[1]) }
    guard !headers.isEmpty else { return }
    let keys = headers.map(Self.columnKey)
    let body = matches(#"<tbody>(.*?)</tbody>"#, table).first?[1] ?? ""
    let footRow = matches(#"<tfoot>(.*?)</tfoot>"#, table).first?[1]
    let urnColumn = headers.firstIndex(of: "URN")
    let isPlan = headers.first == "Plan"
    var groups: [(label: String, members: [String])] = []
    var rowKeys: [String] = []
    var cellsByRow: [[String]] = []
    for row in matches(#"<tr[^>]*>(.*?)</tr>"#, body) {
      let cells = matches(#"<td([^>]*)>(.*?)</td>"#, row[1])
      if cells.count == 1, cells[0][1].contains("colspan") {
        groups.append((visible(cells[0][2]), []))
        continue
      }
      let texts = cells.map { visible($0[2]) }
      guard texts.count == headers.count else { continue }
      var key = urnColumn.map { texts[$0] } ?? texts[0]
      if isPlan { key = "plan:" + key }
      if headers.contains("Place"), let place = headers.firstIndex(of: "Place"), texts[place] != "all places" {
        key += "|cap:" + texts[place]
      }
      rowKeys.append(key)
      cellsByRow.append(texts)
      if !groups.isEmpty { groups[groups.count - 1].members.append(key) }
    }
    var footer: [String]?
    if let footRow { footer = matches(#"<td[^>]*>(.*?)</td>"#, footRow).map { visible($0[1]) } }
    let footKey: String? = footer.map { f in
      if f[0] == "All with preferences" { return "WITHPREF" }
      return ["All pupils", "All kinds", "All needs", "All"].contains(f[0]) ? "ALL" : f[0]
    }
    let place = "table under '\(heading)'"
    // Cells.
    for (r, texts) in cellsByRow.enumerated() {
      for c in 1..<headers.count where keys[c] != "" {
        note("\(rowKeys[r])|\(keys[c])", texts[c], at: place, secondary: Self.pupilCounts.contains(keys[c]))
      }
    }
    if let footer, let footKey, footer.count == headers.count {
      for c in 1..<headers.count {
        note("\(footKey)|\(keys[c])", footer[c], at: place, secondary: Self.pupilCounts.contains(keys[c]))
      }
      // Columns of counts sum to their footer.
      for c in 1..<headers.count {
        let column = cellsByRow.map { $0[c] }
        guard countBounds(footer[c]) != nil, !column.isEmpty, column.allSatisfy({ countBounds($0) != nil }) else {
          continue
        }
        system.sum(rowKeys.map { "\($0)|\(keys[c])" }, equals: "\(footKey)|\(keys[c])")
      }
    }
    var allKeys = rowKeys
    if let footKey { allKeys.append(footKey) }
    for key in allKeys { relateRow(key, keys: keys) }
    for (r, texts) in cellsByRow.enumerated() { relateCells(rowKeys[r], keys: keys, texts: texts, heading: heading) }
    if let footer, let footKey, footer.count == headers.count {
      relateCells(footKey, keys: keys, texts: footer, heading: heading)
    }
    // A kind's settings sum to the kind; every setting is of some kind.
    if urnColumn != nil, keys.contains("placed") {
      for group in groups where !group.members.isEmpty {
        system.sum(group.members.map { "\($0)|placed" }, equals: "\(group.label)|placed")
      }
      readOrder(
        groups: groups, rows: Dictionary(zip(rowKeys, cellsByRow), uniquingKeysWith: { a, _ in a }), headers: headers)
    }
    if headers.first == "Kind", footer == nil, keys.contains("placed") {
      system.sum(rowKeys.map { "\($0)|placed" }, equals: "ALL|placed")
    }
    if heading.hasPrefix("What one more place") { readPlaceValues(rowKeys, cellsByRow, headers) }
  }

  mutating func relateRow(_ key: String, keys: [String]) {
    let set = Set(keys)
    if set.isSuperset(of: ["pupils", "placed", "unplaced"]) {
      system.sum(["\(key)|placed", "\(key)|unplaced"], equals: "\(key)|pupils")
    }
    if set.isSuperset(of: ["requests", "met", "refused"]) {
      system.sum(["\(key)|met", "\(key)|refused"], equals: "\(key)|requests")
    }
    if set.isSuperset(of: ["unplaced", "unmet"]) {
      system.relations.append(.atMost("\(key)|unplaced", "\(key)|unmet"))
    }
    if set.isSuperset(of: ["newly placed", "placed elsewhere", "no longer placed", "all moves"]) {
      system.sum(
        ["\(key)|newly placed", "\(key)|placed elsewhere", "\(key)|no longer placed"], equals: "\(key)|all moves")
    }
  }

  /// Ratios and differences a row's cells imply.
  mutating func relateCells(_ key: String, keys: [String], texts: [String], heading: String) {
    func cell(_ k: String) -> String? { keys.firstIndex(of: k).map { texts[$0] } }
    if let free = cell("free places").flatMap({ countBounds($0)?.0 }) {
      let freeName = system.constant(free)
      system.count(freeName)
      if let left = cell("places left") {
        note("\(key)|left", left, at: heading, secondary: false)
        system.sum(["\(key)|placed", "\(key)|left"], equals: freeName)
      }
      // A setting uses no more than its free places.
      if keys.contains("placed"), keys.contains("urn") {
        system.relations.append(.atMost("\(key)|placed", freeName))
      }
      if let fill = cell("fill").flatMap(Self.percent) {
        system.learn("\(key)|fill", fill, integer: false)
        system.relations.append(.product("\(key)|placed", "\(key)|fill", freeName))
      }
    }
    if let share = cell("placed share").flatMap(Self.percent) {
      system.learn("\(key)|share", share, integer: false)
      system.relations.append(.product("\(key)|placed", "\(key)|share", "\(key)|pupils"))
    }
    if let share = cell("share").flatMap(Self.percent) {
      system.learn("\(key)|share", share, integer: false)
      system.relations.append(.product("\(key)|pupils", "\(key)|share", "WITHPREF|pupils"))
    }
    if let mean = cell("mean per place").flatMap(Self.decimal), let cost = cell("annual cost").flatMap(Self.decimal) {
      system.learn("\(key)|mean", mean, integer: false)
      system.learn("\(key)|cost", cost, integer: false)
      system.relations.append(.product("\(key)|cost", "\(key)|mean", "\(key)|placed"))
    }
  }

  /// A table said to list the fullest first is ordered by fill (a setting
  /// with no free places counting as full), unless its rows are simply in
  /// name or URN order.
  mutating func readOrder(groups: [(label: String, members: [String])], rows: [String: [String]], headers: [String]) {
    guard let nameColumn = headers.firstIndex(of: "Setting"), let urnColumn = headers.firstIndex(of: "URN"),
      let freeColumn = headers.firstIndex(of: "Free places"), let fillColumn = headers.firstIndex(of: "Fill")
    else { return }
    for group in groups {
      let rowsHere = group.members.compactMap { rows[$0] }
      let names = rowsHere.map { $0[nameColumn] }
      let urns = rowsHere.map { $0[urnColumn] }
      if names == names.sorted() || urns == urns.sorted() { continue }
      // Fill of each row, as a ratio interval: shown, or from used/free.
      for i in 0..<(rowsHere.count - 1) {
        let upper = rowsHere[i]
        let lower = rowsHere[i + 1]
        guard let freeUpper = countBounds(upper[freeColumn])?.0.lo,
          let freeLower = countBounds(lower[freeColumn])?.0.lo
        else { continue }
        // A row with no free places reads as full.
        func fill(_ row: [String], free: Double) -> Bounds? {
          if row[fillColumn] == "no free places" || free == 0 { return .exactly(1) }
          return Self.percent(row[fillColumn])
        }
        let upperKey = group.members[i]
        let lowerKey = group.members[i + 1]
        if let below = fill(lower, free: freeLower), freeUpper > 0 {
          // upper's fill ≥ below's lower bound.
          system.learn("\(upperKey)|placed", Bounds(lo: below.lo * freeUpper - 1e-9, hi: .infinity))
        }
        if let above = fill(upper, free: freeUpper), freeLower > 0 {
          system.learn("\(lowerKey)|placed", Bounds(lo: 0, hi: above.hi * freeLower + 1e-9))
        }
      }
    }
  }

  /// A setting whose one more place changes anything is full.
  mutating func readPlaceValues(_ keys: [String], _ rows: [[String]], _ headers: [String]) {
    guard let free = headers.firstIndex(of: "Free places"), let unmet = headers.firstIndex(of: "Unmet need change"),
      let journey = headers.firstIndex(of: "Journey and preference change")
    else { return }
    for (key, row) in zip(keys, rows) where !key.contains("|cap:") {
      func nonZero(_ text: String) -> Bool {
        (Double(text.replacingOccurrences(of: ",", with: "")) ?? 0) != 0
      }
      let changes = nonZero(row[unmet])
      let journeyChange = nonZero(row[journey])
      guard changes || journeyChange, let f = countBounds(row[free])?.0 else { continue }
      system.learn("\(key)|placed", f)
    }
  }

  // MARK: SVG

  mutating func readSVG() {
    // Map tooltips: "Name (URN), kind: N of M free places used".
    for m in matches(#"<circle[^>]*><title>([^<]*)</title>"#, html) {
      let title = visible(m[1])
      for t in matches(#"\(([^()]+)\), [a-z0-9 -]+: (\S+) of \S+ free places used"#, title) {
        note("\(t[1])|placed", t[2], at: "map tooltip")
      }
    }
    // Histogram bins: "a-b min: N", the last perhaps "a+ min: N"; they sum
    // to the placed.
    var bins: [String] = []
    for m in matches(#"<title>(\d+(?:\.\d)?(?:-\d+(?:\.\d)?|\+) min): ([^<]*)</title>"#, html) {
      let name = "bin \(m[1])|placed"
      note(name, visible(m[2]), at: "journey histogram")
      bins.append(name)
    }
    if !bins.isEmpty { system.sum(bins, equals: "ALL|placed") }
    readBars()
    readCompare()
    readMapExtent()
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
      if let c = capital[plan], let e = perExtra[plan] {
        system.learn("\(p)|capital", c, integer: false)
        system.learn("\(p)|per extra", e, integer: false)
        system.relations.append(.product("\(p)|capital", "\(p)|per extra", "\(p)|extra"))
      }
      // On a rounded page the change is that of the rounded figures.
      if !rounded {
        system.relations.append(.linear([(1, "\(p)|unmet"), (-1, "\(b)|unmet"), (-1, "\(p)|unmet change")]))
      }
    }
    // Unmet need by need: "N (M)" cells, unplaced (unmet), summing to each plan's unplaced.
    guard let table = matches(#"<table><thead><tr><th>Need: unplaced \(unmet need\)</th>(.*?)</table>"#, html).first
    else { return }
    var members: [String: [String]] = [:]
    for row in matches(#"<tr><td>([^<]*)</td>(.*?)</tr>"#, table[1]) {
      let need = visible(row[1])
      for (i, cell) in matches(#"<td class="n">([^<]*)</td>"#, row[2]).enumerated() where i < plans.count {
        let parts = matches(#"^(\S+) \((\S+)\)$"#, visible(cell[1]))
        guard let part = parts.first else { continue }
        let name = "plan:\(plans[i])|need:\(need)"
        note(name + "|unplaced", part[1], at: "compare unmet by need")
        note(name + "|unmet", part[2], at: "compare unmet by need", secondary: false)
        system.relations.append(.atMost(name + "|unplaced", name + "|unmet"))
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

private enum SVGNumber {
  static func text(_ v: Double) -> String { String(Int(v.rounded())) }
}
