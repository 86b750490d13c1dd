/// One change a plan makes to a case.
public enum PlanAction: Sendable {
  /// `add_places`: capacity rises by `places` (negative: falls); with a
  /// need, the setting is designated for it (when it has a needs list) and
  /// its cap for it, if any, rises too.
  case addPlaces(urn: URN, places: Int, need: NeedCode?)
  /// `new_setting`: a setting opens.
  case newSetting(Setting)
  /// `close_setting`: a setting is removed.
  case closeSetting(urn: URN)

  /// Whether the action closes a setting.
  public var isClosure: Bool {
    if case .closeSetting = self { true } else { false }
  }

  /// The setting the action concerns.
  public var urn: URN {
    switch self {
    case .addPlaces(let urn, _, _): urn
    case .newSetting(let setting): setting.urn
    case .closeSetting(let urn): urn
    }
  }

  /// The word in the `action` column.
  public var word: String {
    switch self {
    case .addPlaces: "add_places"
    case .newSetting: "new_setting"
    case .closeSetting: "close_setting"
    }
  }
}

/// One row of a plan or options file, as read.
public struct PlanRow: Sendable {
  /// The line the row starts on (the header is line 1).
  public var line: Int
  /// What it changes.
  public var action: PlanAction
  /// One-off cost in pounds (0 when empty).
  public var capitalCost: Double
  /// Cost in pounds a year (0 when empty).
  public var annualCost: Double
  /// Free text, reported, never interpreted.
  public var note: String?
  /// The option the row belongs to (options files only).
  public var option: String?
  /// The option's group, if the row names one (options files only).
  public var group: String?
  /// The forecast year the row takes effect from (`year`, default 1);
  /// `compare` applies every row whatever its year.
  public var year: Int

  /// Creates a row.
  public init(
    line: Int, action: PlanAction, capitalCost: Double = 0, annualCost: Double = 0, note: String? = nil,
    option: String? = nil, group: String? = nil, year: Int = 1
  ) {
    self.year = year
    self.line = line
    self.action = action
    self.capitalCost = capitalCost
    self.annualCost = annualCost
    self.note = note
    self.option = option
    self.group = group
  }
}

/// A plan: changes applied to a case, in order, before allocating.
public struct Plan: Sendable {
  /// The file name without `.csv`.
  public var name: String
  /// The file as named on the command line (for problems).
  public var file: String
  /// The rows, in file order.
  public var rows: [PlanRow]
  /// The 1-based column of each column the file has, by its name in the
  /// format (`urn`, `places`, ...): where a problem found later points.
  public var columns: [String: Int]

  /// Creates a plan.
  public init(name: String, file: String, rows: [PlanRow], columns: [String: Int] = [:]) {
    self.name = name
    self.file = file
    self.rows = rows
    self.columns = columns
  }

  /// The sum of the rows' capital costs, to the penny.
  public var capitalCost: Double { Pence.sum(rows.map(\.capitalCost)) }
  /// The sum of the rows' annual costs, to the penny.
  public var annualCost: Double { Pence.sum(rows.map(\.annualCost)) }

  /// The URNs the plan's `new_setting` rows open, in file order.
  public var openings: [URN] {
    rows.compactMap { row in
      if case .newSetting(let setting) = row.action { return setting.urn }
      return nil
    }
  }

  /// The name `compare` gives the case as it is; no plan may take it.
  public static let baselineName = "baseline"
}
