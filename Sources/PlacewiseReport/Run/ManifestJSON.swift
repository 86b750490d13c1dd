package import Placewise

/// What an output folder's `manifest.json` records: enough to say which
/// program, command, inputs and policy made the folder, and which files it
/// wrote, so that a later run can recognise the folder as Placewise's own.
package struct OutputManifest: Sendable {
  /// A file and its digest.
  package struct Entry: Sendable, Equatable {
    /// For an input, the path the run read; for a written file, its path
    /// inside the output folder, `/`-separated (`plans/a/summary.json`).
    package var path: String
    /// SHA-256, 64 lower-case hex digits.
    package var sha256: String
    /// Size in bytes, for written files.
    package var bytes: Int?

    /// Creates an entry.
    package init(path: String, sha256: String, bytes: Int? = nil) {
      self.path = path
      self.sha256 = sha256
      self.bytes = bytes
    }
  }

  /// The format tag that only Placewise writes (the output folder's plumbing defines it).
  package var format: String
  /// Placewise's version, `0.1.0`.
  package var placewiseVersion: String
  /// The case format's version.
  package var caseFormatVersion: Int
  /// The command line after the program's name, as given.
  package var command: [String]
  /// The effective policy, every value (nil for a command without one):
  /// `postcodesFile` the postcode directory as opened, `placementStart` the
  /// day ages were taken on, the default one included.
  package var policy: Policy?
  /// The input files read, in the order read.
  package var inputs: [Entry]
  /// The files written, in the order written (the manifest itself not among them).
  package var files: [Entry]
  /// When the folder was written (UTC, ISO 8601): the one field that
  /// differs between reruns, which determinism checks ignore.
  package var writtenAt: String

  /// Creates a manifest.
  package init(
    format: String, placewiseVersion: String, caseFormatVersion: Int, command: [String], policy: Policy?,
    inputs: [Entry], files: [Entry], writtenAt: String
  ) {
    self.format = format
    self.placewiseVersion = placewiseVersion
    self.caseFormatVersion = caseFormatVersion
    self.command = command
    self.policy = policy
    self.inputs = inputs
    self.files = files
    self.writtenAt = writtenAt
  }
}

/// Renders `manifest.json`, keys in a fixed order.
package enum ManifestJSON {
  /// The key of the one field determinism checks ignore.
  package static let clockKey = "written_at"

  /// The file's text.
  package static func render(_ manifest: OutputManifest) -> String {
    let string = JSONText.string
    func entries(_ list: [OutputManifest.Entry]) -> String {
      guard !list.isEmpty else { return "[]" }
      let lines = list.map { entry in
        var fields = ["\"path\": \(string(entry.path))", "\"sha256\": \(string(entry.sha256))"]
        if let bytes = entry.bytes { fields.append("\"bytes\": \(bytes)") }
        return "    {" + fields.joined(separator: ", ") + "}"
      }
      return "[\n" + lines.joined(separator: ",\n") + "\n  ]"
    }
    var policy = "null"
    if let p = manifest.policy {
      // Every key of the policy, in `PolicyReader.keys`' order, at the value
      // the run used: version 2's objective and money keys too (round
      // twenty-one: they were left out, so a section 39 run and a weighted
      // one had the same manifest).
      let number = NumberText.format
      let pairs: [(String, String)] = [
        ("max_travel_minutes_primary", number(p.maxTravelMinutesPrimary)),
        ("max_travel_minutes_secondary", number(p.maxTravelMinutesSecondary)),
        ("speed_kmh", number(p.speedKmh)),
        ("detour_factor", number(p.detourFactor)),
        ("preference_step", number(p.preferenceStep)),
        ("unlisted_penalty", number(p.unlistedPenalty)),
        ("preference_rule", string(p.preferenceRule.rawValue)),
        ("move_penalty", number(p.movePenalty)),
        ("cost", string(p.costUnit.rawValue)),
        ("pounds_per_minute", number(p.poundsPerMinute)),
        ("resources_margin", p.resourcesMargin.map(number) ?? "null"),
        ("age_range", string(p.ageRange.rawValue)),
        ("leave_age", String(p.leaveAge)),
        ("unplaced_cost", number(p.unplacedCost)),
        // Where postcodes were looked up, the day ages were taken on.
        ("postcodes", p.postcodesFile.map(string) ?? "null"),
        ("placement_start", p.placementStart.map { string($0.description) } ?? "null"),
      ]
      assert(pairs.map(\.0) == PolicyReader.keys)
      policy = "{" + pairs.map { "\(string($0.0)): \($0.1)" }.joined(separator: ", ") + "}"
    }
    let fields: [(String, String)] = [
      ("format", string(manifest.format)),
      ("placewise_version", string(manifest.placewiseVersion)),
      ("case_format_version", String(manifest.caseFormatVersion)),
      ("command", "[" + manifest.command.map(string).joined(separator: ", ") + "]"),
      ("policy", policy),
      ("inputs", entries(manifest.inputs)),
      ("files", entries(manifest.files)),
      (clockKey, string(manifest.writtenAt)),
    ]
    return "{\n" + fields.map { "  \(string($0.0)): \($0.1)" }.joined(separator: ",\n") + "\n}\n"
  }
}
