/// Journey times read from `travel.csv`: the complete list of reachable
/// (pupil, setting) pairs, by index into the case's arrays.
public struct TravelMatrix: Sendable {
  /// Pupil index of each pair.
  public var pupil: [Int32] = []
  /// Setting index of each pair.
  public var setting: [Int32] = []
  /// Journey minutes of each pair.
  public var minutes: [Double] = []

  /// An empty matrix.
  public init() {}

  /// The number of pairs.
  public var count: Int { minutes.count }

  /// Adds a pair.
  public mutating func append(pupil p: Int, setting s: Int, minutes m: Double) {
    pupil.append(Int32(p))
    setting.append(Int32(s))
    minutes.append(m)
  }
}

/// A warning about input that was accepted: what was skipped, and how often.
public struct InputWarning: Sendable, Equatable, CustomStringConvertible {
  /// The file concerned (`travel.csv`, ...).
  public var file: String
  /// What was skipped or will be ignored.
  public var message: String
  /// How many rows or items it concerns.
  public var count: Int
  /// For a warning of URNs outside the case, the URNs it counts.
  package var unknownURNs: UnknownURNTally?

  /// Creates a warning.
  public init(file: String, message: String, count: Int = 1) {
    self.file = file
    self.message = message
    self.count = count
  }

  /// `file: message`.
  public var description: String { "\(file): \(message)" }
}

/// A case: the settings, the pupils of the batch, the journeys and the policy.
public struct Case: Sendable {
  /// Settings, in file order.
  public var settings: [Setting]
  /// Pupils, in file order (the output order).
  public var pupils: [Pupil]
  /// Journeys from `travel.csv`, or nil to estimate them from coordinates.
  public var travel: TravelMatrix?
  /// The policy in force.
  public var policy: Policy
  /// Warnings met while reading.
  public var warnings: [InputWarning]
  /// The pupils on roll who are not in this batch (`roll.csv`), in file order.
  public var roll: [RollPupil]
  /// `travel.csv`'s rows for pupils on roll (pupil = position in `roll`;
  /// setting = index in the case, or, from the case's setting count on,
  /// the position among the URNs plans open), nil without a travel matrix.
  public var rollTravel: TravelMatrix?
  /// The day ages were taken on: the policy's `placement_start`, or the
  /// coming 1 September the reader chose (nil for a case not read from files).
  public var placementStart: CalendarDate?
  /// The postcode directory named for the case, as the reader would open
  /// it (`--postcodes`, or the policy's `postcodes` taken from the case
  /// folder); nil when none was named.
  public var postcodeDirectory: String?

  /// Creates a case.
  public init(
    settings: [Setting], pupils: [Pupil], travel: TravelMatrix? = nil, policy: Policy = Policy(),
    warnings: [InputWarning] = [], roll: [RollPupil] = []
  ) {
    self.settings = settings
    self.pupils = pupils
    self.travel = travel
    self.policy = policy
    self.warnings = warnings
    self.roll = roll
  }
}

/// A pupil with an EHC plan on roll at a setting of the case, not in the
/// batch (`roll.csv`): displaced into a plan's batch when the setting closes.
public struct RollPupil: Sendable {
  /// The pupil, with `currentURN` the setting attended.
  public var pupil: Pupil
  /// The setting attended, by index into the case's settings.
  public var setting: Int

  /// Creates a roll entry.
  public init(pupil: Pupil, setting: Int) {
    self.pupil = pupil
    self.setting = setting
  }
}
