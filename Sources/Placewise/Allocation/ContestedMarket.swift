import Foundation
import GLPK

/// The exact allocation solved on the contested part of the market only,
/// with prices from the LP's duals proving the rest cannot do better.
///
/// Every pupil starts at its place in a `PriceAuction` (or, without one, at
/// its cheapest pair). Pupils the auction left out, pupils at an overfull need
/// cap and pupils whose place is not clearly their best at the auction's
/// prices form the LP ("active" pupils), each with its few pairs cheapest at
/// those prices; all others stay "fixed" and use up places, so the LP sees
/// only the places they leave. Full settings the LP does not see keep the
/// auction's price in the pricing below (any non-negative price is
/// complementary to a full row). After each LP
/// (two levels: `LexicographicLP`), its row duals give each setting and cap a
/// price, a pair of whole-number level-1 and real level-2 parts compared
/// lexicographically, and every pair of every pupil is priced:
///
/// - an active pupil's pair left out of the LP with negative reduced cost is
///   added to the LP;
/// - a fixed pupil whose own pair is no longer its cheapest at these prices
///   (or who would rather leave its place to a pupil of higher priority)
///   becomes active, and its place goes back to the LP.
///
/// When no pair prices negative, the duals of the last LP, extended to the
/// fixed pupils by `y_p = cost(own pair) + price(own setting)`, are a
/// feasible dual solution of the full lexicographic LP (every candidate pair
/// of every pupil a column) that satisfies complementary slackness with the
/// combined allocation, which is therefore optimal for the full problem, not
/// just for the part the LP saw. The argument is LP duality over the ordered
/// field of pairs (level 1, level 2): the two-level solve gives optimal duals
/// y1 for level 1 and y2 for level 2 on level 1's face, and `y1 + eps * y2`
/// is then dual feasible for the objective `level1 + eps * level2`.
///
/// Each round only adds columns or active pupils, so the loop ends.
struct ContestedMarket {
  /// How many of its cheapest pairs an active pupil brings into the LP.
  /// Few pairs keep the LP's parts small and apart (measured on the 100k
  /// case: 2 pairs, solve 3.8 s; 3 pairs, 4.3 s; 5 pairs, 7.5 s; 8 pairs,
  /// 8.9 s); pricing adds the pairs that matter.
  static let defaultInitialPairs = 2
  /// This run's number of starting pairs (tests use 1, to leave the pricing
  /// loop more to find).
  private let initialPairs: Int
  /// At most this many fixed pupils enter the LP in one round (partial
  /// pricing: the loop still ends only after a full pass finds nothing).
  /// Measured on the 500k case: activating everyone who prices negative at
  /// once grew the LP to 187k pupils and the solve to 175 s; 20,000 a round,
  /// 151k pupils and 148 s; 8,000 a round, 140k pupils and 140 s (pupils
  /// that later duals no longer price out never enter). At 20k a round
  /// rarely activates more than 5,000; at 100k (18,000 in round 2
  /// uncapped) one A/B gave 3.7 s capped against 3.6 s uncapped, within
  /// this machine's noise.
  static func defaultMaxActivations(pupils: Int) -> Int { max(5_000, pupils / 60) }
  private let maxActivations: Int

  let input: Case
  let candidates: CandidateSet
  private let tieBreak: TieBreak
  /// Level-2 and level-3 reduced costs above `-tolerance` count as non-negative.
  private let tolerance: (Double, Double)
  private let need: [Int]
  private let free: [Int]
  /// Effective need caps, keyed by `setting * 16 + need`.
  private let caps: [Int: Int]

