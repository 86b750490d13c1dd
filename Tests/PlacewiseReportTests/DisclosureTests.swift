import PlacewiseTestSupport
import Testing

@testable import PlacewiseReport

@Suite("Public-report suppression of small counts")
struct DisclosureTests {
  @Test("the internal level shows every count")
  func internalShowsAll() {
    var cells = Disclosure([0, 1, 4, 5, 40], level: .internal)
    cells.addLine([1, 4], total: 3)
    #expect(cells.resolve() == [.shown(0), .shown(1), .shown(4), .shown(5), .shown(40)])
  }

  @Test("1 to 4 becomes <5; 0 and 5 stay")
  func primary() {
    let shown = Disclosure([0, 1, 2, 3, 4, 5, 1000], level: .public).resolve().map(\.text)
    #expect(shown == ["0", "<5", "<5", "<5", "<5", "5", "1,000"])
  }

  @Test("a lone small count in a line with a published total hides its smallest partner")
  func secondary() {
    // placed 40, unplaced 3, pupils 43: 3 could be worked out as 43 - 40.
    var cells = Disclosure([43, 40, 3], level: .public)
    cells.addLine([1, 2], total: 0)
    #expect(cells.resolve() == [.shown(43), .hidden, .small])
    // Two small counts protect each other.
    var pair = Disclosure([10, 2, 3, 5], level: .public)
    pair.addLine([1, 2, 3], total: 0)
    #expect(pair.resolve() == [.shown(10), .small, .small, .shown(5)])
  }

