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

  @Test("relations added together pin what one at a time leaves open")
  func relationsAddedTogether() {
    // Round nineteen's shape: requests a, b, h1, h2 (`<5`) sum to 11; h1
    // and h2 are at most pupils p1 and p2 (`<5`), and p1 + p2 + p3 = 4 with
    // p3 `<5`. One relation at a time leaves a and b at 3 or 4; added
    // together, h1 + h2 ≤ 3, so a + b ≥ 8: each 4.
    func page(requestsInAll: Double) -> (audit: IntervalAudit, requests: [Int], pupils: [Int]) {
      var audit = IntervalAudit()
      let requests = (0..<4).map { _ in audit.add(.small, rounded: false) }
      let pupils = (0..<3).map { _ in audit.add(.small, rounded: false) }
      audit.relate(requests.map { ($0, 1) }, requestsInAll, requestsInAll)
      audit.relate(pupils.map { ($0, 1) }, 4, 4)
      audit.relate([(requests[2], 1), (pupils[0], -1)], -.infinity, 0)
      audit.relate([(requests[3], 1), (pupils[1], -1)], -.infinity, 0)
      audit.propagate()
      return (audit, requests, pupils)
    }
    let (audit, requests, pupils) = page(requestsInAll: 11)
    #expect(audit.pinned(requests[0]) && audit.pinned(requests[1]))
    #expect(audit.pinned(pupils[2]), "p3 = 4 − (p1 + p2) and p1 + p2 ≥ 3")
    #expect(!audit.pinned(requests[2]) && !audit.pinned(pupils[0]), "1 or 2 each")
    // With the total of requests 10, a + b ≥ 7: 3 or 4, pinned by nothing.
    let looser = page(requestsInAll: 10)
    #expect(!looser.audit.pinned(looser.requests[0]) && !looser.audit.pinned(looser.requests[1]))
  }
}
