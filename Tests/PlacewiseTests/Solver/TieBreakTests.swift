import PlacewiseTestSupport
import Testing

@testable import Placewise

/// The tie rule (docs/decisions.md, "Ties") applied after the two levels, on their
/// optimal face, by the network simplex: checked against enumeration of
/// every assignment, which applies the rule written again from docs/decisions.md.
@Suite("The tie-break against brute-force enumeration")
struct TieBreakTests {
  /// The three levels of an allocation: unmet priority, cost, tie-break sum.
  static func levels(_ allocation: Allocation, _ input: Case, _ candidates: CandidateSet) -> (Int, Double, Int64) {
    let summary = AllocationSummary(case: input, candidates: candidates, allocation: allocation)
    let settings = allocation.placements.map { placement -> Int? in
      if case .placed(let s, _) = placement { return s }
      return nil
    }
    return (summary.unmetPriority, summary.placementCost, BruteForce.tieBreakSum(input, settings))
  }

  @Test("the contested market reaches the three-level optimum on 300 tiny cases full of ties")
  func tiedTinyCases() throws {
    var wrong: [String] = []
    var moved = 0
    for seed in UInt64(0)..<300 {
      let input = RandomCases.tiedTiny(seed: seed)
      let candidates = CandidateSet(case: input)
      let oracle = BruteForce.solve(input)
      let allocation = try Allocator.allocate(input, candidates: candidates)
      try allocation.verify(case: input, candidates: candidates)
      let mine = Self.levels(allocation, input, candidates)
      if mine.0 != oracle.unmetPriority || abs(mine.1 - oracle.placementCost) > 1e-9 * max(1, oracle.placementCost)
        || mine.2 != oracle.tieBreak
      {
        wrong.append(
          "seed \(seed): \(mine); oracle \(oracle.unmetPriority), \(oracle.placementCost), \(oracle.tieBreak)")
      }
      // Cases where the tie-break had a choice to make.
      if allocation.tieBreakMoves > 0 { moved += 1 }
    }
    #expect(wrong.isEmpty, "\(wrong.count) cases differ: \(wrong.prefix(5))")
    #expect(moved >= 50, "the tie-break moved pupils in only \(moved) cases")
  }

  /// Larger faces, with caps, priorities and fixed rows: the plain LP's
  /// third level (GLPK's simplex over every pair) is the reference.
  @Test("the contested market's tie-break sum equals the plain LP's on 100 medium cases full of ties")
  func tiedMediumCases() throws {
    var wrong: [String] = []
    var moved = 0
    for seed in UInt64(7000)..<7100 {
      let input = RandomCases.tiedMedium(seed: seed)
      let candidates = CandidateSet(case: input)
      let allocation = try Allocator.allocate(input, candidates: candidates)
      try allocation.verify(case: input, candidates: candidates)
      let plain = try Allocator.allocate(input, candidates: candidates, options: AllocationOptions(method: .plainLP))
      let mine = Self.levels(allocation, input, candidates)
      let theirs = Self.levels(plain, input, candidates)
      if mine.0 != theirs.0 || abs(mine.1 - theirs.1) > 1e-9 * max(1, theirs.1) || mine.2 != theirs.2 {
        wrong.append("seed \(seed): \(mine); plain LP \(theirs)")
      }
      if allocation.tieBreakMoves > 0 { moved += 1 }
    }
    #expect(wrong.isEmpty, "\(wrong.count) cases differ: \(wrong.prefix(5))")
    #expect(moved >= 30, "the tie-break moved pupils in only \(moved) cases")
  }

  @Test("the contested market reaches the three-level optimum on 200 random tiny cases")
  func randomTinyCases() throws {
    var wrong: [String] = []
    for seed in UInt64(5000)..<5200 {
      let input = RandomCases.tiny(seed: seed)
      let candidates = CandidateSet(case: input)
      let oracle = BruteForce.solve(input)
      let allocation = try Allocator.allocate(input, candidates: candidates)
      let mine = Self.levels(allocation, input, candidates)
      if mine.0 != oracle.unmetPriority || abs(mine.1 - oracle.placementCost) > 1e-6 || mine.2 != oracle.tieBreak {
        wrong.append(
          "seed \(seed): \(mine); oracle \(oracle.unmetPriority), \(oracle.placementCost), \(oracle.tieBreak)")
      }
    }
    #expect(wrong.isEmpty, "\(wrong.count) cases differ: \(wrong.prefix(5))")
  }
}

