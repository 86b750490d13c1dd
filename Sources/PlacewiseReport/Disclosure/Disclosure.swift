import Placewise

/// How one published count is shown.
package enum Disclosed: Equatable, Sendable {
  /// The count itself.
  case shown(Int)
  /// A count from 1 to 4, shown as `<5`.
  case small
  /// A larger count hidden so that a small one cannot be worked out from a
  /// total (secondary suppression), shown as `x`.
  case hidden
  /// A count from 0 to 4 whose bounds alone would give it away (a setting
  /// with one free place: `<5` there would mean 1), shown as `0-4`.
  case upToFour
  /// A larger count that `x` (5 or more) would pin to one value with what a
  /// reader knows (a kind of 5 free places, all used), shown as `c`: any count.
  case confidential

  /// The text a reader sees: grouped digits, `<5` or `x`.
  package var text: String {
    switch self {
    case .shown(let value): NumberFormatting.grouped(value)
    case .small: "<5"
    case .hidden: "x"
    case .upToFour: "0-4"
    case .confidential: "c"
    }
  }

  /// The count, when shown.
  package var value: Int? {
    if case .shown(let value) = self { value } else { nil }
  }
}

/// Statistical disclosure control for the public report.
///
/// Decisions (written down as the issue asks, and in the README's Data
/// protection section):
/// - a count of pupils from 1 to 4 is shown as `<5`; 0 stays 0, since
///   "nobody" identifies nobody and hiding it would hide that a need or
///   setting is fully met;
/// - a cell `withhold` names (a setting's places used where it has fewer
///   than 5 free places, whose capacity would bound `<5` to one value), and
///   any cell the bounds and relations alone hold to at most 4 before any
///   count is shown, is shown as `0-4`, whatever its count, 0 too; a
///   withheld count that nothing else can protect is shown as `0-4` (if at
///   most 4) or `c` (any count), which a reader takes as at least 1 where
///   the cell would show a 0 as 0 (the audit reads them so too);
/// - capacities (places commissioned or free) are facts about settings,
///   not pupils, and are shown as they are;
/// - secondary suppression: lines of counts whose totals are published
///   (the need rows summing to all pupils, placed + unplaced = pupils, the
///   histogram bins summing to all placed) and the bounds a reader knows (a
///   setting's free places) must not pin a withheld cell to one value,
///   through any chain of lines (one `<5` alone in a line; three `<5`
///   summing to 3, each then 1; a kind's only setting equal to the kind), so
///   another count of a relation that holds it is hidden too (`x`): of those
///   whose hiding moves that relation's bound, the smallest (a line's total
///   only where no member would do), one that frees it on its own if any,
///   else one for each relation that holds it; repeated until no withheld
///   cell is pinned;
/// - then the relations added together (`LinearReader`, a linear programme
///   over them all): a withheld count they hold to one value is freed by
///   hiding the smallest shown count, of those the solves name, that frees
///   it on its own (else the smallest of each side of its range together,
///   else the smallest), and the relations are read one at a time again; a
///   withheld 0 nothing frees stays `0-4` (it reveals no child); a cell
///   pinned with nothing shown in its own lines is read so too, through
///   the counts further off that hold it;
/// - a figure derived from a hidden count (spare places, fill, the unmet
///   priority of a need whose unplaced count is hidden) is hidden with it.
package struct Disclosure {
  /// The counts, each a cell.
  package let values: [Int]
  /// Whether the report is public (else nothing is suppressed).
  package let level: ReportLevel
  /// Lines: sets of cells whose sum a reader can learn (because the total is
  /// published), each given with the cell of its total if that is a cell too.
  private var lines: [(members: [Int], total: Int?)] = []
  /// Inequalities a reader knows: the sum of `smaller` is at most the sum
  /// of `larger` (a need's requests met are at most its pupils placed).
  private var inequalities: [(smaller: [Int], larger: [Int])] = []
  /// Cells shown as `0-4` whatever their count.
  private var withheld: Set<Int> = []
  /// Upper bounds a reader knows for cells.
  private var limits: [Int: Int] = [:]
  /// Whether a reader is taken to know that a count not withheld and not
  /// shown as 0 is at least 1 (a 0 is shown as 0): set once the cells
  /// withheld whatever their count are known (`resolve`).
  private var zeroIsShown = false

  /// Cells for `values`.
  package init(_ values: [Int], level: ReportLevel) {
    self.values = values
    self.level = level
  }

  /// Declares that the sum of `members` is published (as the cell `total`, or
  /// elsewhere when `total` is nil).
  package mutating func addLine(_ members: [Int], total: Int? = nil) {
    lines.append((members, total))
  }

  /// Declares that a reader knows the sum of `smaller` is at most the sum of
  /// `larger`; it must hold for the counts themselves (a relation that does
  /// not would empty the ranges, which then pin nothing).
  package mutating func addAtMost(_ smaller: [Int], _ larger: [Int]) {
    precondition(
      smaller.reduce(0) { $0 + values[$1] } <= larger.reduce(0) { $0 + values[$1] },
      "an inequality the counts break")
    inequalities.append((smaller, larger))
  }

  /// Shows `cell` as `0-4` in a public report, whatever its count (which
  /// must be at most 4).
  package mutating func withhold(_ cell: Int) {
    withheld.insert(cell)
  }

  /// Declares that a reader knows `cell` is at most `limit` (a setting's
  /// count, from its free places).
  package mutating func bound(_ cell: Int, atMost limit: Int) {
    limits[cell] = min(limits[cell] ?? limit, limit)
  }

  /// The range a reader knows for cell `i` shown as `shown`, from that and
  /// its bound alone.
  private func displayRange(_ i: Int, _ shown: Disclosed) -> (lo: Double, hi: Double) {
    let cap = limits[i].map(Double.init) ?? .infinity
    // `0-4` and `c` admit 0 only where a 0 would be shown so too: elsewhere
    // a 0 shows as 0, so they tell at least 1 (hostile trial, round
    // thirty-five: a need's `0-4` beside its 0 when none was placed).
    let least: Double = zeroIsShown && !withheld.contains(i) ? 1 : 0
    switch shown {
    case .shown(let value): return (Double(value), Double(value))
    case .small: return (1, min(4, cap))
    case .hidden: return (5, cap)
    case .upToFour: return (least, min(4, cap))
    case .confidential: return (least, cap)
    }
  }

  /// A line as Σ sign × cell = constant: members +1, the total -1 (or,
  /// with no total cell, the members sum to their published sum).
  private func equation(_ line: (members: [Int], total: Int?)) -> (terms: [(cell: Int, sign: Double)], constant: Double)
  {
    guard let total = line.total else {
      return (line.members.map { ($0, 1.0) }, Double(line.members.reduce(0) { $0 + values[$1] }))
    }
    return (line.members.map { ($0, 1.0) } + [(total, -1.0)], 0)
  }

  /// The range a reader knows for each cell from how it is shown, its
  /// bound, and every line, narrowed until nothing changes.
  private func ranges(_ state: [Disclosed]) -> [(lo: Double, hi: Double)] {
    var r = state.indices.map { displayRange($0, state[$0]) }
    for _ in 0..<100 {
      var changed = false
      for line in lines {
        let (terms, constant) = equation(line)
        // The sums of every term's range, infinite parts counted apart, so
        // that each term's own part can be taken out in constant time.
        var loSum = 0.0
        var hiSum = 0.0
        var loInfinite = 0
        var hiInfinite = 0
        func part(_ t: (cell: Int, sign: Double)) -> (lo: Double, hi: Double) {
          t.sign > 0 ? (r[t.cell].lo, r[t.cell].hi) : (-r[t.cell].hi, -r[t.cell].lo)
        }
        for t in terms {
          let p = part(t)
          if p.lo.isInfinite { loInfinite += 1 } else { loSum += p.lo }
          if p.hi.isInfinite { hiInfinite += 1 } else { hiSum += p.hi }
        }
        for h in terms {
          let own = part(h)
          let lo =
            own.lo.isInfinite ? (loInfinite > 1 ? -.infinity : loSum) : (loInfinite > 0 ? -.infinity : loSum - own.lo)
          let hi =
            own.hi.isInfinite ? (hiInfinite > 1 ? .infinity : hiSum) : (hiInfinite > 0 ? .infinity : hiSum - own.hi)
          // h.sign × h = constant − others.
          let (from, to) = h.sign > 0 ? (constant - hi, constant - lo) : (lo - constant, hi - constant)
          if from > r[h.cell].lo + 1e-9 {
            r[h.cell].lo = from
            changed = true
          }
          if to < r[h.cell].hi - 1e-9 {
            r[h.cell].hi = to
            changed = true
          }
        }
      }
      for inequality in inequalities {
        // Σ smaller ≤ Σ larger: each smaller cell is at most the larger
        // cells' highest sum less the other smaller cells' lowest; each
        // larger cell at least the smaller cells' lowest sum less the other
        // larger cells' highest (infinite highs counted apart, as above).
        let smallLo = inequality.smaller.reduce(0.0) { $0 + r[$1].lo }
        var largeHi = 0.0
        var largeInfinite = 0
        for cell in inequality.larger {
          if r[cell].hi.isInfinite { largeInfinite += 1 } else { largeHi += r[cell].hi }
        }
        if largeInfinite == 0 {
          for cell in inequality.smaller {
            let to = largeHi - (smallLo - r[cell].lo)
            if to < r[cell].hi - 1e-9 {
              r[cell].hi = to
              changed = true
            }
          }
        }
        for cell in inequality.larger {
          let own = r[cell].hi
          guard own.isInfinite ? largeInfinite == 1 : largeInfinite == 0 else { continue }
          let from = smallLo - (own.isInfinite ? largeHi : largeHi - own)
          if from > r[cell].lo + 1e-9 {
            r[cell].lo = from
            changed = true
          }
        }
      }
      if !changed { break }
    }
    return r
  }

  /// Every line and inequality as a linear relation, for a reader who adds
  /// them together.
  private var linearRelations: [LinearReader.Relation] {
    var relations: [LinearReader.Relation] = []
    for line in lines {
      let (terms, constant) = equation(line)
      relations.append(LinearReader.Relation(terms.map { ($0.cell, $0.sign) }, constant, constant))
    }
    for inequality in inequalities {
      let terms: [(cell: Int, coefficient: Double)] =
        inequality.smaller.map { ($0, 1.0) } + inequality.larger.map { ($0, -1.0) }
      relations.append(LinearReader.Relation(terms, -.infinity, 0))
    }
    return relations
  }

  /// The cells of every line and inequality, as (members, total): an
  /// inequality's cells all count as members.
  private var relations: [(members: [Int], total: Int?)] {
    lines + inequalities.map { ($0.smaller + $0.larger, nil) }
  }

  /// How each cell is shown.
  package func resolve() -> [Disclosed] {
    guard level == .public else { return values.map { .shown($0) } }
    // A cell that what a reader knows before any count is shown (free
    // places, the relations, published sums) bounds to at most 4 is shown
    // `0-4` whatever it holds, 0 too, as a small setting is: were its 0
    // shown as 0, a `0-4` given up below for 1 to 4 would tell that it is
    // not 0 (a need whose only school has one free place: its `0-4` was 1;
    // hostile trial, round thirty-five).
    let before = ranges(values.map { _ in .confidential })
    var audit = self
    // A bound the counts break (agreed placements over a school's free
    // places) misleads a reader and makes no cell `0-4` above 4.
    audit.withheld.formUnion(
      values.indices.filter { before[$0].hi >= 0.5 && before[$0].hi < 4.5 && values[$0] <= Int(before[$0].hi) })
    audit.zeroIsShown = true
    return audit.suppressed()
  }

  /// How each cell is shown, the cells withheld whatever their count known.
  private func suppressed() -> [Disclosed] {
    var state: [Disclosed] = values.indices.map { i in
      withheld.contains(i) ? .upToFour : (1...4).contains(values[i]) ? .small : .shown(values[i])
    }
    var unprotectable: Set<Int> = []
    let relations = self.relations
    // The relations through each cell, by index in `relations`.
    var through = [[Int]](repeating: [], count: values.count)
    for (k, relation) in relations.enumerated() {
      for cell in Set(relation.members + (relation.total.map { [$0] } ?? [])) { through[cell].append(k) }
    }
    // How a cell is hidden to protect another: `x` (5 or more), or `c` (any
    // count) where its bound is 5 or less, which would pin an `x` to 5.
    func hiding(_ i: Int) -> Disclosed { (limits[i] ?? Int.max) > 5 ? .hidden : .confidential }
    // A cell shown `0-4` whatever its count is protected at 0 too: were its
    // 0 worked out where its 1 is not, the page's pattern would tell them
    // apart (a kind's one setting of one place; hostile trial, round
    // eighteen).
    func pinned(_ i: Int, _ r: [(lo: Double, hi: Double)]) -> Bool {
      state[i].value == nil && !unprotectable.contains(i) && r[i].hi - r[i].lo < 0.5
        && (values[i] > 0 || withheld.contains(i))
    }
    // Nothing left to hide around a pinned cell: a count of 1 to 4 is
    // shown as `0-4`, a larger one as `c`, which admit 0 (and any count)
    // only where the cell is withheld whatever its count; elsewhere the
    // reader knows they are at least 1 (`zeroIsShown`), so such a cell may
    // stay pinned: it is then left as it is (`unprotectable`). None was on
    // the sample county's page or on 168 generated cases of 12 to 1,000
    // pupils (round thirty-five): the cells that public facts bound to 4 or
    // less are withheld before, and the rest are freed through `loosen`.
    func giveUp(_ cell: Int) {
      switch state[cell] {
      case .small where values[cell] <= 4, .hidden where values[cell] <= 4: state[cell] = .upToFour
      case .small, .hidden, .upToFour: state[cell] = .confidential
      default: unprotectable.insert(cell)
      }
    }
    // A reader who adds relations together: asked once no one relation at
    // a time pins anything, and for a cell pinned with nothing shown in its
    // own lines (made when first asked, as most pages need no more).
    var reader: LinearReader?
    // A pin the relations added together hold (`LinearReader`), loosened.
    func loosen(_ pin: LinearReader.Pin) {
      // Of the shown counts whose range, widened the way a solve says,
      // would widen its range, the first of the smallest few that frees
      // it on its own; else the smallest of each side's together; else
      // the smallest. A withheld 0 that none frees is left as it is (a
      // unit's 0 when no pupil has a need it admits would otherwise take
      // the whole page with it).
      let movers = pin.loosen.filter { loosening in
        let j = loosening.cell
        guard let value = state[j].value, value > 0 else { return false }
        let hidden = displayRange(j, hiding(j))
        return loosening.up ? hidden.hi > Double(value) : hidden.lo < Double(value)
      }
      func smallest(_ cells: some Sequence<Int>) -> [Int] {
        Set(cells).sorted { (values[$0], $0) < (values[$1], $1) }
      }
      var trials = smallest(movers.map(\.cell)).prefix(Self.trials).map { [$0] }
      let sides = [true, false].compactMap { low in smallest(movers.filter { $0.low == low }.map(\.cell)).first }
      if Set(sides).count == 2 { trials.append(sides) }
      let picks = trials.first { picks in
        var trial = state
        for pick in picks { trial[pick] = hiding(pick) }
        return !(reader?.pins(pin.cell, ranges: trial.indices.map { displayRange($0, trial[$0]) }) ?? true)
      }
      let fallback = smallest(movers.map(\.cell)).first
      if let picks {
        for pick in picks { state[pick] = hiding(pick) }
      } else if values[pin.cell] == 0 {
        // A withheld 0 stays `0-4`: it reveals no child, and `c` would
        // set it apart from the same cell holding 1 (round eighteen).
        unprotectable.insert(pin.cell)
      } else if let fallback {
        // None alone frees it: the smallest is hidden and the page read
        // again, as one relation at a time does with a chain.
        state[fallback] = hiding(fallback)
      } else {
        giveUp(pin.cell)
      }
    }
    var now = ranges(state)
    while true {
      // A withheld cell a reader can pin to one value, through any chain of lines.
      guard let cell = state.indices.first(where: { pinned($0, now) }) else {
        if reader == nil { reader = LinearReader(truth: values, relations: linearRelations) }
        let checked = state.indices.filter {
          state[$0].value == nil && !unprotectable.contains($0) && (values[$0] > 0 || withheld.contains($0))
        }
        guard let pin = reader?.firstPinned(checked, ranges: state.indices.map { displayRange($0, state[$0]) })
        else { break }
        loosen(pin)
        now = ranges(state)
        continue
      }
      // Candidates: the non-zero counts shown in the lines through it,
      // smallest first (ties: the earliest), so as little as possible is
      // hidden; totals only when a line has nothing else to hide.
      var members: Set<Int> = []
      var totals: Set<Int> = []
      for k in through[cell] {
        let line = relations[k]
        members.formUnion(line.members.filter { state[$0].value != nil && values[$0] > 0 })
        if let total = line.total, state[total].value != nil, values[total] > 0 { totals.insert(total) }
      }
      let pool = members.isEmpty ? totals : members
      let candidates = pool.sorted { (values[$0], $0) < (values[$1], $1) }
      // A withheld 0 (nothing else is pinned at 0) is read as the relations
      // added together read it: held by shown zeros alone (a need's 0
      // requests met beside its 0 protected and 0 refused), it reveals no
      // child and stays `0-4`, where hiding the other needs' counts one by
      // one freed nothing (the review of round thirty-five).
      guard let first = candidates.first, values[cell] > 0 else {
        // Nothing shown in its own lines: what holds it is further off (a
        // need's `<5` placed beside a phase's one free place, through the
        // pupils shown in other rows; round thirty-five). The relations
        // added together name those counts; only where none frees it is it
        // given up.
        if reader == nil { reader = LinearReader(truth: values, relations: linearRelations) }
        if let pin = reader?.firstPinned([cell], ranges: state.indices.map { displayRange($0, state[$0]) }) {
          loosen(pin)
        } else if values[cell] == 0 {
          unprotectable.insert(cell)
        } else {
          giveUp(cell)
        }
        now = ranges(state)
        continue
      }
      // The sides of its range that relations hold where they are, and for
      // each such relation the candidates whose hiding moves that bound
      // directly (a full setting's count hidden as `x` moves no bound
      // that needs its count to grow). Only these are tried: a county
      // case's relation of every setting that admits a need holds
      // thousands of counts, and trying each costs a pass over them all.
      let binding = bindingMovers(of: cell, in: relations, through: through[cell], now, state, hiding)
      let movers = Set(binding.flatMap { $0.relations.flatMap { $0 } })
      // The first candidate that frees the cell on its own, of the few
      // smallest that move a bound directly.
      // (A candidate pinned itself once hidden, say `x` bounded to 5 by a
      // kind's free places, would only move the problem.)
      var picks: [Int] = []
      var selfPinned: Set<Int> = []
      let tried = movers.isEmpty ? candidates : candidates.filter { movers.contains($0) }
      for candidate in tried.prefix(Self.trials) {
        let saved = state
        state[candidate] = hiding(candidate)
        let after = ranges(state)
        let freed = !pinned(cell, after)
        if pinned(candidate, after) { selfPinned.insert(candidate) }
        state = saved
        if freed && !selfPinned.contains(candidate) {
          picks = [candidate]
          break
        }
      }
      if picks.isEmpty {
        // No one count frees it: loosen every relation that holds one side
        // of its range, the side that needs the fewest counts hidden, by
        // its smallest candidate that moves it (one that moves another
        // relation too is counted once).
        for side in binding.sorted(by: { ($0.relations.count, $0.low ? 0 : 1) < ($1.relations.count, $1.low ? 0 : 1) })
        {
          var chosen: [Int] = []
          var complete = true
          for relationMovers in side.relations {
            if relationMovers.contains(where: chosen.contains) { continue }
            // A line's total only where no member moves it (a kind whose
            // every setting is full holds each at its free places, which
            // only its total, hidden, sets free); one pinned itself once
            // hidden only where nothing else does: the problem moves to it,
            // where it is protected in turn (that kind's total, given back
            // by the other kinds and the placed).
            func order(_ i: Int) -> (Int, Int, Int, Int) {
              (members.contains(i) ? 0 : 1, selfPinned.contains(i) ? 1 : 0, values[i], i)
            }
            let usable = relationMovers.filter { members.contains($0) || totals.contains($0) }
            guard let smallest = usable.min(by: { order($0) < order($1) })
            else {
              complete = false
              break
            }
            chosen.append(smallest)
          }
          if complete && !chosen.isEmpty {
            picks = chosen
            break
          }
        }
      }
      if picks.isEmpty {
        // Nothing moves it directly (it is held through a chain of lines):
        // the smallest of the line through it with the fewest withheld
        // cells (the line that pins it most directly).
        let lines = through[cell].map { relations[$0] }
          .map { line -> (hidden: Int, shown: [Int]) in
            let all = line.members + (line.total.map { [$0] } ?? [])
            let usable = all.filter { pool.contains($0) && !selfPinned.contains($0) }
            return (all.filter { state[$0].value == nil }.count, usable)
          }
          .filter { !$0.shown.isEmpty }
        let line = lines.min { $0.hidden < $1.hidden }
        picks = [line?.shown.min { (values[$0], $0) < (values[$1], $1) } ?? first]
      }
      for pick in picks { state[pick] = hiding(pick) }
      now = ranges(state)
    }
    return state
  }

  /// How many candidates `resolve` tries, one at a time, for a pinned cell
  /// before it loosens every relation that holds it.
  private static let trials = 24

  /// One side of a pinned cell's range (its lowest or highest value) and,
  /// for each relation that holds that side where it is, the cells whose
  /// hiding would move it.
  private struct BindingSide {
    /// Whether it is the lowest value.
    var low: Bool
    var relations: [[Int]]
  }

  /// The sides of `cell`'s range that only relations hold (a side its own
  /// display holds, such as `0-4`'s 0 or a bound of its free places,
  /// cannot be moved by hiding anything), each with the relations that
  /// hold it and their movers.
  private func bindingMovers(
    of cell: Int, in relations: [(members: [Int], total: Int?)], through: [Int],
    _ r: [(lo: Double, hi: Double)], _ state: [Disclosed], _ hiding: (Int) -> Disclosed
  ) -> [BindingSide] {
    let own = displayRange(cell, state[cell])
    var sides: [BindingSide] = []
    for low in [true, false] {
      // A side the cell's own display holds stays where it is.
      if low ? own.lo >= r[cell].lo - 1e-9 : own.hi <= r[cell].hi + 1e-9 { continue }
      var held: [[Int]] = []
      for k in through {
        let equality = k < lines.count
        // Σ sign × cell = constant (a line) or ≤ 0 (an inequality: smaller
        // +1, larger -1).
        let terms: [(cell: Int, sign: Double)]
        var constant = 0.0
        if equality {
          (terms, constant) = equation(lines[k])
        } else {
          let inequality = inequalities[k - lines.count]
          terms = inequality.smaller.map { ($0, 1.0) } + inequality.larger.map { ($0, -1.0) }
        }
        let sign = terms.filter { $0.cell == cell }.reduce(0.0) { $0 + $1.sign }
        guard sign != 0 else { continue }
        let others = terms.filter { $0.cell != cell }
        // sign × cell ≤ constant − Σ others' lowest (their upper side), and,
        // for a line, ≥ constant − Σ others' highest (their lower side).
        let lowSum = others.reduce(0.0) { $0 + ($1.sign > 0 ? r[$1.cell].lo : -r[$1.cell].hi) }
        let highSum = others.reduce(0.0) { $0 + ($1.sign > 0 ? r[$1.cell].hi : -r[$1.cell].lo) }
        // Which of the two moves this side: the cell's highest comes from
        // the upper bound when its sign is positive, else from the lower.
        let fromUpper = (sign > 0) != low
        if !fromUpper && !equality { continue }
        let bound = fromUpper ? (constant - lowSum) / sign : (constant - highSum) / sign
        guard bound.isFinite, low ? bound >= r[cell].lo - 1e-6 : bound <= r[cell].hi + 1e-6 else { continue }
        // The upper bound moves when another term's lowest part falls; the
        // lower when its highest part rises.
        let movers = others.filter { term in
          guard state[term.cell].value != nil, values[term.cell] > 0 else { return false }
          let hidden = displayRange(term.cell, hiding(term.cell))
          let up = hidden.hi > r[term.cell].hi + 1e-9
          let down = hidden.lo < r[term.cell].lo - 1e-9
          return fromUpper ? (term.sign > 0 ? down : up) : (term.sign > 0 ? up : down)
        }.map(\.cell)
        held.append(movers)
      }
      if !held.isEmpty { sides.append(BindingSide(low: low, relations: held)) }
    }
    return sides
  }
}
