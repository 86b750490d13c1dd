import Foundation

/// The state of reading one case: problems, warnings, and the ids seen so far.
struct CaseReading {
  var problems = ProblemList(limit: CaseReader.problemLimit)
  var warnings: [InputWarning] = []
  /// Setting index per URN, and the line each URN was first seen on.
  var settingIndex = ByteKeyTable()
  var settingLines: [Int] = []
  /// Pupil index per pupil id, and the line each id was first seen on.
  var pupilIndex = ByteKeyTable()
  var pupilLines: [Int] = []
  /// Ids holding non-ASCII characters, as Swift compares text (canonical
  /// equivalence), and their lines: see `identifier`.
  var settingSpellings: [String: Int32] = [:]
  var pupilSpellings: [String: Int32] = [:]
  /// Postcodes to look up, the PROJ converter, and what they need.
  var locations = LocationState()
  /// The policy, read first: the pupils' ages need its placement start.
  var policy = Policy()
  /// Whether an age was taken on the default placement start (warned about).
  var usedDefaultStart = false
  /// URNs of settings that plans open: their `travel.csv` rows are kept in
  /// `openingTravel`, not skipped. After reading, the URNs not in
  /// settings.csv, once each: a row's setting index is a position here.
  var openings: [String] = []
  var openingTravel = TravelMatrix()
  /// True when settings.csv gave no setting and a problem says why (a file
  /// that is not text, a header without urn): a urn another file names is
  /// then not checked against it (round thirty-four: every roll.csv row
  /// was "not a setting" under a settings.csv that could not be read).
  var settingsUnread = false
  /// For each URN settings.csv names, in `settingIndex`'s order, its
  /// position in the settings read; -1 for a row refused (round
  /// thirty-six: one refused row shifted every later roll.csv look-up, so a
  /// roll row at S9 was told "at A1", and B1 "not a setting").
  var settingPositions: [Int] = []

