import Foundation
import Placewise
import PlacewiseReport
import SystemPlumbing

#if canImport(Glibc)
  import Glibc
#endif

/// How every command that writes an output folder writes it: its rendered
/// files (paths inside the folder, nested ones such as `plans/NAME/...`
/// allowed), then a `manifest.json` listing them with their SHA-256, the
/// command line, the effective policy and the inputs' SHA-256. The
/// manifest is what lets a later run recognise the folder as Placewise's.
enum OutputWriting {
  /// Hashes the input files, once the case has been read and accepted (so
  /// each is a regular file: a policy.toml linked to /dev/zero is refused by
  /// the reader, never hashed forever).
  static func digests(of inputs: [String]) -> [OutputManifest.Entry] {
    inputs.compactMap { path in
      var status = stat()
      guard stat(path, &status) == 0, status.st_mode & S_IFMT == S_IFREG else { return nil }
      return SHA256.hex(ofFileAt: path).map { OutputManifest.Entry(path: path, sha256: $0) }
    }
  }

  /// Writes `files` and their manifest as the folder `out`, all or nothing;
  /// refuses (status 2) an `out` that turns out to be an input, such as a
  /// postcode directory only the policy named.
  static func write(
    _ files: [(name: String, contents: [UInt8])], to out: String, shared: Bool, policy: Policy?,
    inputs: [OutputManifest.Entry]
  ) throws {
    try refuseInputAsOutput(out, isFolder: true, inputs: inputs.map(\.path))
    try OutputFolder.write(files, to: out, shared: shared) { written in
      let manifest = OutputManifest(
        format: OutputFolder.manifestFormat, placewiseVersion: PlacewiseVersion.number,
        caseFormatVersion: PlacewiseVersion.caseFormat,
        command: Array(CommandLine.arguments.dropFirst()), policy: policy, inputs: inputs,
        files: written.map { OutputManifest.Entry(path: $0.path, sha256: $0.sha256, bytes: $0.bytes) },
        writtenAt: (RunClock.sourceDateEpoch ?? Date()).ISO8601Format())
      return Array(ManifestJSON.render(manifest).utf8)
    }
  }

  /// The files of a case a run reads: those present of settings.csv,
  /// pupils.csv, travel.csv and roll.csv, the policy file used, the postcode
  /// directory named for the case, then `others` (plan files) in the order given.
  static func caseInputs(_ input: Case, folder: String, policyFile: String?, others: [String?] = []) -> [String] {
    var paths = ["settings.csv", "pupils.csv", "travel.csv", "roll.csv"].map { folder + "/" + $0 }
    paths.append(policyFile ?? folder + "/policy.toml")
    paths += ([input.postcodeDirectory] + others).compactMap { $0 }
    return paths.filter { FileManager.default.fileExists(atPath: $0) }
  }

  /// What the reports say about the run that made them: today (see
  /// ``RunClock``), this version, the case folder's name, the effective
  /// policy and the inputs with their digests.
  static func identity(_ input: Case, caseFolder: String, inputs: [OutputManifest.Entry]) -> RunIdentity {
    RunIdentity(
      date: RunClock.today, placewiseVersion: PlacewiseVersion.number,
      caseName: URL(fileURLWithPath: caseFolder).standardized.lastPathComponent, policy: effectivePolicy(input),
      inputs: inputs)
  }

  /// The policy as the run applied it, for the manifest: with the postcode
  /// directory as opened and the day ages were taken on, defaults included.
  static func effectivePolicy(_ input: Case) -> Policy {
    var policy = input.policy
    policy.postcodesFile = input.postcodeDirectory
    policy.placementStart = input.placementStart
    return policy
  }
}

/// Refuses, with status 1 (the output folder was refused), an `--out` that
/// is one of the run's inputs (by identity: links followed), before anything
/// is changed.
func refuseInputAsOutput(_ out: String, isFolder: Bool, inputs: [String]) throws {
  do {
    try InputOverlap.check(output: out, isFolder: isFolder, inputs: inputs)
  } catch {
    throw fail("\(error); nothing was written.", status: ExitStatus.outputFailed)
  }
}

/// Text for the terminal: control characters (escape sequences among
/// them), C1 controls and bidirectional overrides in paths or values are
/// shown as `\u{1B}` and the like, never sent raw.
enum TerminalText {
  static func safe(_ text: String) -> String {
    var out = ""
    for scalar in text.unicodeScalars {
      let value = scalar.value
      let unsafe =
        (value < 0x20 && scalar != "\n") || (0x7F...0x9F).contains(value) || (0x202A...0x202E).contains(value)
        || (0x2066...0x2069).contains(value)
      if unsafe {
        out += "\\u{\(String(value, radix: 16, uppercase: true))}"
      } else {
        out.unicodeScalars.append(scalar)
      }
    }
    return out
  }
}

/// The run's clock, for the date reports carry (docs/decisions.md, "The
/// run's date"): the machine's today, or the day of `SOURCE_DATE_EPOCH`
/// (seconds since 1970, UTC) when set, so that outputs can be made again
/// byte for byte on another day (the reproducible-builds convention; the
/// tests use it too).
enum RunClock {
  /// `SOURCE_DATE_EPOCH` as an instant, when set to a whole number of
  /// seconds from 1970 to the year 2999 (`CalendarDate.sourceDateEpochSeconds`).
  static var sourceDateEpoch: Date? {
    CalendarDate.sourceDateEpochSeconds.map { Date(timeIntervalSince1970: TimeInterval($0)) }
  }

  /// The run's day: `SOURCE_DATE_EPOCH`'s in UTC, else today in the
  /// machine's time zone (`CalendarDate.today`, which the case's reading
  /// takes too).
  static var today: CalendarDate { CalendarDate.today }
}
