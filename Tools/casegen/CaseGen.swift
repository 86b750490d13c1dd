import ArgumentParser
import Foundation
import Placewise

/// Why the generator stopped.
enum CaseGenError: Error, CustomStringConvertible {
  case folderNotEmpty(String)
  case notAFolder(String)
  case cannotWrite(String)

  var description: String {
    switch self {
    case .folderNotEmpty(let path): "\(path) is not empty; pass --force to write the case into it anyway"
    case .notAFolder(let path): "\(path) exists and is not a folder"
    case .cannotWrite(let path): "cannot create \(path)"
    }
  }
}

/// `casegen`: writes a seeded synthetic case in the case format.
@main
struct CaseGen: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "casegen",
    abstract:
      "Write a seeded synthetic Placewise case: settings.csv, pupils.csv, and optionally travel.csv and policy.toml.",
    discussion: """
      The case looks like English SEND data. Settings and homes cluster around \
      towns; one county is about 50 by 60 km of the British National Grid, and \
      larger batches tile England with counties. It has mainstream primaries \
      and secondaries (a few single-sex), resourced provisions designated for \
      one need, state special schools that are mostly full (at most 30% of a \
      school's places free, and fewer free places in all than pupils who need \
      one), one or two dear independent \
      special schools per county, alternative provision, and sometimes a \
      planned provision with a local code such as NEW-ASD-01. Pupils' needs, \
      ages, plans, preferences, priorities and journey limits follow realistic \
      mixes.

      The same seed and options give byte-identical files. Without \
      --travel-matrix, journeys are left to be estimated from the coordinates.
      """
  )

  @Option(help: "Number of pupils in the batch.")
  var pupils: Int

  @Option(help: "Number of settings (default: one per 27 pupils, at least 5 per county).")
  var settings: Int?

  @Option(help: "Number of counties (default: 1 up to 25,000 pupils, else one per 5,000 pupils, at most 150).")
  var counties: Int?

  @Option(help: "Seed of the generator.")
  var seed: UInt64 = 1

  @Flag(help: "Also write travel.csv: road minutes and km for reachable pupil-setting pairs.")
  var travelMatrix = false

  @Option(help: "With --travel-matrix: keep pairs whose road journey is at most this many minutes.")
  var travelMaxMinutes: Double = 90

  @Flag(help: "Also write policy.toml with every key at its default value, commented.")
  var policy = false

  @Flag(help: "Also write roll.csv: the pupils on roll at every setting but mainstream ones.")
  var roll = false

  @Flag(
    help:
      "With --travel-matrix and --roll: travel.csv also lists the roll's pupils, and settings of every age range (a whole caseload's matrix, for forecast)."
  )
  var forecastJourneys = false

  @OptionGroup(title: "Shape")
  var shape: CaseShape

  @Option(help: "The case folder to write (created if missing).")
  var out: String

  @Flag(
    help:
      "Write into a folder that is not empty: replaces the case files, and removes a travel.csv or policy.toml that this run does not write."
  )
  var force = false

  var countyCount: Int { counties ?? (pupils <= 25_000 ? 1 : min(150, max(2, (pupils + 2_500) / 5_000))) }
  var settingCount: Int { settings ?? max(5 * countyCount, (pupils + 13) / 27) }

  func validate() throws {
    guard pupils >= 1 else { throw ValidationError("--pupils must be at least 1.") }
    guard countyCount >= 1, countyCount <= 150 else { throw ValidationError("--counties must be from 1 to 150.") }
    guard settingCount >= 5 * countyCount else {
      throw ValidationError("--settings must be at least 5 per county (\(5 * countyCount) here).")
    }
    guard travelMaxMinutes > 0, travelMaxMinutes.isFinite else {
      throw ValidationError("--travel-max-minutes must be a positive number.")
    }
  }

  func run() throws {
    let clock = ContinuousClock()
    let start = clock.now
    let folder = URL(fileURLWithPath: out, isDirectory: true)
    try prepare(folder)

    if let tied = shape.tiedSettings {
      let bytes = try TiedCase(settings: tied, pupils: pupils).write(to: folder)
      print(
        "casegen: tied case, \(pupils) identical pupils, \(tied) settings of one place; \(bytes / 1_000) kB to \(out)")
      return
    }
    let request = GenerationRequest(
      pupils: pupils, settings: settingCount, counties: countyCount, seed: seed, shape: shape)
    let generator = CaseGenerator(request: request)
    let generated = generator.generate()
    let generatedAt = clock.now

    let writer = CaseWriter(folder: folder, seed: seed, shape: shape)
    var bytes = try writer.writeSettings(generated)
    bytes += try writer.writePupils(generated)
    var travelNote = ""
    if travelMatrix {
      let travel = try writer.writeTravel(
        generated, maxMinutes: travelMaxMinutes, policy: generator.policy,
        roll: forecastJourneys && roll ? writer.rollPupils(generated) : [], everyAge: forecastJourneys)
      bytes += travel.bytes
      travelNote = ", \(travel.rows) journeys"
    }
    if policy { try writer.writePolicy(generator.policy) }
    if roll { bytes += try writer.writeRoll(generated) }
    let end = clock.now

    let kinds = SettingKind.allCases.map { "\(generated.settingsCount(of: $0)) \($0.word)" }.joined(separator: ", ")
    print(
      "casegen: \(generated.pupils.count) pupils, \(generated.settings.count) settings (\(kinds)) "
        + "in \(countyCount) \(countyCount == 1 ? "county" : "counties")\(travelNote); "
        + "\(bytes / 1_000) kB to \(out) in \(seconds(end - start)) s (generate \(seconds(generatedAt - start)) s)")
  }

  private func seconds(_ d: Duration) -> String {
    let ms = d.components.seconds * 1000 + d.components.attoseconds / 1_000_000_000_000_000
    return "\(ms / 1000).\(String(String(1000 + ms % 1000).dropFirst()))"
  }

  /// Creates the folder, or checks that writing into it is allowed; with
  /// `--force`, removes case files this run will not write, so the folder
  /// never mixes two cases.
  private func prepare(_ folder: URL) throws {
    let fm = FileManager.default
    var isFolder: ObjCBool = false
    if fm.fileExists(atPath: folder.path, isDirectory: &isFolder) {
      guard isFolder.boolValue else { throw CaseGenError.notAFolder(out) }
      let entries = try fm.contentsOfDirectory(atPath: folder.path)
      guard entries.isEmpty || force else { throw CaseGenError.folderNotEmpty(out) }
      for (file, written) in [("travel.csv", travelMatrix), ("policy.toml", policy), ("roll.csv", roll)]
      where !written {
        let path = folder.appendingPathComponent(file).path
        if fm.fileExists(atPath: path) { try fm.removeItem(atPath: path) }
      }
    } else {
      try fm.createDirectory(at: folder, withIntermediateDirectories: true)
    }
  }
}
