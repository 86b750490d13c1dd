import Foundation
import GLPK

extension ContestedMarket {
  /// What one connected part of the LP gives back.
  struct ComponentResult: Sendable {
    var assignment: [(pupil: Int, pair: Int)] = []
    var settingDuals: [(setting: Int, dual: LexCost)] = []
    var capDuals: [(key: CapKey, dual: LexCost)] = []
    var pupilDuals: [(pupil: Int, dual: LexCost)] = []
    /// GLPK refused the start built for it (it was then solved cold).
    var refusedStart = false
    /// Seconds spent building this part's LP and loading it into GLPK.
    var buildSeconds = 0.0
    /// Pivots of the network simplex that found this part's start, and its seconds.
    var networkPivots = 0
    var networkSeconds = 0.0
    /// GLPK's simplex iterations from the start (the weighted solve), and in all.
    var startIterations = 0
    var iterations = 0
  }

  /// Builds and solves the LP of one connected part: its pupils with their
  /// included pairs, and the setting and cap rows they touch.
  ///
  /// With `proving` false and a network start, GLPK is not called: the
  /// network simplex's optimum of the weighted objective and its potentials
  /// (split into the two levels) stand in for the LP's solution and duals.
  /// They only guide the next round's pricing; the pricing loop ends only
  /// after a round GLPK proved.
  func solveComponent(
    _ pupils: [Int], _ hasSettingRow: [Bool], _ liveCaps: Set<CapKey>, _ deadline: ContinuousClock.Instant?,
    proving: Bool = true
  ) throws(AllocationError) -> ComponentResult {
    let buildStart = ContinuousClock.now
    let part = partRows(pupils, hasSettingRow, liveCaps)
    // Places each row has left once the start takes its places.
    var room = part.left
    var start = feasibleStart(part, room: &room)
    // Row prices in combined units: the round's guide, or better, the
    // potentials of the weighted optimum the network simplex finds.
    var rowPrice: [Int: Double] = [:]
    for (s, r) in part.settingRow { rowPrice[r] = settingPrice[s] }
    for (key, r) in part.capRow { rowPrice[r] = capPrice[key] ?? 0 }
    var networkPivots = 0
    var networkSeconds = 0.0
    var networkStarted = false
    if useNetworkStart {
      let networkClock = ContinuousClock.now
      defer { networkSeconds = (ContinuousClock.now - networkClock).inSeconds }
      if let better = try networkStart(part, start: start, deadline: deadline) {
        start = better.start
        rowPrice = better.rowPrice
        room = better.room
        networkPivots = better.pivots
        networkStarted = true
        if !proving {
          return networkResult(
            part, better, buildSeconds: (networkClock - buildStart).inSeconds,
            networkSeconds: (ContinuousClock.now - networkClock).inSeconds)
        }
      }
    }
    // Every other round (and one whose network start could not be made) is
    // GLPK's: the LP of the part.
    let lp = partProgram(part)
    let basis = startBasis(part, start: start, rowPrice: rowPrice, room: room)
    let buildSeconds = (ContinuousClock.now - buildStart).inSeconds - networkSeconds
    var solution: LexicographicSolution
    var refused = basis == nil
    do {
      solution = try LexicographicLP.solve(
        lp.program, objectives: lp.objectives,
        start: basis.map {
          WarmStart(rows: $0.rows, columns: $0.columns, weight: weight, isWeightedOptimum: networkStarted)
        },
        deadline: deadline, monitor: monitor)
    } catch  where error.kind == .solverFailed {
      // The start should always be a valid basis; if GLPK refuses it, solve
      // from scratch rather than fail.
      refused = true
      solution = try LexicographicLP.solve(
        lp.program, objectives: lp.objectives, deadline: deadline, monitor: monitor)
    }
    var result = ComponentResult()
    result.refusedStart = refused
    result.networkPivots = networkPivots
    result.networkSeconds = networkSeconds
    result.startIterations = solution.startIterations
    result.iterations = solution.iterations
    result.buildSeconds = buildSeconds + solution.loadSeconds
    for (p, pair, column) in lp.pairColumn where solution.values[column] > 0.5 { result.assignment.append((p, pair)) }
    let duals = solution.duals
    func dual(_ row: Int) -> LexCost {
      LexCost(unmet: duals[0][row], placement: duals[1][row])
    }
    result.settingDuals = part.settingRow.map { ($0.key, dual($0.value)) }
    result.capDuals = part.capRow.map { ($0.key, dual($0.value)) }
    result.pupilDuals = lp.pupilRow.map { ($0.0, dual($0.1)) }
    return result
  }

