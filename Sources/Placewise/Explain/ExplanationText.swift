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
    let whose = Self.whose(pupil)
    switch allocation.placements[p] {
    case .placed(let s, let pair):
      let setting = input.settings[s]
      let rank = Int(candidates.rank[pair])
      let preference =
        pupil.preferences.isEmpty
        ? "; \(pupil.requestsForThemself ? "the young person" : "the parents") expressed no preference"
        : rank == 1
          ? ", \(whose) first preference"
          : rank > 1
            ? ", \(whose) \(Self.ordinal(rank)) preference"
            : ", a setting \(pupil.requestsForThemself ? "the young person" : "the parents") did not list"
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
          : n == 2
            ? "Not placed: both settings this child is eligible for are full."
            : "Not placed: all \(n) settings this child is eligible for are full.")
    }
    if let outcome = explanation.outcome, outcome != .met {
      parts.append(firstPreference(p, outcome, explanation))
    }
    return parts.joined(separator: " ")
  }

  private func lowered(_ text: String) -> String { text.prefix(1).lowercased() + text.dropFirst() }

  /// Whose request it is: "the parents'" or, from 16, "the young person's" (section 38).
  static func whose(_ pupil: Pupil) -> String { pupil.requestsForThemself ? "the young person's" : "the parents'" }

  /// Pounds a year for reading: "£24,000".
  static func pounds(_ value: Double) -> String {
    let whole = Int64(value.rounded())
    var digits = String(abs(whole))
    var groups: [Substring] = []
    while digits.count > 3 {
      groups.insert(digits.suffix(3), at: 0)
      digits = String(digits.dropLast(3))
    }
    groups.insert(Substring(digits), at: 0)
    return (whole < 0 ? "-£" : "£") + groups.joined(separator: ",")
  }

  /// Why not the first preference: the setting, the rule or the cap, and the cost to others.
  private func firstPreference(_ p: Int, _ outcome: FirstPreferenceOutcome, _ explanation: PupilExplanation)
    -> String
  {
    let pupil = input.pupils[p]
    let whose = Self.whose(pupil)
    guard let f = explanation.firstPreferenceSetting else {
      return "\(whose.prefix(1).uppercased() + whose.dropFirst()) request, URN "
        + "\(pupil.preferences.first?.rawValue ?? ""), is not a setting in this case."
    }
    let setting = input.settings[f]
    let named = "\(whose.prefix(1).uppercased() + whose.dropFirst()) request, \(setting.name),"
    let need = pupil.primaryNeed.code
    switch outcome {
    case .met, .notInCase:
      return ""
    case .placementAgreed:
      let agreed = candidates.terms[p].fixed
      let at = agreed >= 0 ? input.settings[Int(agreed)].name : "another setting"
      return "\(named) is not named: a placement at \(at) has been agreed."
    case .excluded:
      return "\(named) is excluded for this child (a consultation response the authority has upheld, "
        + "or a placement that broke down): it is unsuitable under section 39(4)(a)."
    case .efficientUseOfResources:
      return efficientUseOfResources(p, f, named, explanation.change)
    case .kindNotInPlan:
      return "\(named) is \(Self.kindPhrase(setting.kind)), which the EHC plan does not allow: "
        + "it is unsuitable for the child's needs."
    case .notDesignatedForNeed:
      let takes = setting.needs.map(\.code).joined(separator: ", ")
      return "\(named) is not designated for \(need) (it takes \(takes)): it is unsuitable for the child's needs."
    case .outsideAgeRange:
      let range =
        input.policy.ageRange == .gias
        ? "pupils from \(setting.lowAge) until they reach \(setting.highAge)"
        : "ages \(setting.lowAge) to \(setting.highAge)"
      return "\(named) does not take this child's age (it takes \(range)): it is unsuitable for the child's age."
    case .singleSexSetting:
      return "\(named) is a \(setting.gender == .boys ? "boys'" : "girls'") setting."
    case .notReachable:
      return "\(named) has no journey listed for this child in travel.csv, so it cannot be reached."
    case .noPlaces:
      if setting.freePlaces == 0 { return "\(named) has no free places for this batch." }
      if setting.cap(for: pupil.primaryNeed) == 0 {
        return "\(named) has no places for pupils with \(need) (its cap for \(need) is 0)."
      }
      // Its places went to agreed placements (`fixed_urn`), which stand
      // whatever else: no cap of 0 (round twenty-two invented one).
      return "\(named) has no places left for this batch: agreed placements (fixed_urn) take them."
    case .givenToOthers:
      return givenToOthers(p, f, named, explanation.change)
    }
  }

  private func givenToOthers(_ p: Int, _ f: Int, _ named: String, _ change: ObjectiveChange?) -> String {
    let pupil = input.pupils[p]
    let setting = input.settings[f]
    let need = pupil.primaryNeed
    let node = network.entry(setting: f, need: need)
    // What happened at the setting, as a predicate: "is full: its 2 free
    // places went to other pupils".
    let what: String
    if node >= network.firstCapNode, let cap = setting.cap(for: need),
      network.capUsed[node - network.firstCapNode] >= cap
    {
      what =
        "is full for pupils with \(need.code): "
        + (cap == 1
          ? "its 1 place for \(need.code) went to another pupil"
          : "its \(cap) places for \(need.code) went to other pupils")
    } else if network.used[f] >= setting.freePlaces {
      what =
        "is full: "
        + (setting.freePlaces == 1
          ? "its 1 free place went to another pupil" : "its \(setting.freePlaces) free places went to other pupils")
    } else {
      what = "had room, but it is not the least costly choice overall"
    }
    var situation: String
    if candidates.terms[p].request == Int32(f) {
      // The school by name, not "it": the sentence opens with the law's test.
      situation =
        "Naming \(setting.name), \(Self.whose(pupil)) request, would be incompatible with the efficient education "
        + "of others (section 39(4)(b)): the setting \(what)"
        + (what.hasSuffix("pupils")
          ? ", children who could go nowhere else or who requested it too"
          : what.hasSuffix("pupil") ? ", a child who could go nowhere else or who requested it too" : "")
    } else {
      situation = "\(named) \(what)"
      if input.policy.preferenceRule == .section39 && !setting.statutoryRequest {
        situation += " (it is not a school the authority must name on request under section 39)"
      }
    }
    guard let change else { return situation + "." }
    return situation + costToOthers(p, change) + "."
  }

  /// The cost to others of honouring the request, as a clause.
  private func costToOthers(_ p: Int, _ change: ObjectiveChange) -> String {
    let pupil = input.pupils[p]
    let isPlaced = allocation.placements[p].setting != nil
    let here = isPlaced ? "placing this child there instead" : "placing this child there"
    let pounds = input.policy.costUnit == .pounds
    let size = pounds ? Self.pounds(abs(change.cost)) + " a year" : Self.minutes(abs(change.cost))
    let what = pounds ? "in placement cost (places, transport and penalties)" : "of journeys and penalties in total"
    let costWords =
      abs(change.cost) < 1e-6
      ? (pounds ? "no change in costs" : "no change in journeys and penalties")
      : change.cost > 0 ? "\(size) more \(what)" : "\(size) less \(what)"
    // Other children's refused requests: this child's own protected
    // request, met there, leaves R, so the others' change is ΔR plus one.
    let othersRefused = change.refused + (candidates.terms[p].request >= 0 ? 1 : 0)
    // The refused requests as an object of "refuse", read aloud in each
    // sentence below ("... and refuse another child's protected request").
    let refusedWords =
      othersRefused == 1
      ? "another child's protected request" : "\(othersRefused) other children's protected requests"
    if change.unmet > 0 {
      // Priority-weighted: a sum of 2 may be one child of priority 2 or
      // two of priority 1, so only a sum of 1 names one child.
      let others = isPlaced ? change.unmet : change.unmet + pupil.priority
      let whom =
        others == 1
        ? "another child"
        : "one or more other children (priority \(others) in all"
          + (isPlaced ? ")" : ", against this child's \(pupil.priority))")
      return "; \(here) would leave \(whom) without a place"
        + (othersRefused > 0 ? " and refuse \(refusedWords)" : "") + ", with \(costWords)"
    } else if !isPlaced {
      let instead =
        pupil.priority == 1
        ? "another child would be left without a place instead"
        : "other children of the same total priority would be left without a place instead"
      return
        "; if this child were placed there, \(instead)"
        + (othersRefused > 0
          ? ", and \(refusedWords) would be refused" : "") + ", with \(costWords)"
    } else if othersRefused > 0 {
      return "; \(here) would leave no other child without a place but would refuse \(refusedWords), with \(costWords)"
    } else if abs(change.cost) < 1e-6 {
      return "; \(here) would cost nobody anything: equally good, the allocation's fixed tie-break chose otherwise"
    } else {
      return "; \(here) would leave no other child without a place but would mean \(costWords)"
    }
  }

  /// A request that is not protected because of its cost (condition 3).
  private func efficientUseOfResources(_ p: Int, _ f: Int, _ named: String, _ change: ObjectiveChange?) -> String {
    let terms = candidates.terms[p]
    let margin = input.policy.resourcesMargin ?? 0
    let sentence =
      "\(named) would cost \(Self.pounds(terms.requestAnnualCost)) a year, against "
      + "\(Self.pounds(terms.leastAnnualCost)) at the least costly suitable setting: more than the margin of "
      + "\(Self.pounds(margin)), so naming it would be incompatible with the efficient use of resources "
      + "(section 39(4)(b))"
    guard let change else { return sentence + "." }
    return sentence + costToOthers(p, change) + "."
  }
}
