import Foundation
import ParallelWork

/// What became of a pupil's first preference: the planning contract's
/// categories, in its order (the first that holds is the outcome).
public enum FirstPreferenceOutcome: Int, CaseIterable, Sendable, Comparable, CustomStringConvertible {
  case met, placementAgreed, notInCase, kindNotInPlan, notDesignatedForNeed, outsideAgeRange, singleSexSetting
  case notReachable, excluded, noPlaces, efficientUseOfResources, givenToOthers

  /// The words written in `explanations.csv`.
  public var description: String {
    switch self {
    case .met: "met"
    case .placementAgreed: "placement agreed"
    case .excluded: "excluded"
    case .efficientUseOfResources: "efficient use of resources"
    case .notInCase: "not in case"
    case .kindNotInPlan: "kind not in plan"
    case .notDesignatedForNeed: "not designated for need"
    case .outsideAgeRange: "outside age range"
    case .singleSexSetting: "single-sex setting"
    case .notReachable: "not reachable"
    case .noPlaces: "no places"
    case .givenToOthers: "given to others"
    }
  }

  /// Orders outcomes as the contract lists them.
  public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}

/// One pupil's row of `explanations.csv`.
public struct PupilExplanation: Sendable {
  /// The first preference's setting index, when it is a setting of the case.
  public var firstPreferenceSetting: Int?
  /// The outcome; nil for a pupil without preferences.
  public var outcome: FirstPreferenceOutcome?
  /// For `givenToOthers` and `efficientUseOfResources`: (ΔU, ΔR, ΔC) of the
  /// case with this pupil placed at its first preference.
  public var change: ObjectiveChange?
  /// A sentence or two for parents, directors and tribunals.
  public var text: String
}

/// Every pupil's explanation, and the totals the printed summary reports.
public struct Explanations: Sendable {
  /// One per input pupil, in input order.
  public var pupils: [PupilExplanation]
  /// Pupils whose first preference was given to others.
  public var givenToOthers: Int {
    pupils.reduce(0) { $0 + ($1.outcome == .givenToOthers ? 1 : 0) }
  }
  /// The sum, over those pupils in input order, of the cost to others of
  /// honouring each first preference on its own.
  public var totalChange: ObjectiveChange { pupils.reduce(.zero) { $0 + ($1.change ?? .zero) } }

  /// Explains an optimal allocation.
  ///
  /// **Cost to others of placing pupil p at its first preference f.** The
  /// changed case keeps only p's arc to f (and takes away p's "unplaced"
  /// arc). With x the old optimum and x' the new one, x' - x is a
  /// circulation; at p it moves one unit from p's current arc (entering
  /// node d) to the arc p -> f, so exactly one of its unit cycles passes
  /// through p, as d -> p -> f -> ... -> d, and every other cycle lies in
  /// the old residual network and is not negative. That cycle alone, added
  /// to x, is feasible in the changed case. So the change is exactly
  /// `l(p -> f) - l(p's own arc) + d(f -> d)`, with d(f -> d) the shortest
  /// path in the old residual network. A shortest path from f to d never
  /// needs p: p's only residual arc in leaves d itself. For an unplaced p
  /// the own arc is "unplaced", of length (priority, 0), so p's own priority
  /// leaves U. Pupils sharing a first preference share one search.
  ///
  /// - Throws: `AllocationError` when the allocation is not optimal.
  public static func compute(case input: Case, candidates: CandidateSet, allocation: Allocation)
    throws(AllocationError) -> Explanations
  {
    let network = try ResidualNetwork(
      case: input, candidates: candidates, allocation: allocation, blocked: BlockedPairs(case: input))
    return compute(case: input, candidates: candidates, allocation: allocation, network: network)
  }

