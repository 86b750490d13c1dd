/// One thing wrong with a case's input, located exactly.
public struct InputProblem: Sendable, Equatable, CustomStringConvertible {
  /// The file, as named in the case folder (`pupils.csv`) or given by the user.
  public var file: String
  /// 1-based line (the CSV header is line 1); nil when the whole file is meant.
  public var line: Int?
  /// 1-based column: the field's position for CSV, the character for TOML;
  /// nil when the whole line or file is meant.
  public var column: Int?
  /// The CSV column's header name or the TOML key, when there is one.
  public var field: String?
  /// What was found (quoted, shortened if long).
  public var found: String
  /// What was expected instead.
  public var expected: String

  /// Creates a problem report.
  public init(file: String, line: Int?, column: Int?, field: String?, found: String, expected: String) {
    self.file = file
    self.line = line
    self.column = column
    self.field = field
    self.found = found
    self.expected = expected
  }

  /// `pupils.csv, line 12, column 5 (age): found "-3"; expected a whole number >= 0`.
  public var description: String {
    var text = file
    if let line { text += ", line \(line)" }
    if let column { text += ", column \(column)" }
    if let field { text += " (\(field))" }
    return text + ": found \(found); expected \(expected)"
  }
}

/// A case refused as a whole: every problem found in one pass.
public struct InvalidCaseError: Error, Sendable, CustomStringConvertible {
  /// The problems, in file and line order (at most `limit` of them).
  public var problems: [InputProblem]
  /// How many problems were found in all (more than `problems.count` when capped).
  public var totalCount: Int

  /// Creates the error.
  public init(problems: [InputProblem], totalCount: Int? = nil) {
    self.problems = problems
    self.totalCount = totalCount ?? problems.count
  }

  /// One problem a line, then a count of any not listed.
  public var description: String {
    var lines = problems.map(\.description)
    if totalCount > problems.count { lines.append("... and \(totalCount - problems.count) more problems") }
    return lines.joined(separator: "\n")
  }
}
