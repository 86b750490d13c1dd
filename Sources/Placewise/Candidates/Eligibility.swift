/// The case format's eligibility rules 1 to 4: the ones that do not depend
/// on the journey. Rule 5 (reachability and the journey limit) is applied
/// where candidates are built, because it needs the journey time.
public enum Eligibility {
  /// Whether a pupil may be placed at a setting by rules 1 to 4 and 6: kind
  /// in the plan's provision, need designation, age range, the setting's
  /// gender, and not excluded for the pupil.
  public static func admits(_ setting: Setting, _ pupil: Pupil, policy: Policy) -> Bool {
    admits(Rules(setting, policy: policy), pupil)
  }

  /// What rules 1 to 4 read of a setting, with no strings or tables: the
  /// candidate builder keeps one per setting rather than copy a `Setting`
  /// (and retain its strings) for every pair it considers.
  package struct Rules: Sendable {
    /// Rule 1: the setting's kind.
    package var kind: SettingKind
    /// Rule 2: the needs it is designated for (empty: any).
    package var needs: EnumSet<NeedCode>
    /// Rule 3: its age range, inclusive.
    package var lowAge: Int
    /// Rule 3: the top of its age range.
    package var highAge: Int
    /// Rule 4: boys, girls or mixed.
    package var gender: SettingGender
    /// Rule 3: how the age range is read.
    package var ageRange: AgeRangeRule
    /// Rule 6: the setting's URN, looked for in a pupil's `excluded_urns`.
    package var urn: URN

    /// The rules' view of a setting under a policy (rule 3 reads the range
    /// as the policy's `age_range` says).
    public init(_ setting: Setting, policy: Policy) {
      kind = setting.kind
      needs = setting.needs
      lowAge = setting.lowAge
      highAge = setting.highAge
      gender = setting.gender
      ageRange = policy.ageRange
      urn = setting.urn
    }
  }

  /// Rules 1 to 4 and 6: every rule but the journey's.
  package static func admits(_ setting: Rules, _ pupil: Pupil) -> Bool {
    admitsByRules1to4(setting, pupil) && (pupil.excludedURNs.isEmpty || !pupil.excludedURNs.contains(setting.urn))
  }

  /// Whether rule 3 admits the pupil's age.
  package static func ageAdmits(_ setting: Rules, _ pupil: Pupil) -> Bool {
    switch setting.ageRange {
    case .gias: setting.lowAge <= pupil.age && pupil.age < setting.highAge
    case .inclusive: setting.lowAge <= pupil.age && pupil.age <= setting.highAge
    }
  }

  /// Rules 1 to 4 on a setting's `Rules`.
  package static func admitsByRules1to4(_ setting: Rules, _ pupil: Pupil) -> Bool {
    guard pupil.provision.contains(setting.kind) else { return false }  // rule 1
    guard setting.needs.isEmpty || setting.needs.contains(pupil.primaryNeed) else { return false }  // rule 2
    guard ageAdmits(setting, pupil) else { return false }  // rule 3
    switch setting.gender {  // rule 4
    case .mixed: return true
    case .boys: return pupil.sex == .male
    case .girls: return pupil.sex == .female
    }
  }

  /// The journey limit that applies to a pupil: its own, else the policy's for its age.
  public static func journeyLimit(_ pupil: Pupil, _ policy: Policy) -> Double {
    pupil.maxTravelMinutes ?? policy.journeyLimit(age: pupil.age)
  }

  /// Rule 5, given that the pair is reachable: the journey is within the
  /// limit, or the setting is exempt (one of the pupil's preferences, or,
  /// with a move penalty, the setting the pupil attends now).
  public static func journeyAllowed(minutes: Double, limit: Double, isPreference: Bool) -> Bool {
    isPreference || minutes <= limit
  }

  /// Whether a setting is exempt from the pupil's journey limit: named in
  /// its preferences, or (version 2, with a move penalty above 0) its
  /// current setting.
  public static func isExempt(_ urn: URN, _ pupil: Pupil, _ policy: Policy) -> Bool {
    pupil.preferences.contains(urn) || (policy.movePenalty > 0 && pupil.currentURN == urn)
  }

  /// The preference penalty at a setting of the given 1-based rank (nil: not listed).
  public static func preferencePenalty(rank: Int?, hasPreferences: Bool, policy: Policy) -> Double {
    guard hasPreferences else { return 0 }
    guard let rank else { return policy.unlistedPenalty }
    return policy.preferenceStep * Double(rank - 1)
  }

  /// The preference penalty of a pair of stored rank (0: not listed).
  public static func preferencePenalty(storedRank: Int32, pupil: Pupil, policy: Policy) -> Double {
    preferencePenalty(
      rank: storedRank > 0 ? Int(storedRank) : nil, hasPreferences: !pupil.preferences.isEmpty, policy: policy)
  }
}

extension Pupil {
  /// Whose request it is, as `placements.csv` and `explanations.csv` write
  /// it: `parent`, `young person` (16 or over), or empty without preferences.
  public var requestedBy: String {
    preferences.isEmpty ? "" : requestsForThemself ? "young person" : "parent"
  }
}

extension CandidateSet {
  /// `yes` where the pupil's request is protected, `no` where it has one
  /// that is not, empty without preferences.
  public func requestProtectedWord(_ p: Int, _ pupil: Pupil) -> String {
    pupil.preferences.isEmpty ? "" : terms[p].request >= 0 ? "yes" : "no"
  }

  /// Whether the pupil could stay at its current setting and is placed
  /// elsewhere or unplaced.
  public func isMoved(_ p: Int, placedAt setting: Int?) -> Bool {
    terms[p].stay >= 0 && setting != Int(terms[p].stay)
  }

  /// Whether the pupil's placement is agreed (`fixed_urn`).
  public func isAgreed(_ p: Int) -> Bool { terms[p].fixed >= 0 }
}