  static func compute(case input: Case, candidates: CandidateSet, allocation: Allocation, network: ResidualNetwork)
    -> Explanations
  {
    let settings = input.settings
    let pupils = input.pupils
    let urnIndex = Dictionary(settings.enumerated().map { ($1.urn, $0) }, uniquingKeysWith: { a, _ in a })
    let rules = settings.map { Eligibility.Rules($0, policy: input.policy) }
    let firstSetting = pupils.map { $0.preferences.first.flatMap { urnIndex[$0] } }

    // Rule 5's reachability of each first preference, from travel.csv.
    var reachable = [Bool](repeating: input.travel == nil, count: pupils.count)
    if let travel = input.travel {
      for k in 0..<travel.count {
        let p = Int(travel.pupil[k])
        if firstSetting[p] == Int(travel.setting[k]) { reachable[p] = true }
      }
    }

    /// Agreed placements under the cap of a need at a setting, where one binds.
    func agreedCap(_ s: Int, _ need: NeedCode) -> Int? {
      let node = Int(network.capNode[CapKey(setting: s, need: need).index])
      return node >= 0 ? network.agreedAtCap[node - network.firstCapNode] : nil
    }
    var rows: [PupilExplanation] = []
    rows.reserveCapacity(pupils.count)
    // Given to others: (pupil, source node, target node, own change).
    var jobs: [(pupil: Int, source: Int, target: Int, base: ObjectiveChange)] = []
    for (p, pupil) in pupils.enumerated() {
      var row = PupilExplanation(firstPreferenceSetting: firstSetting[p], outcome: nil, change: nil, text: "")
      defer { rows.append(row) }
      guard !pupil.preferences.isEmpty else { continue }
      if case .placed(_, let pair) = allocation.placements[p], candidates.rank[pair] == 1 {
        row.outcome = .met
        continue
      }
      if candidates.terms[p].fixed >= 0 {
        row.outcome = .placementAgreed
        continue
      }
      guard let f = firstSetting[p] else {
        row.outcome = .notInCase
        continue
      }
      let rule = rules[f]
      if !pupil.provision.contains(rule.kind) {
        row.outcome = .kindNotInPlan
      } else if !(rule.needs.isEmpty || rule.needs.contains(pupil.primaryNeed)) {
        row.outcome = .notDesignatedForNeed
      } else if !Eligibility.ageAdmits(rule, pupil) {
        row.outcome = .outsideAgeRange
      } else if !Eligibility.admitsByRules1to4(rule, pupil) {
        row.outcome = .singleSexSetting
      } else if !reachable[p] {
        row.outcome = .notReachable
      } else if pupil.excludedURNs.contains(settings[f].urn) {
        row.outcome = .excluded
      } else if network.agreedAt[f] >= settings[f].freePlaces
        || agreedCap(f, pupil.primaryNeed).map({ $0 >= settings[f].cap(for: pupil.primaryNeed) ?? 0 }) ?? false
      {
        row.outcome = .noPlaces
      } else if let pair = candidates.pairs(of: p).first(where: { Int(candidates.setting[$0]) == f }) {
        row.outcome = candidates.terms[p].exceptedOnCost == Int32(f) ? .efficientUseOfResources : .givenToOthers
        jobs.append(
          (
            p, network.entry(setting: f, need: pupil.primaryNeed), Int(network.current[p]),
            candidates.change(pair) - ObjectiveChange(unmet: network.ownUnits[p], cost: network.ownCost[p])
          ))
      }
    }

    for (j, change) in changes(jobs, network: network).enumerated() { rows[jobs[j].pupil].change = change }
    writeSentences(&rows, case: input, candidates: candidates, allocation: allocation, network: network)
    return Explanations(pupils: rows)
  }

  /// What each job's pupil gives up by having another take its place: a
  /// shortest path in the residual network from its first preference's node
  /// to its own (nil where none, which the sink always prevents).
  ///
  /// One search per distinct source, stopping once its targets are settled
  /// or nearer through the sink; sources are shared out over the cores.
  private static func changes(
    _ jobs: [(pupil: Int, source: Int, target: Int, base: ObjectiveChange)], network: ResidualNetwork
  ) -> [ObjectiveChange?] {
    var grouped: [Int: [Int]] = [:]
    for (j, job) in jobs.enumerated() { grouped[job.source, default: []].append(j) }
    let bySource = grouped
    let sources = grouped.keys.sorted()
    let jobList = jobs
    var fromSink = ResidualSearch(network)
    let sinkReduced = sources.isEmpty ? [] : fromSink.reducedDistances(from: ResidualNetwork.sink)
    let found = ResidualSearch.each(sources.count, on: network) { search, i in
      let members = bySource[sources[i]] ?? []
      var slot: [Int: Int] = [:]
      var targets: [Int] = []
      for j in members where slot[jobList[j].target] == nil {
        slot[jobList[j].target] = targets.count
        targets.append(jobList[j].target)
      }
      let lengths = search.distances(
        from: sources[i], to: targets, through: ResidualNetwork.sink, hubReduced: sinkReduced)
      return members.map { j in (j, lengths[slot[jobList[j].target] ?? 0]) }
    }
    var changes = [ObjectiveChange?](repeating: nil, count: jobs.count)
    for part in found {
      for (j, length) in part {
        // Always reachable in theory (back through the sink); guard anyway.
        changes[j] = length.isUnreachable ? nil : (jobs[j].base + length).split(unitWeight: network.unitWeight)
      }
    }
    return changes
  }

  /// Each pupil's sentence, from its finished row.
  private static func writeSentences(
    _ rows: inout [PupilExplanation], case input: Case, candidates: CandidateSet, allocation: Allocation,
    network: ResidualNetwork
  ) {
    let pupils = input.pupils
    let noEligible = NoEligibleSetting(case: input, candidates: candidates)
    var noEligibleSlot: [Int: Int] = [:]
    for (k, p) in noEligible.pupils.enumerated() { noEligibleSlot[p] = k }
    // Each sentence reads only its own pupil's row: written in slices on every core.
    let text = ExplanationText(case: input, candidates: candidates, allocation: allocation, network: network)
    let slices = max(1, min(16, pupils.count / 4096))
    let finished = rows
    let slotOf = noEligibleSlot
    let written = parallelChunks(pupils.count, chunks: slices) { range in
      range.map { p in
        let reason = slotOf[p].map { noEligible.reason($0, case: input) }
        return text.sentence(pupil: p, explanation: finished[p], noEligibleReason: reason)
      }
    }
    for (p, sentence) in written.joined().enumerated() { rows[p].text = sentence }
  }
}