  /// Prices (level 1, level 2) of full settings the LP does not see, from
  /// the auction; any non-negative price is complementary to a full row.
  private let externalPrice: [(Double, Double)]
  /// The auction's weighted prices (0 without an auction): a pupil brings
  /// into the LP its pairs cheapest at these prices, the ones likely to matter.
  private let guidePrice: [Double]
  private var fixedPair: [Int]
  /// Where each pupil starts this round: its LP pair last round (-1:
  /// unplaced), or the pair it held while fixed; in the first round, the
  /// auction's pair (or the cheapest).
  private var startPair: [Int]
  /// The weight of level 0 in the combined objective the start is built for.
  private(set) var weight: Double
  /// Approximate prices (in combined units) of settings and caps that shape
  /// the start: the auction's in the first round, the last LP's duals later.
  private(set) var settingPrice: [Double]
  private var capPrice: [Int: Double] = [:]
  /// Pupils activated during this round's pricing, with the pair they held.
  private var activatedFrom: [Int: Int] = [:]
  private var isActive: [Bool]
  private var included: [[Int]]
  private var fixedLoad: [Int]
  private var fixedCapLoad: [Int: Int] = [:]

  /// Statistics of the run, for the summary.
  private(set) var rounds = 0
  private(set) var lastLPPupils = 0
  private(set) var lastLPColumns = 0
  private(set) var lastComponents = 0
  /// LP parts whose start GLPK refused (solved cold instead); 0 unless something is wrong.
  private(set) var refusedStarts = 0
  /// Seconds spent building LPs and loading them into GLPK, summed over parts.
  private(set) var modelBuildSeconds = 0.0

  init(
    case input: Case, candidates: CandidateSet, auction: PriceAuction? = nil,
    initialPairs: Int = Self.defaultInitialPairs, maxActivations: Int? = nil
  ) {
    self.initialPairs = initialPairs
    self.maxActivations = maxActivations ?? Self.defaultMaxActivations(pupils: input.pupils.count)
    self.input = input
    self.candidates = candidates
    need = input.pupils.map { $0.primaryNeed.rawValue }
    free = input.settings.map(\.freePlaces)
    var caps: [Int: Int] = [:]
    for (s, setting) in input.settings.enumerated() {
      for code in setting.needPlaces.keys {
        if let cap = setting.cap(for: code) { caps[s * 16 + code.rawValue] = cap }
      }
    }
    self.caps = caps
    let tieBreak = TieBreak(settings: input.settings)
    self.tieBreak = tieBreak
    var maxCost = 0.0
    for pair in 0..<candidates.count { maxCost = max(maxCost, candidates.cost(pair)) }
    tolerance = (1e-9 * (1 + maxCost), 1e-9 * (1 + Double(input.settings.count)))
    let pupilCount = input.pupils.count
    fixedPair = [Int](repeating: -1, count: pupilCount)
    isActive = [Bool](repeating: false, count: pupilCount)
    included = [[Int]](repeating: [], count: pupilCount)
    fixedLoad = [Int](repeating: 0, count: input.settings.count)
    guidePrice = auction?.prices ?? [Double](repeating: 0, count: input.settings.count)
    weight = auction?.weight ?? PriceAuction.weight(maxCost: maxCost)
    settingPrice = guidePrice
    // A weighted auction price w * k + r is the pair (k, r).
    externalPrice = (auction?.prices ?? []).map { price in
      guard let weight = auction?.weight, price >= 0.5 * weight else { return (0, price) }
      let level1 = (price / weight).rounded()
      return (level1, price - level1 * weight)
    }

    // Everyone at the auction's pair, or else at the cheapest pair (the
    // lowest setting index among equals). Pupils the auction left unplaced
    // despite having pairs are contested: they start in the LP.
    var contested: [Int] = []
    for p in 0..<pupilCount {
      let pairs = candidates.pairs(of: p)
      guard !pairs.isEmpty else { continue }
      var best = pairs.lowerBound
      if let auction {
        guard auction.assignment[p] >= 0 else {
          contested.append(p)
          continue
        }
        best = auction.assignment[p]
      } else {
        for pair in pairs where candidates.cost(pair) < candidates.cost(best) { best = pair }
      }
      fixedPair[p] = best
      fixedLoad[Int(candidates.setting[best])] += 1
      let key = Int(candidates.setting[best]) * 16 + need[p]
      if caps[key] != nil { fixedCapLoad[key, default: 0] += 1 }
    }
    startPair = fixedPair
    // Pupils at an overfull setting or cap start in the LP, and so do those
    // whose auction pair is not clearly their best at the auction's prices.
    let margin = auction?.epsilon ?? 0
    for p in 0..<pupilCount where fixedPair[p] >= 0 {
      let own = fixedPair[p]
      let s = Int(candidates.setting[own])
      let key = s * 16 + need[p]
      if fixedLoad[s] > free[s] || (caps[key].map { fixedCapLoad[key, default: 0] > $0 } ?? false) {
        contested.append(p)
      } else if let auction {
        let mine = candidates.cost(own) + auction.prices[s]
        let unplaced = auction.weight * Double(input.pupils[p].priority)
        // Pairs come cheapest first and prices are never negative.
        if unplaced <= mine + margin
          || candidates.pairs(of: p).lazy.prefix(while: { candidates.cost($0) <= mine + margin }).contains(where: {
            $0 != own && candidates.cost($0) + auction.prices[Int(candidates.setting[$0])] <= mine + margin
          })
        {
          contested.append(p)
        }
      }
    }
    for p in contested { activate(p, adding: nil) }
    for p in auction?.contested ?? [] where !candidates.pairs(of: p).isEmpty { activate(p, adding: nil) }
  }

