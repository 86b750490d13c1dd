import Placewise
import Testing

/// The problems `PolicyReader.parse` reports for `text`, expecting some.
private func policyProblems(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> [InputProblem]
{
  let error = #expect(throws: InvalidCaseError.self, sourceLocation: sourceLocation) {
    try PolicyReader.parse(text)
  }
  return try #require(error, sourceLocation: sourceLocation).problems
}

@Suite("policy.toml reader")
struct InputPolicyReaderTests {
  @Test("an empty file, or only comments and blank lines, keeps the default policy")
  func defaults() throws {
    #expect(try PolicyReader.parse("") == Policy())
    #expect(try PolicyReader.parse("# nothing here\n\n   \n\t# still nothing\n") == Policy())
  }

  @Test("every key is read, with TOML integers and floats, signs, underscores, exponents and comments")
  func allKeys() throws {
    let policy = try PolicyReader.parse(
      """
      # Leeds policy, 2026
      max_travel_minutes_primary = 50       # minutes
      max_travel_minutes_secondary=1_20
      speed_kmh = 2.5e1
      "detour_factor" = 1.35
      preference_step = +15
      unlisted_penalty = 0.0
      """)
    var expected = Policy()
    expected.maxTravelMinutesPrimary = 50
    expected.maxTravelMinutesSecondary = 120
    expected.speedKmh = 25
    expected.detourFactor = 1.35
    expected.preferenceStep = 15
    expected.unlistedPenalty = 0
    #expect(policy == expected)
  }

  @Test("CRLF line ends and a byte-order mark are fine")
  func crlfAndBOM() throws {
    let policy = try PolicyReader.parse("\u{FEFF}speed_kmh = 40\r\ndetour_factor = 1\r\n")
    #expect(policy.speedKmh == 40)
    #expect(policy.detourFactor == 1)
  }

  @Test(
    "a value that is not a number is reported with its type, at the value's column",
    arguments: [
      ("speed_kmh = \"30\"", "a string"),
      ("speed_kmh = '30'", "a string"),
      ("speed_kmh = true", "a boolean"),
      ("speed_kmh = [30]", "an array"),
      ("speed_kmh = { value = 30 }", "an inline table"),
      ("speed_kmh = 1979-05-27", "a date"),
    ])
  func wrongType(line: String, kind: String) throws {
    let problems = try policyProblems(line)
    let problem = try #require(problems.first)
    #expect(problems.count == 1)
    #expect(problem.file == "policy.toml")
    #expect(problem.line == 1)
    #expect(problem.column == 13)
    #expect(problem.field == "speed_kmh")
    #expect(problem.found.hasPrefix(kind))
    #expect(problem.expected.contains("a number"))
  }

  @Test(
    "a number outside its key's range is reported with the range expected",
    arguments: [
      ("max_travel_minutes_primary = -1", "from 0 to 1,440"),
      ("max_travel_minutes_secondary = -0.5", "from 0 to 1,440"),
      ("speed_kmh = 0", "from 1 to 300"),
      ("speed_kmh = -30", "from 1 to 300"),
      ("detour_factor = 0.9", "from 1 to 10"),
      ("preference_step = -20", "from 0 to 10,000"),
      ("unlisted_penalty = -1e2", "from 0 to 100,000"),
    ])
  func outOfRange(line: String, range: String) throws {
    let problems = try policyProblems(line)
    let problem = try #require(problems.first)
    #expect(problems.count == 1)
    #expect(problem.field == line.split(separator: " ").first.map(String.init))
    #expect(problem.found == "\"" + String(line.split(separator: " ").last ?? "") + "\"")
    #expect(problem.expected.contains(range))
  }

  @Test(
    "infinity, NaN and numbers that are not TOML are refused",
    arguments: [
      "inf", "+inf", "nan", "1e400", "045", "1.", ".5", "1__0", "_1", "1_", "30 km/h", "0x", "9223372036854775808",
    ])
  func notAFiniteTOMLNumber(value: String) throws {
    let problems = try policyProblems("speed_kmh = \(value)")
    let problem = try #require(problems.first)
    #expect(problems.count == 1)
    #expect(problem.field == "speed_kmh")
    #expect(problem.line == 1)
  }

  @Test("an unknown key names itself and suggests the key it resembles")
  func unknownKey() throws {
    let problems = try policyProblems("# policy\nspeed_kph = 30\n")
    let problem = try #require(problems.first)
    #expect(
      problem
        == InputProblem(
          file: "policy.toml", line: 2, column: 1, field: "speed_kph", found: "unknown key \"speed_kph\"",
          expected: problem.expected))
    #expect(problem.expected.contains("did you mean speed_kmh?"))
  }

  @Test("a key set twice is reported at the second, naming the line of the first")
  func duplicateKey() throws {
    let problems = try policyProblems("speed_kmh = 30\n\nspeed_kmh = 40\n")
    let problem = try #require(problems.first)
    #expect(problems.count == 1)
    #expect(problem.line == 3)
    #expect(problem.column == 1)
    #expect(problem.found == "\"speed_kmh\" again")
    #expect(problem.expected.contains("line 1"))
  }

  @Test("tables, dotted keys, missing values and trailing text are errors with their column")
  func structure() throws {
    let problems = try policyProblems(
      """
      [policy]
      policy.speed_kmh = 30
      speed_kmh =
      detour_factor = 1.3 extra
        preference_step 20
      """)
    #expect(problems.map(\.line) == [1, 2, 3, 4, 5])
    #expect(problems.map(\.column) == [1, 1, 12, 21, 19])
    #expect(problems[0].found.hasPrefix("a table header"))
    #expect(problems[1].found.hasPrefix("a dotted key"))
    #expect(problems[2].found == "no value")
    #expect(problems[3].found == "more text after the value (starting with \"e\")")
    #expect(problems[4].expected.hasPrefix("="))
  }

  @Test("the lines of a multi-line array already reported are not reported again")
  func multiLineArray() throws {
    let problems = try policyProblems("speed_kmh = [\n  30,\n  40,\n]\ndetour_factor = 0.5\n")
    #expect(problems.map(\.line) == [1, 5])
  }

  @Test("every problem in the file is reported in one pass")
  func allProblemsAtOnce() throws {
    let problems = try policyProblems("speed_kmh = 0\nspeed = 30\ndetour_factor = \"1.3\"\nunlisted_penalty = nan\n")
    #expect(problems.map(\.line) == [1, 2, 3, 4])
  }

  @Test("bytes that are not UTF-8 are reported at their character column")
  func notUTF8() throws {
    let error = try InputCaseFiles.valid.with("policy.toml", bytes: Array("# é ok\n# caf".utf8) + [0xE9, 0x0A])
      .failure()
    let problem = try #require(error.problems.first)
    #expect(problem.file == "policy.toml")
    #expect(problem.line == 2)
    #expect(problem.column == 6)
    #expect(problem.found.contains("0xE9"))
    #expect(problem.found.contains("é"))
  }
}
