import Foundation
import Geodesy

/// A row's location as read: a grid point, a postcode still to look up, or
/// nothing usable (the problems are listed).
enum RowLocation {
  case point(GridPoint)
  /// A postcode; `problem` is located at its cell, for a failed lookup;
  /// `other` is a location the same row gave, which must agree.
  case postcode(PostcodeKey, problem: InputProblem, other: GridPoint?)
  case invalid
}

/// A setting or pupil whose position waits for the postcode directory.
struct PendingPostcode {
  /// The setting or pupil whose position it gives, by index; nil where
  /// the row is refused for another reason (its postcode is still checked,
  /// so that every problem is listed at once: round twenty-three).
  enum Target {
    case setting(Int?)
    case pupil(Int?)
  }

  var target: Target
  var key: PostcodeKey
  var problem: InputProblem
  var other: GridPoint?
}

/// What reading locations needs across rows and files.
struct LocationState {
  /// Made on the first latitude met: PROJ is not loaded for a case without one.
  var converter: BritishGridConverter?
  var pending: [PendingPostcode] = []
  /// The postcode directory named on the command line, over the policy's.
  var postcodesFile: String?
  /// The case folder, which a relative `postcodes` path in the policy is taken from.
  var caseFolder: String?
  /// Today, for the default placement start and future dates of birth.
  var today = CalendarDate.today
}

extension CalendarDate {
  /// `SOURCE_DATE_EPOCH` as an instant, when set to a whole number of
  /// seconds from 1970 to the year 2999 (the reproducible-builds
  /// convention: docs/decisions.md, "The run's date").
  package static let sourceDateEpochSeconds: Int64? = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"]
    .flatMap { Int64($0) }.flatMap { (0...32_503_679_999).contains($0) ? $0 : nil }

  /// The run's day: `SOURCE_DATE_EPOCH`'s in UTC, else today in the
  /// machine's time zone. The default `placement_start` and the check on
  /// future dates of birth take it, as the reports' date does, so that an
  /// output folder made with `SOURCE_DATE_EPOCH` is the same on any day
  /// (round twenty-five: the ages still followed the machine's clock).
  package static var today: CalendarDate {
    var calendar = Calendar(identifier: .gregorian)
    if sourceDateEpochSeconds != nil, let utc = TimeZone(identifier: "UTC") { calendar.timeZone = utc }
    let epoch = sourceDateEpochSeconds.map { Date(timeIntervalSince1970: TimeInterval($0)) }
    let parts = calendar.dateComponents([.year, .month, .day], from: epoch ?? Date())
    return CalendarDate(year: parts.year ?? 2000, month: parts.month ?? 1, day: parts.day ?? 1)
      ?? CalendarDate(uncheckedYear: 2000, month: 1, day: 1)
  }
}

extension CaseReading {
  /// Two location forms of one row must agree to within this many metres
  /// (a postcode's centre and a home's own position, for example).
  static let locationAgreementMetres = 1000.0