  mutating func read(folder: String, policyFile: String?) -> Case? {
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
      problems.add(
        InputProblem(
          file: folder, line: nil, column: nil, field: nil,
          found: FileManager.default.fileExists(atPath: folder) ? "a file, not a folder" : "no such folder",
          expected: "a case folder holding settings.csv and pupils.csv"))
      if let policyFile { _ = readPolicy(CaseFile(atPath: policyFile), name: policyFile, required: true) }
      return nil
    }
    let base = URL(fileURLWithPath: folder, isDirectory: true)
    locations.caseFolder = folder
    return read(policyFile: policyFile) { name, inFolder in
      CaseFile(atPath: inFolder ? base.appendingPathComponent(name).path : name)
    }
  }

  /// Parses the case whose files `file` finds: called with a case file's
  /// name (`settings.csv`) and true, or with `policyFile` and false.
  mutating func read(policyFile: String?, file: (_ name: String, _ inFolder: Bool) -> CaseFile) -> Case? {
    // Problems sort by file rank, so reading the policy first changes no message's place.
    problems.fileRank = 4
    policy =
      if let policyFile {
        readPolicy(file(policyFile, false), name: policyFile, required: true)
      } else {
        readPolicy(file("policy.toml", true), name: "policy.toml", required: false)
      }
    problems.fileRank = 1
    var settings: [Setting] = []
    let problemsBeforeSettings = problems.total
    if var data = load(file("settings.csv", true), name: "settings.csv", required: true) {
      data.withUnsafeMutableBytes { settings = readSettings($0.bindMemory(to: UInt8.self)) }
    }
    settingsUnread = settingIndex.count == 0 && problems.total > problemsBeforeSettings
    settingPositions = [Int](repeating: -1, count: settingIndex.count)
    for (position, setting) in settings.enumerated() {
      if let s = settingNumber(setting.urn.rawValue), Int(s) < settingPositions.count {
        settingPositions[Int(s)] = position
      }
    }
    problems.fileRank = 2
    var pupils: [Pupil] = []
    if var data = load(file("pupils.csv", true), name: "pupils.csv", required: true) {
      data.withUnsafeMutableBytes { pupils = readPupils($0.bindMemory(to: UInt8.self)) }
    }
    if usedDefaultStart {
      warnings.append(
        InputWarning(
          file: "pupils.csv",
          message: "ages taken from date_of_birth on \(placementStart), the coming 1 September "
            + "(set placement_start in the policy to fix the date)"))
    }
    problems.fileRank = 3
    let caseSettings = settingIndex.count
    var inserted: [String] = []
    for urn in openings where urn.utf8.count <= ByteKeyTable.maxKeyLength && settingIndex.value(for: urn) == nil {
      _ = settingIndex.insert(urn, value: Int32(settingIndex.count))
      inserted.append(urn)
    }
    openings = inserted
    // The roll before the journeys: travel.csv rows naming a pupil on roll
    // are kept for the plans that displace them (`rollTravel`).
    problems.fileRank = 3
    var roll: [RollPupil] = []
    if var data = load(file("roll.csv", true), name: "roll.csv", required: false) {
      data.withUnsafeMutableBytes { roll = readRoll($0.bindMemory(to: UInt8.self), settings: settings) }
    }
    let batch = pupilIndex.count
    for (r, entry) in roll.enumerated() { _ = pupilIndex.insert(entry.pupil.id.rawValue, value: Int32(batch + r)) }
    var travel: TravelMatrix?
    if var data = load(file("travel.csv", true), name: "travel.csv", required: false) {
      data.withUnsafeMutableBytes { travel = readTravel($0.bindMemory(to: UInt8.self)) }
    }
    var rollTravel: TravelMatrix?
    if let read = travel {
      let (own, onRoll) = Self.partition(read) { pupil, _ in pupil < batch }
      travel = own
      rollTravel = TravelMatrix()
      for k in 0..<onRoll.count {
        rollTravel?.append(
          pupil: Int(onRoll.pupil[k]) - batch, setting: Int(onRoll.setting[k]), minutes: onRoll.minutes[k])
      }
    }
    if settingIndex.count > caseSettings, let read = travel {
      (travel, openingTravel) = Self.split(read, caseSettings: caseSettings)
    }
    problems.fileRank = 5
    resolvePostcodes(policy: policy, settings: &settings, pupils: &pupils)

    guard problems.total == 0 else { return nil }
    assert(settings.count == caseSettings && pupils.count + roll.count == pupilIndex.count)
    warnings += Self.policyWarnings(policy: policy, settings: settings)
    var input = Case(settings: settings, pupils: pupils, travel: travel, policy: policy, warnings: warnings, roll: roll)
    input.rollTravel = rollTravel
    input.placementStart = placementStart
    input.postcodeDirectory = postcodeDirectoryPath
    return input
  }

  /// Warnings version 2's policy asks for, counting what they concern.
  static func policyWarnings(policy: Policy, settings: [Setting]) -> [InputWarning] {
    var found: [InputWarning] = []
    if policy.ageRange == .gias {
      let closed = settings.count { $0.lowAge == $0.highAge }
      if closed > 0 {
        found.append(
          InputWarning(
            file: "settings.csv",
            message: "\(closed) setting\(closed == 1 ? " has" : "s have") low_age equal to high_age and "
              + "admit\(closed == 1 ? "s" : "") no one under age_range = \"gias\" (the high age is the age "
              + "reached in the last year)",
            count: closed))
      }
    }
    if policy.usesMoney {
      let unpriced = settings.count { $0.costPerPlace == nil }
      if unpriced > 0 {
        found.append(
          InputWarning(
            file: "settings.csv",
            message: "\(unpriced) setting\(unpriced == 1 ? " has" : "s have") no cost_per_place and "
              + "count\(unpriced == 1 ? "s" : "") as £0 a year in the cost of places",
            count: unpriced))
      }
    }
    return found
  }

  // MARK: Files

  /// The bytes of a file; nil, with a problem when `required`, when it is
  /// missing, a folder, unreadable or not UTF-8 at all. (The readers then
  /// work in this buffer: it is not copied again.)
  mutating func load(
    _ file: CaseFile, name: String, required: Bool, inCase: Bool = true, expected: String = "a policy file at this path"
  ) -> Data? {
    let expectedFile = inCase ? "a \(name) file in the case folder" : expected
    let data: Data
    switch file {
    case .missing:
      if required {
        problems.add(
          InputProblem(
            file: name, line: nil, column: nil, field: nil, found: "no such file",
            expected: expectedFile + (inCase ? " (required)" : "")))
      }
      return nil
    case .folder:
      problems.add(
        InputProblem(file: name, line: nil, column: nil, field: nil, found: "a folder", expected: expectedFile))
      return nil
    case .unreadable(let what):
      problems.add(
        InputProblem(
          file: name, line: nil, column: nil, field: nil, found: what,
          expected: "a readable regular file (check the path and its permissions)"))
      return nil
    case .contents(let contents):
      data = contents
    }
    // Without a byte-order mark, UTF-16 text has a NUL byte in every other
    // position, which no UTF-8 case file has at all.
    if data.prefix(2).contains(0) {
      problems.add(
        InputProblem(
          file: name, line: 1, column: nil, field: nil,
          found: "NUL bytes: a UTF-16 file (\"Unicode text\") without a byte-order mark, or not text at all",
          expected: InputText.utf8Advice))
      return nil
    }
    if data.starts(with: [0xFF, 0xFE]) || data.starts(with: [0xFE, 0xFF]) {
      problems.add(
        InputProblem(
          file: name, line: 1, column: nil, field: nil, found: "a UTF-16 file (\"Unicode text\")",
          expected: InputText.utf8Advice))
      return nil
    }
    return data
  }

  /// The policy in a policy file: the case's `policy.toml`, or the one the
  /// user named (`required`, and reported under the path given).
  mutating func readPolicy(_ file: CaseFile, name: String, required: Bool) -> Policy {
    guard let data = load(file, name: name, required: required, inCase: !required) else { return Policy() }
    let (policy, found) = PolicyReader.read([UInt8](data), file: name)
    for problem in found { problems.add(problem) }
    return policy
  }

  /// The id in `column` of the current row, registered in `index` with its
  /// line; nil, with a problem, when empty or seen before.
  ///
  /// Seen before means the same bytes, or the same text in other code
  /// points (`É` composed, or `E` and a combining accent): Swift's strings,
  /// which key the settings and pupils after reading, hold those equal, so
  /// two settings spelt so became one, and a request for the second was
  /// met at the first (hostile trial, round twenty-one). Only ids holding a
  /// non-ASCII byte can differ so; `spellings` keeps those.
  static func identifier<Column: TableColumn>(
    _ table: inout TableReader<Column>, _ column: Column, index: inout ByteKeyTable, lines: inout [Int],
    spellings: inout [String: Int32]
  ) -> String? {
    guard let bytes = table.idBytes(column, emptyExpected: "a \(column.name) (every row needs one)") else {
      return nil
    }
    // An id of a pupils' file that looks like personal data (a name, a date
    // of birth, a postcode) is described, not quoted (round twenty-six); one
    // the id rules accept is the case's own pseudonym, which messages name.
    func shown(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
      guard table.isPupilFile else { return TableReader<Column>.shown(bytes, pupilFile: false) }
      return InputText.idShown(String(decoding: bytes, as: UTF8.self))
    }
    if let first = index.insert(bytes, value: Int32(lines.count)) {
      table.report(
        column, found: shown(bytes) + " again",
        expected: "a unique \(column.name) (this one is on line \(lines[Int(first)]) already)")
      return nil
    }
    lines.append(table.line)
    let text = String(decoding: bytes, as: UTF8.self)
    // A pupil's id is pseudonymised, never a name (case-format.md): one
    // shaped like a name, a date of birth, a postcode or a coordinate would
    // be written into every output (round thirty-two: "John Smith" passed).
    if table.isPupilFile, let shape = InputText.personalIDShape(text) {
      table.report(
        column, found: shape,
        expected: "a pseudonymised \(column.name) (never a name, a date of birth, a postcode or a location)")
      return nil
    }
    if bytes.contains(where: { $0 >= 0x80 }) {
      if let first = spellings[text] {
        table.report(
          column,
          found: shown(bytes) + ", the same text as line \(lines[Int(first)])'s in other Unicode code points",
          expected:
            "a unique \(column.name) (an accented letter written once composed and once as a letter and a "
            + "combining mark is one id; write both alike)")
        return nil
      }
      spellings[text] = Int32(lines.count - 1)
    }
    return text
  }

  /// The setting an id names, by its bytes or, for an id holding non-ASCII
  /// characters, by its text: a reference written in the other Unicode
  /// spelling (`é` composed or decomposed) names the same setting, as
  /// Swift's strings, which key the case after reading, hold it does
  /// (round twenty-two: travel.csv rows so spelt were skipped).
  func settingNumber(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32? {
    Self.number(bytes, in: settingIndex, spellings: settingSpellings)
  }

  /// `settingNumber` of a text.
  func settingNumber(_ text: String) -> Int32? {
    var text = text
    return text.withUTF8 { settingNumber($0) }
  }

  /// The pupil an id names, as `settingNumber` finds a setting.
  func pupilNumber(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32? {
    Self.number(bytes, in: pupilIndex, spellings: pupilSpellings)
  }

  /// An id's entry by its bytes, or, for one holding a non-ASCII byte,
  /// by its text among `spellings` (see `identifier`).
  static func number(_ bytes: UnsafeBufferPointer<UInt8>, in index: ByteKeyTable, spellings: [String: Int32])
    -> Int32?
  {
    index.value(for: bytes)
      ?? (bytes.contains(where: { $0 >= 0x80 }) ? spellings[String(decoding: bytes, as: UTF8.self)] : nil)
  }
}
