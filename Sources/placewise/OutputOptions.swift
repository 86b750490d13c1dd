import ArgumentParser
import PlacewiseReport

/// The words of the options every command that writes an output folder
/// shares, where a command says them its own way: `allocate` stops "the
/// solver", `forecast` "each year's solve"; `--quiet` says where the
/// warnings stay.
protocol OutputHelp {
  /// `--time-limit`: what stops after the seconds given.
  static var timeLimit: String { get }
  /// `--quiet`: what is still printed, and where the warnings stay.
  static var quiet: String { get }
  /// `--timings`: what is printed.
  static var timings: String { get }
  /// `--report-level`: who report.html is for.
  static var reportLevel: String { get }
}

extension OutputHelp {
  static var timeLimit: String {
    "Stop each solve after this many seconds; the run then fails with status 3 and writes nothing."
  }
  static var timings: String { "Print the seconds of each phase on standard error." }
  static var reportLevel: String {
    "Who report.html is for: internal (the SEND team, the default) or public (no pupil-level data; counts of 1 to 4 pupils shown as <5)."
  }
}

/// `--out`, `--time-limit`, `--shared`, `--quiet`, `--timings` and
/// `--report-level`: declared once for `allocate`, `compare`, `recommend`
/// and `forecast`, in their words (`Help`).
struct OutputOptions<Help: OutputHelp>: ParsableArguments {
  @Option(name: .long, help: ArgumentHelp("The output folder.", valueName: "out-dir"))
  var out: String

  @Option(name: .long, parsing: .unconditional, help: ArgumentHelp(Help.timeLimit, valueName: "seconds"))
  var timeLimit: Double?

  @Flag(name: .long, help: "Make output files readable by group and others (0644) instead of by you only (0600).")
  var shared = false

  @Flag(name: .long, help: ArgumentHelp(Help.quiet))
  var quiet = false

  @Flag(name: .long, help: ArgumentHelp(Help.timings))
  var timings = false

  @Option(name: .long, help: ArgumentHelp(Help.reportLevel, valueName: "level"))
  var reportLevel: ReportLevel = .internal

  /// After a public run, which file is for sharing: every other file in the
  /// folder is for the SEND team, whatever `--report-level` says: the CSV
  /// files, the workbook and a plan's folder hold pupil-level data, and
  /// summary.json exact counts. `pages`: the pages that may be shared; nil
  /// for an internal run.
  func publicNote(pages: String = "report.html alone") -> String? {
    guard reportLevel == .public else { return nil }
    // Each page is audited alone: two of one batch (under two policies, or
    // a child more or fewer) read side by side can differ by one child
    // (hostile trial, round thirty-five; docs/data-protection.md).
    return "Public version: share \(pages); every other file in \(out) is for the SEND team only "
      + "(pupil-level data, or counts of 1 to 4 shown exactly). Publish one public page of a batch: two of the "
      + "same children (another policy, a child more or fewer) read side by side can tell a count of 1 to 4."
  }

  /// The longest `--time-limit`: a week, far beyond any real run (a national
  /// case takes minutes), and far inside what a Duration holds.
  static var maxTimeLimit: Double { 604_800 }

  /// Refuses a `--time-limit` that is not above 0 and at most a week.
  ///
  /// Called from each command's `validate()`, in its place among the
  /// command's own checks (a group's own `validate()` would run first).
  func checkTimeLimit() throws {
    // An empty path is a wrong command line (64), not a failed write (1).
    if out.isEmpty { throw ValidationError("--out needs a folder path; it was given an empty one") }
    try refuseControlCharacters(inPath: out, option: "--out")
    if let timeLimit, !(timeLimit > 0 && timeLimit <= Self.maxTimeLimit) {
      throw ValidationError(
        "--time-limit must be a number of seconds above 0 and at most \(Int(Self.maxTimeLimit)) (a week), "
          + "not \(timeLimit)")
    }
  }
}
