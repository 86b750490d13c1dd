/// A pupil with an EHC plan who needs a place in this batch.
public struct Pupil: Sendable {
  /// Pseudonymised id.
  public var id: PupilID
  /// Home easting, British National Grid metres.
  public var easting: Double
  /// Home northing, British National Grid metres.
  public var northing: Double
  /// Age in whole years at the start of the placement.
  public var age: Int
  /// Primary need.
  public var primaryNeed: NeedCode
  /// Setting kinds the EHC plan allows.
  public var provision: EnumSet<SettingKind>
  /// Recorded sex, if any.
  public var sex: Sex?
  /// Parental preferences, most preferred first, as written (duplicates
  /// included; a URN listed twice keeps its first position).
  public var preferences: [URN]
  /// This pupil's journey limit in minutes, overriding the policy's.
  public var maxTravelMinutes: Double?
  /// Weight of leaving this pupil unplaced (at least 1).
  public var priority: Int
  /// The setting attended now, if any: staying there avoids the move
  /// penalty, and is exempt from the journey limit when that penalty is on.
  public var currentURN: URN?
  /// A placement already agreed (`fixed_urn`): placed there whatever the
  /// objective says.
  public var fixedURN: URN?
  /// Settings where this pupil may not be placed (`excluded_urns`, rule 6).
  public var excludedURNs: [URN] = []
  /// The national curriculum year in the placement's school year (Reception
  /// 0, nursery below), when a date of birth gave it; nil when only an age was.
  public var curriculumYear: Int?

  /// Creates a pupil; optional facts take the case format's defaults.
  public init(
    id: PupilID, easting: Double, northing: Double, age: Int, primaryNeed: NeedCode,
    provision: EnumSet<SettingKind>, sex: Sex? = nil, preferences: [URN] = [],
    maxTravelMinutes: Double? = nil, priority: Int = 1, currentURN: URN? = nil
  ) {
    self.id = id
    self.easting = easting
    self.northing = northing
    self.age = age
    self.primaryNeed = primaryNeed
    self.provision = provision
    self.sex = sex
    self.preferences = preferences
    self.maxTravelMinutes = maxTravelMinutes
    self.priority = priority
    self.currentURN = currentURN
  }

  /// Whether the request is the young person's own (16 or over, section
  /// 38) rather than the parents'.
  public var requestsForThemself: Bool { age >= 16 }

  /// The request: the first URN of the preferences, if any.
  public var request: URN? { preferences.first }

  /// The 1-based rank of a setting among the preferences, counting every URN
  /// listed (a URN listed twice keeps its first position).
  public func preferenceRank(of urn: URN) -> Int? {
    preferences.firstIndex(of: urn).map { $0 + 1 }
  }
}