  /// The pupils in the LP (after `solve`: the contested part of the optimum).
  var lpPupils: [Int] { isActive.indices.filter { isActive[$0] } }

  /// Moves a fixed pupil into the LP with its cheapest pairs (and `extra`).
  private mutating func activate(_ p: Int, adding extra: Int?) {
    guard !isActive[p] else { return }
    let own = fixedPair[p]
    if own >= 0 {
      let s = Int(candidates.setting[own])
      fixedLoad[s] -= 1
      let key = s * 16 + need[p]
      if caps[key] != nil { fixedCapLoad[key]! -= 1 }
    }
    activatedFrom[p] = own
    fixedPair[p] = -1
    isActive[p] = true
    func guided(_ pair: Int) -> Double { candidates.cost(pair) + guidePrice[Int(candidates.setting[pair])] }
    // The `initialPairs` cheapest at the guide prices (ties by pair index),
    // kept in order by insertion: no sort of all the pupil's pairs.
    var cheapest: [(price: Double, pair: Int)] = []
    cheapest.reserveCapacity(initialPairs + 1)
    for pair in candidates.pairs(of: p) {
      let price = guided(pair)
      guard
        cheapest.count < initialPairs
          || (price, pair) < (cheapest[cheapest.count - 1].price, cheapest[cheapest.count - 1].pair)
      else { continue }
      var i = cheapest.count
      while i > 0 && (price, pair) < (cheapest[i - 1].price, cheapest[i - 1].pair) { i -= 1 }
      cheapest.insert((price, pair), at: i)
      if cheapest.count > initialPairs { cheapest.removeLast() }
    }
    var chosen = cheapest.map(\.pair)
    if own >= 0 && !chosen.contains(own) { chosen.append(own) }
    if let extra, !chosen.contains(extra) { chosen.append(extra) }
    included[p] = chosen.sorted()
  }

  /// Runs rounds until no pair prices negative; returns each pupil's pair (-1: unplaced).
  mutating func solve(deadline: ContinuousClock.Instant?) throws -> [Int] {
    while true {
      if let deadline, ContinuousClock.now >= deadline { throw AllocationError.timeLimit }
      rounds += 1
      let round = try solveRound(deadline: deadline)
      if round.isOptimal { return round.assignment }
    }
  }