  /// The part's setting and cap rows, numbered in the order its pupils'
  /// pairs first touch them, each with its places left for this part: a
  /// setting's free places less what fixed pupils use, likewise a live cap's.
  private func partRows(_ pupils: [Int], _ hasSettingRow: [Bool], _ liveCaps: Set<CapKey>) -> PartRows {
    var settingRow: [Int: Int] = [:]
    var capRow: [CapKey: Int] = [:]
    var room: [Int: Int] = [:]
    var rowCount = 0
    for p in pupils {
      for pair in included[p] {
        let s = Int(candidates.setting[pair])
        if hasSettingRow[s], settingRow[s] == nil {
          settingRow[s] = rowCount
          room[rowCount] = free[s] - fixedLoad[s]
          rowCount += 1
        }
        let key = CapKey(setting: s, need: need[p])
        if liveCaps.contains(key), capRow[key] == nil, let cap = caps[key] {
          capRow[key] = rowCount
          room[rowCount] = cap - fixedCapLoad[key, default: 0]
          rowCount += 1
        }
      }
    }
    return PartRows(pupils: pupils, firstPupilRow: rowCount, settingRow: settingRow, capRow: capRow, left: room)
  }

  /// The start: each pupil where it was (the auction's pair in the first
  /// round, the last allocation later), dropped to unplaced where its place
  /// is no longer free, so that the start is feasible; `room` loses the
  /// places the start takes.
  private func feasibleStart(_ part: PartRows, room: inout [Int: Int]) -> [Int] {
    var start: [Int] = []
    for p in part.pupils {
      var first = startPair[p]
      if first >= 0 {
        let s = Int(candidates.setting[first])
        let rows = [part.settingRow[s], part.capRow[CapKey(setting: s, need: need[p])]].compactMap { $0 }
        if included[p].contains(first), rows.allSatisfy({ room[$0, default: 0] > 0 }) {
          for r in rows { room[r, default: 0] -= 1 }
        } else {
          first = -1
        }
      }
      start.append(first)
    }
    return start
  }

  /// A round that needs no proof: the network simplex's weighted optimum
  /// and its potentials (split into the two levels) stand in for the LP's.
  private func networkResult(
    _ part: PartRows, _ better: NetworkStart, buildSeconds: Double, networkSeconds: Double
  ) -> ComponentResult {
    var result = ComponentResult()
    result.networkPivots = better.pivots
    result.buildSeconds = buildSeconds
    result.networkSeconds = networkSeconds
    for (i, p) in part.pupils.enumerated() where better.start[i] >= 0 { result.assignment.append((p, better.start[i])) }
    result.settingDuals = part.settingRow.map { ($0.key, .zero - split(better.rowPrice[$0.value] ?? 0)) }
    result.capDuals = part.capRow.map { ($0.key, .zero - split(better.rowPrice[$0.value] ?? 0)) }
    result.pupilDuals = part.pupils.enumerated().map { ($1, split(better.pupilPotential[$0])) }
    return result
  }

