/// What an establishment of one GIAS type becomes.
enum GIASPlacement: Equatable, Sendable {
  /// A setting of this kind.
  case kept(SettingKind)
  /// Left out on purpose: the authority does not place a pupil of the batch
  /// there (a university, a secure unit, a school outside England, ...).
  case skipped
  /// A type, or a further-education type, this importer was not written
  /// for (GIAS adds types now and then): left out, and counted apart so
  /// that the planner looks at it.
  case unknown
}

/// What GIAS's `TypeOfEstablishment (name)`, with `FurtherEducationType
/// (name)` and `Section41Approved (name)`, means for placing a pupil.
///
/// Every type of a GIAS extract (January 2025: 39 types, 50 combinations
/// with a further-education type) has a rule here; docs/reference.md's table lists
/// them, and `GIASImportTypeTableTests` checks each.
enum GIASEstablishmentType {
  /// The setting an establishment becomes, or why it is left out.
  static func placement(type: String, furtherEducation: String, section41Approved: Bool) -> GIASPlacement {
    guard let rule = rules[type.lowercased()] else { return .unknown }
    let fe = furtherEducation.lowercased()
    switch rule {
    case .kind(let kind):
      return .kept(kind)
    case .furtherEducation:
      return fe.isEmpty || fe == "not applicable" || furtherEducationColleges.contains(fe) ? .kept(.college) : .unknown
    case .approvedOnly:
      return section41Approved ? .kept(.independent) : .skipped
    case .skip:
      // Designation puts a college in the further education sector
      // whatever GIAS files it under (Miscellaneous, ...).
      return fe == specialistDesignated ? .kept(.college) : .skipped
    }
  }

  /// `statutory_request` where it differs from the kind's default (nil:
  /// leave the cell empty). A non-maintained special school, and an
  /// independent school or special post-16 institution approved under
  /// section 41, are ones a request must name (section 39); so is a
  /// special post-16 institution that is a specialist designated college,
  /// being in the further education sector.
  static func statutoryRequest(
    type: String, furtherEducation: String, kind: SettingKind, section41Approved: Bool
  ) -> Bool? {
    if type.lowercased() == "non-maintained special school" { return true }
    guard kind == .independent || kind == .post16 else { return nil }
    if section41Approved || (kind == .post16 && furtherEducation.lowercased() == specialistDesignated) { return true }
    return nil
  }

  /// Whether a `Section41Approved (name)` value says approved: `Approved`;
  /// anything else (`Not applicable`, `Not approved`, empty) does not.
  static func isSection41Approved(_ name: String) -> Bool {
    name.lowercased() == "approved"
  }

  /// The name a skipped or unknown establishment is counted under: its
  /// type, and for an unknown further-education type that type too.
  static func countedName(type: String, furtherEducation: String) -> String {
    guard !type.isEmpty else { return "(empty)" }
    guard rules[type.lowercased()] == .furtherEducation else { return type }
    return type + " (" + furtherEducation + ")"
  }

  private enum Rule: Equatable {
    case kind(SettingKind)
    /// `Further education`: a college, by its further-education type.
    case furtherEducation
    /// `Other independent school`: kept (independent) only when approved
    /// under section 41, the list of independent schools a parent may request.
    case approvedOnly
    case skip
  }

  private static let specialistDesignated = "specialist designated college"

  /// The further-education types of the `Further education` type: general
  /// FE (and tertiary, land-based, art and design) colleges, sixth form
  /// colleges and specialist designated colleges, all in the further
  /// education sector.
  private static let furtherEducationColleges: Set<String> = [
    "general further education college", "tertiary college", "land-based college",
    "art, design and performing arts college", "sixth form college (general)",
    "sixth form college (voluntary aided)", "sixth form college (voluntary controlled)", specialistDesignated,
  ]

  private static let rules: [String: Rule] = {
    var rules: [String: Rule] = [:]
    func add(_ rule: Rule, _ names: [String]) {
      for name in names { rules[name.lowercased()] = rule }
    }
    add(
      .kind(.special),
      [
        "Community special school", "Foundation special school", "Academy special sponsor led",
        "Academy special converter", "Free schools special",
      ])
    add(.kind(.independent), ["Non-maintained special school", "Other independent special school"])
    add(
      .kind(.ap),
      [
        "Pupil referral unit", "Academy alternative provision converter",
        "Academy alternative provision sponsor led", "Free schools alternative provision",
      ])
    // State-funded mainstream schools, nursery to sixth form. `LA nursery
    // school` is an older spelling of `Local authority nursery school`.
    add(
      .kind(.mainstream),
      [
        "Community school", "Voluntary aided school", "Voluntary controlled school", "Foundation school",
        "Academy sponsor led", "Academy converter", "Free schools", "City technology college",
        "University technical college", "Studio schools", "Local authority nursery school", "LA nursery school",
        "Academy 16-19 converter", "Academy 16 to 19 sponsor led", "Free schools 16 to 19",
      ])
    add(.kind(.post16), ["Special post 16 institution"])
    add(.furtherEducation, ["Further education"])
    add(.approvedOnly, ["Other independent school"])
    // Universities; secure places the youth justice system fills; schools
    // outside England or for service families abroad; sixth form centres,
    // whose students are on the roll of their member schools; online
    // providers; and the rest.
    add(
      .skip,
      [
        "Higher education institutions", "Secure units", "Academy secure 16 to 19", "Welsh establishment",
        "Offshore schools", "British schools overseas", "Service children's education", "Sixth form centres",
        "Online provider", "Institution funded by other government department", "Miscellaneous",
      ])
    return rules
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