  /// What one connected part of the LP gives back.
  struct ComponentResult: Sendable {
    var assignment: [(pupil: Int, pair: Int)] = []
    var settingDuals: [[(Int, Double)]] = [[], [], []]
    var capDuals: [[(Int, Double)]] = [[], [], []]
    var pupilDuals: [[(Int, Double)]] = [[], [], []]
    /// GLPK refused the start built for it (it was then solved cold).
    var refusedStart = false
    /// Seconds spent building this part's LP and loading it into GLPK.
    var buildSeconds = 0.0
  }

  /// Builds and solves the LP of one connected part: its pupils with their
  /// included pairs, and the setting and cap rows they touch.
  func solveComponent(
    _ pupils: [Int], _ hasSettingRow: [Bool], _ liveCaps: Set<Int>, _ deadline: ContinuousClock.Instant?
  ) throws -> ComponentResult {
    let buildStart = ContinuousClock.now
    var program = LinearProgram(direction: .minimize)
    var settingRow: [Int: Int] = [:]
    var capRow: [Int: Int] = [:]
    for p in pupils {
      for pair in included[p] {
        let s = Int(candidates.setting[pair])
        if hasSettingRow[s], settingRow[s] == nil {
          settingRow[s] = program.addRow(.atMost(Double(free[s] - fixedLoad[s]))).position
        }
        let key = s * 16 + need[p]
        if liveCaps.contains(key), capRow[key] == nil {
          capRow[key] = program.addRow(.atMost(Double(caps[key]! - fixedCapLoad[key, default: 0]))).position
        }
      }
    }
    var levelOne: [Double] = []
    var levelTwo: [Double] = []
    var levelThree: [Double] = []
    // The start: each pupil where it was (the auction's pair in the first
    // round, the last allocation later), dropped to unplaced where its place
    // is no longer free, so that the start is feasible.
    var room: [Int: Int] = [:]
    for (s, r) in settingRow { room[r] = free[s] - fixedLoad[s] }
    for (key, r) in capRow { room[r] = caps[key]! - fixedCapLoad[key, default: 0] }
    let firstPupilRow = program.rowCount
    var tree = TreeBasis(rowCount: program.rowCount + pupils.count)
    var pairColumn: [(pupil: Int, pair: Int, column: Int)] = []
    var pupilRow: [(Int, Int)] = []
    for p in pupils {
      let row = program.addRow(.fixed(1)).position
      pupilRow.append((p, row))
      var start = startPair[p]
      if start >= 0 {
        let s = Int(candidates.setting[start])
        let rows = [settingRow[s], capRow[s * 16 + need[p]]].compactMap { $0 }
        if included[p].contains(start), rows.allSatisfy({ room[$0]! > 0 }) {
          for r in rows { room[r]! -= 1 }
        } else {
          start = -1
        }
      }
      func rowsAndPrice(_ pair: Int) -> (to: Int, price: Double) {
        let s = Int(candidates.setting[pair])
        let key = s * 16 + need[p]
        let price = (settingRow[s] != nil ? settingPrice[s] : 0) + (capRow[key] != nil ? capPrice[key] ?? 0 : 0)
        return (capRow[key] ?? settingRow[s] ?? tree.root, price)
      }
      let unplacedCost = weight * Double(input.pupils[p].priority)
      let potential = start < 0 ? unplacedCost : candidates.cost(start) + rowsAndPrice(start).price
      for pair in included[p] {
        let s = Int(candidates.setting[pair])
        let column = program.addColumn(.atLeast(0), objective: 0)
        program.setEntry(row: RowIndex(row), column: column, 1)
        if let r = settingRow[s] { program.setEntry(row: RowIndex(r), column: column, 1) }
        if let r = capRow[s * 16 + need[p]] { program.setEntry(row: RowIndex(r), column: column, 1) }
        levelOne.append(0)
        levelTwo.append(candidates.cost(pair))
        levelThree.append(tieBreak.weight(pupil: input.pupils[p].id, setting: s))
        pairColumn.append((p, pair, column.position))
        let (to, price) = rowsAndPrice(pair)
        tree.columns.append(
          .init(
            from: row, to: to, isPositive: pair == start,
            distance: abs(candidates.cost(pair) + price - potential)))
      }
      let u = program.addColumn(.atLeast(0), objective: Double(input.pupils[p].priority))
      program.setEntry(row: RowIndex(row), column: u, 1)
      levelOne.append(Double(input.pupils[p].priority))
      levelTwo.append(0)
      levelThree.append(0)
      tree.columns.append(
        .init(from: row, to: tree.root, isPositive: start < 0, distance: abs(unplacedCost - potential)))
    }
    for (s, r) in settingRow {
      tree.slacks[r] = .init(from: r, to: tree.root, isPositive: room[r]! > 0, distance: abs(settingPrice[s]))
    }
    for (key, r) in capRow {
      tree.slacks[r] = .init(
        from: r, to: settingRow[key / 16] ?? tree.root, isPositive: room[r]! > 0, distance: abs(capPrice[key] ?? 0))
    }
    let basis = tree.statuses { $0 >= firstPupilRow ? .fixed : .atUpper }
    let objectives = [levelOne, levelTwo, levelThree]
    let buildSeconds = (ContinuousClock.now - buildStart).inSeconds
    var solution: LexicographicSolution
    var refused = basis == nil
    do {
      solution = try LexicographicLP.solve(
        program, objectives: objectives,
        start: basis.map { WarmStart(rows: $0.rows, columns: $0.columns, weight: weight) },
        deadline: deadline)
    } catch let error as GLPKError where error.returnCode != .timeLimitReached {
      // The start should always be a valid basis; if GLPK refuses it, solve
      // from scratch rather than fail.
      refused = true
      solution = try LexicographicLP.solve(program, objectives: objectives, deadline: deadline)
    }
    var result = ComponentResult()
    result.refusedStart = refused
    result.buildSeconds = buildSeconds + solution.loadSeconds
    for (p, pair, column) in pairColumn where solution.values[column] > 0.5 { result.assignment.append((p, pair)) }
    for level in 0..<3 {
      let duals = solution.duals[level]
      result.settingDuals[level] = settingRow.map { ($0.key, duals[$0.value]) }
      result.capDuals[level] = capRow.map { ($0.key, duals[$0.value]) }
      result.pupilDuals[level] = pupilRow.map { ($0.0, duals[$0.1]) }
    }
    return result
  }