  /// The part's LP: a row per setting and cap (at most its places left)
  /// and per pupil (exactly one of its pairs or unplaced), a column per
  /// included pair and per pupil's unplaced; the two levels' objectives.
  private func partProgram(_ part: PartRows) -> (
    program: LinearProgram, objectives: [[Double]], pairColumn: [(pupil: Int, pair: Int, column: Int)],
    pupilRow: [(Int, Int)]
  ) {
    var program = LinearProgram(direction: .minimize)
    var levelOne: [Double] = []
    var levelTwo: [Double] = []
    var pairColumn: [(pupil: Int, pair: Int, column: Int)] = []
    var pupilRow: [(Int, Int)] = []
    for r in 0..<part.firstPupilRow { _ = program.addRow(.atMost(Double(part.left[r, default: 0]))) }
    for p in part.pupils {
      let row = program.addRow(.fixed(1)).position
      pupilRow.append((p, row))
      for pair in included[p] {
        let s = Int(candidates.setting[pair])
        let column = program.addColumn(.atLeast(0), objective: 0)
        program.setEntry(row: RowIndex(row), column: column, 1)
        if let r = part.settingRow[s] { program.setEntry(row: RowIndex(r), column: column, 1) }
        if let r = part.capRow[CapKey(setting: s, need: need[p])] {
          program.setEntry(row: RowIndex(r), column: column, 1)
        }
        levelOne.append(Double(candidates.units(pair)))
        levelTwo.append(candidates.cost(pair))
        pairColumn.append((p, pair, column.position))
      }
      let unplaced = Double(candidates.unplacedUnits(p, priority: input.pupils[p].priority))
      let u = program.addColumn(.atLeast(0), objective: unplaced)
      program.setEntry(row: RowIndex(row), column: u, 1)
      levelOne.append(unplaced)
      levelTwo.append(0)
    }
    return (program, [levelOne, levelTwo], pairColumn, pupilRow)
  }

  /// The start's basis for GLPK, from the tree of the start's positive
  /// columns and the rows' prices (nil when the start gives none).
  private func startBasis(_ part: PartRows, start: [Int], rowPrice: [Int: Double], room: [Int: Int]) -> (
    rows: [BasisStatus], columns: [BasisStatus]
  )? {
    let settingRow = part.settingRow
    let capRow = part.capRow
    var tree = TreeBasis(rowCount: part.firstPupilRow + part.pupils.count)
    for (i, p) in part.pupils.enumerated() {
      let row = part.firstPupilRow + i
      func rowsAndPrice(_ pair: Int) -> (to: Int, price: Double) {
        let s = Int(candidates.setting[pair])
        let key = CapKey(setting: s, need: need[p])
        let price = (settingRow[s].flatMap { rowPrice[$0] } ?? 0) + (capRow[key].flatMap { rowPrice[$0] } ?? 0)
        return (capRow[key] ?? settingRow[s] ?? tree.root, price)
      }
      let unplacedCost = weight * Double(candidates.unplacedUnits(p, priority: input.pupils[p].priority))
      let potential =
        start[i] < 0
        ? unplacedCost : candidates.combinedCost(start[i], weight: weight) + rowsAndPrice(start[i]).price
      for pair in included[p] {
        let (to, price) = rowsAndPrice(pair)
        tree.columns.append(
          .init(
            from: row, to: to, isPositive: pair == start[i],
            distance: abs(candidates.combinedCost(pair, weight: weight) + price - potential)))
      }
      tree.columns.append(
        .init(from: row, to: tree.root, isPositive: start[i] < 0, distance: abs(unplacedCost - potential)))
    }
    for (_, r) in settingRow {
      tree.slacks[r] = .init(
        from: r, to: tree.root, isPositive: room[r, default: 0] > 0, distance: abs(rowPrice[r] ?? 0))
    }
    for (key, r) in capRow {
      tree.slacks[r] = .init(
        from: r, to: settingRow[key.setting] ?? tree.root, isPositive: room[r, default: 0] > 0,
        distance: abs(rowPrice[r] ?? 0))
    }
    let firstPupilRow = part.firstPupilRow
    return tree.statuses { $0 >= firstPupilRow ? .fixed : .atUpper }
  }
}
