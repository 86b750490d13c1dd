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
    var settingRow: [Int: Int] = [:]
    var capRow: [CapKey: Int] = [:]
    // Places each row has left for this part: a setting's free places less
    // what fixed pupils use, likewise a live cap's.
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
    // The start: each pupil where it was (the auction's pair in the first
    // round, the last allocation later), dropped to unplaced where its place
    // is no longer free, so that the start is feasible.
    let firstPupilRow = rowCount
    let left = room
    var start: [Int] = []
    for p in pupils {
      var first = startPair[p]
      if first >= 0 {
        let s = Int(candidates.setting[first])
        let rows = [settingRow[s], capRow[CapKey(setting: s, need: need[p])]].compactMap { $0 }
        if included[p].contains(first), rows.allSatisfy({ room[$0, default: 0] > 0 }) {
          for r in rows { room[r, default: 0] -= 1 }
        } else {
          first = -1
        }
      }
      start.append(first)
    }

    // Row prices in combined units: the round's guide, or better, the
    // potentials of the weighted optimum the network simplex finds.
    var rowPrice: [Int: Double] = [:]
    for (s, r) in settingRow { rowPrice[r] = settingPrice[s] }
    for (key, r) in capRow { rowPrice[r] = capPrice[key] ?? 0 }
    var networkPivots = 0
    var networkSeconds = 0.0
    var networkStarted = false
    if useNetworkStart {
      let networkClock = ContinuousClock.now
      defer { networkSeconds = (ContinuousClock.now - networkClock).inSeconds }
      let part = PartRows(
        pupils: pupils, firstPupilRow: firstPupilRow, settingRow: settingRow, capRow: capRow, left: left)
      if let better = try networkStart(part, start: start, deadline: deadline) {
        start = better.start
        rowPrice = better.rowPrice
        room = better.room
        networkPivots = better.pivots
        networkStarted = true
        if !proving {
          var result = ComponentResult()
          result.networkPivots = better.pivots
          result.buildSeconds = (networkClock - buildStart).inSeconds
          result.networkSeconds = (ContinuousClock.now - networkClock).inSeconds
          for (i, p) in pupils.enumerated() where start[i] >= 0 { result.assignment.append((p, start[i])) }
          result.settingDuals = settingRow.map { ($0.key, .zero - split(better.rowPrice[$0.value] ?? 0)) }
          result.capDuals = capRow.map { ($0.key, .zero - split(better.rowPrice[$0.value] ?? 0)) }
          result.pupilDuals = pupils.enumerated().map { ($1, split(better.pupilPotential[$0])) }
          return result
        }
      }
    }
    // Every other round (and one whose network start could not be made) is
    // GLPK's: the LP of the part.
    var program = LinearProgram(direction: .minimize)
    var levelOne: [Double] = []
    var levelTwo: [Double] = []
    var pairColumn: [(pupil: Int, pair: Int, column: Int)] = []
    var pupilRow: [(Int, Int)] = []
    for r in 0..<firstPupilRow { _ = program.addRow(.atMost(Double(left[r, default: 0]))) }
    for p in pupils {
      let row = program.addRow(.fixed(1)).position
      pupilRow.append((p, row))
      for pair in included[p] {
        let s = Int(candidates.setting[pair])
        let column = program.addColumn(.atLeast(0), objective: 0)
        program.setEntry(row: RowIndex(row), column: column, 1)
        if let r = settingRow[s] { program.setEntry(row: RowIndex(r), column: column, 1) }
        if let r = capRow[CapKey(setting: s, need: need[p])] {
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

    var tree = TreeBasis(rowCount: firstPupilRow + pupils.count)
    for (i, p) in pupils.enumerated() {
      let row = firstPupilRow + i
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
    let basis = tree.statuses { $0 >= firstPupilRow ? .fixed : .atUpper }
    let objectives = [levelOne, levelTwo]
    let buildSeconds = (ContinuousClock.now - buildStart).inSeconds - networkSeconds
    var solution: LexicographicSolution
    var refused = basis == nil
    do {
      solution = try LexicographicLP.solve(
        program, objectives: objectives,
        start: basis.map {
          WarmStart(rows: $0.rows, columns: $0.columns, weight: weight, isWeightedOptimum: networkStarted)
        },
        deadline: deadline, monitor: monitor)
    } catch  where error.kind == .solverFailed {
      // The start should always be a valid basis; if GLPK refuses it, solve
      // from scratch rather than fail.
      refused = true
      solution = try LexicographicLP.solve(program, objectives: objectives, deadline: deadline, monitor: monitor)
    }
    var result = ComponentResult()
    result.refusedStart = refused
    result.networkPivots = networkPivots
    result.networkSeconds = networkSeconds
    result.startIterations = solution.startIterations
    result.iterations = solution.iterations
    result.buildSeconds = buildSeconds + solution.loadSeconds
    for (p, pair, column) in pairColumn where solution.values[column] > 0.5 { result.assignment.append((p, pair)) }
    let duals = solution.duals
    func dual(_ row: Int) -> LexCost {
      LexCost(unmet: duals[0][row], placement: duals[1][row])
    }
    result.settingDuals = settingRow.map { ($0.key, dual($0.value)) }
    result.capDuals = capRow.map { ($0.key, dual($0.value)) }
    result.pupilDuals = pupilRow.map { ($0.0, dual($0.1)) }
    return result
  }
}
