import Testing

@testable import Placewise
@testable import PlacewiseReport

@Suite("What a reader works out from a public page's figures")
struct IntervalAuditTests {
  @Test("the programme kept between questions is dropped by a change: a relation added after pins what it pins")
  func programmeFollowsChanges() {
    // a and b `<5`, a + b = 6: each 2 to 4, by intervals and by the
    // programme. Then a = b: one relation at a time leaves 2 to 4, all
    // together pin 3, and only a programme built after the change sees it.
    var audit = IntervalAudit()
    let a = audit.add(.small, rounded: true)
    let b = audit.add(.small, rounded: true)
    audit.relate([(a, 1), (b, 1)], 6, 6)
    audit.propagate()
    #expect(!audit.pinned(a) && !audit.pinned(b))
    #expect(audit.range(a) == (2, 4))
    audit.relate([(a, 1), (b, -1)], 0, 0)
    #expect(audit.pinned(a) && audit.pinned(b))
    #expect(audit.range(b) == (3, 3))
  }

  @Test("asked in turn, where earlier solves already show a figure free, the answer is the one asked first gives")
  func pinnedInTurnEqualsAlone() {
    var seed: UInt64 = 28
    func next(_ n: Int) -> Int {
      seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((seed >> 33) % UInt64(n))
    }
    let shown: [Disclosed] = [.small, .upToFour, .confidential, .hidden, .shown(6), .shown(3)]
    var pinnedSome = 0
    for _ in 0..<60 {
      let count = 4 + next(6)
      let figures = (0..<count).map { _ in shown[next(shown.count)] } + [.small, .small]
      var relations = (0..<(2 + next(4))).map { _ in
        let terms = (0..<(2 + next(3))).map { _ in (next(count), next(3) == 0 ? -1.0 : 1.0) }
        let lo = Double(next(12))
        return (terms, lo, lo + Double(next(3)))
      }
      // Two `<5` that only the relations together pin (x + y = 2k, x = y),
      // asked after the others' solves have moved them.
      let k = Double(2 + next(2))
      relations += [([(count, 1.0), (count + 1, 1.0)], 2 * k, 2 * k), ([(count, 1.0), (count + 1, -1.0)], 0, 0)]
      func audit() -> IntervalAudit {
        var audit = IntervalAudit()
        for figure in figures { _ = audit.add(figure, rounded: false) }
        for relation in relations { audit.relate(relation.0, relation.1, relation.2) }
        audit.propagate()
        return audit
      }
      let inTurn = audit()
      for figure in 0..<(count + 2) {
        let alone = audit().pinned(figure)
        #expect(inTurn.pinned(figure) == alone, "\(figures) \(relations) \(figure)")
        if alone { pinnedSome += 1 }
      }
    }
    #expect(pinnedSome > 0, "the cases pin nothing: the test would not see a wrong shortcut")
  }

  @Test("one programme asked of every figure in turn gives each the range a programme built for it alone gives")
  func warmAnswersEqualCold() {
    var seed: UInt64 = 2027
    func next(_ n: Int) -> Int {
      seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((seed >> 33) % UInt64(n))
    }
    for _ in 0..<40 {
      let count = 3 + next(6)
      let ranges = (0..<count).map { _ in
        let lo = Double(next(4))
        return (lo: lo, hi: next(3) == 0 ? Double.infinity : lo + Double(next(8)))
      }
      let relations = (0..<(1 + next(5))).map { _ in
        let terms = (0..<(2 + next(3))).map { _ in (cell: next(count), coefficient: next(2) == 0 ? 1.0 : -1.0) }
        let lo = Double(next(10)) - 4
        return LinearReader.Relation(terms, lo, lo + Double(next(6)))
      }
      let shared = LinearReader.Ranges(ranges: ranges, relations: relations)
      for cell in (0..<count).reversed() {
        let alone = LinearReader.Ranges(ranges: ranges, relations: relations).range(of: cell)
        let warm = shared.range(of: cell)
        switch (alone, warm) {
        case (.within(let lo, let hi)?, .within(let wlo, let whi)?):
          #expect(abs(lo - wlo) < 1e-6 || lo == wlo, "\(ranges) \(cell)")
          #expect(abs(hi - whi) < 1e-6 || hi == whi, "\(ranges) \(cell)")
        default: #expect(alone == warm)
        }
      }
    }
  }

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
