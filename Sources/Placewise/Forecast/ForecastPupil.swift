/// How a pupil came to be in a year's batch (`forecast.csv`'s five
/// columns that add up to `batch`).
public enum BatchSource: Int, Sendable, CaseIterable {
  /// Year 1: a pupil of `pupils.csv`.
  case fromCase
  /// Unplaced last year, still under `leave_age`.
  case carriedOver
  /// Left a setting whose age range no longer covers them.
  case phaseTransfer
  /// On roll at a setting a plan closed this year.
  case displaced
  /// A new EHC plan from the demand file.
  case newPlan
}

/// A pupil as a forecast carries them from year to year: the pupil's
/// columns, where their journeys come from, and how they joined the batch.
struct ForecastPupil: Sendable {
  /// The pupil, with this year's age.
  var pupil: Pupil
  /// The home whose journeys are the pupil's (``HomeJourneys``); -1
  /// without a travel matrix.
  var home: Int
  /// How the pupil joined the batch (meaningless on the roll).
  var source: BatchSource

  /// The pupil as `roll.csv` holds them: its columns and `excluded_urns`
  /// (no `current_urn`, `fixed_urn`, nor a date of birth's curriculum
  /// year), so that a year's case and the next follow from one another
  /// through the files alone. An exclusion the authority upheld holds
  /// after a phase transfer, as forecast.md's "keeping their columns" says
  /// (hostile trial, round twenty-seven: a child excluded from B2 was
  /// placed there in year 2); an agreed placement is the one the child
  /// now holds, and a transfer needs a new one (decisions.md).
  var onRoll: ForecastPupil {
    var member = self
    member.pupil.currentURN = nil
    member.pupil.fixedURN = nil
    member.pupil.curriculumYear = nil
    return member
  }
}

/// A pupil of the roll at a setting, by its index among all the settings a
/// forecast can meet (the case's, then the URNs plans open).
struct RollEntry: Sendable {
  /// The pupil, with `roll.csv`'s columns.
  var member: ForecastPupil
  /// The setting, by universe index.
  var setting: Int
}

/// The journeys of every home a forecast pupil can have: the pupils of
/// `pupils.csv` (home = index), then those of `roll.csv` (home = pupil
/// count + roll index); a new pupil takes its template's home. Settings
/// are universe indices: the case's, then the case's count plus the
/// position among the URNs plans open.
package struct HomeJourneys: Sendable {
  /// Rows of home h: `start[h]..<start[h + 1]`.
  var start: [Int]
  /// Universe setting of each row.
  var setting: [Int32]
  /// Minutes of each row.
  var minutes: [Double]

  /// Gathers `travel.csv`'s rows (the batch's, the openings' and the roll's) by home.
  init(_ base: CaseWithOpenings) {
    let input = base.input
    let batch = input.pupils.count
    let homes = batch + input.roll.count
    let caseSettings = input.settings.count
    var parts: [(pupil: Int, setting: Int32, minutes: Double)] = []
    if let travel = input.travel {
      for k in 0..<travel.count {
        parts.append((Int(travel.pupil[k]), travel.setting[k], travel.minutes[k]))
      }
    }
    for k in 0..<base.openingTravel.count {
      let t = base.openingTravel
      parts.append((Int(t.pupil[k]), Int32(caseSettings) + t.setting[k], t.minutes[k]))
    }
    if let roll = input.rollTravel {
      for k in 0..<roll.count {
        parts.append((batch + Int(roll.pupil[k]), roll.setting[k], roll.minutes[k]))
      }
    }
    var count = [Int](repeating: 0, count: homes + 1)
    for part in parts { count[part.pupil + 1] += 1 }
    for h in 0..<homes { count[h + 1] += count[h] }
    start = count
    var next = count
    setting = [Int32](repeating: 0, count: parts.count)
    minutes = [Double](repeating: 0, count: parts.count)
    for part in parts {
      let k = next[part.pupil]
      setting[k] = part.setting
      minutes[k] = part.minutes
      next[part.pupil] += 1
    }
  }

  /// Whether the home has no journey at all.
  func isEmpty(home h: Int) -> Bool { start[h] == start[h + 1] }

  /// The travel matrix of a batch: each pupil's home rows to the settings
  /// present this year (`present[u]`: the year's index of universe setting
  /// u, or -1), in batch order then row order.
  func matrix(for batch: [ForecastPupil], present: [Int]) -> TravelMatrix {
    var rows = 0
    for member in batch where member.home >= 0 { rows += start[member.home + 1] - start[member.home] }
    var travel = TravelMatrix()
    travel.pupil.reserveCapacity(rows)
    travel.setting.reserveCapacity(rows)
    travel.minutes.reserveCapacity(rows)
    for (p, member) in batch.enumerated() where member.home >= 0 {
      for k in start[member.home]..<start[member.home + 1] {
        let s = present[Int(setting[k])]
        if s >= 0 { travel.append(pupil: p, setting: s, minutes: minutes[k]) }
      }
    }
    return travel
  }
}
