public import ArgumentParser
import Foundation
public import Placewise
import PlacewiseReport
import SystemPlumbing

/// Exit statuses, as documented in the README and in `--help`.
enum ExitStatus {
  /// The output folder could not be written (nothing was changed).
  static let outputFailed: Int32 = 1
  /// The case breaks the case format (nothing was written).
  static let invalidInput: Int32 = 2
  /// The solver failed or stopped, or a result broke an invariant (nothing was written).
  static let solverFailed: Int32 = 3
  /// The command line is wrong (swift-argument-parser's usage error).
  static let usage: Int32 = 64
}

@main
struct PlacewiseCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "placewise",
    abstract: "Place pupils with EHC plans in special-school, resourced and mainstream places.",
    discussion: """
      Placewise reads a case (a folder of CSV files: settings.csv, pupils.csv, and optionally \
      roll.csv, travel.csv and policy.toml) and names a setting for every pupil it can: first \
      leaving as little need unmet as possible (the sum of priority over unplaced pupils), then \
      refusing as few protected requests as possible (section 39: the school a parent or young \
      person asks for is named unless an exception applies), then the least cost: journeys, missed preferences and moves, in minutes or, with \
      cost = "pounds", in pounds a year. The optimum is exact, found with the GLPK linear \
      programming solver.

      Exit status: 0 done; 1 the output folder could not be written; 2 the case is invalid \
      (every problem is listed, nothing is written); 3 the solver failed or stopped (nothing is \
      written); 64 the command line is wrong.
      """,
    version: PlacewiseVersion.string,
    subcommands: [Allocate.self, Validate.self, Compare.self, Recommend.self, ForecastCommand.self, Import.self]
  )

  /// swift-argument-parser's `main`, with a suggestion for a mistyped
  /// subcommand first and the sections of ``HelpSections`` after a help screen.
  static func main() {
    let arguments = Array(CommandLine.arguments.dropFirst())
    if let problem = CommandSuggestion.problem(in: arguments, root: Self.self) {
      FileHandle.standardError.write(Data(TerminalText.safe("placewise: \(problem)\n").utf8))
      Foundation.exit(ExitCode.validationFailure.rawValue)
    }
    do {
      var command = try parseAsRoot(arguments)
      try command.run()
    } catch {
      if let help = HelpSections.help(for: error, root: Self.self) {
        print(help, terminator: "")
        Foundation.exit(0)
      }
      // A usage error repeats what was typed (a value, an unknown option):
      // shown with its escape sequences visible, never run by the terminal.
      let code = exitCode(for: error)
      let message = fullMessage(for: error)
      guard code != .success, !message.isEmpty else { exit(withError: error) }
      FileHandle.standardError.write(Data((TerminalText.safe(message) + "\n").utf8))
      Foundation.exit(code.rawValue)
    }
  }
}

enum PlacewiseVersion {
  /// The program's version number.
  static let number = "0.1.0"
  /// The version of the case format it reads (docs/case-format.md).
  static let caseFormat = 2
  static let string = "placewise \(number) (case format \(caseFormat))"
}

extension SolverMethod: ExpressibleByArgument {}
extension ReportLevel: ExpressibleByArgument {}
extension RecommendationOrder: ExpressibleByArgument {}

struct CaseOptions: ParsableArguments {
  @Argument(help: "The case folder: settings.csv, pupils.csv, and optional travel.csv, roll.csv and policy.toml.")
  var caseFolder: String

  @Option(name: .long, help: ArgumentHelp("A policy file to use instead of the case's policy.toml.", valueName: "file"))
  var policy: String?

  @Option(
    name: .long,
    help: ArgumentHelp(
      "The postcode directory (ONS Postcode Directory or OS Code-Point Open CSV) for postcode columns.",
      valueName: "file"))
  var postcodes: String?

