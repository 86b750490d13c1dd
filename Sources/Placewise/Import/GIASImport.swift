import Foundation

/// What to do with a kept establishment whose capacity GIAS leaves empty
/// (many special schools): never a silent guess.
public enum MissingCapacity: String, CaseIterable, Sendable {
  /// Take the number on roll as the capacity: the setting is full (no free
  /// places) until the planner enters its commissioned places.
  case onRoll = "on-roll"
  /// Leave the establishment (or unit) out, and count it.
  case skip
  /// Refuse the import, listing every establishment without a capacity.
  case fail
}

/// The choices of one GIAS import.
public struct GIASImportOptions: Sendable {
  /// The 3-digit `LA (code)`s whose establishments are kept.
  public var localAuthorities: [String]
  /// With a value, special and independent special schools of other LAs
  /// within this many kilometres (straight line) of a kept setting are
  /// kept too.
  public var radiusKm: Double?
  /// What to do when a capacity is empty.
  public var missingCapacity: MissingCapacity

  /// Options for the LAs named.
  public init(localAuthorities: [String], radiusKm: Double? = nil, missingCapacity: MissingCapacity = .fail) {
    self.localAuthorities = localAuthorities
    self.radiusKm = radiusKm
    self.missingCapacity = missingCapacity
  }
}

/// Counts of what an import kept and skipped, and why.
public struct GIASImportReport: Sendable, CustomStringConvertible {
  /// The encoding the extract was read in.
  public var encoding: String = "Windows-1252"
  /// Data rows read (blank rows not counted).
  public var rowsRead = 0
  /// Settings written, by kind, in the case format's kind order.
  public var keptByKind: [(kind: SettingKind, count: Int)] = []
  /// Schools whose resourced provision or SEN unit became settings of their own.
  public var unitHosts = 0
  /// Special and independent schools of other LAs kept by `--radius-km`.
  public var crossBorder = 0
  /// Capacities taken from the number on roll (`--missing-capacity on-roll`).
  public var capacityFromOnRoll = 0
  /// Colleges whose blank statutory ages were taken as 16 to 25.
  public var collegeAgesAssumed = 0
  /// Settings written with a capacity but no number on roll in GIAS
  /// (`on_roll` 0: every place free).
  public var onRollMissing = 0
  /// The first five of them, by URN.
  public var onRollMissingURNs: [String] = []
  /// Unit capacities left out because the provision type does not name the unit.
  public var unitsUnnamed = 0
  /// Rows (or units) skipped, by reason, in a fixed order.
  public var skipped: [(reason: String, count: Int)] = []

  /// A few lines for standard error; counts and type names only.
  public var description: String {
    var lines = ["read \(rowsRead) establishment rows (\(encoding))"]
    let total = keptByKind.reduce(0) { $0 + $1.count }
    let kinds = keptByKind.filter { $0.count > 0 }.map { "\($0.count) \($0.kind.word)" }
    lines.append("kept \(total) settings: " + (kinds.isEmpty ? "none" : kinds.joined(separator: ", ")))
    if unitHosts > 0 { lines.append("  resourced: units of \(unitHosts) schools, each its own setting") }
    if crossBorder > 0 {
      lines.append("  \(crossBorder) special or independent schools of other LAs within the radius")
    }
    if capacityFromOnRoll > 0 {
      lines.append("  \(capacityFromOnRoll) capacities missing in GIAS set to the number on roll (no free places)")
    }
    if onRollMissing > 0 {
      // Round twenty-four: a special school of 160 places with a blank
      // NumberOfPupils read as empty, said nowhere.
      let more = onRollMissing > onRollMissingURNs.count ? ", ..." : ""
      lines.append(
        "  \(onRollMissing) setting\(onRollMissing == 1 ? "" : "s") with a capacity but no number on roll in GIAS: "
          + "on_roll written as 0, so every place counts as free; check them in settings.csv (URN "
          + onRollMissingURNs.joined(separator: ", ") + more + ")")
    }
    if unitsUnnamed > 0 {
      lines.append(
        "  \(unitsUnnamed) unit capacit\(unitsUnnamed == 1 ? "y" : "ies") left out: given beside a "
          + "TypeOfResourcedProvision that does not name the unit (check them in GIAS)")
    }
    if collegeAgesAssumed > 0 {
      let settings = collegeAgesAssumed == 1 ? "setting" : "settings"
      lines.append("  \(collegeAgesAssumed) post-16 \(settings) with blank statutory ages taken as 16 to 25")
    }
    let skippedTotal = skipped.reduce(0) { $0 + $1.count }
    lines.append("skipped \(skippedTotal):")
    for (reason, count) in skipped where count > 0 { lines.append("  \(count) \(reason)") }
    return lines.joined(separator: "\n")
  }
}

