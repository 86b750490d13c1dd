import Foundation
import Placewise
import ToolSupport

/// Writes a generated case in the case format, version 1.
struct CaseWriter {
  let folder: URL
  let seed: UInt64
  /// Travel-matrix knobs: detours, whole minutes, missing pairs.
  var shape = CaseShape()

  /// `settings.csv`, one row per setting, every column of the format.
  func writeSettings(_ generated: GeneratedCase) throws -> Int {
    var w = try ByteWriter(url: folder.appendingPathComponent("settings.csv"))
    w.raw(
      "urn,name,kind,easting,northing,low_age,high_age,capacity,on_roll,gender,needs,need_places,cost_per_place,la\n")
    for (s, setting) in generated.settings.enumerated() {
      w.field(setting.urn.rawValue)
      w.comma()
      w.field(setting.name)
      w.comma()
      w.raw(setting.kind.word)
      w.comma()
      w.int(Int(setting.easting))
      w.comma()
      w.int(Int(setting.northing))
      w.comma()
      w.int(setting.lowAge)
      w.comma()
      w.int(setting.highAge)
      w.comma()
      w.int(setting.capacity)
      w.comma()
      w.int(setting.onRoll)
      w.comma()
      w.raw(setting.gender.rawValue)
      w.comma()
      w.raw(generated.designations[s].map(Mix.giasSpelling).joined(separator: ";"))
      w.comma()
      w.raw(generated.caps[s].map { "\(Mix.giasSpelling($0.need)):\($0.places)" }.joined(separator: ";"))
      w.comma()
      if let cost = setting.costPerPlace { w.int(Int(cost)) }
      w.comma()
      w.raw(setting.localAuthority ?? "")
      w.endRow()
    }
    let bytes = w.byteCount
    try w.close()
    return bytes
  }

  /// `pupils.csv`, one row per pupil. About one SPLD pupil in five is
  /// written `SpLD`, as GIAS spells it, the rest `SPLD`.
  func writePupils(_ generated: GeneratedCase) throws -> Int {
    var w = try ByteWriter(url: folder.appendingPathComponent("pupils.csv"))
    w.raw(
      "pupil_id,easting,northing,age,sex,primary_need,provision,preferences,max_travel_minutes,priority,current_urn\n")
    for (p, pupil) in generated.pupils.enumerated() {
      w.field(pupil.id.rawValue)
      w.comma()
      w.int(Int(pupil.easting))
      w.comma()
      w.int(Int(pupil.northing))
      w.comma()
      w.int(pupil.age)
      w.comma()
      if let sex = pupil.sex { w.raw(sex.rawValue) }
      w.comma()
      let mixedCase = pupil.primaryNeed == .spld && SeededRandom.unit(seed: seed, p, 0, salt: 0x5B1D) < 0.2
      w.raw(mixedCase ? "SpLD" : pupil.primaryNeed.code)
      w.comma()
      w.raw(pupil.provision.map(\.word).joined(separator: ";"))
      w.comma()
      w.field(pupil.preferences.map(\.rawValue).joined(separator: ";"))
      w.comma()
      if let limit = pupil.maxTravelMinutes { w.int(Int(limit)) }
      w.comma()
      w.int(pupil.priority)
      w.comma()
      if let urn = pupil.currentURN { w.field(urn.rawValue) }
      w.endRow()
    }
    let bytes = w.byteCount
    try w.close()
    return bytes
  }

