package import Placewise

/// What a report says about the run that made it, so that a printed copy
/// is never undated or anonymous: the day, the program's version, the case,
/// the policy as applied and the input files with their digests.
package struct RunIdentity: Sendable, Equatable {
  /// The day of the run (README, Decisions: "The run's date").
  package var date: CalendarDate
  /// Placewise's version, `0.1.0`.
  package var placewiseVersion: String
  /// The case's name: its folder's name.
  package var caseName: String
  /// The effective policy, every value (defaults included).
  package var policy: Policy
  /// The input files read, with their SHA-256, in the order read.
  package var inputs: [OutputManifest.Entry]

  /// Creates an identity.
  package init(
    date: CalendarDate, placewiseVersion: String, caseName: String, policy: Policy, inputs: [OutputManifest.Entry]
  ) {
    self.date = date
    self.placewiseVersion = placewiseVersion
    self.caseName = caseName
    self.policy = policy
    self.inputs = inputs
  }

  /// The day as a reader writes it: `6 December 2026`.
  package var dateText: String {
    let months = [
      "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
      "November", "December",
    ]
    return "\(date.day) \(months[date.month - 1]) \(date.year)"
  }

  /// The length of the digest prefix shown: enough to tell files apart at
  /// a glance and to match them with `sha256sum` or the manifest.
  package static let digestPrefixLength = 12

  /// Each input's path and the first 12 characters of its SHA-256.
  package var inputDigests: [(path: String, digest: String)] {
    inputs.map { ($0.path, String($0.sha256.prefix(Self.digestPrefixLength))) }
  }

  /// Every key of the effective policy with its value as `policy.toml`
  /// writes it, in the case format's order; `(none)` for an unset one.
  package var policyValues: [(key: String, value: String)] {
    let p = policy
    func number(_ value: Double) -> String { NumberText.format(value) }
    let values = [
      number(p.maxTravelMinutesPrimary), number(p.maxTravelMinutesSecondary), number(p.speedKmh),
      number(p.detourFactor), number(p.preferenceStep), number(p.unlistedPenalty), "\"\(p.preferenceRule.rawValue)\"",
      number(p.movePenalty), "\"\(p.costUnit.rawValue)\"", number(p.poundsPerMinute),
      p.resourcesMargin.map(number) ?? "(none)", "\"\(p.ageRange.rawValue)\"", String(p.leaveAge),
      number(p.unplacedCost), p.postcodesFile.map { "\"\($0)\"" } ?? "(none)",
      p.placementStart?.description ?? "(none)",
    ]
    return Array(zip(PolicyReader.keys, values)).map { (key: $0.0, value: $0.1) }
  }
}
