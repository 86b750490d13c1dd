/// The URNs outside the case that a pupil file's preferences or exclusions
/// name, counted, behind the warning that says so. A plan that opens one of
/// them makes it a setting of the case, so a comparison or forecast counts
/// the warning again against the settings the plan gives (round thirty: a
/// plan's summary said a preference "can never be met" beside a placement
/// that met it).
package struct UnknownURNTally: Sendable, Equatable {
  /// Which cell the URNs are in.
  package enum Cell: Sendable, Equatable {
    case preferences
    case excludedURNs
    case currentURN
  }

  /// The cell counted.
  package var cell: Cell
  /// Each URN outside the case, with how many times the file names it.
  package var counts: [URN: Int] = [:]

  /// Creates an empty tally.
  package init(_ cell: Cell) { self.cell = cell }

  /// Counts one naming of `urn`.
  package mutating func add(_ urn: URN) { counts[urn, default: 0] += 1 }

  /// The namings of URNs outside `known`.
  package func total(outside known: (URN) -> Bool = { _ in false }) -> Int {
    counts.reduce(0) { $0 + (known($1.key) ? 0 : $1.value) }
  }

  /// The warning of `file` for the namings of URNs outside `known`, or nil
  /// when there are none.
  package func warning(file: String, outside known: (URN) -> Bool = { _ in false }) -> InputWarning? {
    let n = total(outside: known)
    guard n > 0 else { return nil }
    var remaining = self
    remaining.counts = counts.filter { !known($0.key) }
    let message =
      switch cell {
      case .preferences:
        "\(n) preference\(n == 1 ? " names a URN" : "s name URNs") not in settings.csv (out-of-area schools?); "
          + "each keeps its rank but can never be met"
      case .excludedURNs:
        "\(n) excluded_urns entr\(n == 1 ? "y names a URN" : "ies name URNs") not in settings.csv; "
          + "\(n == 1 ? "it changes" : "they change") nothing"
      // A setting outside the case (an out-of-area or independent school
      // the child attends) is allowed, but a typo would silently cost the
      // child continuity (hostile trial, round sixteen): said, counted.
      case .currentURN:
        "\(n) current_urn value\(n == 1 ? " names a URN" : "s name URNs") not in settings.csv (a setting outside "
          + "the case?); " + (n == 1 ? "that pupil cannot stay there" : "those pupils cannot stay there")
      }
    var warning = InputWarning(file: file, message: message, count: n)
    warning.unknownURNs = remaining
    return warning
  }
}

extension [InputWarning] {
  /// These warnings with each unknown-URN warning counted again against the
  /// settings `known` admits (a plan's openings among them): dropped where
  /// every URN it named is now a setting.
  package func recountingUnknownURNs(known: (URN) -> Bool) -> [InputWarning] {
    compactMap { warning in
      guard let tally = warning.unknownURNs else { return warning }
      return tally.warning(file: warning.file, outside: known)
    }
  }
}
