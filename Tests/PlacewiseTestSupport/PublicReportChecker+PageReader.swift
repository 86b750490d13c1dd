import Foundation

// MARK: - Reading a page

func matches(_ pattern: String, _ text: String) -> [[String]] {
  guard let regex = try? NSRegularExpression(pattern: pattern, options: [.dotMatchesLineSeparators]) else {
    return []
  }
  let ns = text as NSString
  return regex.matches(in: text, range: NSRange(location: 0, length: ns.length)).map { m in
    (0..<m.numberOfRanges).map { m.range(at: $0).location == NSNotFound ? "" : ns.substring(with: m.range(at: $0)) }
  }
}

/// The visible text of an HTML fragment: tags removed, entities decoded.
func visible(_ html: String) -> String {
  var text = html.replacingOccurrences(of: "<[^>]*>", with: " ", options: .regularExpression)
  for (entity, char) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&amp;", "&")] {
    text = text.replacingOccurrences(of: entity, with: char)
  }
  return text.replacingOccurrences(of: "\\s+", with: " ", options: .regularExpression)
    .trimmingCharacters(in: .whitespaces)
}

/// Reads one public page into a `ConstraintSystem`, as
/// `PublicReportChecker` describes: the headline and sentences here, the
/// tables (`+Tables`) and the pictures and compare cells (`+SVG`) in
/// their own files.
struct PageReader {
  let html: String
  var system = ConstraintSystem()
  var otherFindings: [PublicReportChecker.Finding] = []
  /// The settings table's groups (a kind and its settings' URNs).
  var settingGroups: [(label: String, members: [String])] = []
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
    guard let (bounds, hidden) = countBounds(text) else { return }
    var b = bounds
    if text.trimmingCharacters(in: .whitespaces) == "x" && !secondary { b = .unknown }
    system.learn(name, b)
    if hidden, system.withheld[name] == nil { system.withheld[name] = place }
    if !hidden, b.lo < b.hi, system.rounded[name] == nil { system.rounded[name] = place }
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

  mutating func read(knowing knowledge: PublicReportChecker.Knowledge = .init()) {
    readHeadline()
    readAlerts()
    readTables()
    readSVG()
    readSentences()
    readMoney(knowing: knowledge)
    relateRequests()
  }

  /// What the words "protected request", "met", "kept there" and "cap"
  /// imply beside the need and phase tables: a row's protected requests are
  /// some of its pupils, and those met some of its placed; a request is a
  /// first preference, so requests met are some of the first preferences
  /// met, and requests some of the pupils with preferences; a child kept at
  /// their setting is placed; a need cap's places used are pupils of that
  /// need placed.
  mutating func relateRequests() {
    let names = Set(system.bounds.keys)
    for name in names where name.hasSuffix("|requests") {
      let row = name.dropLast("|requests".count)
      if names.contains("\(row)|pupils") { system.relations.append(.atMost(name, "\(row)|pupils")) }
      if names.contains("\(row)|met"), names.contains("\(row)|placed") {
        system.relations.append(.atMost("\(row)|met", "\(row)|placed"))
      }
    }
    let firstMet = "placed at their first preference|pupils"
    if names.contains("ALL|met"), names.contains(firstMet) { system.relations.append(.atMost("ALL|met", firstMet)) }
    if names.contains("ALL|requests"), names.contains("WITHPREF|pupils") {
      system.relations.append(.atMost("ALL|requests", "WITHPREF|pupils"))
    }
    // A child kept at their current setting is placed.
    if names.contains("Kept there|pupils") { system.relations.append(.atMost("Kept there|pupils", "ALL|placed")) }
    // A need cap's places used are pupils of that need placed ("HI cap" and "HI: Hearing impairment").
    for name in names where name.contains("|cap:") && name.hasSuffix(" cap|placed") {
      guard let code = name.components(separatedBy: "|cap:").last?.components(separatedBy: " ").first else { continue }
      for need in names where need.hasPrefix(code + ":") && need.hasSuffix("|placed") {
        system.relations.append(.atMost(name, need))
      }
    }
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

  /// A headline card styled as an alert says its figure is more than none.
  /// Beside `c` or `0-4`, which admit 0, the style tells 0 from the rest:
  /// a finding whatever the count (round twenty-one).
  mutating func readAlerts() {
    let pattern = #"<div class="figure( alert)?"><span class="value" data-figure="([a-z_]+)" data-value="([^"]*)">"#
    for m in matches(pattern, html) where !m[1].isEmpty {
      let shown = visible(m[3]).trimmingCharacters(in: .whitespaces)
      guard shown == "c" || shown == "0-4" else { continue }
      otherFindings.append(
        .init(
          quantity: "headline \(m[2])", value: nil,
          how: "styled as an alert beside '\(shown)': the style says the withheld count is not 0"))
    }
  }

  mutating func readSentences() {
    let text = visible(html)
    for m in matches(#"(longest|shortest) (\d[\d,]* h(?: \d+ min)?|\d+ min)"#, text) {
      otherFindings.append(
        .init(quantity: "journey", value: nil, how: "'\(m[0])' is one child's journey, shown whatever its band holds"))
    }
  }
}
