/// The columns of a GIAS establishment extract (`edubasealldata*.csv`) that
/// the importer reads, found by name: GIAS adds and drops columns between
/// releases, so positions mean nothing. The other 110 or so are ignored.
enum GIASColumn: Int, TableColumn {
  case urn, laCode, name, typeName, statusName, lowAge, highAge, genderName, easting, northing
  case schoolCapacity, numberOfPupils
  case sen1, sen2, sen3, sen4, sen5, sen6, sen7, sen8, sen9, sen10, sen11, sen12, sen13
  case resourcedProvisionType, resourcedProvisionCapacity, resourcedProvisionOnRoll
  case senUnitCapacity, senUnitOnRoll

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
    default: "SEN\(rawValue - GIASColumn.sen1.rawValue + 1) (name)"
    }
  }

  /// Lower case: the table reader matches headers case-insensitively.
  var name: String { gias.lowercased() }

  /// The columns without which no setting can be made. `Gender (name)`
  /// (default mixed), the SEN columns and the unit columns may be absent in
  /// some releases; without the unit columns no unit is made.
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

/// What GIAS's `TypeOfEstablishment (name)` means for placing a pupil.
enum GIASEstablishmentType {
  /// The kind of setting a type becomes; nil for types no pupil in the batch
  /// is placed at (further and higher education, independent mainstream
  /// schools, secure units, overseas and Welsh establishments, ...), which
  /// are skipped and counted.
  static func kind(of typeName: String) -> SettingKind? {
    kinds[typeName.lowercased()]
  }

  private static let kinds: [String: SettingKind] = {
    var kinds: [String: SettingKind] = [:]
    for name in [
      "Community special school", "Foundation special school", "Academy special sponsor led",
      "Academy special converter", "Free schools special",
    ] {
      kinds[name.lowercased()] = .special
    }
    for name in ["Non-maintained special school", "Other independent special school"] {
      kinds[name.lowercased()] = .independent
    }
    for name in [
      "Pupil referral unit", "Academy alternative provision converter",
      "Academy alternative provision sponsor led", "Free schools alternative provision",
    ] {
      kinds[name.lowercased()] = .ap
    }
    // State-funded mainstream schools, nursery to sixth form.
    for name in [
      "Community school", "Voluntary aided school", "Voluntary controlled school", "Foundation school",
      "Academy sponsor led", "Academy converter", "Free schools", "City technology college",
      "University technical college", "Studio schools", "LA nursery school", "Academy 16-19 converter",
      "Academy 16 to 19 sponsor led", "Free schools 16 to 19",
    ] {
      kinds[name.lowercased()] = .mainstream
    }
    return kinds
  }()

  /// Whether a status keeps an establishment: open now, even if proposed
  /// to close.
  static func isOpen(_ statusName: String) -> Bool {
    let lower = statusName.lowercased()
    return lower == "open" || lower == "open, but proposed to close"
  }

  /// The need code of a `SEN1 (name)` ... value (`ASD - Autistic Spectrum
  /// Disorder`): the code before ` - `. GIAS's older `BESD` (behaviour,
  /// emotional and social difficulties) became SEMH in 2014.
  static func need(of senName: String) -> NeedCode? {
    let code = senName.split(separator: "-", maxSplits: 1).first.map { InputText.trimmed($0) } ?? ""
    if code.uppercased() == "BESD" { return .semh }
    return NeedCode(code: code)
  }

  /// The gender of a `Gender (name)` value: `Mixed`, `Boys`, `Girls`;
  /// `Not applicable` and empty mean mixed.
  static func gender(of genderName: String) -> SettingGender? {
    let lower = genderName.lowercased()
    if lower.isEmpty || lower == "not applicable" { return .mixed }
    return SettingGender(word: lower)
  }

  /// The units a `TypeOfResourcedProvision (name)` value names.
  static func units(of provisionName: String) -> (resourced: Bool, senUnit: Bool)? {
    switch provisionName.lowercased() {
    case "", "not applicable", "not recorded": (false, false)
    case "resourced provision": (true, false)
    case "sen unit": (false, true)
    case "resourced provision and sen unit": (true, true)
    default: nil
    }
  }
}