  /// What a run reads: the case folder and its files, the policy file, the
  /// postcode directory named here or in the policy, then `others`.
  func inputs(_ others: [String] = []) -> [String] {
    let files = ["settings.csv", "pupils.csv", "travel.csv", "roll.csv", "policy.toml"].map { caseFolder + "/" + $0 }
    let directory = CaseReader.namedPostcodeDirectory(folder: caseFolder, policyFile: policy, postcodesFile: postcodes)
    return [caseFolder] + files + [policy, directory].compactMap { $0 } + others
  }

  /// The files named here by what they are, for an invalid case's heading
  /// (`report(_:writes:kinds:)`), with `others` (a command's own files).
  func kinds(_ others: [String: String] = [:]) -> [String: String] {
    var kinds = others
    if let postcodes { kinds[postcodes] = kinds[postcodes] ?? "postcode directory" }
    if let policy { kinds[policy] = kinds[policy] ?? "policy file" }
    return kinds
  }
}

/// Prints the problems of an invalid case to standard error; `wrote` says
/// whether the command would have written anything. `kinds` names the
/// files given beside the case (a plan file, the postcode directory) by
/// path: the heading names those that hold problems, and says "the case"
/// only where the case's own files hold some.
func report(_ error: InvalidCaseError, writes: Bool = true, kinds: [String: String] = [:]) {
  var parts: [String] = []
  var inCase = false
  for file in error.problems.map(\.file) {
    if let kind = kinds[file] {
      let part = "the \(kind) \(file)"
      if !parts.contains(part) { parts.append(part) }
    } else {
      inCase = true
    }
  }
  if inCase || parts.isEmpty { parts.insert("the case", at: 0) }
  let subject =
    parts.count == 1
    ? parts[0] + " is" : parts.dropLast().joined(separator: ", ") + " and " + parts[parts.count - 1] + " are"
  var text = "placewise: \(subject) invalid" + (writes ? "; nothing was written.\n" : ".\n")
  text += error.description + "\n"
  text += "\(error.totalCount) problem\(error.totalCount == 1 ? "" : "s") found.\n"
  FileHandle.standardError.write(Data(TerminalText.safe(text).utf8))
}

func reportWarnings(_ warnings: [InputWarning]) {
  guard !warnings.isEmpty else { return }
  let text = warnings.map { "warning: \($0.description)" }.joined(separator: "\n") + "\n"
  FileHandle.standardError.write(Data(TerminalText.safe(text).utf8))
}

/// Arms the signal cleanup and checks the output folder before any work:
/// a refusal must not wait for the solve. An output that is one of
/// `inputs` is refused with status 2.
func prepareOutputFolder(_ out: String, inputs: [String]) throws {
  try refuseInputAsOutput(out, isFolder: true, inputs: inputs)
  OutputFolder.installSignalCleanup()
  do {
    try OutputFolder.check(out)
  } catch {
    // An edited output: the new outputs can go beside it, named.
    let keep = error.newFolder.map { " To keep it and write the new outputs beside it, run again with --out \($0)." }
    throw fail("\(error); nothing was written.\(keep ?? "")", status: ExitStatus.outputFailed)
  }
}

/// Refuses, with status 2, a command line holding bytes that are not
/// UTF-8 (a path in another encoding): Swift would read them as U+FFFD and
/// the run would read or write a different path than the one named.
func refuseNonUTF8Arguments() throws {
  for index in 1..<Int(CommandLine.argc) {
    guard let raw = CommandLine.unsafeArgv[index], String(validatingCString: raw) == nil else { continue }
    let shown = String(decoding: UnsafeRawBufferPointer(start: raw, count: strlen(raw)), as: UTF8.self)
    throw fail(
      "argument \(index) (\(shown)) is not UTF-8 text; rename the file or folder, or name it by a UTF-8 path",
      status: ExitStatus.usage)
  }
}

