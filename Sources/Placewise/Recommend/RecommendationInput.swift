/// One option of an options file: the rows sharing an `option` id, taken
/// whole or not at all.
public struct ExpansionOption: Sendable {
  /// The `option` id.
  public var id: String
  /// The `group` its rows name, or nil when they name none (the option is
  /// then alone in a group of its own).
  public var group: String?
  /// Its rows: indices into the options file's rows, in file order.
  public var rows: [Int]
  /// The sum of its rows' capital costs.
  public var capitalCost: Double
  /// The sum of its rows' annual costs.
  public var annualCost: Double
}

/// A case and its options file, read and checked: what `recommend` searches.
public struct RecommendationInput: Sendable {
  /// The case as read, with the journeys to settings the options open.
  package var base: CaseWithOpenings
  /// The options file as read (a plan whose rows carry `option` and `group`).
  public var file: Plan
  /// The options, in the order their first rows appear.
  public var options: [ExpansionOption]
  /// The groups: option indices, groups in the order their first options
  /// appear; an option without a group is a group of its own.
  public var groups: [[Int]]

  /// The case as given.
  public var input: Case { base.input }
}

extension RecommendationInput {
  /// Groups the rows of an options file into options and checks the rules
  /// the contract adds to a plan file's; problems are added to `problems`.
  ///
  /// Decisions where the contract is silent: an option's rows may leave
  /// `group` empty after the first names it (they take the option's group),
  /// but may not name two groups; every option must apply to the case on
  /// its own (a set of options whose rows conflict when applied together,
  /// for example two options of different groups opening the same URN, is
  /// not an allowed set).
  static func make(_ file: Plan, base: CaseWithOpenings, problems: inout ProblemList) -> RecommendationInput? {
    let before = problems.total
    let options = gatherOptions(file, problems: &problems)
    checkClosures(options, file: file, problems: &problems)
    checkEachAlone(options, file: file, base: base, problems: &problems)
    guard problems.total == before else { return nil }
    for (r, found) in lawProblems(options: options, file: file, base: base) {
      report(
        file.rows[r], "urn", of: file, found: found,
        expected: "options whose every set the search can price alike (recommend does not yet model agreed "
          + "placements, or options that change which requests are protected or where a pupil could stay: "
          + "compare such options as plans)", into: &problems)
    }
    guard problems.total == before else { return nil }
    return RecommendationInput(base: base, file: file, options: options, groups: groupsOf(options))
  }

  private static func report(
    _ row: PlanRow, _ column: String, of file: Plan, found: String, expected: String, into problems: inout ProblemList
  ) {
    problems.add(
      InputProblem(
        file: file.file, line: row.line, column: file.columns[column], field: column, found: found,
        expected: expected))
  }

  /// The options, in order of first mention, each with its rows, group and costs.
  private static func gatherOptions(_ file: Plan, problems: inout ProblemList) -> [ExpansionOption] {
    var options: [ExpansionOption] = []
    var index: [String: Int] = [:]
    for (r, row) in file.rows.enumerated() {
      guard let id = row.option else { continue }
      let group = row.group.flatMap { $0.isEmpty ? nil : $0 }
      guard let o = index[id] else {
        index[id] = options.count
        options.append(
          ExpansionOption(id: id, group: group, rows: [r], capitalCost: row.capitalCost, annualCost: row.annualCost))
        continue
      }
      if let group {
        if let existing = options[o].group, existing != group {
          report(
            row, "group", of: file, found: InputText.shownOrDescribed(group),
            expected: "the group of option \(InputText.quoted(id)) as first named: \(InputText.quoted(existing))",
            into: &problems)
        } else {
          options[o].group = group
        }
      }
      options[o].rows.append(r)
      options[o].capitalCost += row.capitalCost
      options[o].annualCost += row.annualCost
    }
    return options
  }

  /// The groups, in order of first mention: an option without a group is a group of its own.
  private static func groupsOf(_ options: [ExpansionOption]) -> [[Int]] {
    var groups: [[Int]] = []
    var groupIndex: [String: Int] = [:]
    for (o, option) in options.enumerated() {
      if let name = option.group, let g = groupIndex[name] {
        groups[g].append(o)
      } else {
        if let name = option.group { groupIndex[name] = groups.count }
        groups.append([o])
      }
    }
    return groups
  }

