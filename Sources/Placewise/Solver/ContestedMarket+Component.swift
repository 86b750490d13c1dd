import Foundation
import GLPK

extension ContestedMarket {
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
}
