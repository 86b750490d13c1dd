package import Placewise

/// Renders a case as the case format's files: what `forecast` writes as
/// each year's `case/` folder, and reads back before allocating it.
///
/// Everything the case holds is written exactly (numbers with the shortest
/// digits that read back to the same double), so the case read back is
/// the case written. Locations are written as `easting` and `northing`
/// (postcodes were looked up when the case was read); ages as `age` (a
/// date of birth gave the age at the start of year 1, and the forecast
/// ages pupils a year at a time).
package enum CaseFiles {
  /// `settings.csv`, `pupils.csv`, `roll.csv`, `travel.csv` (when the case
  /// has a travel matrix: the batch's rows) and `policy.toml`.
  package static func render(_ input: Case) -> [(name: String, contents: [UInt8])] {
    var files: [(name: String, contents: [UInt8])] = [
      ("settings.csv", Array(settings(input.settings).utf8)),
      ("pupils.csv", Array(pupils(input.pupils).utf8)),
      ("roll.csv", Array(roll(input).utf8)),
    ]
    if let travel = input.travel { files.append(("travel.csv", Self.travel(travel, input))) }
    files.append(("policy.toml", Array(policy(input.policy).utf8)))
    return files
  }

  /// `settings.csv`'s columns: every column the model holds.
  static let settingColumns: [TableColumn<Setting>] =
    CaseSettingsCSV.required + [
      .text("need_places") { setting in
        setting.needPlacesOrder.compactMap { need in setting.needPlaces[need].map { "\(need.code):\($0)" } }
          .joined(separator: ";")
      },
      .pounds("cost_per_place") { $0.costPerPlace },
      .text("la") { $0.localAuthority ?? "" },
      .text("statutory_request") { $0.statutoryRequest ? "yes" : "no" },
    ]

  /// `settings.csv` with every column the model holds.
  static func settings(_ settings: [Setting]) -> String {
    ReportTable(sheetName: "Settings", columns: settingColumns, rows: settings).csv
  }

  /// The columns a pupil shares between `pupils.csv` and `roll.csv`.
  private static func pupilColumns<Row>(_ pupil: @escaping @Sendable (Row) -> Pupil) -> [TableColumn<Row>] {
    [
      .decimal("easting") { pupil($0).easting },
      .decimal("northing") { pupil($0).northing },
      .count("age") { pupil($0).age },
      .text("primary_need") { pupil($0).primaryNeed.code },
      .text("provision") { pupil($0).provision.map(\.word).joined(separator: ";") },
      .text("sex") { pupil($0).sex?.rawValue ?? "" },
      .text("preferences") { pupil($0).preferences.map(\.rawValue).joined(separator: ";") },
      .minutes("max_travel_minutes") { pupil($0).maxTravelMinutes },
      .count("priority") { pupil($0).priority },
    ]
  }

  /// `pupils.csv`'s columns.
  static let pupilsColumns: [TableColumn<Pupil>] =
    [.text("pupil_id") { $0.id.rawValue }] + pupilColumns { $0 } + [
      .text("current_urn") { $0.currentURN?.rawValue ?? "" },
      .text("fixed_urn") { $0.fixedURN?.rawValue ?? "" },
      excludedColumn { $0 },
    ]

  /// `excluded_urns`, in `pupils.csv` and (where a pupil on roll has one)
  /// `roll.csv`.
  private static func excludedColumn<Row>(_ pupil: @escaping @Sendable (Row) -> Pupil) -> TableColumn<Row> {
    .text("excluded_urns") { pupil($0).excludedURNs.map(\.rawValue).joined(separator: ";") }
  }

  /// `pupils.csv`: the batch, in order.
  static func pupils(_ pupils: [Pupil]) -> String {
    ReportTable(sheetName: "Pupils", columns: pupilsColumns, rows: pupils).csv
  }

  /// A pupil on roll and the URN of their setting.
  struct RollLine: Sendable {
    var urn: String
    var pupil: Pupil
  }

  /// `roll.csv`'s columns.
  static let rollColumns: [TableColumn<RollLine>] =
    [.text("pupil_id") { $0.pupil.id.rawValue }, .text("urn") { $0.urn }] + pupilColumns { $0.pupil }

  /// `roll.csv`: the pupils on roll, each at their setting; with
  /// `pupils.csv`'s `excluded_urns` after the contract's columns where a
  /// pupil on roll has one (a forecast's pupils keep theirs: decisions.md,
  /// "What the roll holds").
  static func roll(_ input: Case) -> String {
    let lines = input.roll.map { RollLine(urn: input.settings[$0.setting].urn.rawValue, pupil: $0.pupil) }
    let excluded: [TableColumn<RollLine>] =
      lines.contains { !$0.pupil.excludedURNs.isEmpty }
      ? [excludedColumn { $0.pupil }] : []
    return ReportTable(sheetName: "Roll", columns: rollColumns + excluded, rows: lines).csv
  }

  /// `travel.csv`: the batch's journeys, in the matrix's order. Written
  /// as bytes into one buffer: a county's year-1 batch has millions of rows.
  static func travel(_ travel: TravelMatrix, _ input: Case) -> [UInt8] {
    let pupilIDs = input.pupils.map { Array(CSVText.escape($0.id.rawValue).utf8) }
    let urns = input.settings.map { Array(CSVText.escape($0.urn.rawValue).utf8) }
    let header = Array("pupil_id,urn,minutes\n".utf8)
    // At most: id, comma, urn, comma, 24 bytes of minutes, newline.
    let widest = (pupilIDs.map(\.count).max() ?? 0) + (urns.map(\.count).max() ?? 0) + 27
    return [UInt8](unsafeUninitializedCapacity: header.count + travel.count * widest) { buffer, count in
      var at = 0
      func put(_ bytes: [UInt8]) {
        for byte in bytes {
          buffer[at] = byte
          at += 1
        }
      }
      put(header)
      for k in 0..<travel.count {
        put(pupilIDs[Int(travel.pupil[k])])
        buffer[at] = UInt8(ascii: ",")
        at += 1
        put(urns[Int(travel.setting[k])])
        buffer[at] = UInt8(ascii: ",")
        at += 1
        at = Self.putMinutes(travel.minutes[k], into: buffer, at: at)
        buffer[at] = UInt8(ascii: "\n")
        at += 1
      }
      count = at
    }
  }

  /// Writes minutes as `NumberText.format` does, at `at`; returns the end.
  /// Whole numbers and tenths below a million (nearly every journey) are
  /// written digit by digit; anything else through `NumberText`.
  static func putMinutes(_ value: Double, into buffer: UnsafeMutableBufferPointer<UInt8>, at start: Int) -> Int {
    var at = start
    let tenths = (value * 10).rounded()
    guard value >= 0, value < 1_000_000, tenths / 10 == value else {
      for byte in NumberText.format(value).utf8 {
        buffer[at] = byte
        at += 1
      }
      return at
    }
    let scaled = Int(tenths)
    var whole = scaled / 10
    var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0, 0, 0, 0)
    var n = 0
    withUnsafeMutableBytes(of: &digits) { raw in
      repeat {
        raw[n] = UInt8(ascii: "0") + UInt8(whole % 10)
        whole /= 10
        n += 1
      } while whole > 0
      for i in stride(from: n - 1, through: 0, by: -1) {
        buffer[at] = raw[i]
        at += 1
      }
    }
    if scaled % 10 != 0 {
      buffer[at] = UInt8(ascii: ".")
      buffer[at + 1] = UInt8(ascii: "0") + UInt8(scaled % 10)
      at += 2
    }
    return at
  }

  /// `policy.toml`: every key at its effective value (the postcode
  /// directory left out: locations are written as grid coordinates).
  static func policy(_ policy: Policy) -> String {
    var lines = [
      "# The effective policy of this case, every key written out.",
      "max_travel_minutes_primary = \(NumberText.format(policy.maxTravelMinutesPrimary))",
      "max_travel_minutes_secondary = \(NumberText.format(policy.maxTravelMinutesSecondary))",
      "speed_kmh = \(NumberText.format(policy.speedKmh))",
      "detour_factor = \(NumberText.format(policy.detourFactor))",
      "preference_step = \(NumberText.format(policy.preferenceStep))",
      "unlisted_penalty = \(NumberText.format(policy.unlistedPenalty))",
      "preference_rule = \"\(policy.preferenceRule.rawValue)\"",
      "move_penalty = \(NumberText.format(policy.movePenalty))",
      "cost = \"\(policy.costUnit.rawValue)\"",
      "pounds_per_minute = \(NumberText.format(policy.poundsPerMinute))",
    ]
    if let margin = policy.resourcesMargin { lines.append("resources_margin = \(NumberText.format(margin))") }
    lines += [
      "age_range = \"\(policy.ageRange.rawValue)\"",
      "leave_age = \(policy.leaveAge)",
      "unplaced_cost = \(NumberText.format(policy.unplacedCost))",
    ]
    if let start = policy.placementStart { lines.append("placement_start = \(start)") }
    return lines.joined(separator: "\n") + "\n"
  }
}
