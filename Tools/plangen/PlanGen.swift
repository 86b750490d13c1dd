import ArgumentParser
import Foundation
import Placewise
import ToolSupport

/// `plangen`: seeded plan and options files for a generated case, for the
/// benchmarks of `compare` and `recommend`.
@main
struct PlanGen: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "plangen",
    abstract: "Write seeded plan files and an options file for a case (benchmarks of compare and recommend).",
    discussion: """
      Plans cycle through three kinds: more places (with a need) at special schools and resourced \
      provisions, a new special school near an existing one, and a closure whose places move to \
      another school. Options come in groups of three sizes (8, 16 or 24 places, or a new school \
      of 30, 60 or 90) at one setting. With --travel, the journeys to every new setting are \
      appended to the case's travel.csv (estimated from coordinates, within 75 minutes), so that \
      a routing matrix lists them as it would a real proposal.
      """
  )

  @Option(help: "The case folder (its settings.csv and pupils.csv are read).")
  var caseFolder: String

  @Option(help: "How many plan files to write.")
  var plans = 10

  @Option(help: "How many options to write (in groups of three).")
  var options = 30

  @Option(help: "The seed.")
  var seed: UInt64 = 11

  @Flag(help: "Append the new settings' journeys to the case's travel.csv.")
  var travel = false

  @Option(help: "Folder for the plan files and options.csv.")
  var out: String

  func run() throws {
    let input = try CaseReader.read(folder: caseFolder)
    var random = SeededRandom(seed: seed, stream: 1)
    let targets = input.settings.filter { ($0.kind == .special || $0.kind == .resourced) && !$0.needs.isEmpty }
    let specials = input.settings.filter { $0.kind == .special && !$0.needs.isEmpty }
    guard !targets.isEmpty, specials.count >= 2 else { throw ValidationError("the case has too few special schools") }
    try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
    var opened: [Setting] = []
    try writePlans(targets: targets, specials: specials, opened: &opened, &random)
    try writeOptions(targets: targets, specials: specials, opened: &opened)
    if travel, input.travel != nil, let handle = FileHandle(forWritingAtPath: caseFolder + "/travel.csv") {
      appendJourneys(to: handle, from: input, to: opened)
    }
    print("plangen: \(plans) plans and \(options) options in \(out); \(opened.count) new settings")
  }

  /// The header of plan files (options.csv puts `option,group,` before it).
  static let header =
    "action,urn,name,kind,easting,northing,low_age,high_age,capacity,on_roll,gender,needs,cost_per_place,"
    + "places,need,capital_cost,annual_cost"

  /// A proposed school near `base`: its needs (two at most), new places
  /// and no pupils on roll.
  static func newSchool(_ urn: String, near base: Setting, capacity: Int, _ random: inout SeededRandom) -> Setting {
    let needs = Array(base.needs)
    var setting = base
    setting.urn = URN(urn)
    setting.name = "Proposed school \(urn)"
    setting.easting = (base.easting + random.uniform(-5000, 5000)).rounded()
    setting.northing = (base.northing + random.uniform(-5000, 5000)).rounded()
    setting.capacity = capacity
    setting.onRoll = 0
    setting.needs = EnumSet(needs.prefix(2))
    setting.needPlaces = [:]
    return setting
  }

  /// A setting's cells in a `new_setting` row, `urn` to `cost_per_place`.
  static func settingCells(_ s: Setting) -> [String] {
    [
      s.urn.rawValue, s.name, s.kind.word, String(Int(s.easting)), String(Int(s.northing)), String(s.lowAge),
      String(s.highAge), String(s.capacity), String(s.onRoll), s.gender.rawValue,
      s.needs.map(\.code).joined(separator: ";"), s.costPerPlace.map { String(Int($0)) } ?? "",
    ]
  }

  /// An `add_places` row: `places` more at `s` for one of its needs, at a
  /// capital cost per place.
  static func addRow(_ s: Setting, _ places: Int, _ random: inout SeededRandom) -> String {
    let need = random.element(Array(s.needs)).code
    let capital = places * (55_000 + 1_000 * random.int(in: 0...25))
    return "add_places,\(s.urn.rawValue),,,,,,,,,,,,\(places),\(need),\(capital),0"
  }

  /// Writes plan-1.csv onwards, the kinds in turn: more places, a new
  /// special school (added to `opened`), a closure whose places move.
  func writePlans(targets: [Setting], specials: [Setting], opened: inout [Setting], _ random: inout SeededRandom)
    throws
  {
    for i in 0..<plans {
      var lines = [Self.header]
      switch i % 3 {
      case 0:
        for _ in 0..<random.int(in: 1...3) {
          lines.append(Self.addRow(random.element(targets), 8 * random.int(in: 1...3), &random))
        }
      case 1:
        let school = Self.newSchool(
          "NEW-P\(i)", near: random.element(specials), capacity: 30 * random.int(in: 1...3), &random)
        opened.append(school)
        lines.append(
          "new_setting," + Self.settingCells(school).joined(separator: ",")
            + ",,,\(school.capacity * 95_000),250000")
      default:
        let closed = random.element(specials)
        lines.append("close_setting,\(closed.urn.rawValue),,,,,,,,,,,,,,0,0")
        var other = random.element(specials)
        while other.urn == closed.urn { other = random.element(specials) }
        lines.append(Self.addRow(other, max(8, closed.capacity / 2), &random))
      }
      try (lines.joined(separator: "\n") + "\n").write(
        toFile: "\(out)/plan-\(i + 1).csv", atomically: true, encoding: .utf8)
    }
  }

  /// Writes options.csv: groups of three sizes at one setting, each group
  /// drawn from its own stream; every fourth group a new school (its
  /// smallest size added to `opened`).
  func writeOptions(targets: [Setting], specials: [Setting], opened: inout [Setting]) throws {
    var lines = ["option,group," + Self.header]
    for i in 0..<options {
      let group = i / 3
      let size = i % 3 + 1
      var groupRandom = SeededRandom(seed: seed, stream: 100 + UInt64(group))
      if group % 4 == 3 {
        let school = Self.newSchool(
          "NEW-O\(group)", near: groupRandom.element(specials), capacity: 30 * size, &groupRandom)
        if size == 1 { opened.append(school) }
        lines.append(
          "opt\(i + 1),g\(group + 1),new_setting," + Self.settingCells(school).joined(separator: ",")
            + ",,,\(school.capacity * 90_000),\(100_000 * size)")
      } else {
        let target = groupRandom.element(targets)
        lines.append("opt\(i + 1),g\(group + 1)," + Self.addRow(target, 8 * size, &groupRandom))
      }
    }
    try (lines.joined(separator: "\n") + "\n").write(toFile: "\(out)/options.csv", atomically: true, encoding: .utf8)
  }

  /// Appends to travel.csv every pupil's journey to each opened setting
  /// within 75 minutes, estimated from coordinates by the case's policy.
  func appendJourneys(to handle: FileHandle, from input: Case, to opened: [Setting]) {
    handle.seekToEndOfFile()
    var text = ""
    for school in opened {
      for pupil in input.pupils {
        let minutes = input.policy.estimatedMinutes(
          fromEasting: pupil.easting, northing: pupil.northing, toEasting: school.easting,
          northing: school.northing)
        if minutes <= 75 { text += "\(pupil.id.rawValue),\(school.urn.rawValue),\((minutes * 10).rounded() / 10),\n" }
      }
    }
    handle.write(Data(text.utf8))
    handle.closeFile()
  }
}
