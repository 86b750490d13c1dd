/// The case format's eligibility rules 1 to 4: the ones that do not depend
/// on the journey. Rule 5 (reachability and the journey limit) is applied
/// where candidates are built, because it needs the journey time.
public enum Eligibility {
  /// Whether a pupil may be placed at a setting by rules 1 to 4: kind in the
  /// plan's provision, need designation, age range, and the setting's gender.
  public static func admits(_ setting: Setting, _ pupil: Pupil) -> Bool {
    admits(Rules(setting), pupil)
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

    /// The rules' view of a setting.
    public init(_ setting: Setting) {
      kind = setting.kind
      needs = setting.needs
      lowAge = setting.lowAge
      highAge = setting.highAge
      gender = setting.gender
    }
  }

  /// Rules 1 to 4 on a setting's `Rules`.
  package static func admits(_ setting: Rules, _ pupil: Pupil) -> Bool {
    guard pupil.provision.contains(setting.kind) else { return false }  // rule 1
    guard setting.needs.isEmpty || setting.needs.contains(pupil.primaryNeed) else { return false }  // rule 2
    guard setting.lowAge <= pupil.age, pupil.age <= setting.highAge else { return false }  // rule 3
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
  /// limit, or the setting is one of the pupil's preferences (exempt).
  public static func journeyAllowed(minutes: Double, limit: Double, isPreference: Bool) -> Bool {
    isPreference || minutes <= limit
  }

  /// The preference penalty at a setting of the given 1-based rank (nil: not listed).
  public static func preferencePenalty(rank: Int?, hasPreferences: Bool, policy: Policy) -> Double {
    guard hasPreferences else { return 0 }
    guard let rank else { return policy.unlistedPenalty }
    return policy.preferenceStep * Double(rank - 1)
  }
}
