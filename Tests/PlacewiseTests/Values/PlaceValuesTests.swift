import Foundation
import PlacewiseTestSupport
import Synchronization
import Testing

@testable import Placewise

/// Values handed back from parallel work, one slot each.
final class ParallelResults<Value: Sendable>: Sendable {
  private let slots: Mutex<[Value?]>
  init(count: Int) { slots = Mutex(Array(repeating: nil, count: count)) }
  func store(_ index: Int, _ value: Value?) { slots.withLock { $0[index] = value } }
  func values() -> [Value?] { slots.withLock { $0 } }
}

/// Tallies of what a batch of comparisons exercised, so that a test that
/// compares only zeros cannot pass unnoticed.
private struct Exercised {
  var rows = 0
  var placedMore = 0
  var cheaper = 0
  var capRows = 0
  var capGains = 0
  var blockedGains = 0
  var wrong: [String] = []
}

private func comparePlaceValues(_ input: Case, label: String, into tally: inout Exercised) throws {
  let candidates = CandidateSet(case: input)
  let allocation = try Allocator.allocate(input, candidates: candidates)
  try allocation.verify(case: input, candidates: candidates)
  let base = try PlanningOracle.optimum(input, candidates: candidates)
  let rows = try PlaceValues.compute(case: input, candidates: candidates, allocation: allocation)
  let expectedRows = input.settings.reduce(0) { $0 + 1 + $1.needPlaces.count }
  if rows.count != expectedRows { tally.wrong.append("\(label): \(rows.count) rows, expected \(expectedRows)") }
  for row in rows {
    let changed =
      row.need.map { PlanningOracle.oneCapMore(input, setting: row.setting, need: $0) }
      ?? PlanningOracle.onePlaceMore(input, setting: row.setting)
    let expected = try PlanningOracle.optimum(changed) - base
    tally.rows += 1
    if row.need != nil { tally.capRows += 1 }
    if expected.unmet < 0 { tally.placedMore += 1 } else if expected.cost < -1e-9 { tally.cheaper += 1 }
    if row.need != nil && expected < .zero { tally.capGains += 1 }
    let setting = input.settings[row.setting]
    if row.need == nil && setting.freePlaces == 0 && expected < .zero { tally.blockedGains += 1 }
    if !PlanningOracle.agree(row.change, expected) {
      tally.wrong.append(
        "\(label) \(setting.urn) \(row.need?.code ?? "-"): \(row.change), re-solving \(expected)")
    }
  }
}

@Suite("Place values against re-solving the changed case")
struct PlaceValuesTests {
  @Test(
    "every setting and cap row equals re-solving, on 400 random tiny cases",
    arguments: [UInt64(5000), 5100, 5200, 5300])
  func tinyCases(firstSeed: UInt64) throws {
    var tally = Exercised()
    for seed in firstSeed..<(firstSeed + 100) {
      try comparePlaceValues(RandomCases.tiny(seed: seed), label: "seed \(seed)", into: &tally)
    }
    #expect(tally.wrong.isEmpty, "\(tally.wrong.count) rows differ: \(tally.wrong.prefix(6))")
    // The cases must exercise the gains, or agreement proves little (the
    // medium cases below carry the rarer kinds).
    #expect(tally.placedMore >= 20, "\(tally.placedMore) rows where a place lowers unmet priority")
    #expect(tally.capRows >= 50, "\(tally.capRows) cap rows")
    #expect(tally.blockedGains >= 3, "\(tally.blockedGains) gains at settings with no free place")
  }

  @Test("every setting and cap row equals re-solving, on 40 random medium cases")
  func mediumCases() throws {
    var tally = Exercised()
    for seed in UInt64(7000)..<7040 {
      try comparePlaceValues(RandomCases.medium(seed: seed), label: "seed \(seed)", into: &tally)
    }
    #expect(tally.wrong.isEmpty, "\(tally.wrong.count) rows differ: \(tally.wrong.prefix(6))")
    #expect(tally.placedMore >= 20 && tally.cheaper >= 10, "\(tally.placedMore) placed, \(tally.cheaper) cheaper")
    #expect(tally.capGains >= 3, "\(tally.capRows) cap rows, \(tally.capGains) gains")
  }

  @Test("the sample county: every setting's and cap's value equals re-solving")
  func sampleCounty() throws {
    let input = try CaseReader.read(folder: packageRoot + "/Data/sample-county")
    let candidates = CandidateSet(case: input)
    let allocation = try Allocator.allocate(input, candidates: candidates)
    let base = try PlanningOracle.optimum(input, candidates: candidates)
    let rows = try PlaceValues.compute(case: input, candidates: candidates, allocation: allocation)
    #expect(rows.count == 153)
    // 153 re-solves, shared out over the cores. A changed case keeps the
    // case's candidates unless the change opens a setting or cap that had
    // no place at all (candidates depend on places only through that).
    let results = ParallelResults<ObjectiveChange>(count: rows.count)
    DispatchQueue.concurrentPerform(iterations: rows.count) { k in
      let row = rows[k]
      let setting = input.settings[row.setting]
      let changed =
        row.need.map { PlanningOracle.oneCapMore(input, setting: row.setting, need: $0) }
        ?? PlanningOracle.onePlaceMore(input, setting: row.setting)
      let opens = setting.freePlaces == 0 || row.need.map { setting.cap(for: $0) == 0 } == true
      results.store(
        k, (try? PlanningOracle.optimum(changed, candidates: opens ? CandidateSet(case: changed) : candidates)))
    }
    var placedMore = 0
    var wrong: [String] = []
    for (row, solved) in zip(rows, results.values()) {
      guard let solved else {
        wrong.append("\(input.settings[row.setting].urn): re-solving failed")
        continue
      }
      let expected = solved - base
      if expected.unmet < 0 { placedMore += 1 }
      if !PlanningOracle.agree(row.change, expected) {
        wrong.append(
          "\(input.settings[row.setting].urn) \(row.need?.code ?? "-"): \(row.change), re-solving \(expected)")
      }
    }
    #expect(wrong.isEmpty, "\(wrong.count) rows differ: \(wrong.prefix(6))")
    #expect(placedMore >= 10, "\(placedMore) settings where a place lowers unmet priority")
  }

  @Test("cap rows follow their setting, in the order need_places lists them")
  func rowOrder() throws {
    let files: [String: [UInt8]] = [
      "settings.csv": Array(
        """
        urn,name,kind,easting,northing,low_age,high_age,capacity,needs,need_places
        A,Alpha,special,0,0,4,19,2,,SLCN:1;ASD:1
        B,Beta,special,1000,0,4,19,1,,
        """.utf8),
      "pupils.csv": Array(
        """
        pupil_id,easting,northing,age,primary_need,provision
        P1,0,0,9,ASD,special
        P2,0,0,9,ASD,special
        """.utf8),
    ]
    let input = try CaseReader.read(files: files)
    let candidates = CandidateSet(case: input)
    let allocation = try Allocator.allocate(input, candidates: candidates)
    let rows = try PlaceValues.compute(case: input, candidates: candidates, allocation: allocation)
    #expect(rows.map(\.setting) == [0, 0, 0, 1])
    #expect(rows.map(\.need) == [nil, .slcn, .asd, nil])
    // A's ASD cap is full (P1 there, P2 at B): one more ASD place brings P2 nearer.
    #expect(rows[2].placesUsed == 1 && rows[2].freePlaces == 1 && rows[2].change.unmet == 0)
    #expect(rows[2].change.cost < 0)
  }
}
