import Foundation
import Placewise
import Testing

/// The files of a case folder, written to a fresh temporary directory for
/// one read and removed afterwards.
struct InputCaseFiles {
  /// File name to contents; a missing name is a missing file.
  var files: [String: [UInt8]]
  /// Names to create as folders instead of files.
  var folders: [String] = []

  init(_ files: [String: String]) {
    self.files = files.mapValues { Array($0.utf8) }
  }

  /// A small valid case: three settings, three pupils, four journeys and a
  /// policy, touching every optional column.
  static let valid = InputCaseFiles([
    "settings.csv": InputCSVText.settings([
      [:],
      [
        "urn": "100002", "name": "\"Elm Academy, Resourced Provision\"", "kind": "resourced",
        "easting": "451000.5", "northing": "251000", "low_age": "11", "high_age": "16", "capacity": "8",
        "on_roll": "", "gender": "", "needs": "", "need_places": "", "cost_per_place": "", "la": "",
      ],
      [
        "urn": "100003", "name": "Birch House", "kind": "Independent", "easting": "452000", "northing": "252000",
        "low_age": "7", "high_age": "18", "capacity": "6.0", "on_roll": "0", "gender": "BOYS", "needs": "SEMH",
        "need_places": "", "cost_per_place": "95000.50", "la": "",
      ],
    ]),
    "pupils.csv": InputCSVText.pupils([
      [:],
      [
        "pupil_id": "P002", "easting": "451200", "northing": "251300", "age": "12", "primary_need": "SpLD",
        "provision": "resourced; mainstream", "sex": "", "preferences": "", "max_travel_minutes": "60",
        "priority": "", "current_urn": "",
      ],
      [
        "pupil_id": "P003", "easting": "452100", "northing": "252100", "age": "14", "primary_need": "semh",
        "provision": "Independent", "sex": "m", "preferences": "100003;;100001", "max_travel_minutes": "",
        "priority": "1", "current_urn": "",
      ],
    ]),
    "travel.csv": """
    pupil_id,urn,minutes,km
    P001,100001,12.5,4.2
    P002,100002,30,
    P003,100003,45.25,20
    P003,100001,50,22

    """,
    "policy.toml": """
    # Leeds 2026 intake
    max_travel_minutes_primary = 50
    detour_factor = 1.25

    """,
  ])

  /// This case with one file replaced.
  func with(_ name: String, _ contents: String) -> InputCaseFiles {
    var copy = self
    copy.files[name] = Array(contents.utf8)
    return copy
  }

  /// This case with one file replaced by raw bytes.
  func with(_ name: String, bytes: [UInt8]) -> InputCaseFiles {
    var copy = self
    copy.files[name] = bytes
    return copy
  }

  /// This case without a file.
  func without(_ name: String) -> InputCaseFiles {
    var copy = self
    copy.files[name] = nil
    return copy
  }

  /// Writes the files to a new temporary folder, runs `body` on its path and
  /// removes the folder.
  func withFolder<R>(_ body: (String) throws -> R) throws -> R {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("placewise-input-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    for (name, bytes) in files {
      try Data(bytes).write(to: folder.appendingPathComponent(name))
    }
    for name in folders {
      try FileManager.default.createDirectory(
        at: folder.appendingPathComponent(name), withIntermediateDirectories: true)
    }
    return try body(folder.path)
  }

  /// Reads the case, expecting success.
  func read(sourceLocation: SourceLocation = #_sourceLocation) throws -> Case {
    try withFolder { folder in try CaseReader.read(folder: folder) }
  }

  /// Reads the case, expecting it to be refused, and returns the error.
  func failure(sourceLocation: SourceLocation = #_sourceLocation) throws -> InvalidCaseError {
    try withFolder { folder in
      let error = #expect(throws: InvalidCaseError.self, sourceLocation: sourceLocation) {
        try CaseReader.read(folder: folder)
      }
      return try #require(error, sourceLocation: sourceLocation)
    }
  }
}

/// Builds CSV text for the case's files from rows given as column -> cell
/// maps over a default row.
enum InputCSVText {
  static let settingsHeader = [
    "urn", "name", "kind", "easting", "northing", "low_age", "high_age", "capacity", "on_roll", "gender", "needs",
    "need_places", "cost_per_place", "la",
  ]
  static let settingsDefault = [
    "urn": "100001", "name": "Oak Special School", "kind": "special", "easting": "450000", "northing": "250000",
    "low_age": "4", "high_age": "19", "capacity": "20", "on_roll": "5", "gender": "mixed", "needs": "ASD;SLD",
    "need_places": "ASD:10", "cost_per_place": "42000", "la": "383",
  ]
  static let pupilsHeader = [
    "pupil_id", "easting", "northing", "age", "primary_need", "provision", "sex", "preferences",
    "max_travel_minutes", "priority", "current_urn",
  ]
  static let pupilsDefault = [
    "pupil_id": "P001", "easting": "450500", "northing": "250500", "age": "9", "primary_need": "ASD",
    "provision": "special;independent", "sex": "F", "preferences": "100001;999999", "max_travel_minutes": "",
    "priority": "2", "current_urn": "100002",
  ]

  /// settings.csv with these rows (each over the default row).
  static func settings(_ rows: [[String: String]]) -> String {
    table(settingsHeader, settingsDefault, rows)
  }

  /// pupils.csv with these rows (each over the default row).
  static func pupils(_ rows: [[String: String]]) -> String {
    table(pupilsHeader, pupilsDefault, rows)
  }

  /// The 1-based column of a header name in the files built here.
  static func column(_ name: String, in header: [String]) -> Int? {
    header.firstIndex(of: name).map { $0 + 1 }
  }

  private static func table(_ header: [String], _ defaults: [String: String], _ rows: [[String: String]]) -> String {
    var lines = [header.joined(separator: ",")]
    for row in rows {
      lines.append(header.map { row[$0] ?? defaults[$0] ?? "" }.joined(separator: ","))
    }
    return lines.joined(separator: "\n") + "\n"
  }
}
