import GLPK

/// The allocation as one plain LP: every candidate pair a column, every
/// setting and need cap a row. Kept as the in-project reference that the
/// contested market is measured (and checked) against.
///
/// Columns: `x[pair] >= 0` per candidate pair, `u[p] >= 0` per pupil with
/// pairs (1 = left unplaced). Rows: pupil p `sum x[p, *] + u[p] = 1`;
/// setting s `sum x[*, s] <= free places`; cap (s, k) `sum x <= cap`. The
/// pupil rows partition the x columns and the setting and cap rows form a
/// laminar family, so the matrix is totally unimodular: basic solutions, and
/// the vertices of an optimal face, are integral.
struct PlainFormulation {
  var program = LinearProgram(direction: .minimize)
  /// The objectives of the three levels: unmet priority, journeys plus
  /// penalties, and the tie-break.
  var objectives: [[Double]] = [[], [], []]
  /// The first column of each pupil's pairs, or -1 when it has none.
  var firstColumn: [Int]

  init(case input: Case, candidates: CandidateSet) {
    let settings = input.settings
    let tieBreak = TieBreak(settings: settings)
    var settingRow: [RowIndex] = []
    for setting in settings { settingRow.append(program.addRow(.atMost(Double(setting.freePlaces)))) }
    var capRow: [CapKey: RowIndex] = [:]
    for (s, setting) in settings.enumerated() {
      for need in setting.needPlaces.keys.sorted() {
        if let cap = setting.cap(for: need) {
          capRow[CapKey(setting: s, need: need)] = program.addRow(.atMost(Double(cap)))
        }
      }
    }
    firstColumn = [Int](repeating: -1, count: input.pupils.count)
    for p in 0..<candidates.pupilCount {
      let pairs = candidates.pairs(of: p)
      guard !pairs.isEmpty else { continue }
      let row = program.addRow(.fixed(1))
      let need = input.pupils[p].primaryNeed
      firstColumn[p] = program.columnCount
      for pair in pairs {
        let s = Int(candidates.setting[pair])
        let column = program.addColumn(.atLeast(0), objective: 0)
        program.setEntry(row: row, column: column, 1)
        program.setEntry(row: settingRow[s], column: column, 1)
        if let r = capRow[CapKey(setting: s, need: need)] { program.setEntry(row: r, column: column, 1) }
        objectives[0].append(Double(candidates.units(pair)))
        objectives[1].append(candidates.cost(pair))
        objectives[2].append(tieBreak.weight(pupil: input.pupils[p].id, setting: s))
      }
      let unplaced = Double(candidates.unplacedUnits(p, priority: input.pupils[p].priority))
      let u = program.addColumn(.atLeast(0), objective: unplaced)
      program.setEntry(row: row, column: u, 1)
      objectives[0].append(unplaced)
      objectives[1].append(0)
      objectives[2].append(0)
    }
  }

  /// Each pupil's chosen pair (-1: unplaced) from the LP's column values.
  func assignment(from values: [Double], candidates: CandidateSet) -> [Int] {
    (0..<candidates.pupilCount).map { p in
      guard firstColumn[p] >= 0 else { return -1 }
      for (k, pair) in candidates.pairs(of: p).enumerated() where values[firstColumn[p] + k] > 0.5 { return pair }
      return -1
    }
  }
}
