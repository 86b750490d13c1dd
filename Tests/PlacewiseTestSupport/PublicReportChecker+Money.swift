import Foundation

// Reading a page's pounds: a cost a year summed over children, divided by
// what one child costs, is a count. The reader knows `unplaced_cost` and
// `pounds_per_minute` from the page's policy table, and perhaps a cost per
// place (a school's published place funding, `knownPlaceCost`).
extension PageReader {
  /// A policy key's value as the page's policy table shows it.
  func policyValue(_ key: String) -> Double? {
    matches(#"<code>\#(key)</code></td><td>([^<]*)</td>"#, html).first.flatMap { Double(visible($0[1])) }
  }

  /// A figure in pounds as an interval, to the pound; nil when it is no figure.
  func poundsBounds(_ text: String) -> Bounds? {
    let t = text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: "")
    guard t.hasPrefix("£"), let v = Double(t.dropFirst()), v.isFinite else { return nil }
    return Bounds(lo: max(0, v - 0.5), hi: v + 0.5)
  }

  mutating func readMoney(knowing knowledge: PublicReportChecker.Knowledge) {
    let each = policyValue("unplaced_cost")
    let perMinute = policyValue("pounds_per_minute") ?? 0
    readAllocateMoney(each: each, perMinute: perMinute)
    readSettingCosts(knowledge)
    readCompareMoney(each: each, perMinute: perMinute, placeCost: knowledge.placeCost)
    readComparePenalties()
    readForecast(each: each, placeCost: knowledge.placeCost)
    readRecommend(unitPriorities: knowledge.unitPriorities)
    readRequestsAgainstPreferences()
  }

  /// Where the page shows as many protected requests as pupils with
  /// preferences, every such pupil's request (its first preference) is
  /// protected: requests met are the first preferences met.
  mutating func readRequestsAgainstPreferences() {
    guard let requests = system.bounds["ALL|requests"], let withPreferences = system.bounds["WITHPREF|pupils"],
      requests.lo == requests.hi, requests == withPreferences, system.bounds["ALL|met"] != nil
    else { return }
    system.sum(["ALL|met"], equals: "placed at their first preference|pupils")
  }

  /// A cost of places is each setting's cost per place times its placed:
  /// a kind's (its settings in the settings table) and all of them
  /// (`ALL|cost`, from the headline, the costs, the kind and need tables).
  mutating func readSettingCosts(_ knowledge: PublicReportChecker.Knowledge) {
    func cost(_ urn: String) -> Double? { knowledge.placeCosts[urn] ?? knowledge.placeCost }
    let urns = settingGroups.flatMap(\.members)
    guard !urns.isEmpty, urns.allSatisfy({ cost($0) != nil }) else {
      // Without every setting's cost, one cost for all: the placed.
      if let c = knowledge.placeCost {
        system.real("ALL|cost")
        system.relations.append(.linear([(1, "ALL|cost"), (-c, "ALL|placed")]))
      }
      return
    }
    for group in settingGroups + [(label: "ALL", members: urns)] {
      system.real("\(group.label)|cost")
      system.relations.append(
        .linear([(1, "\(group.label)|cost")] + group.members.map { (-(cost($0) ?? 0), "\($0)|placed") }))
    }
  }

  /// allocate's "Annual costs": places, transport, the children without a
  /// place, and their total.
  mutating func readAllocateMoney(each: Double?, perMinute: Double) {
    var names: [String: String] = [:]
    let rows = [
      "Places used (cost_per_place)": "ALL|cost",
      "Transport (pounds_per_minute times journey minutes)": "ALL|transport£",
      "Children without a place (unplaced_cost each)": "ALL|unplaced£", "In total": "ALL|total£",
    ]
    for m in matches(#"<span class="value" data-figure="annual_place_cost" data-value="[^"]*">([^<]*)</span>"#, html) {
      if let b = poundsBounds(visible(m[1])) { system.learn("ALL|cost", b, integer: false) }
    }
    for m in matches(#"<tr><td>([^<]*)</td><td[^>]*>([^<]*)</td></tr>"#, html) {
      guard let name = rows[visible(m[1])], let b = poundsBounds(visible(m[2])) else { continue }
      system.learn(name, b, integer: false)
      names[name] = name
    }
    guard !names.isEmpty else { return }
    for name in rows.values { system.real(name) }
    system.sum(["ALL|cost", "ALL|transport£", "ALL|unplaced£"], equals: "ALL|total£")
    if let each { system.relations.append(.linear([(1, "ALL|unplaced£"), (-each, "ALL|unplaced")])) }
    system.relations.append(.linear([(1, "ALL|transport£"), (-perMinute, "ALL|travel_minutes")]))
  }