/// Refuses an option given twice: the command-line parser keeps the last,
/// so `--budget 100000 ... --budget 250000` ran with one budget silently
/// (hostile trial, round twenty-two). Flags may repeat; status 64.
func refuseRepeatedOptions(_ arguments: [String] = Array(CommandLine.arguments.dropFirst())) throws {
  let flags: Set<String> = [
    "--cold", "--force", "--no-explain", "--no-values", "--quiet", "--timings", "--shared", "--help", "--version",
  ]
  var seen: [String: String] = [:]
  var index = 0
  while index < arguments.count {
    let argument = arguments[index]
    index += 1
    if argument == "--" { return }
    guard argument.hasPrefix("--") else { continue }
    let parts = argument.split(separator: "=", maxSplits: 1).map(String.init)
    let name = parts[0]
    guard !flags.contains(name) else { continue }
    var value = parts.count > 1 ? parts[1] : ""
    if parts.count == 1, index < arguments.count {
      value = arguments[index]
      index += 1
    }
    if let first = seen[name] {
      throw ValidationError(
        "\(name) is given twice (\(TerminalText.safe(first)) and \(TerminalText.safe(value))): give it once")
    }
    seen[name] = value
  }
}

/// Refuses an output path holding a control character (a line break, a
/// tab, an escape): printed in the run's messages it would break or forge
/// a line (round twenty-one: `--out $'x\nFAKE: 0 unplaced'` printed a line
/// of its own). Status 64, before anything is read.
func refuseControlCharacters(inPath path: String, option: String) throws {
  // Format characters (a right-to-left override, a zero-width space) and
  // line separators too: they reorder or hide what is printed (round
  // twenty-two), as plan names refuse them.
  let refused: Set<Unicode.GeneralCategory> = [.control, .format, .lineSeparator, .paragraphSeparator]
  guard let scalar = path.unicodeScalars.first(where: { refused.contains($0.properties.generalCategory) }) else {
    return
  }
  let hex = String(scalar.value, radix: 16, uppercase: true)
  throw ValidationError(
    "\(option) holds a control or invisible character (U+\(String(repeating: "0", count: max(0, 4 - hex.count)) + hex)): "
      + "choose a path without line breaks, tabs, escapes or invisible characters")
}

func fail(_ message: String, status: Int32) -> ExitCode {
  FileHandle.standardError.write(Data(TerminalText.safe("placewise: \(message)\n").utf8))
  return ExitCode(status)
}

struct Validate: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Check a case against the case format without allocating it.",
    discussion: "Lists every problem found (status 2) or says the case is valid (status 0); writes nothing."
  )

  @OptionGroup var caseOptions: CaseOptions

  @Flag(name: .long, help: "Print nothing but the problems of an invalid case: the exit status says the rest.")
  var quiet = false

  func validate() throws {
    try refuseNonUTF8Arguments()
    try refuseRepeatedOptions()
  }

  func run() throws {
    do {
      let input = try CaseReader.read(
        folder: caseOptions.caseFolder, policyFile: caseOptions.policy, postcodesFile: caseOptions.postcodes)
      if quiet { return }
      // Agreed placements that break a rule or overfill a setting are
      // warned about here too, before any allocation (hostile trial, round
      // seventeen: only summary.json said so).
      let candidates = CandidateSet(case: input)
      reportWarnings(input.warnings + AllocationSummary.agreedWarnings(input, candidates: candidates))
      typealias F = NumberFormatting
      let pairs =
        input.travel.map { ", \(F.count($0.count, "journey")) listed" } ?? ", journeys estimated from coordinates"
      print(
        "The case is valid: \(F.count(input.settings.count, "setting")), \(F.count(input.pupils.count, "pupil"))\(pairs)."
      )
      print(NoEligibleReport.render(case: input, candidates: candidates), terminator: "")
    } catch {
      report(error, writes: false, kinds: caseOptions.kinds())
      throw ExitCode(ExitStatus.invalidInput)
    }
  }
}
