/// A setting that can take pupils: a school, resourced provision or SEN unit.
public struct Setting: Sendable {
  /// Unique id.
  public var urn: URN
  /// Display name.
  public var name: String
  /// What kind of setting it is.
  public var kind: SettingKind
  /// British National Grid easting, metres.
  public var easting: Double
  /// British National Grid northing, metres.
  public var northing: Double
  /// Youngest age admitted, whole years, inclusive.
  public var lowAge: Int
  /// Oldest age admitted, whole years, inclusive.
  public var highAge: Int
  /// Commissioned places.
  public var capacity: Int
  /// Places already taken by pupils outside this batch.
  public var onRoll: Int
  /// Which pupils it admits by sex.
  public var gender: SettingGender
  /// Primary needs it is designated for; empty means any need.
  public var needs: EnumSet<NeedCode>
  /// Caps on how many pupils of this batch with a given primary need it may take.
  public var needPlaces: [NeedCode: Int]
  /// The capped codes in the order `need_places` lists them (outputs list
  /// caps in that order).
  public var needPlacesOrder: [NeedCode]
  /// Annual cost of one place, pounds, if known.
  public var costPerPlace: Double?
  /// Local-authority code, if given.
  public var localAuthority: String?
  /// Whether a request for it is one the authority must follow under
  /// section 39 (`statutory_request`, its default by kind when not given).
  public var statutoryRequest: Bool

  /// Creates a setting; optional facts take the case format's defaults.
  public init(
    urn: URN, name: String, kind: SettingKind, easting: Double, northing: Double,
    lowAge: Int, highAge: Int, capacity: Int, onRoll: Int = 0, gender: SettingGender = .mixed,
    needs: EnumSet<NeedCode> = EnumSet(), needPlaces: [NeedCode: Int] = [:],
    costPerPlace: Double? = nil, localAuthority: String? = nil, needPlacesOrder: [NeedCode]? = nil,
    statutoryRequest: Bool? = nil
  ) {
    self.urn = urn
    self.name = name
    self.kind = kind
    self.easting = easting
    self.northing = northing
    self.lowAge = lowAge
    self.highAge = highAge
    self.capacity = capacity
    self.onRoll = onRoll
    self.gender = gender
    self.needs = needs
    self.needPlaces = needPlaces
    self.needPlacesOrder = needPlacesOrder ?? needPlaces.keys.sorted()
    self.costPerPlace = costPerPlace
    self.localAuthority = localAuthority
    self.statutoryRequest = statutoryRequest ?? kind.statutoryRequestByDefault
  }

  /// Places free for this batch: `max(0, capacity - on_roll)`.
  public var freePlaces: Int { max(0, capacity - onRoll) }

  /// The cap that binds pupils with this need here, if one does: a cap on a
  /// need the setting is not designated for changes nothing.
  public func cap(for need: NeedCode) -> Int? {
    guard let cap = needPlaces[need], needs.isEmpty || needs.contains(need) else { return nil }
    return cap
  }
}