/// Settings made from a GIAS extract, with the counts of what was kept.
public struct GIASImport: Sendable {
  /// The settings, in the extract's row order, each unit right after its host.
  public var settings: [Setting]
  /// What was kept and skipped, and why.
  public var report: GIASImportReport
}

/// Reads the DfE's GIAS establishment extract (`edubasealldata*.csv`),
/// exactly as downloaded, into `settings.csv` settings.
///
/// The file is Windows-1252 (a file re-saved as UTF-8 is read as UTF-8; one
/// in UTF-16 is refused) and its columns are found by name. It keeps
/// establishments whose status is `Open` or `Open, but proposed to close`
/// in the LAs named, of a type a pupil can be placed at: every GIAS type,
/// with its further-education type, has a rule in `GIASEstablishmentType`
/// (a kind, or skipped and counted by type; a type it does not know is
/// counted apart). Colleges' and special post-16 institutions' high age
/// above 25 (GIAS gives 99) is read as 25, the end of an EHC plan; a
/// setting whose request section 39 protects beyond its kind's default (a
/// non-maintained special school, a section 41 approved institution) gets
/// `statutoryRequest` true. A resourced provision or SEN unit of a school
/// becomes a setting of its own (`URN-RP`, `URN-SU`, kind resourced), with
/// the unit's capacity and on-roll figures and the needs of the school's
/// SEN columns, which describe the units; the school keeps its own capacity
/// and takes any need. For the other kinds the SEN columns are the
/// establishment's own designations (a college without them takes any need).
///
/// Problems are collected in one pass like a case's: a kept row with a bad
/// value, a missing column, an LA with no establishment in the file, and,
/// with `--missing-capacity fail`, every kept establishment without a
/// capacity.
public enum GIASImporter {
  /// Reads the extract at `path` (named so in problems).
  public static func read(path: String, options: GIASImportOptions) throws(InvalidCaseError) -> GIASImport {
    switch CaseFile(atPath: path) {
    case .contents(let data): return try read(bytes: [UInt8](data), file: path, options: options)
    case .missing: throw single(path, found: "no such file", expected: "the GIAS extract (edubasealldata*.csv)")
    case .folder: throw single(path, found: "a folder", expected: "the GIAS extract (edubasealldata*.csv)")
    case .unreadable(let what):
      throw single(path, found: what, expected: "a readable regular file (check the path and its permissions)")
    }
  }

  /// Reads an extract held in memory, named `file` in problems.
  package static func read(bytes: [UInt8], file: String, options: GIASImportOptions) throws(InvalidCaseError)
    -> GIASImport
  {
    var reading = GIASReading(file: file, options: options)
    let result = reading.read(bytes)
    guard reading.problems.total == 0, let result else { throw reading.finalError() }
    return result
  }

  private static func single(_ file: String, found: String, expected: String) -> InvalidCaseError {
    InvalidCaseError(problems: [
      InputProblem(file: file, line: nil, column: nil, field: nil, found: found, expected: expected)
    ])
  }
}