  /// `travel.csv`, as a routing engine's table service would give it for
  /// this cohort: for each pupil, every setting of a kind the plan allows
  /// that takes the pupil's age and whose road journey is at most
  /// `maxMinutes` (needs and sex are left to the optimizer), plus every listed
  /// preference in the case however far. Road minutes are the case format's
  /// estimate times a factor 0.9 to 1.3, road km the straight line times the
  /// detour factor times 0.92 to 1.08; both depend only on the seed and the
  /// pair, and are written to a tenth.
  ///
  /// With `roll`, the roll's pupils get journeys too, after the batch's;
  /// with `everyAge`, settings of every age range are listed (a whole
  /// caseload's matrix for `forecast`, whose pupils age into new settings).
  func writeTravel(
    _ generated: GeneratedCase, maxMinutes: Double, policy: Policy, roll: [Pupil] = [], everyAge: Bool = false
  ) throws -> (rows: Int, bytes: Int) {
    let settings = generated.settings
    let points = generated.settingPoints
    let indexes = SettingKind.allCases.map { kind in
      SpatialIndex(points: points, subset: settings.indices.filter { settings[$0].kind == kind })
    }
    var urnIndex: [String: Int] = [:]
    for (s, setting) in settings.enumerated() { urnIndex[setting.urn.rawValue] = s }
    let urnBytes = settings.map { Array($0.urn.rawValue.utf8) }
    let minutesPerMetre = policy.detourFactor / policy.speedKmh * 60 / 1000
    let spread = shape.detourSpread
    // The noise factor is at least 0.9, so no pair beyond this is kept.
    let radius = maxMinutes / (0.9 * minutesPerMetre)

    var w = try ByteWriter(url: folder.appendingPathComponent("travel.csv"))
    w.raw("pupil_id,urn,minutes,km\n")
    var rows = 0
    var pairs: [(setting: Int, tenthsMinutes: Int, tenthsKm: Int)] = []
    for (p, pupil) in (generated.pupils + roll).enumerated() {
      pairs.removeAll(keepingCapacity: true)
      let home = GridPoint(easting: pupil.easting, northing: pupil.northing)
      func pair(_ s: Int, _ metres: Double) -> (Int, Int, Int) {
        var minutes = metres * minutesPerMetre * (0.9 + spread * SeededRandom.unit(seed: seed, p, s))
        if shape.wholeMinutes { minutes = minutes.rounded() }
        let km = metres / 1000 * policy.detourFactor * (0.92 + 0.16 * SeededRandom.unit(seed: seed, p, s, salt: 0x4B4D))
        return (s, Int((minutes * 10).rounded()), Int((km * 10).rounded()))
      }
      for kind in pupil.provision {
        indexes[kind.rawValue].forEach(within: radius, of: home) { s, metres in
          guard everyAge || (settings[s].lowAge <= pupil.age && pupil.age <= settings[s].highAge) else { return }
          let candidate = pair(s, metres)
          let missing = shape.missingPairs > 0 && SeededRandom.unit(seed: seed, p, s, salt: 0x3155) < shape.missingPairs
          if Double(candidate.1) <= maxMinutes * 10, !missing { pairs.append(candidate) }
        }
      }
      for urn in pupil.preferences {
        guard let s = urnIndex[urn.rawValue], !pairs.contains(where: { $0.setting == s }) else { continue }
        pairs.append(pair(s, home.distance(to: points[s])))
      }
      pairs.sort { $0.setting < $1.setting }
      let id = Array(pupil.id.rawValue.utf8)
      for (s, minutes, km) in pairs {
        w.bytes(id)
        w.comma()
        w.bytes(urnBytes[s])
        w.comma()
        w.tenths(minutes)
        w.comma()
        w.tenths(km)
        w.endRow()
      }
      rows += pairs.count
    }
    let bytes = w.byteCount
    try w.close()
    return (rows, bytes)
  }