  /// Reads the location of the current row from whichever forms it gives:
  /// `easting`/`northing` (used when given), `latitude`/`longitude` (WGS84,
  /// converted with PROJ), or `postcode` (looked up later). Forms given
  /// together must agree; `concealed` keeps values out of messages.
  mutating func readLocation<Column: LocatedColumn>(_ table: inout TableReader<Column>, concealed: Bool)
    -> RowLocation
  {
    let before = table.problems.total
    let hasPostcode = !(table.cell(.postcode)?.isEmpty ?? true)
    let hasLatLon = !(table.cell(.latitude)?.isEmpty ?? true) || !(table.cell(.longitude)?.isEmpty ?? true)
    let hasGrid = !(table.cell(.easting)?.isEmpty ?? true) || !(table.cell(.northing)?.isEmpty ?? true)
    let gridRequired = !(hasPostcode || hasLatLon) || hasGrid
    let easting = table.decimal(
      .easting, required: gridRequired, range: InputRange.easting, concealed: concealed,
      expected: Self.expectedEasting)
    let northing = table.decimal(
      .northing, required: gridRequired, range: InputRange.northing, concealed: concealed,
      expected: Self.expectedNorthing)
    let grid = easting.flatMap { e in northing.map { GridPoint(easting: e, northing: $0) } }

    var converted: GridPoint?
    if hasLatLon {
      let shown = concealed ? " (not shown: part of a home location)" : ""
      let latitude = table.decimal(
        .latitude, required: true, concealed: concealed, expected: "a latitude in degrees north (WGS84)")
      let longitude = table.decimal(
        .longitude, required: true, concealed: concealed,
        expected: "a longitude in degrees east (WGS84; west is negative)")
      if let latitude, let longitude {
        let point = GeographicPoint(latitude: latitude, longitude: longitude)
        if !GeographicPoint.britishLatitudes.contains(latitude) {
          table.report(
            .latitude, found: (concealed ? "a latitude" : "\(latitude),") + " outside Great Britain" + shown,
            expected: "a latitude from 49.5 to 61 (Great Britain): are latitude and longitude swapped?")
        } else if !GeographicPoint.britishLongitudes.contains(longitude) {
          table.report(
            .longitude, found: (concealed ? "a longitude" : "\(longitude),") + " outside Great Britain" + shown,
            expected: "a longitude from -9 to 2 (Great Britain; west is negative)")
        } else {
          do throws(GeodesyError) {
            if locations.converter == nil { locations.converter = try BritishGridConverter() }
            converted = try locations.converter?.convert(point)
          } catch {
            table.report(
              .latitude, found: "a position PROJ could not convert: \(error.message)",
              expected: "a WGS84 latitude and longitude PROJ can convert to British National Grid")
          }
        }
      }
    }
    if let grid, let converted, Self.distance(grid, converted) > Self.locationAgreementMetres {
      table.report(
        .latitude, found: "a latitude and longitude \(Self.kilometres(grid, converted)) from the easting and northing",
        expected: "location columns that agree (to within 1 km), or one location form per row")
    }

    var postcode: (PostcodeKey, InputProblem)?
    if hasPostcode, let bytes = table.cell(.postcode) {
      if let key = PostcodeKey(bytes) {
        postcode = (key, Self.preparedProblem(&table, .postcode))
      } else {
        table.report(
          .postcode, found: "a value that is not a postcode (not shown: personal data)",
          expected: "a UK postcode such as SW1A 1AA (any case, any spaces)")
      }
    }

    let hasOtherColumns = table.cell(.postcode) != nil || table.cell(.latitude) != nil
    if !hasPostcode && !hasLatLon && grid == nil && hasOtherColumns && table.problems.total == before {
      // The file has other location columns but this row fills none.
      let column: Column = table.cell(.postcode) != nil ? .postcode : .latitude
      table.report(
        column, found: "no location",
        expected: "easting and northing, latitude and longitude, or postcode in every row")
    }
    guard table.problems.total == before else { return .invalid }
    let point = grid ?? converted
    if let (key, problem) = postcode { return .postcode(key, problem: problem, other: point) }
    guard let point else { return .invalid }
    return .point(point)
  }

  /// A problem at `column` of the current row, made now and listed later
  /// (or never) with its found and expected filled in.
  static func preparedProblem<Column: TableColumn>(_ table: inout TableReader<Column>, _ column: Column)
    -> InputProblem
  {
    let saved = table.problems
    table.problems = ProblemList(limit: 1)
    table.report(column, found: "", expected: "")
    let made = table.problems.keptInOrder.first
    table.problems = saved
    return made
      ?? InputProblem(file: table.file, line: table.line, column: nil, field: column.name, found: "", expected: "")
  }

  static func distance(_ a: GridPoint, _ b: GridPoint) -> Double {
    ((a.easting - b.easting) * (a.easting - b.easting) + (a.northing - b.northing) * (a.northing - b.northing))
      .squareRoot()
  }

  static func kilometres(_ a: GridPoint, _ b: GridPoint) -> String {
    String(format: "%.1f km", distance(a, b) / 1000)
  }

