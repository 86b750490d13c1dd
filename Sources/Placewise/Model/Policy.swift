/// The allocation policy: journey limits, journey estimation and the
/// preference penalties (the keys of `policy.toml`).
public struct Policy: Sendable, Equatable {
  /// Journey limit in minutes for ages up to 10.
  public var maxTravelMinutesPrimary: Double = 45
  /// Journey limit in minutes for ages 11 and over.
  public var maxTravelMinutesSecondary: Double = 75
  /// Door-to-door speed for estimated journeys, km/h.
  public var speedKmh: Double = 30
  /// Road distance over straight-line distance.
  public var detourFactor: Double = 1.3
  /// Minutes-equivalent per preference rank below the first.
  public var preferenceStep: Double = 20
  /// Minutes-equivalent at a setting the parent did not list.
  public var unlistedPenalty: Double = 60
  /// The postcode directory to look `postcode` cells up in (`postcodes`);
  /// a relative path is taken from the case folder.
  public var postcodesFile: String?
  /// The day ages are taken on when pupils give a date of birth
  /// (`placement_start`); nil: the coming 1 September.
  public var placementStart: CalendarDate?
  /// How requests count (`preference_rule`, case format 2).
  public var preferenceRule: PreferenceRule = .section39
  /// Minutes-equivalent for moving a pupil from a current setting that
  /// could keep them (`move_penalty`).
  public var movePenalty: Double = 30
  /// The unit of the objective's last level (`cost`).
  public var costUnit: CostUnit = .minutes
  /// Annual pounds of one minute of one-way journey (`pounds_per_minute`).
  public var poundsPerMinute: Double = 0
  /// Pounds a year above a pupil's least costly eligible setting beyond
  /// which a request is not protected (`resources_margin`); nil: none.
  public var resourcesMargin: Double?
  /// How rule 3 reads a setting's age range (`age_range`).
  public var ageRange: AgeRangeRule = .gias
  /// `forecast` only: a pupil older than this at the start of a year leaves.
  public var leaveAge: Int = 18
  /// Pounds a year still spent on each unplaced pupil (`unplaced_cost`).
  public var unplacedCost: Double = 0

  /// The default policy of the case format.
  public init() {}

  /// The default policy with version 1's objective: requests weighted
  /// through their penalties only, no move penalty, age ranges inclusive.
  public static var version1: Policy {
    var policy = Policy()
    policy.preferenceRule = .weighted
    policy.movePenalty = 0
    policy.ageRange = .inclusive
    return policy
  }

  /// Whether rule 3 admits a pupil of this age to a setting with this range.
  public func ageAdmits(low: Int, high: Int, age: Int) -> Bool {
    switch ageRange {
    case .gias: low <= age && age < high
    case .inclusive: low <= age && age <= high
    }
  }

  /// Whether money figures (`cost_per_place`, `pounds_per_minute`) enter
  /// the objective or the protection of requests.
  public var usesMoney: Bool { costUnit == .pounds || resourcesMargin != nil }

  /// The journey limit for a pupil of this age, before any pupil override.
  public func journeyLimit(age: Int) -> Double {
    age <= 10 ? maxTravelMinutesPrimary : maxTravelMinutesSecondary
  }

  /// Journey minutes estimated from grid coordinates, in double precision,
  /// exactly as the case format defines it.
  public func estimatedMinutes(fromEasting e1: Double, northing n1: Double, toEasting e2: Double, northing n2: Double)
    -> Double
  {
    let dx = e1 - e2, dy = n1 - n2
    let straightLineKm = (dx * dx + dy * dy).squareRoot() / 1000
    return straightLineKm * detourFactor / speedKmh * 60
  }
}

/// How parents' and young people's requests count (`preference_rule`).
public enum PreferenceRule: String, Sendable, Equatable, CaseIterable {
  /// Protected requests are level 2 of the objective (section 39).
  case section39
  /// Version 1: preferences count only through their penalties.
  case weighted
}

/// The unit of the objective's last level (`cost`).
public enum CostUnit: String, Sendable, Equatable, CaseIterable {
  /// Journey minutes plus penalties.
  case minutes
  /// Pounds a year: place cost plus transport and penalties at `pounds_per_minute`.
  case pounds
}

/// How rule 3 reads a setting's statutory age range (`age_range`).
public enum AgeRangeRule: String, Sendable, Equatable, CaseIterable {
  /// As GIAS means it: a pupil whose age equals the high age has left.
  case gias
  /// Version 1: both ends inclusive.
  case inclusive
}
