import Foundation

extension GIASReading {
  /// The establishments with the schools of other LAs near a kept setting
  /// added, in file order; how many were added, and how many had no
  /// readable location (a school of another LA is checked only if it is
  /// near, and one with no location cannot be placed against the radius).
  mutating func withinRadius(_ establishments: [GIASEstablishment], _ candidates: [GIASEstablishment])
    -> (establishments: [GIASEstablishment], crossBorder: Int, unlocated: Int)
  {
    guard let radius = options.radiusKm else { return (establishments, 0, 0) }
    var kept = establishments
    var crossBorder = 0
    var unlocated = 0
    let anchors = establishments.filter(\.isValid).map { ($0.easting, $0.northing) }
    let limit = radius * 1000
    for candidate in candidates {
      guard candidate.easting.isFinite, candidate.northing.isFinite else {
        unlocated += 1
        continue
      }
      guard anchors.contains(where: { hypot($0.0 - candidate.easting, $0.1 - candidate.northing) <= limit }) else {
        continue
      }
      for found in candidate.problems { problems.add(found) }
      crossBorder += 1
      kept.append(candidate)
    }
    kept.sort { $0.line < $1.line }
    return (kept, crossBorder, unlocated)
  }

  mutating func makeSettings(_ establishments: [GIASEstablishment]) -> [Setting] {
    var settings: [Setting] = []
    var urns: [String: Int] = [:]
    var noCapacity = 0
    var unitHosts = 0
    for row in establishments where row.isValid {
      if let first = urns[row.urn] {
        problem(
          line: row.line, column: nil, field: GIASColumn.urn.gias, found: InputText.quoted(row.urn) + " again",
          expected: "each URN once (it is on line \(first) already)")
        continue
      }
      urns[row.urn] = row.line
      if row.agesAssumed { report.collegeAgesAssumed += 1 }
      report.unitsUnnamed += row.unitsUnnamed
      // A capacity beside a blank number on roll: written as 0 on roll, and said so.
      func noteOnRoll(_ urn: String, _ onRoll: Int?) {
        guard onRoll == nil else { return }
        report.onRollMissing += 1
        if report.onRollMissingURNs.count < 5 { report.onRollMissingURNs.append(urn) }
      }
      if let capacity = resolvedCapacity(row.capacity, onRoll: row.onRoll, missing: row.missingCapacity) {
        noteOnRoll(row.urn, row.onRoll)
        settings.append(
          Setting(
            urn: URN(row.urn), name: row.name, kind: row.kind, easting: row.easting, northing: row.northing,
            lowAge: row.lowAge, highAge: row.highAge, capacity: capacity, onRoll: row.onRoll ?? 0,
            gender: row.gender, needs: row.needs, localAuthority: row.la, statutoryRequest: row.statutoryRequest))
      } else if options.missingCapacity == .skip {
        noCapacity += 1
      }
      var madeUnit = false
      for unit in row.units {
        guard let capacity = resolvedCapacity(unit.capacity, onRoll: unit.onRoll, missing: unit.missingCapacity)
        else {
          if options.missingCapacity == .skip { noCapacity += 1 }
          continue
        }
        madeUnit = true
        noteOnRoll(row.urn + "-" + unit.suffix, unit.onRoll)
        settings.append(
          Setting(
            urn: URN(row.urn + "-" + unit.suffix), name: row.name + " (\(unit.label))", kind: .resourced,
            easting: row.easting, northing: row.northing, lowAge: row.lowAge, highAge: row.highAge,
            capacity: capacity, onRoll: unit.onRoll ?? 0, gender: row.gender, needs: row.unitNeeds,
            localAuthority: row.la))
      }
      if madeUnit { unitHosts += 1 }
    }
    report.unitHosts = unitHosts
    report.skipped.append(("left out for want of a capacity (--missing-capacity skip)", noCapacity))
    return settings
  }

  /// The capacity to write, or nil when the row is left out (or refused:
  /// the problem is added).
  private mutating func resolvedCapacity(_ capacity: Int?, onRoll: Int?, missing: InputProblem?) -> Int? {
    guard let missing else { return capacity }
    switch options.missingCapacity {
    case .fail:
      problems.add(missing)
      return nil
    case .skip:
      return nil
    case .onRoll:
      guard let onRoll else {
        var both = missing
        both.found = "an empty cell, and no number on roll either"
        both.expected = "a capacity, or a number on roll for --missing-capacity on-roll; or --missing-capacity skip"
        problems.add(both)
        return nil
      }
      report.capacityFromOnRoll += 1
      return onRoll
    }
  }
}
