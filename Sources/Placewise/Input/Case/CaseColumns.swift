enum SettingColumn: Int, TableColumn {
  case urn, name, kind, easting, northing, lowAge, highAge, capacity
  case onRoll, gender, needs, needPlaces, costPerPlace, la

  var name: String {
    switch self {
    case .urn: "urn"
    case .name: "name"
    case .kind: "kind"
    case .easting: "easting"
    case .northing: "northing"
    case .lowAge: "low_age"
    case .highAge: "high_age"
    case .capacity: "capacity"
    case .onRoll: "on_roll"
    case .gender: "gender"
    case .needs: "needs"
    case .needPlaces: "need_places"
    case .costPerPlace: "cost_per_place"
    case .la: "la"
    }
  }

  var isRequired: Bool {
    switch self {
    case .urn, .name, .kind, .easting, .northing, .lowAge, .highAge, .capacity: true
    default: false
    }
  }
}

enum PupilColumn: Int, TableColumn {
  case pupilID, easting, northing, age, primaryNeed, provision
  case sex, preferences, maxTravelMinutes, priority, currentURN

  var name: String {
    switch self {
    case .pupilID: "pupil_id"
    case .easting: "easting"
    case .northing: "northing"
    case .age: "age"
    case .primaryNeed: "primary_need"
    case .provision: "provision"
    case .sex: "sex"
    case .preferences: "preferences"
    case .maxTravelMinutes: "max_travel_minutes"
    case .priority: "priority"
    case .currentURN: "current_urn"
    }
  }

  var isRequired: Bool {
    switch self {
    case .pupilID, .easting, .northing, .age, .primaryNeed, .provision: true
    default: false
    }
  }
}

enum TravelColumn: Int, TableColumn {
  /// `km` is part of the format but not used: journeys are judged in minutes.
  case pupilID, urn, minutes, km

  var name: String {
    switch self {
    case .pupilID: "pupil_id"
    case .urn: "urn"
    case .minutes: "minutes"
    case .km: "km"
    }
  }

  var isRequired: Bool { self != .km }
}
