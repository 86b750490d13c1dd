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

  /// `settings.csv` with every column the model holds.
  static func settings(_ settings: [Setting]) -> String {
    var csv = CSVText()
    csv.append([
      "urn", "name", "kind", "easting", "northing", "low_age", "high_age", "capacity", "on_roll", "gender", "needs",
      "need_places", "cost_per_place", "la", "statutory_request",
    ])
    for setting in settings {
      csv.append([
        setting.urn.rawValue, setting.name, setting.kind.word, NumberText.format(setting.easting),
        NumberText.format(setting.northing), String(setting.lowAge), String(setting.highAge),
        String(setting.capacity), String(setting.onRoll), setting.gender.rawValue,
        setting.needs.map(\.code).joined(separator: ";"),
        setting.needPlacesOrder.compactMap { need in setting.needPlaces[need].map { "\(need.code):\($0)" } }
          .joined(separator: ";"),
        setting.costPerPlace.map(NumberText.format) ?? "", setting.localAuthority ?? "",
        setting.statutoryRequest ? "yes" : "no",
      ])
    }
    return csv.text
  }

  /// The columns a pupil shares between `pupils.csv` and `roll.csv`.
  private static func common(_ pupil: Pupil) -> [String] {
    [
      NumberText.format(pupil.easting), NumberText.format(pupil.northing), String(pupil.age),
      pupil.primaryNeed.code, pupil.provision.map(\.word).joined(separator: ";"), pupil.sex?.rawValue ?? "",
      pupil.preferences.map(\.rawValue).joined(separator: ";"), pupil.maxTravelMinutes.map(NumberText.format) ?? "",
      String(pupil.priority),
    ]
  }

  private static let commonHeader = [
    "easting", "northing", "age", "primary_need", "provision", "sex", "preferences", "max_travel_minutes", "priority",
  ]

  /// `pupils.csv`: the batch, in order.
  static func pupils(_ pupils: [Pupil]) -> String {
    var csv = CSVText()
    csv.append(["pupil_id"] + commonHeader + ["current_urn", "fixed_urn", "excluded_urns"])
    for pupil in pupils {
      csv.append(
        [pupil.id.rawValue] + common(pupil) + [
          pupil.currentURN?.rawValue ?? "", pupil.fixedURN?.rawValue ?? "",
          pupil.excludedURNs.map(\.rawValue).joined(separator: ";"),
        ])
    }
    return csv.text
  }

  /// `roll.csv`: the pupils on roll, each at their setting.
  static func roll(_ input: Case) -> String {
    var csv = CSVText()
    csv.append(["pupil_id", "urn"] + commonHeader)
    for entry in input.roll {
      csv.append([entry.pupil.id.rawValue, input.settings[entry.setting].urn.rawValue] + common(entry.pupil))
    }
    return csv.text
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