  @Test("withheld cells pinned by their ranges, a hidden total or a bound are protected too")
  func pinnedByRanges() {
    // Three <5 summing to 3 (60 - 57) are each 1: a fourth cell is hidden.
    var three = Disclosure([60, 51, 1, 1, 1, 6], level: .public)
    three.addLine([1, 2, 3, 4, 5], total: 0)
    #expect(three.resolve() == [.shown(60), .shown(51), .small, .small, .small, .hidden])
    // A hidden total whose members all show is their sum: one member is hidden too.
    var total = Disclosure([36, 33, 3, 20, 13], level: .public)
    total.addLine([1, 2], total: 0)
    total.addLine([3, 4], total: 1)
    #expect(total.resolve() == [.shown(36), .hidden, .small, .shown(20), .hidden])
    // A count of a setting with one free place: `<5` would mean 1. It and
    // its total are bounded by 1 before any count is shown, so both show
    // `0-4` whatever they hold, 0 too (round thirty-five: the total, not
    // withheld, read `0` at 0 and `0-4` at 1).
    for value in [0, 1] {
      var bounded = Disclosure([value, value], level: .public)
      bounded.bound(0, atMost: 1)
      bounded.addLine([0], total: 1)
      #expect(bounded.resolve().map(\.text) == ["0-4", "0-4"], "\(value)")
    }
    // So for a need whose only admitting school has one free place: its
    // placed (at most the school's count) and its requests met (at most
    // its placed) read the same at 0 and at 1.
    let needWorlds = [0, 1].map { placed in
      var need = Disclosure([placed, placed, 0], level: .public)
      need.bound(1, atMost: 1)
      need.addAtMost([0], [1])
      need.addAtMost([2], [0])
      return need.resolve().map(\.text)
    }
    #expect(needWorlds[0] == needWorlds[1] && needWorlds[0] == ["0-4", "0-4", "0-4"], "\(needWorlds)")
    // That need with no protected request: its 0 met, withheld, is held at
    // 0 by its shown 0 protected and 0 refused. It reveals no child and
    // stays `0-4`, as it reads when it holds 1 (a `0` only where no count
    // is hidden would tell the two apart); the other need's requests stay
    // shown (the review of round thirty-five: they were hidden one by one,
    // freeing nothing).
    // Cells: met, refused, protected of A, of B, of all; A's placed; its school's count.
    var requests = Disclosure([0, 0, 0, 7, 6, 13, 7, 6, 13, 0, 0], level: .public)
    for (members, total) in [([0, 1], 2), ([3, 4], 5), ([6, 7], 8), ([0, 3], 6), ([1, 4], 7), ([2, 5], 8)] {
      requests.addLine(members, total: total)
    }
    requests.addAtMost([0], [9])
    requests.addAtMost([9], [10])
    requests.bound(10, atMost: 1)
    #expect(
      requests.resolve().map(\.text) == ["0-4", "0", "0", "7", "6", "13", "7", "6", "13", "0-4", "0-4"],
      "\(requests.resolve().map(\.text))")
    // A full setting of 5 free places hidden as `x` (5 or more) would be 5:
    // it protects its kind's `<5` as `c`.
    var full = Disclosure([5, 2, 7], level: .public)
    full.bound(0, atMost: 5)
    full.addLine([0, 1], total: 2)
    #expect(full.resolve().map(\.text) == ["c", "<5", "7"])
  }

  @Test("a full kind's small count is protected through its total, not by hiding every setting beside it")
  func fullKindThroughItsTotal() {
    // Kind A: a setting of 2 free places holding 2 (withheld, `0-4`) and
    // 40 full settings holding 6 to 45; kind B: two settings, room to
    // spare; placed = A + B. Every A setting at its free places makes A's
    // total their sum, which pins the `0-4` to 2. Hiding A settings frees
    // nothing (each stays at most its free places): A's total must go,
    // then, as placed less B gives A back, B (A is then known only to be
    // its settings' sum less 0 to 2), and one of B's, whose total its
    // members give back.
    let full = Array(6...45)
    let a = 2 + full.reduce(0, +)
    // Cells: 0 placed, 1 A, 2 B, 3 the small setting, 4... the full ones,
    // then B's settings of 10 and 12.
    var values = [a + 22, a, 22, 2] + full
    let b = values.count
    values += [10, 12]
    var cells = Disclosure(values, level: .public)
    cells.addLine([1, 2], total: 0)
    cells.addLine(Array(3..<b), total: 1)
    cells.addLine([b, b + 1], total: 2)
    cells.withhold(3)
    cells.bound(3, atMost: 2)
    for (i, places) in full.enumerated() { cells.bound(4 + i, atMost: places) }
    // A relation of every setting, as a need's row beside the settings
    // that admit it (a county's has thousands).
    cells.addAtMost([0], Array(3..<(b + 2)))
    let state = cells.resolve()
    let hidden = state.indices.filter { state[$0].value == nil }
    #expect(state[3] == .upToFour)
    #expect(state[1] == .hidden && state[2] == .hidden)
    #expect(hidden == [1, 2, 3, b], "hidden \(hidden.map { values[$0] })")
  }

  @Test("a count pinned only by relations added together is protected (hostile trial, round nineteen)")
  func sumsAcrossRelations() {
    // Requests 4, 4, 1, 2 of four needs (`<5`), 11 in all; the last two
    // needs' pupils 1 and 2 (requests at most pupils) beside a third need's
    // 1, 4 pupils in all. Each relation alone leaves the first two requests
    // 3 or 4, but together: the last two needs' pupils are at most 4 − 1,
    // so their requests too, so the first two sum to 8 and are each 4.
    let values = [4, 4, 1, 2, 11, 1, 2, 1, 4]
    var cells = Disclosure(values, level: .public)
    cells.addLine([0, 1, 2, 3], total: 4)
    cells.addLine([5, 6, 7], total: 8)
    cells.addAtMost([2], [5])
    cells.addAtMost([3], [6])
    let state = cells.resolve()
    #expect(state[4] == .hidden, "\(state.map(\.text))")
    let pinned = Self.pinnedByEnumeration(
      values, state, lines: [([0, 1, 2, 3], 4), ([5, 6, 7], 8)], atMost: [([2], [5]), ([3], [6])])
    #expect(pinned.isEmpty, "pinned \(pinned), shown \(state.map(\.text))")
  }

  @Test("random small pages: no withheld count is pinned, by enumerating every page they admit")
  func randomAgainstEnumeration() {
    // Seeded, so that a failure can be replayed.
    var generator = SeededGenerator(seed: 19)
    for round in 0..<300 {
      let count = Int.random(in: 4...7, using: &generator)
      var values = (0..<count).map { _ in Int.random(in: 0...6, using: &generator) }
      var lines: [([Int], Int)] = []
      var atMost: [([Int], [Int])] = []
      // Lines over the first cells, each with a total cell of its own.
      for _ in 0..<Int.random(in: 1...3, using: &generator) {
        let members = (0..<count).filter { _ in Int.random(in: 0..<3, using: &generator) == 0 }
        guard members.count >= 2 else { continue }
        values.append(members.reduce(0) { $0 + values[$1] })
        lines.append((members, values.count - 1))
      }
      for _ in 0..<Int.random(in: 0...2, using: &generator) {
        let a = Int.random(in: 0..<count, using: &generator)
        let b = Int.random(in: 0..<count, using: &generator)
        if a != b && values[a] <= values[b] { atMost.append(([a], [b])) }
      }
      var cells = Disclosure(values, level: .public)
      for line in lines { cells.addLine(line.0, total: line.1) }
      for relation in atMost { cells.addAtMost(relation.0, relation.1) }
      let state = cells.resolve()
      let pinned = Self.pinnedByEnumeration(values, state, lines: lines, atMost: atMost)
        .filter { state[$0] != .confidential }
      #expect(pinned.isEmpty, "round \(round): values \(values), shown \(state.map(\.text)), pinned \(pinned)")
    }
  }

  /// The withheld cells of value 1 or more that every page `state` admits
  /// (each cell in its shown range, capped at 5 above the largest count,
  /// which every line's total allows, every line and inequality
  /// holding) gives one value, found by enumerating those pages: the
  /// strongest reader, written without `Disclosure`'s code.
  static func pinnedByEnumeration(
    _ values: [Int], _ state: [Disclosed], lines: [([Int], Int)], atMost: [([Int], [Int])]
  ) -> [Int] {
    let cap = (values.max() ?? 0) + 5
    let domains: [ClosedRange<Int>] = state.map {
      switch $0 {
      case .shown(let v): v...v
      case .small: 1...4
      case .upToFour: 0...4
      case .hidden: 5...max(5, cap)
      case .confidential: 0...cap
      }
    }
    var seen = values.map { _ in Set<Int>() }
    var page = [Int](repeating: 0, count: values.count)
    func holds(upTo last: Int) -> Bool {
      for (members, total) in lines where (members + [total]).max() == last {
        if members.reduce(0, { $0 + page[$1] }) != page[total] { return false }
      }
      for (smaller, larger) in atMost where (smaller + larger).max() == last {
        if smaller.reduce(0, { $0 + page[$1] }) > larger.reduce(0, { $0 + page[$1] }) { return false }
      }
      return true
    }
    func assign(_ i: Int) {
      guard i < values.count else {
        for j in page.indices { seen[j].insert(page[j]) }
        return
      }
      for v in domains[i] {
        page[i] = v
        if holds(upTo: i) { assign(i + 1) }
      }
    }
    assign(0)
    return values.indices.filter { state[$0].value == nil && values[$0] > 0 && seen[$0].count == 1 }
  }

  /// Random tables of rows (parts summing to a published row total) and
  /// columns (summing to a published column total): after suppression no
  /// count from 1 to 4 shows, and no line with a shown total has exactly one
  /// cell withheld, so no withheld cell can be worked out by subtraction
  /// along one line.
  @Test("no small count shows, and none can be recovered from one line's total")
  func property() {
    var generator = SystemRandomNumberGenerator()
    for _ in 0..<500 {
      let rows = Int.random(in: 1...6, using: &generator)
      let columns = Int.random(in: 2...3, using: &generator)
      let parts = (0..<rows).map { _ in
        (0..<columns).map { _ in
          Bool.random(using: &generator)
            ? Int.random(in: 0...6, using: &generator) : Int.random(in: 0...60, using: &generator)
        }
      }
      // Cells: parts row by row, then row totals, then column totals.
      var values = parts.flatMap { $0 }
      values += parts.map { $0.reduce(0, +) }
      values += (0..<columns).map { c in parts.reduce(0) { $0 + $1[c] } }
      var cells = Disclosure(values, level: .public)
      var lines: [([Int], Int)] = []
      for r in 0..<rows { lines.append(((0..<columns).map { r * columns + $0 }, rows * columns + r)) }
      for c in 0..<columns { lines.append(((0..<rows).map { $0 * columns + c }, rows * columns + rows + c)) }
      for line in lines { cells.addLine(line.0, total: line.1) }
      let state = cells.resolve()
      for (i, value) in values.enumerated() {
        // `<5`, or `0-4` or `c` where nothing else could protect it.
        if (1...4).contains(value) { #expect([.small, .upToFour, .confidential].contains(state[i])) }
        if let shown = state[i].value { #expect(shown == value) }
      }
      for (members, total) in lines where state[total].value != nil {
        let withheld = members.filter { state[$0].value == nil }.count
        #expect(withheld != 1, "values \(values), state \(state)")
      }
    }
  }
}
