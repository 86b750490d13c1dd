import PlacewiseTestSupport
import Testing

@testable import Placewise

/// The auction's heaps checked against the plainest model of a setting's
/// places: a list of what each holder paid, sorted, plus a free place at
/// price 0 for every place nobody holds.
@Suite("The price auction's per-setting heaps")
struct SettingHeapsTests {
  /// One setting as a sorted array: the oracle.
  struct OracleSetting {
    let capacity: Int
    /// (price, pupil) of every holder, cheapest first.
    var holders: [(price: Double, pupil: Int)] = []

    var isFull: Bool { holders.count >= capacity }
    /// Every place's price, cheapest first: free places cost 0.
    var places: [Double] { [Double](repeating: 0, count: capacity - holders.count) + holders.map(\.price) }
    var lowest: Double { places.first ?? 0 }
    var secondLowest: Double {
      // The documented exception: an empty one-place setting reports 0.
      if capacity == 1 && holders.isEmpty { return 0 }
      return places.count >= 2 ? places[1] : .infinity
    }

    mutating func insert(_ price: Double, _ pupil: Int) {
      let at = holders.firstIndex { $0.price > price } ?? holders.count
      holders.insert((price, pupil), at: at)
    }
  }

  /// Checks every setting of `heaps` against the oracle: the same holders
  /// paying the same prices, the heap order, and the place prices. Returns
  /// whether every count agrees (past a disagreement the model cannot go on).
  @discardableResult
  static func expectMatches(
    _ heaps: borrowing SettingHeaps, _ oracle: [OracleSetting], _ context: @autoclosure () -> String
  ) -> Bool {
    var countsAgree = true
    for (s, model) in oracle.enumerated() {
      // Read into values first: the expectation macros capture what they test.
      let (n, capacity, isFull) = (heaps.holderCount(s), heaps.capacity(s), heaps.isFull(s))
      let (lowest, secondLowest) = (heaps.lowest(s), heaps.secondLowest(s))
      #expect(n == model.holders.count, "setting \(s) holders, \(context())")
      #expect(capacity == model.capacity, "setting \(s) capacity, \(context())")
      #expect(isFull == model.isFull, "setting \(s) full, \(context())")
      #expect(lowest == model.lowest, "setting \(s) lowest, \(context())")
      #expect(secondLowest == model.secondLowest, "setting \(s) second lowest, \(context())")
      guard n == model.holders.count else {
        countsAgree = false
        continue
      }
      let held = (0..<n).map { (price: heaps.price(s, at: $0), pupil: heaps.pupil(s, at: $0)) }
      let heldSorted = held.sorted { ($0.price, $0.pupil) < ($1.price, $1.pupil) }
      let modelSorted = model.holders.sorted { ($0.price, $0.pupil) < ($1.price, $1.pupil) }
      #expect(heldSorted.map(\.price) == modelSorted.map(\.price), "setting \(s) prices, \(context())")
      #expect(heldSorted.map(\.pupil) == modelSorted.map(\.pupil), "setting \(s) pupils, \(context())")
      for i in 1..<max(1, n) where held[(i - 1) / 2].price > held[i].price {
        Issue.record("setting \(s): heap order broken at slot \(i), \(context())")
      }
    }
    return countsAgree
  }

  @Test("random pushes, displacements and releases agree with a sorted-array model", arguments: 0..<40)
  func randomOperations(seed: UInt64) {
    var random = SeededGenerator(seed: 0x5EED_0000 + seed)
    // Room for 0 to 9 places, and a few settings with none (refused as
    // negative counts too, as the auction's `max(0, free)` does).
    let places = (0..<Int.random(in: 1...6, using: &random)).map { _ in Int.random(in: -1...9, using: &random) }
    var heaps = SettingHeaps(places: places)
    var oracle = places.map { OracleSetting(capacity: max(0, $0)) }
    var nextPupil = 0
    Self.expectMatches(heaps, oracle, "seed \(seed), empty")

    for step in 0..<400 {
      let s = Int.random(in: 0..<places.count, using: &random)
      // Few distinct prices, so that ties are common.
      let price = Double(Int.random(in: 0...12, using: &random)) / 2
      let context = "seed \(seed), step \(step)"
      if Int.random(in: 0..<25, using: &random) == 0 {
        let released = Set(
          oracle.flatMap { $0.holders.map(\.pupil) }.filter { _ in Bool.random(using: &random) })
        heaps.removeHolders { released.contains($0) }
        for t in oracle.indices { oracle[t].holders.removeAll { released.contains($0.pupil) } }
      } else if !oracle[s].isFull {
        heaps.push(s, price: price, pupil: Int32(nextPupil))
        oracle[s].insert(price, nextPupil)
        nextPupil += 1
      } else if oracle[s].capacity > 0 {
        let displaced = heaps.replaceLowest(s, price: price, pupil: Int32(nextPupil))
        // Among equal cheapest holders any may go; it must be one of them.
        let cheapest = oracle[s].holders[0].price
        let at = oracle[s].holders.firstIndex { $0.pupil == displaced && $0.price == cheapest }
        #expect(at != nil, "\(context): displaced pupil \(displaced) did not hold a cheapest place")
        guard let at else { return }
        oracle[s].holders.remove(at: at)
        oracle[s].insert(price, nextPupil)
        nextPupil += 1
      }
      guard Self.expectMatches(heaps, oracle, context) else { return }
    }
  }

  @Test("the place prices of a hand-made setting of three places, as holders come and go")
  func handExample() {
    var heaps = SettingHeaps(places: [3])
    func prices(_ heaps: borrowing SettingHeaps) -> [Double] { [heaps.lowest(0), heaps.secondLowest(0)] }
    var seen = prices(heaps)
    #expect(seen == [0, 0])
    heaps.push(0, price: 5, pupil: 0)
    heaps.push(0, price: 2, pupil: 1)
    // One free place left: it is the cheapest, the holder at 2 the next.
    seen = prices(heaps)
    #expect(seen == [0, 2])
    heaps.push(0, price: 7, pupil: 2)
    let full = heaps.isFull(0)
    #expect(full)
    seen = prices(heaps)
    #expect(seen == [2, 5])
    let displaced = heaps.replaceLowest(0, price: 6, pupil: 3)
    #expect(displaced == 1)
    seen = prices(heaps)
    #expect(seen == [5, 6])
    heaps.removeHolders { $0 == 0 }
    seen = prices(heaps)
    #expect(seen == [0, 6])
  }
}