  /// An option closing a setting: every other option touching that setting shares its group.
  private static func checkClosures(_ options: [ExpansionOption], file: Plan, problems: inout ProblemList) {
    var optionOfRow = [Int](repeating: -1, count: file.rows.count)
    for (o, option) in options.enumerated() { for r in option.rows { optionOfRow[r] = o } }
    for (r, row) in file.rows.enumerated() {
      guard case .closeSetting(let urn) = row.action, optionOfRow[r] >= 0 else { continue }
      let closer = options[optionOfRow[r]]
      for (t, other) in file.rows.enumerated() where other.action.urn == urn && optionOfRow[t] >= 0 {
        let toucher = options[optionOfRow[t]]
        guard toucher.id != closer.id, toucher.group == nil || toucher.group != closer.group else { continue }
        report(
          row, "urn", of: file,
          found: "\(InputText.shownOrDescribed(urn.rawValue)), closed by option \(InputText.quoted(closer.id)) "
            + "and touched by option \(InputText.quoted(toucher.id)) on line \(other.line)",
          expected: "options that close a setting in the same group as every other option touching it",
          into: &problems)
        break
      }
    }
  }

  /// Each option must apply to the case on its own. A closure that
  /// displaces pupils on roll changes the batch, which the search's cuts
  /// assume fixed: refused until the search models it (docs/decisions.md).
  private static func checkEachAlone(
    _ options: [ExpansionOption], file: Plan, base: CaseWithOpenings, problems: inout ProblemList
  ) {
    for option in options {
      let plan = Plan(
        name: file.name, file: file.file, rows: option.rows.map { file.rows[$0] }, columns: file.columns)
      guard let planned = PlanApplication.apply(plan, to: base, problems: &problems), planned.displaced > 0,
        let r = option.rows.first(where: { file.rows[$0].action.isClosure })
      else { continue }
      report(
        file.rows[r], "urn", of: file,
        found: "option \(InputText.quoted(option.id)) closes a setting whose \(planned.displaced) pupil"
          + "\(planned.displaced == 1 ? "" : "s") on roll would be displaced",
        expected: "options that displace no pupil (recommend does not yet re-place displaced pupils; "
          + "compare the closure as a plan)", into: &problems)
    }
  }

  /// Checks an options file already read against a case in memory (tests).
  ///
  /// - Throws: `InvalidCaseError` listing every problem.
  package static func make(_ file: Plan, base: CaseWithOpenings) throws(InvalidCaseError) -> RecommendationInput {
    var problems = ProblemList(limit: CaseReader.problemLimit)
    guard let input = make(file, base: base, problems: &problems) else { throw problems.error() }
    return input
  }

  /// Reads the case and the options file and checks both: every problem in
  /// either is reported at once.
  ///
  /// - Throws: `InvalidCaseError` listing every problem found.
  public static func read(
    caseFolder: String, policyFile: String?, postcodesFile: String? = nil, optionsPath: String
  ) throws(InvalidCaseError)
    -> RecommendationInput
  {
    var problems = ProblemList(limit: CaseReader.problemLimit)
    let file = PlanReader.read(path: optionsPath, isOptions: true, problems: &problems, fileRank: 10)
    let base: CaseWithOpenings
    do {
      base = try CaseReader.read(
        folder: caseFolder, policyFile: policyFile, postcodesFile: postcodesFile, openings: file?.openings ?? [])
    } catch {
      throw Comparison.merged(error, problems)
    }
    // The rows that were read are checked against the case even when others
    // were not: every problem in one pass.
    guard let file, let input = make(file, base: base, problems: &problems), problems.total == 0 else {
      throw problems.error()
    }
    return input
  }

  /// The plan made of the chosen options' rows, in file order.
  public func plan(choosing chosen: [Bool], name: String = "plan") -> Plan {
    var rows: [Int] = []
    for (o, option) in options.enumerated() where chosen[o] { rows += option.rows }
    rows.sort()
    return Plan(name: name, file: file.file, rows: rows.map { file.rows[$0] }, columns: file.columns)
  }
}
