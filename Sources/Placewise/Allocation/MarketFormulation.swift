import GLPK

/// The allocation as a linear program: the domain-to-LP translation.
///
/// Columns: `x[pair]` in [0, 1] for each candidate pair that needs the LP, and
/// `u[p]` in [0, 1] for each such pupil (1 = left unplaced). Rows:
/// - pupil p: `sum x[p, *] + u[p] = 1`;
/// - setting s: `sum x[*, s] <= free places`, only where the pairs at s
///   outnumber its free places (otherwise it can never bind);
/// - need cap (s, k): `sum x[p, s] over pupils of need k <= cap`, only where
///   those pairs outnumber the cap and the cap is below the free places.
///
/// The pupil rows partition the x columns and the setting and cap rows form
/// a laminar family (each cap row's columns lie inside its setting's), so
/// the matrix is totally unimodular: every basic solution is integral, and
/// so is every vertex of an optimal face. Level 1 costs `priority` on u and
/// nothing on x; level 2 costs journey minutes plus penalty on x.
///
/// A pupil none of whose pairs touches a setting or cap row competes with
/// nobody: its best pair (lowest cost, then lowest setting index) is chosen
/// outright and it stays out of the LP.
struct MarketFormulation {
  var program = LinearProgram(direction: .minimize)
  /// LP column of each candidate pair, or -1 when the pair is not in the LP.
  var pairColumn: [Int32]
  /// LP column of each pupil's `u`, or -1 when the pupil is not in the LP.
  var unplacedColumn: [Int32]
  /// Pupils in the LP, in input order.
  var lpPupils: [Int] = []
  /// Pupils settled outright, with the pair chosen for each.
  var settled: [(pupil: Int, pair: Int)] = []
  /// Level-2 objective of every column (level 1 is in `program`).
  var levelTwoCosts: [Double] = []

  init(case input: Case, candidates: CandidateSet) {
    let settings = input.settings
    let pupils = input.pupils
    pairColumn = [Int32](repeating: -1, count: candidates.count)
    unplacedColumn = [Int32](repeating: -1, count: pupils.count)

    // Which settings and caps could ever bind.
    var demand = [Int](repeating: 0, count: settings.count)
    var capDemand: [CapKey: Int] = [:]
    for p in 0..<candidates.pupilCount {
      let need = pupils[p].primaryNeed
      for pair in candidates.pairs(of: p) {
        let s = Int(candidates.setting[pair])
        demand[s] += 1
        if settings[s].cap(for: need) != nil { capDemand[CapKey(setting: s, need: need), default: 0] += 1 }
      }
    }
    var settingRow = [RowIndex?](repeating: nil, count: settings.count)
    var capRow: [CapKey: RowIndex] = [:]
    var rowsToAdd: [(Bounds, kind: RowKind)] = []
    for s in settings.indices where demand[s] > settings[s].freePlaces {
      rowsToAdd.append((.atMost(Double(settings[s].freePlaces)), .setting(s)))
    }
    for key in capDemand.keys.sorted() {
      let free = settings[key.setting].freePlaces
      guard let cap = settings[key.setting].cap(for: key.need), cap < free, capDemand[key]! > cap else { continue }
      rowsToAdd.append((.atMost(Double(cap)), .cap(key)))
    }

    // Pupils whose pairs touch no such row are settled outright.
    func binds(_ p: Int, _ pair: Int) -> Bool {
      let s = Int(candidates.setting[pair])
      return demand[s] > settings[s].freePlaces
        || capIsLive(settings[s], pupils[p].primaryNeed, capDemand[CapKey(setting: s, need: pupils[p].primaryNeed)])
    }
    for p in 0..<candidates.pupilCount {
      let pairs = candidates.pairs(of: p)
      guard !pairs.isEmpty else { continue }
      if pairs.contains(where: { binds(p, $0) }) {
        lpPupils.append(p)
      } else {
        // Pairs are in ascending setting order, so the first minimum wins ties.
        var best = pairs.lowerBound
        for pair in pairs where candidates.cost(pair) < candidates.cost(best) { best = pair }
        settled.append((p, best))
      }
    }

    let columnEstimate = lpPupils.reduce(0) { $0 + candidates.pairs(of: $1).count + 1 }
    program.reserve(columns: columnEstimate, rows: lpPupils.count + rowsToAdd.count, entries: 2 * columnEstimate)
    levelTwoCosts.reserveCapacity(columnEstimate)
    for (bounds, kind) in rowsToAdd {
      let row = program.addRow(bounds)
      switch kind {
      case .setting(let s): settingRow[s] = row
      case .cap(let key): capRow[key] = row
      }
    }
    for p in lpPupils {
      let pupilRow = program.addRow(.fixed(1))
      let need = pupils[p].primaryNeed
      for pair in candidates.pairs(of: p) {
        let s = Int(candidates.setting[pair])
        let column = program.addColumn(.between(0, 1), objective: 0)
        program.setEntry(row: pupilRow, column: column, 1)
        if let row = settingRow[s] { program.setEntry(row: row, column: column, 1) }
        if let row = capRow[CapKey(setting: s, need: need)] { program.setEntry(row: row, column: column, 1) }
        pairColumn[pair] = Int32(column.position)
        levelTwoCosts.append(candidates.cost(pair))
      }
      let u = program.addColumn(.between(0, 1), objective: Double(pupils[p].priority))
      program.setEntry(row: pupilRow, column: u, 1)
      unplacedColumn[p] = Int32(u.position)
      levelTwoCosts.append(0)
    }
  }
}

/// A need cap of one setting.
struct CapKey: Hashable, Comparable {
  var setting: Int
  var need: NeedCode

  static func < (a: Self, b: Self) -> Bool { (a.setting, a.need.rawValue) < (b.setting, b.need.rawValue) }
}

private enum RowKind {
  case setting(Int)
  case cap(CapKey)
}

private func capIsLive(_ setting: Setting, _ need: NeedCode, _ demand: Int?) -> Bool {
  guard let cap = setting.cap(for: need), let demand else { return false }
  return cap < setting.freePlaces && demand > cap
}
