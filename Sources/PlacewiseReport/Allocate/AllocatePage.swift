package import Placewise

/// Allocate's public page of a batch, as a reader of another public page of
/// the same batch has it beside them (compare's baseline column, the
/// forecast's first year): what it lets them work out of each count, every
/// relation of the page included (its settings' ages and designations
/// among them), and whether what the other page adds pins a count it
/// withholds.
package struct AllocatePage {
  /// A count of the page, by what it counts.
  package enum Figure: Hashable {
    case pupils, placed, unplaced, firstPreferenceMet, requestsRefused
    case needPupils(NeedCode), needPlaced(NeedCode), needUnplaced(NeedCode)
    case phasePupils(SchoolPhase), phaseUnplaced(SchoolPhase)
    /// The places used at a setting of the case, by index.
    case settingUsed(Int)
  }

  private let counts: ReportCounts
  /// Each need's and phase's row on the page.
  private let needRows: [NeedCode: Int]
  private let phaseRows: [SchoolPhase: Int]

  /// The public page of `run`'s allocation.
  package init(_ run: AllocationRun) {
    let figures = ReportFigures(case: run.input, candidates: run.candidates, allocation: run.allocation)
    counts = ReportCounts(case: run.input, figures: figures, summary: run.summary, level: .public)
    var needRows: [NeedCode: Int] = [:]
    for (g, group) in figures.byNeed.enumerated() {
      if let need = NeedCode.allCases.first(where: { $0.code == group.short }) { needRows[need] = g }
    }
    var phaseRows: [SchoolPhase: Int] = [:]
    for (g, group) in figures.byPhase.enumerated() {
      if let phase = SchoolPhase.allCases.first(where: { $0.label == group.label }) { phaseRows[phase] = g }
    }
    self.needRows = needRows
    self.phaseRows = phaseRows
  }

  private func key(_ figure: Figure) -> ReportCounts.Key? {
    switch figure {
    case .pupils: .pupils
    case .placed: .placed
    case .unplaced: .unplaced
    case .firstPreferenceMet: .preference(0)
    case .requestsRefused: .requests(2)
    case .needPupils(let need): needRows[need].map { .needPupils($0) }
    case .needPlaced(let need): needRows[need].map { .needPlaced($0) }
    case .needUnplaced(let need): needRows[need].map { .needUnplaced($0) }
    case .phasePupils(let phase): phaseRows[phase].map { .phasePupils($0) }
    case .phaseUnplaced(let phase): phaseRows[phase].map { .phaseUnplaced($0) }
    case .settingUsed(let index): .used(index)
    }
  }

  /// What a reader of the page works out of each figure; nil for one the
  /// page does not have (a need no pupil has).
  package func ranges(_ figures: [Figure]) -> [(lo: Double, hi: Double)?] {
    let keys = figures.map(key)
    let ranges = counts.readerRanges(keys.compactMap { $0 })
    var next = ranges.makeIterator()
    return keys.map { $0 == nil ? nil : next.next() ?? nil }
  }

  /// Whether a reader who knows, beside the page, a range for some of its
  /// figures pins a count the page withholds and alone leaves open.
  package func pinsBeside(knowing: [Figure: (lo: Double, hi: Double)]) -> Bool {
    var keyed: [ReportCounts.Key: (lo: Double, hi: Double)] = [:]
    for (figure, range) in knowing {
      if let key = key(figure) { keyed[key] = range }
    }
    return counts.pinsBeside(knowing: keyed)
  }
}