  private struct RoundResult {
    var isOptimal: Bool
    var assignment: [Int]
  }

  private mutating func solveRound(deadline: ContinuousClock.Instant?) throws -> RoundResult {
    activatedFrom = [:]
    let settingCount = input.settings.count
    let activePupils = (0..<input.pupils.count).filter { isActive[$0] }

    // Demand on each setting and cap from the LP's pairs.
    var demand = [Int](repeating: 0, count: settingCount)
    var capDemand: [Int: Int] = [:]
    for p in activePupils {
      for pair in included[p] {
        let s = Int(candidates.setting[pair])
        demand[s] += 1
        let key = s * 16 + need[p]
        if caps[key] != nil { capDemand[key, default: 0] += 1 }
      }
    }
    // Rows only where the LP's pairs could overfill what fixed pupils leave.
    var hasSettingRow = [Bool](repeating: false, count: settingCount)
    for s in 0..<settingCount where demand[s] > free[s] - fixedLoad[s] { hasSettingRow[s] = true }
    var liveCaps: [Int] = []
    for key in capDemand.keys.sorted() {
      let s = key / 16
      let residualCap = caps[key]! - fixedCapLoad[key, default: 0]
      if capDemand[key]! > residualCap, residualCap < free[s] - fixedLoad[s] { liveCaps.append(key) }
    }
    let liveCapSet = Set(liveCaps)

    // Pupils linked only through rows: settings without a row couple nobody.
    // Each connected part is an LP of its own, solved apart (in parallel
    // where GLPK keeps an environment per thread).
    var sets = UnionFind(count: activePupils.count + settingCount + liveCaps.count)
    let capNode = Dictionary(
      uniqueKeysWithValues: liveCaps.enumerated().map { ($1, activePupils.count + settingCount + $0) })
    for (i, p) in activePupils.enumerated() {
      for pair in included[p] {
        let s = Int(candidates.setting[pair])
        if hasSettingRow[s] { sets.union(i, activePupils.count + s) }
        if let node = capNode[s * 16 + need[p]] { sets.union(i, node) }
      }
    }
    var componentOf: [Int: Int] = [:]
    var components: [[Int]] = []
    for (i, p) in activePupils.enumerated() {
      let root = sets.find(i)
      if let c = componentOf[root] {
        components[c].append(p)
      } else {
        componentOf[root] = components.count
        components.append([p])
      }
    }
    lastLPPupils = activePupils.count
    lastLPColumns = activePupils.reduce(0) { $0 + included[$1].count + 1 }
    lastComponents = components.count
    Profile.log(
      "round \(rounds): \(activePupils.count) pupils, \(lastLPColumns) cols, parts \(components.map(\.count).sorted(by: >).prefix(5))"
    )

    let market = self
    let parts = components
    let rowSettings = hasSettingRow
    let results = ParallelSlots<Result<ComponentResult, any Error>>(count: components.count)
    let solveOne: @Sendable (Int) -> Void = { c in
      results.store(c, Result { try market.solveComponent(parts[c], rowSettings, liveCapSet, deadline) })
    }
    if GLPKEnvironment.isThreadLocal && components.count > 1 {
      // Largest first, so the two cores finish together.
      let order = components.indices.sorted { components[$0].count > components[$1].count }
      DispatchQueue.concurrentPerform(iterations: order.count) { solveOne(order[$0]) }
    } else {
      for c in components.indices { solveOne(c) }
    }

    var assignment = fixedPair
    for p in activePupils { assignment[p] = -1 }
    // Duals per level: of each setting row, cap row and pupil row (0 where none).
    var ySetting = [[Double]](repeating: [Double](repeating: 0, count: settingCount), count: 3)
    var yCap = [[Int: Double]](repeating: [:], count: 3)
    var yPupil = [[Double]](repeating: [Double](repeating: 0, count: input.pupils.count), count: 3)
    for result in try results.values().map({ try $0.get() }) {
      if result.refusedStart { refusedStarts += 1 }
      modelBuildSeconds += result.buildSeconds
      for (p, pair) in result.assignment { assignment[p] = pair }
      for level in 0..<3 {
        for (s, y) in result.settingDuals[level] { ySetting[level][s] = y }
        for (key, y) in result.capDuals[level] { yCap[level][key] = y }
        for (p, y) in result.pupilDuals[level] { yPupil[level][p] = y }
      }
    }
    Profile.log("round \(rounds) solved")
    // Full settings the LP does not see take the auction's price.
    for s in 0..<settingCount where demand[s] == 0 && fixedLoad[s] >= free[s] && s < externalPrice.count {
      ySetting[0][s] = -externalPrice[s].0
      ySetting[1][s] = -externalPrice[s].1
    }

    // The next round's start is shaped by these duals, in combined units.
    settingPrice = (0..<settingCount).map { -(weight * ySetting[0][$0] + ySetting[1][$0]) }
    capPrice = [:]
    for (key, y) in yCap[0] { capPrice[key] = -weight * y }
    for (key, y) in yCap[1] { capPrice[key, default: 0] -= y }

    // Pricing every pair of every pupil, with reduced costs as triples
    // (level 1, level 2, level 3) compared lexicographically.
    var changed = false
    var activations = 0
    // Places left at each setting by this round's allocation: a pupil
    // activated for a cheaper pair at a setting with room starts the next
    // round there (a start only; the LP decides).
    var room = free
    for pair in assignment where pair >= 0 { room[Int(candidates.setting[pair])] -= 1 }
    for p in 0..<input.pupils.count {
      let pairs = candidates.pairs(of: p)
      guard !pairs.isEmpty else { continue }
      let k = need[p]
      let id = input.pupils[p].id
      // Most rounds have no live cap row: skip the lookup on this hot path.
      func price(_ level: Int, _ s: Int) -> Double {
        yCap[level].isEmpty ? ySetting[level][s] : ySetting[level][s] + (yCap[level][s * 16 + k] ?? 0)
      }
      func cost(_ level: Int, _ pair: Int) -> Double {
        switch level {
        case 0: 0
        case 1: candidates.cost(pair)
        default: tieBreak.weight(pupil: id, setting: Int(candidates.setting[pair]))
        }
      }
      var Y = (0.0, 0.0, 0.0)
      let own = fixedPair[p]
      if isActive[p] {
        Y = (yPupil[0][p], yPupil[1][p], yPupil[2][p])
      } else {
        // Enough pupils enter this round; the next round prices the rest.
        if activations >= maxActivations { continue }
        // The pupil's dual makes its own pair's reduced cost zero.
        let t = Int(candidates.setting[own])
        Y = (cost(0, own) - price(0, t), cost(1, own) - price(1, t), cost(2, own) - price(2, t))
        // Leaving the pupil unplaced: costs (priority, 0, 0).
        if isNegative(Double(input.pupils[p].priority) - Y.0, -Y.1, -Y.2) {
          activate(p, adding: nil)
          activations += 1
          changed = true
          continue
        }
      }
      // Pairs come cheapest first. Every price is lexicographically at most
      // zero (a row's level-2 dual can be positive only where its level-1
      // dual is negative), so a pair's reduced cost is at least
      // (-Y1, cost - Y2, .); once that is positive at level 1, or at level
      // 2 with Y1 = 0, no later (dearer) pair can price negative.
      let canStop = Y.0 < 0.5
      if Y.0 < -0.5 { continue }
      for pair in pairs where pair != own {
        if canStop && candidates.cost(pair) - Y.1 > tolerance.0 { break }
        let s = Int(candidates.setting[pair])
        let d = (
          cost(0, pair) - Y.0 - price(0, s), cost(1, pair) - Y.1 - price(1, s), cost(2, pair) - Y.2 - price(2, s)
        )
        guard isNegative(d.0, d.1, d.2) else { continue }
        if isActive[p] {
          if !included[p].contains(pair) {
            included[p].append(pair)
            changed = true
          }
        } else {
          activate(p, adding: pair)
          activations += 1
          let t = Int(candidates.setting[own])
          if room[s] > 0, caps[s * 16 + k] == nil {
            room[s] -= 1
            room[t] += 1
            activatedFrom[p] = pair
          }
          changed = true
          break
        }
      }
      if isActive[p] { included[p].sort() }
    }
    if changed {
      // Next round starts from this round's allocation (activated pupils at the
      // pair they held while fixed, or at the one that priced them out where
      // its setting had room: `activatedFrom`).
      var next = assignment
      for (p, own) in activatedFrom { next[p] = own }
      startPair = next
    }
    return RoundResult(isOptimal: !changed, assignment: assignment)
  }

  /// Whether the lexicographic reduced cost (d1, d2, d3) is below zero; d1
  /// is a whole number up to rounding.
  private func isNegative(_ d1: Double, _ d2: Double, _ d3: Double) -> Bool {
    if d1 < -0.5 { return true }
    if d1 > 0.5 { return false }
    if d2 < -tolerance.0 { return true }
    if d2 > tolerance.0 { return false }
    return d3 < -tolerance.1
  }
}
