import Foundation

// Reading a page's tables: every cell a count, footers their columns' sums,
// and what a row's cells imply about each other.
extension PageReader {
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
    // A forecast's demand table (need, phase, a cell a year) is read by
    // `readForecast`, by need and phase: read here by its first cell, its
    // phases of one need were one variable, whose contradiction emptied
    // the page's ranges and turned the linear step off (round twenty-two).
    if headers.prefix(2) == ["Need", "Phase"] { return }
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
        settingGroups.append(group)
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
      // A setting uses no more than its free places, unless its own count
      // shows it does (agreed placements may pass them: rule 6): then its
      // places left are below 0, and neither relation holds.
      let over = cell("placed").flatMap { countBounds($0)?.0 }.map { $0.lo > free.hi } ?? false
      if let left = cell("places left"), !over {
        note("\(key)|left", left, at: heading, secondary: false)
        system.sum(["\(key)|placed", "\(key)|left"], equals: freeName)
      }
      if keys.contains("placed"), keys.contains("urn"), !over {
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
    // A cost of places (a kind's, or all of them): pounds, rounded as the page says.
    if let cost = (cell("annual cost") ?? cell("annual place cost")).flatMap(poundsBounds) {
      system.learn("\(key)|cost", cost, integer: false)
      if let mean = cell("mean per place").flatMap(Self.decimal) {
        system.learn("\(key)|mean", mean, integer: false)
        system.relations.append(.product("\(key)|cost", "\(key)|mean", "\(key)|placed"))
      }
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
}