  /// compare's level C in minutes, less the journeys shown, is penalties:
  /// where the page's policy has only `unlisted_penalty` (no preference
  /// step, no move penalty), that many minutes a pupil placed unlisted.
  mutating func readComparePenalties() {
    guard policyValue("preference_step") == 0, policyValue("move_penalty") == 0,
      let unlisted = policyValue("unlisted_penalty"), unlisted > 0
    else { return }
    var plans: Set<String> = []
    let cells = #"data-plan="([^"]*)" data-figure="(placement_cost|travel_minutes)" data-value="([^"]*)">([^<]*)</td>"#
    for m in matches(cells, html) {
      let plan = "plan:\(visible(m[1]))"
      // C as shown; journeys from the data attribute.
      let text = m[2] == "placement_cost" ? visible(m[4]) : visible(m[3])
      guard let b = Self.decimal(text) else { continue }
      system.learn("\(plan)|\(m[2])", b, integer: false)
      plans.insert(plan)
    }
    for plan in plans {
      system.count("\(plan)|unlisted")
      system.smallIfPinned.insert("\(plan)|unlisted")
      system.relations.append(
        .linear([(1, "\(plan)|placement_cost"), (-1, "\(plan)|travel_minutes"), (-unlisted, "\(plan)|unlisted")]))
    }
  }

  /// recommend: the chosen set's unmet need against the baseline's, and
  /// each chosen option's places and the children placed in them. With
  /// every priority 1, the drop in unmet need is children newly placed, and
  /// they can only be in the options' places.
  mutating func readRecommend(unitPriorities: Bool) {
    let card =
      #"data-figure="unmet_priority" data-value="[^"]*">([^<]*)</span><span class="label">"#
      + #"unmet need, priority-weighted \(baseline ([^)]*)\)"#
    guard let headline = matches(card, html).first else { return }
    note("RECOMMEND|unmet", visible(headline[1]), at: "recommend headline", secondary: false)
    note("RECOMMEND|baseline unmet", visible(headline[2]), at: "recommend headline", secondary: false)
    var placedInOptions: [String] = []
    let option = #"<strong>([^<]*)</strong>[^<]*?It adds (\d+) places?; (\S+) (?:children are|child is) placed in them"#
    for m in matches(option, html) {
      let name = "option:\(visible(m[1]))|placed"
      note(name, visible(m[3]), at: "recommend option")
      if let places = Double(m[2]) { system.learn(name, Bounds(lo: 0, hi: places)) }
      placedInOptions.append(name)
    }
    guard unitPriorities, !placedInOptions.isEmpty else { return }
    // Σ placed in the options ≥ baseline unmet − unmet.
    system.real("RECOMMEND|slack")
    system.relations.append(
      .linear(
        placedInOptions.map { (1, $0) } + [
          (-1, "RECOMMEND|slack"), (-1, "RECOMMEND|baseline unmet"), (1, "RECOMMEND|unmet"),
        ]))
  }

  /// compare's total a year: places, transport (`pounds_per_minute` times
  /// the journeys shown), the children without a place and the plan's own
  /// annual cost.
  mutating func readCompareMoney(each: Double?, perMinute: Double, placeCost: Double?) {
    var plans: [String] = []
    for m in matches(#"data-plan="([^"]*)" data-figure="([a-z_]+)" data-value="([^"]*)">([^<]*)</td>"#, html) {
      let plan = visible(m[1])
      let p = "plan:\(plan)"
      let shown = visible(m[4])
      switch m[2] {
      case "annual_total_cost", "annual_place_cost":
        guard let b = poundsBounds(shown) else { continue }
        system.learn("\(p)|\(m[2])", b, integer: false)
        if !plans.contains(plan) { plans.append(plan) }
      case "travel_minutes", "annual_cost":
        guard let b = Self.decimal(visible(m[3])) else { continue }
        system.learn("\(p)|\(m[2])", b, integer: false)
      default: break
      }
    }
    for plan in plans {
      let p = "plan:\(plan)"
      for name in ["annual_total_cost", "annual_place_cost", "travel_minutes", "annual_cost"] {
        system.real("\(p)|\(name)")
      }
      system.count("\(p)|unplaced")
      if let each {
        system.relations.append(
          .linear([
            (1, "\(p)|annual_total_cost"), (-1, "\(p)|annual_place_cost"), (-perMinute, "\(p)|travel_minutes"),
            (-each, "\(p)|unplaced"), (-1, "\(p)|annual_cost"),
          ]))
      }
      if let placeCost {
        system.count("\(p)|placed")
        system.relations.append(.linear([(1, "\(p)|annual_place_cost"), (-placeCost, "\(p)|placed")]))
      }
    }
  }