/// The network simplex on its own: random small flows of pupils to rows
/// with bounds (some fixed), against enumeration of every choice.
@Suite("Network simplex")
struct NetworkSimplexTests {
  @Test("reaches the enumerated minimum on 500 random small networks")
  func randomNetworks() throws {
    var rng = SeededGenerator(seed: 42)
    var pivoted = 0
    for trial in 0..<500 {
      let flow = SmallFlow(&rng)
      let (pupils, rows, options, bounds) = (flow.pupils, flow.rows, flow.options, flow.bounds)
      let (network, arcs) = try flow.solved()
      if network.pivots > 0 { pivoted += 1 }

      // The flow found: one option per pupil, within every bound.
      var found: Int64 = 0
      var foundLoad = [Int64](repeating: 0, count: rows)
      for p in 0..<pupils {
        let chosen = arcs[p].indices.filter { network.flow[arcs[p][$0]] == 1 }
        #expect(chosen.count == 1, "trial \(trial): pupil \(p) has \(chosen.count) options")
        guard let k = chosen.first else { continue }
        found += options[p][k].cost
        if let r = options[p][k].row { foundLoad[r] += 1 }
      }
      for r in 0..<rows {
        #expect(bounds[r].0 <= foundLoad[r] && foundLoad[r] <= bounds[r].1, "trial \(trial): row \(r)")
      }

      // Every choice, enumerated.
      let best = flow.enumeratedMinimum()
      #expect(found == best, "trial \(trial): network simplex \(found), enumeration \(best)")
    }
    #expect(pivoted >= 200, "only \(pivoted) networks needed a pivot")
  }

  @Test("refuses a start whose tree arc has no room")
  func refusesBadStart() {
    var network = NetworkSimplex(nodeCount: 2, root: 1)
    let arc = network.addArc(from: 0, to: 1, cost: 1, lower: 0, upper: 1, flow: 1)
    #expect(throws: NetworkSimplex.Failure.self) { try network.solve(treeArc: [arc, nil], deadline: nil) }
  }
}

/// A random small flow of pupils to rows, for `randomNetworks`: each
/// pupil's options (a row, or nil for "unplaced", and a cost), the option
/// it starts in, the rows' loads at the start and their bounds around them
/// (some fixed, some with room).
private struct SmallFlow {
  var pupils: Int
  var rows: Int
  var options: [[(row: Int?, cost: Int64)]] = []
  var start: [Int] = []
  var load: [Int64] = []
  var bounds: [(Int64, Int64)] = []

  init(_ rng: inout SeededGenerator) {
    pupils = Int.random(in: 1...6, using: &rng)
    rows = Int.random(in: 1...3, using: &rng)
    // Each pupil's arcs: row (or nil for "unplaced") and cost.
    for _ in 0..<pupils {
      var mine: [(row: Int?, cost: Int64)] = []
      for r in 0..<rows where Int.random(in: 0..<4, using: &rng) > 0 {
        mine.append((r, Int64.random(in: -5...20, using: &rng)))
      }
      if mine.isEmpty || Bool.random(using: &rng) { mine.append((nil, Int64.random(in: 0...10, using: &rng))) }
      options.append(mine)
      start.append(Int.random(in: 0..<mine.count, using: &rng))
    }
    load = [Int64](repeating: 0, count: rows)
    for p in 0..<pupils { if let r = options[p][start[p]].row { load[r] += 1 } }
    // Bounds around the start's loads: some fixed, some with room.
    for r in 0..<rows {
      switch Int.random(in: 0..<3, using: &rng) {
      case 0: bounds.append((load[r], load[r]))
      case 1: bounds.append((0, load[r]))
      default:
        bounds.append((Int64.random(in: 0...load[r], using: &rng), load[r] + Int64.random(in: 0...2, using: &rng)))
      }
    }
  }

  /// The network simplex on this flow, started from `start` and solved,
  /// with each pupil's arcs in the order of their options.
  func solved() throws -> (network: NetworkSimplex, arcs: [[Int]]) {
    let root = pupils + rows
    var network = NetworkSimplex(nodeCount: root + 1, root: root)
    var treeArc = [Int?](repeating: nil, count: root + 1)
    var arcs: [[Int]] = []
    for p in 0..<pupils {
      var mine: [Int] = []
      for (k, option) in options[p].enumerated() {
        let flow: Int64 = k == start[p] ? 1 : 0
        if let r = option.row {
          mine.append(network.addArc(from: p, to: pupils + r, cost: option.cost, lower: 0, upper: 1, flow: flow))
        } else {
          let arc = network.addArc(from: p, to: root, cost: option.cost, lower: 0, upper: 10, flow: flow)
          mine.append(arc)
          treeArc[p] = arc
        }
      }
      arcs.append(mine)
    }
    for r in 0..<rows {
      let arc = network.addArc(
        from: pupils + r, to: root, cost: 0, lower: bounds[r].0, upper: bounds[r].1, flow: load[r])
      if load[r] < bounds[r].1 { treeArc[pupils + r] = arc }
    }
    try network.solve(treeArc: treeArc, deadline: nil)
    return (network, arcs)
  }

  /// The least cost of one option per pupil within every bound, by
  /// enumerating every choice (`Int64.max` when none is within them).
  func enumeratedMinimum() -> Int64 {
    var best = Int64.max
    var choice = [Int](repeating: 0, count: pupils)
    func visit(_ p: Int) {
      if p == pupils {
        var used = [Int64](repeating: 0, count: rows)
        var total: Int64 = 0
        for q in 0..<pupils {
          total += options[q][choice[q]].cost
          if let r = options[q][choice[q]].row { used[r] += 1 }
        }
        if (0..<rows).allSatisfy({ bounds[$0].0 <= used[$0] && used[$0] <= bounds[$0].1 }) { best = min(best, total) }
        return
      }
      for k in options[p].indices {
        choice[p] = k
        visit(p + 1)
      }
    }
    visit(0)
    return best
  }
}
