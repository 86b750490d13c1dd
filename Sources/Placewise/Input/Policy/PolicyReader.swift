/// Reads `policy.toml`: a flat table of the policy keys the case format
/// defines, each given at most once.
///
/// This is a strict subset of TOML, enough for that table and no more:
/// blank lines, `#` comments, and `key = value` lines where the key is bare
/// (`speed_kmh`) or quoted without escapes (`"speed_kmh"`) and the value is a
/// TOML integer (`45`, `+1_000`, `0x2D`) or float (`1.3`, `5e1`, `-0.0`).
/// Anything else TOML allows (strings, booleans, dates, arrays, inline
/// tables, `[table]` headers, dotted keys) is reported as an error with its
/// line and 1-based character column, as are unknown keys (a typo must not
/// pass silently), repeated keys, non-finite values and values out of range.
public enum PolicyReader {
  /// The keys `policy.toml` may set, in the order of the case format.
  public static let keys = [
    "max_travel_minutes_primary", "max_travel_minutes_secondary", "speed_kmh", "detour_factor",
    "preference_step", "unlisted_penalty", "preference_rule", "move_penalty", "cost", "pounds_per_minute",
    "resources_margin", "age_range", "leave_age", "unplaced_cost", "postcodes", "placement_start",
  ]

  /// The keys whose value is text: a path in quotes, a date.
  static let textKeys: Set<String> = [
    "postcodes", "placement_start", "preference_rule", "cost", "age_range",
  ]

  /// The policy `text` sets over the defaults, or every problem in it.
  ///
  /// - Parameters:
  ///   - text: the contents of a policy file.
  ///   - file: the file name to give in problems.
  /// - Returns: the policy, the defaults with the file's keys set over them.
  /// - Throws: `InvalidCaseError` listing every problem in the file.
  public static func parse(_ text: String, file: String = "policy.toml") throws(InvalidCaseError) -> Policy {
    let (policy, problems) = read(Array(text.utf8), file: file)
    guard problems.isEmpty else { throw InvalidCaseError(problems: problems) }
    return policy
  }

  /// The policy `bytes` set over the defaults, and the problems found (the
  /// policy is meaningless when there are any).
  package static func read(_ bytes: [UInt8], file: String) -> (policy: Policy, problems: [InputProblem]) {
    // The parser works a line at a time in Characters; six keys need a few
    // hundred bytes, and a huge file is a wrong file, not a policy.
    guard bytes.count <= maxBytes else {
      let problem = InputProblem(
        file: file, line: nil, column: nil, field: nil, found: "a file of \(bytes.count) bytes",
        expected: "a policy file of a few short lines (at most \(maxBytes) bytes)")
      return (Policy(), [problem])
    }
    var parser = Parser(file: file)
    parser.parse(bytes)
    parser.checkTogether()
    return (parser.policy, parser.problems)
  }

  /// The largest policy file read.
  static let maxBytes = 1 << 20

  /// What each key may hold: a finite number in a plausible range.
  struct Rule: Sendable {
    let what: String
    let range: ClosedRange<Double>
    var reason = ""
    /// Whether the value must be a whole number.
    var whole = false

    var expected: String { what + " " + InputRange.text(range) + reason }
    func allows(_ value: Double) -> Bool { range.contains(value) }
  }

  /// The ranges (docs/decisions.md gives the reasons): journey limits
  /// within a day, like journeys; a speed from 1 to 300 km/h and a detour
  /// factor up to 10, so that an estimated journey across Great Britain
  /// stays below a million minutes; penalties within a week (a preference
  /// step) or ten weeks (an unlisted setting) of journeys. Every placement
  /// cost is then finite, and so is every sum of them.
  static let rules: [String: Rule] = [
    "max_travel_minutes_primary": Rule(what: "a journey limit in minutes", range: InputRange.minutes),
    "max_travel_minutes_secondary": Rule(what: "a journey limit in minutes", range: InputRange.minutes),
    "speed_kmh": Rule(what: "a speed in km/h", range: 1...300),
    "detour_factor": Rule(
      what: "a factor", range: 1...10, reason: " (road distance is never shorter than the straight line)"),
    "preference_step": Rule(what: "minutes-equivalent", range: 0...10_000),
    "unlisted_penalty": Rule(what: "minutes-equivalent", range: 0...100_000),
    "move_penalty": Rule(what: "minutes-equivalent", range: 0...10_000),
    "pounds_per_minute": Rule(what: "pounds a year per minute of journey", range: 0...100_000),
    "resources_margin": Rule(what: "pounds a year", range: 0...10_000_000),
    "leave_age": Rule(what: "an age in whole years", range: 0...25, whole: true),
    "unplaced_cost": Rule(what: "pounds a year", range: 0...10_000_000),
  ]
}
