/// One primary need's figures in one year of a forecast (`forecast.csv`).
public struct ForecastNeedFigures: Sendable, Equatable {
  /// The need.
  public var need: NeedCode
  /// Pupils on roll (after closures) and in the batch.
  public var caseload = 0
  /// Pupils in the batch.
  public var batch = 0
  /// Batch pupils placed.
  public var placed = 0
  /// Batch pupils left without a place.
  public var unplaced = 0
  /// The priorities of the unplaced.
  public var unmetPriority = 0
  /// How the batch came to be, by ``BatchSource`` (they add up to `batch`).
  public var sources = [Int](repeating: 0, count: BatchSource.allCases.count)
  /// Pupils leaving at the end of the year (older than `leave_age`).
  public var leavers = 0

  /// Zero figures for a need.
  public init(need: NeedCode) { self.need = need }
}

/// One setting's figures in one year (`forecast-settings.csv`).
public struct ForecastSettingFigures: Sendable, Equatable {
  /// The setting.
  public var urn: URN
  /// Its capacity that year.
  public var capacity: Int
  /// Its other pupils plus the roll's pupils at it.
  public var onRoll: Int
  /// Batch pupils placed there.
  public var placed: Int

  /// `max(0, capacity - on_roll) - placed`.
  public var freeAfter: Int { max(0, capacity - onRoll) - placed }
}

/// One year of one plan's forecast: the case allocated, its figures and
/// what the caller rendered from it.
public struct ForecastYear<Rendered: Sendable>: Sendable {
  /// The year, from 1.
  public var year: Int
  /// The year's case as `allocate` reads it (the files, from the caller's writer).
  public var caseFiles: [(name: String, contents: [UInt8])]
  /// The allocation's figures.
  public var summary: AllocationSummary
  /// Per primary need present in the caseload, in code order.
  public var byNeed: [ForecastNeedFigures]
  /// Per setting of the year, in the year's order.
  public var settings: [ForecastSettingFigures]
  /// Per need (by code) and phase (``SchoolPhase``): the caseload and the unplaced.
  public var byPhase: [[PhaseFigures]]
  /// The caseload (roll after closures plus batch).
  public var caseload: Int
  /// `cost_per_place` summed over the roll after the batch joined it.
  public var rollPlaceCost: Double
  /// The plan's rows taking effect this year: capital cost.
  public var capitalCost: Double
  /// The plan's rows in effect this year: annual cost.
  public var annualCost: Double
  /// What the caller rendered from the year's run (its output files).
  public var rendered: Rendered
  /// Whether the year was taken from the baseline's (no plan row in
  /// effect yet): same case, same result.
  public var sharedWithBaseline = false
  /// Seconds by phase (`case-write`, `case-read`, the run's own, `render`), for `--timings`.
  public var phases: [PhaseTiming] = []
}

/// One plan's forecast (the baseline's has no plan).
public struct ForecastOutcome<Rendered: Sendable>: Sendable {
  /// `baseline` or the plan's name.
  public var name: String
  /// The plan (nil for the baseline).
  public var plan: Plan?
  /// Years 1 to N.
  public var years: [ForecastYear<Rendered>]
}

/// The phase of education a pupil's age falls in, at the start of the
/// placement: how every report groups pupils by age.
public enum SchoolPhase: Int, Sendable, CaseIterable {
  /// Under 4: early years.
  case earlyYears
  /// 4 to 10: primary (Reception to Year 6).
  case primary
  /// 11 to 15: secondary (Years 7 to 11).
  case secondary
  /// 16 and over: post-16 (sixth form, college, to 25).
  case post16

  /// The phase of a pupil of this age at the start of the placement.
  public init(age: Int) {
    switch age {
    case ..<4: self = .earlyYears
    case 4...10: self = .primary
    case 11...15: self = .secondary
    default: self = .post16
    }
  }

  /// How the reports name it.
  public var label: String {
    switch self {
    case .earlyYears: "Early years (under 4)"
    case .primary: "Primary (4-10)"
    case .secondary: "Secondary (11-15)"
    case .post16: "Post-16 (16 and over)"
    }
  }
}

/// One need and phase in one year: how many children, how many without a place.
public struct PhaseFigures: Sendable, Equatable {
  /// Pupils on roll and in the batch.
  public var caseload = 0
  /// Pupils in the batch.
  public var batch = 0
  /// Batch pupils left without a place.
  public var unplaced = 0

  /// Zero figures.
  public init() {}
}
