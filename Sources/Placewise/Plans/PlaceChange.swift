/// What a plan does to a case's free places, as a reader who knows the plan
/// (and the case's capacities) can tell: the children it places or unplaces
/// are bounded by them, which a public page must not let pin a count it
/// withholds (`ComparisonReport.withheld` audits them).
public struct PlaceChange: Sendable, Equatable {
  /// Free places the plan adds (more places, a setting it opens).
  public var added = 0
  /// Free places it takes away (fewer places, a setting it closes).
  public var removed = 0
  /// Per primary need, the free places it opens to the need (more places,
  /// or a designation for it).
  public var addedByNeed: [NeedCode: Int] = [:]
  /// Per primary need, the free places it takes from the need.
  public var removedByNeed: [NeedCode: Int] = [:]
  /// Free places in all after the plan: the most children it can place.
  public var freePlaces = 0
  /// The case's settings (by index) whose free places the plan cuts or
  /// which it closes: how many lose their place there tells how many it
  /// held.
  public var cutSettings: Set<Int> = []

  /// No change.
  public init() {}

  /// `planned` against `base`; `origin` gives each planned setting's index
  /// in `base` (-1 for a setting the plan opens).
  public init(from base: [Setting], to planned: [Setting], origin: [Int]) {
    let closed = Set(base.indices).subtracting(origin.filter { $0 >= 0 })
    // The free places a setting holds open to a need (nil: to any).
    func change(_ open: (Setting) -> Int) -> (added: Int, removed: Int) {
      var added = 0
      var removed = 0
      for (s, o) in origin.enumerated() {
        let now = open(planned[s])
        let was = o >= 0 ? open(base[o]) : 0
        if now > was { added += now - was } else { removed += was - now }
      }
      for o in closed { removed += open(base[o]) }
      return (added, removed)
    }
    (added, removed) = change(\.freePlaces)
    cutSettings = closed
    for (s, o) in origin.enumerated() where o >= 0 && planned[s].freePlaces < base[o].freePlaces {
      cutSettings.insert(o)
    }
    for need in NeedCode.allCases {
      let byNeed = change { $0.needs.isEmpty || $0.needs.contains(need) ? $0.freePlaces : 0 }
      addedByNeed[need] = byNeed.added
      removedByNeed[need] = byNeed.removed
    }
    freePlaces = planned.reduce(0) { $0 + $1.freePlaces }
  }
}
