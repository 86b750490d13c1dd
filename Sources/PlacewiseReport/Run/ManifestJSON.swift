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
      let values = [
        p.maxTravelMinutesPrimary, p.maxTravelMinutesSecondary, p.speedKmh, p.detourFactor, p.preferenceStep,
        p.unlistedPenalty,
      ]
      var pairs = zip(PolicyReader.keys, values).map { "\(string($0)): \(NumberText.format($1))" }
      // The text keys: where postcodes were looked up, the day ages were taken on.
      pairs.append("\"postcodes\": " + (p.postcodesFile.map(string) ?? "null"))
      pairs.append("\"placement_start\": " + (p.placementStart.map { string($0.description) } ?? "null"))
      policy = "{" + pairs.joined(separator: ", ") + "}"
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
