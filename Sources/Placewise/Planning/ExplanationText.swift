/// Numbers in sentences.
enum NumberWords {
  /// A whole number without a fraction, else one decimal: "45", "37.5".
  static func plain(_ value: Double) -> String {
    let tenths = (value * 10).rounded() / 10
    return tenths == tenths.rounded() ? String(Int64(tenths)) : String(tenths)
  }
}

/// The sentences of `explanations.csv`: plain English for parents,
/// directors and tribunals, figures rounded for reading (the columns beside
/// them are exact). They name settings, needs, kinds and journey times, and
/// never a pupil's home, age or anything else personal.
struct ExplanationText {
  let input: Case
  let candidates: CandidateSet
  let allocation: Allocation
  let network: ResidualNetwork

  init(case input: Case, candidates: CandidateSet, allocation: Allocation, network: ResidualNetwork) {
    self.input = input
    self.candidates = candidates
    self.allocation = allocation
    self.network = network
  }

  /// Whole minutes for reading: "23 minutes", "1 minute", "under a minute".
  static func minutes(_ value: Double) -> String {
    let whole = Int(value.rounded())
    if whole == 0 && value > 0 { return "under a minute" }
    return whole == 1 ? "1 minute" : "\(whole) minutes"
  }

  /// "2nd", "3rd", "11th".
  static func ordinal(_ n: Int) -> String {
    let tens = n % 100
    if (11...13).contains(tens) { return "\(n)th" }
    switch n % 10 {
    case 1: return "\(n)st"
    case 2: return "\(n)nd"
    case 3: return "\(n)rd"
    default: return "\(n)th"
    }
  }

  /// The kind of a setting, as a noun phrase.
  static func kindPhrase(_ kind: SettingKind) -> String {
    switch kind {
    case .special: "a special school"
    case .independent: "an independent special school"
    case .resourced: "a resourced provision"
    case .mainstream: "a mainstream school"
    case .ap: "an alternative provision"
    case .college: "a further education college"
    case .post16: "a special post-16 institution"
    }
  }

  /// The explanation of one pupil.
  func sentence(pupil p: Int, explanation: PupilExplanation, noEligibleReason: String?) -> String {
    let pupil = input.pupils[p]
    var parts: [String] = []
    switch allocation.placements[p] {
    case .placed(let s, let pair):
      let setting = input.settings[s]
      let rank = Int(candidates.rank[pair])
      let preference =
        pupil.preferences.isEmpty
        ? "; the parents expressed no preference"
        : rank == 1
          ? ", the parents' first preference"
          : rank > 1 ? ", the parents' \(Self.ordinal(rank)) preference" : ", a setting the parents did not list"
      parts.append(
        "Placed at \(setting.name) (\(setting.kind.word)), \(Self.minutes(candidates.minutes[pair])) from home"
          + preference + ".")
    case .unplaced(.noEligibleSetting):
      parts.append("Not placed: " + lowered(noEligibleReason ?? "no setting is eligible."))
    case .unplaced(.eligibleSettingsFull):
      let n = Int(candidates.eligibleCount[p])
      parts.append(
        n == 1
          ? "Not placed: the one setting this child is eligible for is full."
          : "Not placed: all \(n) settings this child is eligible for are full.")
    }
    if let outcome = explanation.outcome, outcome != .met {
      parts.append(firstPreference(p, outcome, explanation))
    }
    return parts.joined(separator: " ")
  }

  private func lowered(_ text: String) -> String { text.prefix(1).lowercased() + text.dropFirst() }

  /// Why not the first preference: the setting, the rule or the cap, and the cost to others.
  private func firstPreference(_ p: Int, _ outcome: FirstPreferenceOutcome, _ explanation: PupilExplanation)
    -> String
  {
    let pupil = input.pupils[p]
    guard let f = explanation.firstPreferenceSetting else {
      return "The first preference, URN \(pupil.preferences.first?.rawValue ?? ""), is not a setting in this case."
    }
    let setting = input.settings[f]
    let named = "The first preference, \(setting.name),"
    let need = pupil.primaryNeed.code
    switch outcome {
    case .met, .notInCase:
      return ""
    case .kindNotInPlan:
      return "\(named) is \(Self.kindPhrase(setting.kind)), which the EHC plan does not allow."
    case .notDesignatedForNeed:
      let takes = setting.needs.map(\.code).joined(separator: ", ")
      return "\(named) is not designated for \(need) (it takes \(takes))."
    case .outsideAgeRange:
      return "\(named) does not take this child's age (it takes ages \(setting.lowAge) to \(setting.highAge))."
    case .singleSexSetting:
      return "\(named) is a \(setting.gender == .boys ? "boys'" : "girls'") setting."
    case .notReachable:
      return "\(named) has no journey listed for this child in travel.csv, so it cannot be reached."
    case .noPlaces:
      if setting.freePlaces == 0 { return "\(named) has no free places for this batch." }
      return "\(named) has no places for pupils with \(need) (its cap for \(need) is 0)."
    case .givenToOthers:
      return givenToOthers(p, f, named, explanation.change)
    }
  }

  private func givenToOthers(_ p: Int, _ f: Int, _ named: String, _ change: ObjectiveChange?) -> String {
    let pupil = input.pupils[p]
    let setting = input.settings[f]
    let need = pupil.primaryNeed
    let node = network.entry(setting: f, need: need)
    var situation: String
    if node >= network.firstCapNode, let cap = setting.cap(for: need),
      network.capUsed[node - network.firstCapNode] >= cap
    {
      situation =
        "\(named) is full for pupils with \(need.code): "
        + (cap == 1
          ? "its 1 place for \(need.code) went to another pupil"
          : "its \(cap) places for \(need.code) went to other pupils")
    } else if network.used[f] >= setting.freePlaces {
      situation =
        "\(named) is full: "
        + (setting.freePlaces == 1
          ? "its 1 free place went to another pupil" : "its \(setting.freePlaces) free places went to other pupils")
    } else {
      situation = "\(named) had room, but it is not the least costly choice overall"
    }
    guard let change else { return situation + "." }
    let isPlaced = allocation.placements[p].setting != nil
    let here = isPlaced ? "placing this child there instead" : "placing this child there"
    let minutes = Self.minutes(abs(change.cost))
    let costWords =
      abs(change.cost) < 1e-6
      ? "no change in journeys and preference penalties"
      : change.cost > 0
        ? "\(minutes) more of journeys and preference penalties in total"
        : "\(minutes) less of journeys and preference penalties in total"
    if change.unmet > 0 {
      let others = isPlaced ? change.unmet : change.unmet + pupil.priority
      situation +=
        "; \(here) would leave other children without a place (unmet priority up by \(change.unmet)"
        + (isPlaced ? "" : ", \(others) for others against this child's \(pupil.priority)") + "), with \(costWords)."
    } else if !isPlaced {
      let instead =
        pupil.priority == 1
        ? "another child would be left without a place instead"
        : "other children of the same total priority would be left without a place instead"
      situation += "; if this child were placed there, \(instead) (unmet priority unchanged), with \(costWords)."
    } else if abs(change.cost) < 1e-6 {
      situation +=
        "; \(here) would cost nobody anything: equally good, the allocation's fixed tie-break chose otherwise."
    } else {
      situation += "; \(here) would leave no other child without a place but would mean \(costWords)."
    }
    return situation
  }
}
