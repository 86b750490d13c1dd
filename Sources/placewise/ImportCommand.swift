public import ArgumentParser
import Foundation
import Placewise
import PlacewiseReport
import SystemPlumbing

extension MissingCapacity: ExpressibleByArgument {}

/// `placewise import`: turns planners' own downloads into case files.
struct Import: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Make case files from planners' own data (the DfE's GIAS extract).",
    subcommands: [ImportGIAS.self]
  )
}

struct ImportGIAS: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "gias",
    abstract: "Make settings.csv from a GIAS establishment extract (edubasealldata*.csv), as downloaded.",
    discussion: """
      Keeps establishments of the LAs named whose status is Open or "Open, but proposed to close": \
      special schools (special), non-maintained and independent special schools (independent), \
      pupil referral units and AP academies (ap), mainstream schools (mainstream), further education \
      colleges (college; GIAS's high age 99 is written as 25) and special post-16 institutions \
      (post16). A school's resourced provision or SEN unit becomes its own setting (URN-RP, URN-SU; \
      kind resourced) with the needs of the school's SEN columns; the school itself takes any need. \
      statutory_request is written yes for non-maintained special schools and for section 41 \
      approved institutions, and left empty (the kind's default) elsewhere. Every other type is \
      skipped; counts of what was kept and skipped, by type, are printed on standard error. The file \
      is written all or nothing, and an existing one only with --force (never the extract itself, \
      whatever --force says).

      Exit status: 0 written; 1 the file could not be written, or --out is the extract (nothing is \
      written); 2 the extract is invalid, or has no establishment of an LA asked for (every \
      problem is listed, nothing is written); 64 the command line is wrong (a malformed --la or \
      --radius-km among it).
      """
  )

  @Argument(help: "The GIAS extract (edubasealldata*.csv), Windows-1252 as downloaded.")
  var extract: String

  @Option(
    name: .customLong("la"),
    help: ArgumentHelp("The LAs to keep: 3-digit LA (code)s, separated by commas (886,887).", valueName: "codes"))
  var localAuthorities: String

  @Option(
    name: .long, parsing: .unconditional,
    help: ArgumentHelp(
      "Also keep special and independent special schools of other LAs within this many km of a kept setting.",
      valueName: "km"))
  var radiusKm: Double?

  @Option(
    name: .long,
    help: ArgumentHelp(
      "When GIAS has no capacity: on-roll (use the number on roll: no free places), skip, or fail (list them).",
      valueName: "rule"))
  var missingCapacity: MissingCapacity = .fail

  @Option(name: .long, help: ArgumentHelp("The settings.csv to write.", valueName: "file"))
  var out: String

  @Flag(name: .long, help: "Replace the output file if it exists.")
  var force = false

  @Flag(name: .long, help: "Print nothing but errors (no counts of what was kept and skipped).")
  var quiet = false

  func validate() throws {
    try refuseNonUTF8Arguments()
    try refuseRepeatedOptions()
    if out.isEmpty { throw ValidationError("--out needs a file path; it was given an empty one") }
    try refuseControlCharacters(inPath: out, option: "--out")
    if let radiusKm, !(radiusKm >= 0 && radiusKm.isFinite) {
      throw ValidationError("--radius-km must be a distance in km >= 0, not \(radiusKm)")
    }
    // A malformed code is a wrong command line (64), as a bad --radius-km
    // is (round twenty-four: it exited 2); a code with no establishment in
    // the extract is found on reading it (2).
    let bad = localAuthorities.split(separator: ",", omittingEmptySubsequences: false).map {
      $0.trimmingCharacters(in: .whitespaces)
    }.filter { code in !(code.utf8.count == 3 && code.utf8.allSatisfy { (48...57).contains($0) }) }
    if !bad.isEmpty {
      throw ValidationError(
        "--la needs 3-digit LA codes separated by commas, as in GIAS's LA (code) column (886 is Kent); found "
          + bad.map { "\"\(TerminalText.safe($0))\"" }.joined(separator: ", "))
    }
  }

  func run() throws {
    let codes = localAuthorities.split(separator: ",", omittingEmptySubsequences: false).map {
      $0.trimmingCharacters(in: .whitespaces)
    }
    // Before reading: with --force, writing the settings over the extract would lose it.
    try refuseInputAsOutput(out, isFolder: false, inputs: [extract])
    let options = GIASImportOptions(localAuthorities: codes, radiusKm: radiusKm, missingCapacity: missingCapacity)
    let result: GIASImport
    do {
      result = try GIASImporter.read(path: extract, options: options)
    } catch {
      var text = "placewise: the GIAS extract cannot be imported; nothing was written.\n"
      text += error.description + "\n"
      text += "\(error.totalCount) problem\(error.totalCount == 1 ? "" : "s") found.\n"
      FileHandle.standardError.write(Data(TerminalText.safe(text).utf8))
      throw ExitCode(ExitStatus.invalidInput)
    }
    do {
      try AtomicFile.write(CaseSettingsCSV.render(result.settings), to: out, overwrite: force)
    } catch {
      throw fail("\(error); nothing was written.", status: ExitStatus.outputFailed)
    }
    if quiet { return }
    let report = result.report.description.split(separator: "\n").map { "import gias: \($0)" }
    let text = report.joined(separator: "\n") + "\nimport gias: wrote \(out)\n"
    FileHandle.standardError.write(Data(TerminalText.safe(text).utf8))
  }
}
