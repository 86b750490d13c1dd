/// The columns of `settings.csv` (also read from a plan's `new_setting` rows).
enum SettingColumn: Int, LocatedColumn {
  case urn, name, kind, easting, northing, lowAge, highAge, capacity
  case onRoll, gender, needs, needPlaces, costPerPlace, la
  case postcode, latitude, longitude
  case statutoryRequest

  var name: String {
    switch self {
    case .statutoryRequest: "statutory_request"
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
    case .postcode: "postcode"
    case .latitude: "latitude"
    case .longitude: "longitude"
    }
  }

  var isRequired: Bool {
    switch self {
    case .urn, .name, .kind, .easting, .northing, .lowAge, .highAge, .capacity: true
    default: false
    }
  }

  func isRequired(given present: (Self) -> Bool) -> Bool {
    isLocationRequired(given: present) ?? isRequired
  }
}

enum PupilColumn: Int, LocatedColumn {
  case pupilID, easting, northing, age, primaryNeed, provision
  case sex, preferences, maxTravelMinutes, priority, currentURN
  case postcode, latitude, longitude, dateOfBirth
  case fixedURN, excludedURNs

  var name: String {
    switch self {
    case .fixedURN: "fixed_urn"
    case .excludedURNs: "excluded_urns"
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
    case .postcode: "postcode"
    case .latitude: "latitude"
    case .longitude: "longitude"
    case .dateOfBirth: "date_of_birth"
    }
  }

  /// `age` is not needed beside `date_of_birth`.
  func isRequired(given present: (Self) -> Bool) -> Bool {
    if self == .age { return !present(.dateOfBirth) }
    return isLocationRequired(given: present) ?? isRequired
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

/// A file whose rows give a location: `easting` and `northing`, or
/// `latitude` and `longitude`, or `postcode`.
protocol LocatedColumn: TableColumn {
  static var easting: Self { get }
  static var northing: Self { get }
  static var latitude: Self { get }
  static var longitude: Self { get }
  static var postcode: Self { get }
}

extension LocatedColumn {
  /// For `easting` and `northing`: required only when the file has no other
  /// location columns (a pair, or `postcode`); nil for other columns.
  func isLocationRequired(given present: (Self) -> Bool) -> Bool? {
    guard self == .easting || self == .northing else { return nil }
    return !(present(.postcode) || (present(.latitude) && present(.longitude)))
  }
}

extension SettingColumn {
  /// A file of schools: its names and postcodes are quoted.
  static var mayHoldPupilData: Bool { false }
}
