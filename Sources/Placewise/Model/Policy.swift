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

  /// The default policy of the case format.
  public init() {}

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