  /// forecast pages: each plan's demand table (need, phase, a cell a year:
  /// "caseload" or "caseload, N short"), the first year short by need,
  /// the last year's count on each plan's card, and the costs a year, whose
  /// "Children without a place" is `unplaced_cost` times the year's count.
  mutating func readForecast(each: Double?, placeCost: Double?) {
    // Per plan and year, the variables that sum to the year's count, and its caseload.
    var parts: [String: [String]] = [:]
    var caseload: [String: [String]] = [:]
    let demand =
      #"<details[^>]*><summary><strong>([^<]*)</strong></summary>\s*(?:<div[^>]*>)?<table[^>]*>(.*?)</table>"#
    for table in matches(demand, html) {
      let plan = visible(table[1])
      let headers = matches(#"<th[^>]*>(.*?)</th>"#, table[2]).map { visible($0[1]) }
      guard headers.prefix(2) == ["Need", "Phase"] else { continue }
      for row in matches(#"<tr[^>]*>(.*?)</tr>"#, table[2]) {
        let cells = matches(#"<td[^>]*>(.*?)</td>"#, row[1]).map { visible($0[1]) }
        guard cells.count == headers.count else { continue }
        for c in 2..<cells.count {
          let year = headers[c].replacingOccurrences(of: "Year ", with: "")
          let name = "plan:\(plan)|year:\(year)|need:\(cells[0])|phase:\(cells[1])|unplaced"
          let pieces = cells[c].components(separatedBy: ", ")
          if pieces[0] != "-" {
            let total = name.replacingOccurrences(of: "|unplaced", with: "|caseload")
            note(total, pieces[0], at: "forecast demand table")
            caseload["plan:\(plan)|year:\(year)", default: []].append(total)
          }
          if pieces.count == 2, pieces[1].hasSuffix(" short") {
            note(name, String(pieces[1].dropLast(6)), at: "forecast demand table")
          } else if pieces.count == 1, pieces[0] != "-" {
            system.learn(name, .exactly(0))
          } else {
            continue
          }
          parts["plan:\(plan)|year:\(year)", default: []].append(name)
          parts["plan:\(plan)|year:\(year)|need:\(cells[0])", default: []].append(name)
        }
      }
    }
    for (total, members) in caseload {
      system.count("\(total)|caseload")
      system.sum(members, equals: "\(total)|caseload")
    }
    for (total, members) in parts {
      system.count("\(total)|unplaced")
      system.sum(members, equals: "\(total)|unplaced")
      // A total of withheld parts is withheld with them.
      if members.contains(where: { system.withheld[$0] != nil }) { system.smallIfPinned.insert("\(total)|unplaced") }
    }
    let card =
      #"data-plan="([^"]*)"><span class="value">([^<]*)</span><span class="label">children without a place in year (\d+)"#
    for m in matches(card, html) {
      note("plan:\(visible(m[1]))|year:\(m[3])|unplaced", visible(m[2]), at: "forecast card")
    }
    readForecastTables(each: each, placeCost: placeCost)
  }

  /// forecast's first year short by need, and its costs a year.
  mutating func readForecastTables(each: Double?, placeCost: Double?) {
    for table in matches(#"<table id="first-short-table"[^>]*>(.*?)</table>"#, html) {
      let plans = matches(#"<th[^>]*>(.*?)</th>"#, table[1]).map { visible($0[1]) }.dropFirst()
      for row in matches(#"<tr[^>]*>(.*?)</tr>"#, table[1]) {
        let cells = matches(#"<td[^>]*>(.*?)</td>"#, row[1]).map { visible($0[1]) }
        for (plan, cell) in zip(plans, cells.dropFirst()) {
          for m in matches(#"^year (\d+) \((\S+) without a place\)$"#, cell) {
            note("plan:\(plan)|year:\(m[1])|need:\(cells[0])|unplaced", m[2], at: "forecast first year short")
          }
        }
      }
    }
    guard
      let table = matches(#"<h2 id="costs">Costs a year</h2>\s*(?:<div[^>]*>)?<table[^>]*>(.*?)</table>"#, html).first
    else { return }
    let headers = matches(#"<th[^>]*>(.*?)</th>"#, table[1]).map { visible($0[1]) }
    let unplacedColumn = headers.firstIndex(of: "Children without a place")
    let rollColumn = headers.firstIndex(of: "Places of the whole caseload")
    for row in matches(#"<tr[^>]*>(.*?)</tr>"#, table[1]) {
      let cells = matches(#"<td[^>]*>(.*?)</td>"#, row[1]).map { visible($0[1]) }
      guard cells.count == headers.count else { continue }
      let year = "plan:\(cells[0])|year:\(cells[1])"
      if let each, let column = unplacedColumn, let b = poundsBounds(cells[column]) {
        system.learn("\(year)|unplaced£", b, integer: false)
        system.count("\(year)|unplaced")
        system.relations.append(.linear([(1, "\(year)|unplaced£"), (-each, "\(year)|unplaced")]))
      }
      // The roll after the year's batch: its caseload less its unplaced, at one known cost.
      if let placeCost, let column = rollColumn, let b = poundsBounds(cells[column]) {
        system.learn("\(year)|roll£", b, integer: false)
        system.count("\(year)|unplaced")
        system.count("\(year)|caseload")
        system.relations.append(
          .linear([(1, "\(year)|roll£"), (-placeCost, "\(year)|caseload"), (placeCost, "\(year)|unplaced")]))
      }
    }
  }
}
