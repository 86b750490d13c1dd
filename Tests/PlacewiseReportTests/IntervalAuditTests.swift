import Testing

@testable import PlacewiseReport

@Suite("What a reader works out from a public page's figures")
struct IntervalAuditTests {
  @Test("a count shown <5 beside a known total of two pins the other: both 1 to 4 and summing to 5 pin nothing")
  func pins() {
    var audit = IntervalAudit()
    let total = audit.add(.shown(5), rounded: false)
    let a = audit.add(.small, rounded: true)
    let b = audit.add(.shown(4), rounded: false)
    audit.relate([(a, 1), (b, 1), (total, -1)], 0, 0)
    audit.propagate()
    #expect(audit.pinned(a))
    #expect(!audit.pinned(b), "shown as itself")
  }

  @Test("a bound the figure's own value breaks is dropped on that side, so what holds still pins")
  func boundByTruth() {
    // A need's change of -3 (3 fewer without a place, shown `<5`) though no
    // places were opened to it (a chain of moves): the bound [0, 0] taken
    // whole would empty the ranges, and an empty range pins nothing. Kept
    // on its true side only, the change's other bounds (the plan's 3 places
    // in all, each used) still give the 3 back.
    var audit = IntervalAudit()
    let change = audit.add(-.infinity, .infinity)
    let fewer = audit.add(.small, rounded: true)
    audit.relate([(change, 1), (fewer, 1)], 0, 0)
    audit.bound(change, 0, 0, truth: -3)
    audit.bound(change, -3, -3, truth: -3)
    audit.propagate()
    #expect(audit.pinned(fewer))
  }
}
