/// The columns of a GIAS establishment extract (`edubasealldata*.csv`) that
/// the importer reads, found by name: GIAS adds and drops columns between
/// releases, so positions mean nothing. The other 110 or so are ignored.
enum GIASColumn: Int, TableColumn {
  case urn, laCode, name, typeName, statusName, lowAge, highAge, genderName, easting, northing
  case schoolCapacity, numberOfPupils
  case sen1, sen2, sen3, sen4, sen5, sen6, sen7, sen8, sen9, sen10, sen11, sen12, sen13
  case resourcedProvisionType, resourcedProvisionCapacity, resourcedProvisionOnRoll
  case senUnitCapacity, senUnitOnRoll
  case furtherEducationTypeName, section41Name

  /// The header as GIAS spells it.
  var gias: String {
    switch self {
    case .urn: "URN"
    case .laCode: "LA (code)"
    case .name: "EstablishmentName"
    case .typeName: "TypeOfEstablishment (name)"
    case .statusName: "EstablishmentStatus (name)"
    case .lowAge: "StatutoryLowAge"
    case .highAge: "StatutoryHighAge"
    case .genderName: "Gender (name)"
    case .easting: "Easting"
    case .northing: "Northing"
    case .schoolCapacity: "SchoolCapacity"
    case .numberOfPupils: "NumberOfPupils"
    case .resourcedProvisionType: "TypeOfResourcedProvision (name)"
    case .resourcedProvisionCapacity: "ResourcedProvisionCapacity"
    case .resourcedProvisionOnRoll: "ResourcedProvisionOnRoll"
    case .senUnitCapacity: "SenUnitCapacity"
    case .senUnitOnRoll: "SenUnitOnRoll"
    case .furtherEducationTypeName: "FurtherEducationType (name)"
    case .section41Name: "Section41Approved (name)"
    default: "SEN\(rawValue - GIASColumn.sen1.rawValue + 1) (name)"
    }
  }

  /// Lower case: the table reader matches headers case-insensitively.
  var name: String { gias.lowercased() }

  /// The columns without which no setting can be made. `Gender (name)`
  /// (default mixed), the SEN columns, the unit columns,
  /// `FurtherEducationType (name)` and `Section41Approved (name)` may be
  /// absent in some releases; without the unit columns no unit is made.
  var isRequired: Bool {
    switch self {
    case .urn, .laCode, .name, .typeName, .statusName, .lowAge, .highAge, .easting, .northing, .schoolCapacity,
      .numberOfPupils:
      true
    default: false
    }
  }

  /// `SEN1 (name)` ... `SEN13 (name)`.
  static let senColumns: [GIASColumn] = [
    .sen1, .sen2, .sen3, .sen4, .sen5, .sen6, .sen7, .sen8, .sen9, .sen10, .sen11, .sen12, .sen13,
  ]
}

extension GIASColumn {
  /// A file of schools: its names and postcodes are quoted.
  static var mayHoldPupilData: Bool { false }
}