  /// `policy.toml` with every key of the format at its default value,
  /// each explained, so a planner can see what is in force and change it.
  func writePolicy(_ policy: Policy) throws {
    func number(_ x: Double) -> String { x == x.rounded() ? String(Int(x)) : "\(x)" }
    let text = """
      # Placewise allocation policy (case format version 2).
      #
      # Every key below is at its default value; a key left out takes the
      # same default. A key the format does not define is an error, so a
      # typo cannot pass silently.

      # Journey limit in minutes for pupils aged up to 10 (ages 4 to 10 here).
      # A pupil's own max_travel_minutes in pupils.csv overrides it, and a
      # setting the parents listed as a preference is exempt from it.
      max_travel_minutes_primary = \(number(policy.maxTravelMinutesPrimary))

      # Journey limit in minutes for pupils aged 11 and over.
      max_travel_minutes_secondary = \(number(policy.maxTravelMinutesSecondary))

      # Without travel.csv, journeys are estimated from the grid coordinates:
      #   minutes = straight_line_km * detour_factor / speed_kmh * 60
      # Door-to-door speed, km/h.
      speed_kmh = \(number(policy.speedKmh))

      # Road distance over straight-line distance.
      detour_factor = \(number(policy.detourFactor))

      # Minutes-equivalent added per preference rank below the first: a
      # second preference costs 20 minutes more than the first, a third 40.
      preference_step = \(number(policy.preferenceStep))

      # Minutes-equivalent at a setting the parents did not list (only for
      # pupils whose preferences name at least one URN).
      unlisted_penalty = \(number(policy.unlistedPenalty))

      # Requests (case format 2). "section39": a parent's or young person's
      # request for a school the authority must name (section 39 of the
      # Children and Families Act 2014) is refused only where its places go
      # to children who could go nowhere else, or who asked for it too;
      # "weighted": requests count through the penalties above only.
      preference_rule = "\(policy.preferenceRule.rawValue)"

      # Minutes-equivalent for moving a pupil from a current setting that
      # could keep them; above 0, the current setting is also exempt from
      # the journey limit.
      move_penalty = \(number(policy.movePenalty))

      # Rule 3: "gias" reads a setting's high age as GIAS means it (the age
      # pupils reach in the last year, so a child of that age has left);
      # "inclusive" is version 1's reading.
      age_range = "\(policy.ageRange.rawValue)"

      """
    try Data(text.utf8).write(to: folder.appendingPathComponent("policy.toml"))
  }

  /// `roll.csv`: every pupil on roll at a setting other than mainstream
  /// (all with EHC plans there), `on_roll` of them: near the setting, of an
  /// age it takes (as GIAS reads its range), of a need it is designated
  /// for, with a plan allowing its kind. Drawn from `SeededRandom.unit`
  /// keyed by setting and place, so the other files stay as they were.
  func writeRoll(_ generated: GeneratedCase) throws -> Int {
    var w = try ByteWriter(url: folder.appendingPathComponent("roll.csv"))
    w.raw("pupil_id,urn,easting,northing,age,sex,primary_need,provision\n")
    for pupil in rollPupils(generated) {
      w.field(pupil.id.rawValue)
      w.comma()
      w.field(pupil.currentURN?.rawValue ?? "")
      w.comma()
      w.int(Int(pupil.easting))
      w.comma()
      w.int(Int(pupil.northing))
      w.comma()
      w.int(pupil.age)
      w.comma()
      w.raw(pupil.sex?.rawValue ?? "")
      w.comma()
      w.raw(pupil.primaryNeed.code)
      w.comma()
      w.raw(pupil.provision.map(\.word).joined(separator: ";"))
      w.endRow()
    }
    let bytes = w.byteCount
    try w.close()
    return bytes
  }

  /// The roll's pupils (see `writeRoll`), each with `currentURN` the
  /// setting attended: the same for `roll.csv` and for their journeys.
  func rollPupils(_ generated: GeneratedCase) -> [Pupil] {
    let fallback: [NeedCode] = [.asd, .semh, .mld, .slcn]
    var pupils: [Pupil] = []
    var count = 0
    for (s, setting) in generated.settings.enumerated() where setting.kind != .mainstream {
      for k in 0..<setting.onRoll {
        func unit(_ salt: UInt64) -> Double { SeededRandom.unit(seed: seed, s, k, salt: salt) }
        count += 1
        let angle = 2 * Double.pi * unit(0x201)
        let metres = 8_000 * unit(0x202).squareRoot()
        let years = max(1, setting.highAge - setting.lowAge)
        let age = setting.lowAge + min(years - 1, Int(unit(0x203) * Double(years)))
        let needs = setting.needs.isEmpty ? fallback : Array(setting.needs)
        let need = needs[min(needs.count - 1, Int(unit(0x204) * Double(needs.count)))]
        let sex: Sex =
          switch setting.gender {
          case .boys: .male
          case .girls: .female
          case .mixed: unit(0x205) < 0.7 ? .male : .female
          }
        pupils.append(
          Pupil(
            id: PupilID("R" + String(1_000_000 + count).dropFirst()),
            easting: Double(Int(setting.easting + metres * cos(angle))),
            northing: Double(Int(setting.northing + metres * sin(angle))), age: age, primaryNeed: need,
            provision: EnumSet([setting.kind]), sex: sex, currentURN: setting.urn))
      }
    }
    return pupils
  }
}