  /// The postcode directory to open: `--postcodes`, else the policy's
  /// `postcodes` (a relative path taken from the case folder).
  var postcodeDirectoryPath: String? {
    if let given = locations.postcodesFile { return given }
    guard let fromPolicy = policy.postcodesFile else { return nil }
    return fromPolicy.hasPrefix("/") || locations.caseFolder == nil
      ? fromPolicy : URL(fileURLWithPath: locations.caseFolder ?? ".").appendingPathComponent(fromPolicy).path
  }

  /// Looks up every postcode the case gave, in one pass over the directory,
  /// and places the rows that gave them; problems for postcodes that are
  /// unknown, terminated or without a grid position (never showing them).
  mutating func resolvePostcodes(policy: Policy, settings: inout [Setting], pupils: inout [Pupil]) {
    guard let first = locations.pending.first else {
      // `--postcodes` given for a case without postcodes: not read, but a
      // file that is not there is still an error, and the rest a warning
      // (round twenty-two: both passed in silence, and the manifest named
      // the file as if it had been used).
      guard let given = locations.postcodesFile else { return }
      var isFolder: ObjCBool = false
      if !FileManager.default.fileExists(atPath: given, isDirectory: &isFolder) || isFolder.boolValue {
        problems.add(
          InputProblem(
            file: given, line: nil, column: nil, field: nil,
            found: isFolder.boolValue ? "a folder" : "no such file",
            expected: "the postcode directory file given with --postcodes (ONSPD or OS Code-Point Open)"))
      } else {
        warnings.append(
          InputWarning(
            file: "pupils.csv",
            message: "--postcodes was given, but no setting or pupil gives a postcode: the directory was not read"))
      }
      return
    }
    guard let path = postcodeDirectoryPath else {
      if case .setting = first.target { problems.fileRank = 1 } else { problems.fileRank = 2 }
      var problem = first.problem
      problem.found = "postcodes, but no postcode directory to look them up in"
      problem.expected =
        "--postcodes FILE, or the policy key postcodes, naming the ONS Postcode Directory "
        + "or an OS Code-Point Open file"
      problems.add(problem)
      return
    }
    let lookup: PostcodeLookup
    switch PostcodeDirectory.lookup(path: path, wanted: Set(locations.pending.map(\.key))) {
    case .success(let found): lookup = found
    case .failure(let error):
      for problem in error.problems { problems.add(problem) }
      return
    }
    let name = (path as NSString).lastPathComponent
    let hidden = " (not shown: personal data)"
    for pending in locations.pending {
      var problem = pending.problem
      // Listed with the file the postcode is in.
      switch pending.target {
      case .setting: problems.fileRank = 1
      case .pupil: problems.fileRank = 2
      }
      switch lookup.entries[pending.key] {
      case .live(let easting, let northing):
        let point = GridPoint(easting: easting, northing: northing)
        if let other = pending.other {
          if Self.distance(point, other) > Self.locationAgreementMetres {
            problem.found = "a postcode whose centre is \(Self.kilometres(point, other)) from the row's other location"
            problem.expected = "location columns that agree (to within 1 km), or one location form per row"
            problems.add(problem)
          }
          continue
        }
        switch pending.target {
        case .setting(let s?):
          settings[s].easting = easting
          settings[s].northing = northing
        case .pupil(let p?):
          pupils[p].easting = easting
          pupils[p].northing = northing
        case .setting(nil), .pupil(nil): break
        }
        continue
      case .terminated(let since):
        problem.found = "a postcode that \(name) lists as terminated (since \(since))" + hidden
        problem.expected = "a postcode in use (the current address's)"
      case .noGridReference:
        problem.found =
          "a postcode that \(name) gives no British National Grid position for "
          + "(Northern Ireland, Channel Islands, Isle of Man)" + hidden
        problem.expected = "a postcode in Great Britain, or easting and northing"
      case nil:
        problem.found = "a postcode that is not in \(name)" + hidden
        problem.expected = "a postcode listed in the postcode directory (check it for typing errors)"
      }
      problems.add(problem)
    }
    warnings.append(
      InputWarning(
        file: name,
        message: "\(locations.pending.count) postcode\(locations.pending.count == 1 ? "" : "s") looked up in "
          + "\(lookup.rows) rows (\(lookup.layout.rawValue))", count: locations.pending.count))
  }
}
