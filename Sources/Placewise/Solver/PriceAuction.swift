/// Approximate place prices from an auction, used only to choose what the
/// LP is given: which pupils are contested and the prices of full settings
/// the LP does not see. The optimum itself, and its proof, come from GLPK's
/// LP and the pricing loop of `ContestedMarket`; poor prices cost rounds,
/// never exactness.
///
/// Forward auction for the transportation problem (Bertsekas): each pupil
/// bids for its cheapest option at current prices, raising the price of the
/// place it takes by the gap to its second-best option plus epsilon, and
/// displacing the pupil that held it. Options are the pupil's candidate pairs
/// (journey plus penalty) and staying unplaced, which costs
/// `weight * priority` and is never full. Need caps are left to the LP.
/// Epsilon shrinks by 4 each phase (epsilon scaling).
struct PriceAuction {
  /// Each pupil's pair at the end (-1: unplaced or no pair).
  private(set) var assignment: [Int]
  /// Each setting's price: the lowest price among its taken places when it
  /// is full, 0 when a place is free.
  private(set) var prices: [Double]
  /// The weight that turns one unit of priority into placement cost.
  let weight: Double
  /// The final epsilon: every pupil's option is within it of its best.
  private(set) var epsilon: Double

  /// The weight for a case whose dearest pair costs `maxCost`.
  static func weight(maxCost: Double) -> Double { 10 * maxCost + 1000 }

  /// Runs the auction; past the deadline it stops with the time-limit error.
  init(case input: Case, candidates: CandidateSet, deadline: ContinuousClock.Instant? = nil) throws(AllocationError) {
    let pupilCount = input.pupils.count
    let settingCount = input.settings.count
    let pairCount = candidates.count
    // The hot loops below read flat, unchecked buffers: the costs summed
    // once, each pupil's pair range, and the settings' heaps.
    let cost = UnsafeMutableBufferPointer<Double>.allocate(capacity: max(1, pairCount))
    defer { cost.deallocate() }
    var maxCost = 0.0
    for pair in 0..<pairCount {
      cost[pair] = candidates.cost(pair)
      maxCost = max(maxCost, cost[pair])
    }
    let weight = Self.weight(maxCost: maxCost)
    self.weight = weight

    var result = [Int](repeating: -1, count: pupilCount)
    var price = [Double](repeating: 0, count: settingCount)
    let finalEpsilon = max(0.5, maxCost * 1e-3)
    let outcome = candidates.setting.withUnsafeBufferPointer { setting in
      candidates.offsets.withUnsafeBufferPointer { offsets in
        Result { () throws(AllocationError) -> Double in
          try Self.run(
            pupilCount: pupilCount, free: input.settings.map(\.freePlaces), cost: UnsafeBufferPointer(cost),
            setting: setting, offsets: offsets, unplacedCost: input.pupils.map { weight * Double($0.priority) },
            maxCost: maxCost, finalEpsilon: finalEpsilon, deadline: deadline, assignment: &result, prices: &price)
        }
      }
    }
    epsilon = try outcome.get()
    assignment = result
    prices = price
  }

  /// The auction proper, over flat buffers; returns the final epsilon.
  private static func run(
    pupilCount: Int, free: [Int], cost: UnsafeBufferPointer<Double>, setting: UnsafeBufferPointer<Int32>,
    offsets: UnsafeBufferPointer<Int>, unplacedCost: [Double], maxCost: Double, finalEpsilon: Double,
    deadline: ContinuousClock.Instant?, assignment: inout [Int], prices: inout [Double]
  ) throws(AllocationError) -> Double {
    let settingCount = free.count
    // Per setting, its holders as a binary min-heap on the price paid, in
    // one flat store: setting s owns slots base[s] ..< base[s + 1] (its
    // free places).
    let base = UnsafeMutableBufferPointer<Int>.allocate(capacity: settingCount + 1)
    base[0] = 0
    for s in 0..<settingCount { base[s + 1] = base[s] + max(0, free[s]) }
    let slots = max(1, base[settingCount])
    let heapPrice = UnsafeMutableBufferPointer<Double>.allocate(capacity: slots)
    let heapPupil = UnsafeMutableBufferPointer<Int32>.allocate(capacity: slots)
    let heapPair = UnsafeMutableBufferPointer<Int32>.allocate(capacity: slots)
    let count = UnsafeMutableBufferPointer<Int>.allocate(capacity: max(1, settingCount))
    let paid = UnsafeMutableBufferPointer<Double>.allocate(capacity: max(1, pupilCount))
    let own = UnsafeMutableBufferPointer<Int>.allocate(capacity: max(1, pupilCount))
    defer {
      heapPrice.deallocate()
      heapPupil.deallocate()
      heapPair.deallocate()
      count.deallocate()
      base.deallocate()
      paid.deallocate()
      own.deallocate()
    }
    for s in 0..<settingCount { count[s] = 0 }
    @inline(__always) func capacity(_ s: Int) -> Int { base[s + 1] - base[s] }
    for p in 0..<pupilCount {
      paid[p] = 0
      own[p] = -1
    }

    @inline(__always) func lowest(_ s: Int) -> Double {
      count[s] < capacity(s) || count[s] == 0 ? 0 : heapPrice[base[s]]
    }
    @inline(__always) func secondLowest(_ s: Int) -> Double {
      let n = count[s]
      let b = base[s]
      if n + 2 <= capacity(s) { return 0 }
      if n + 1 == capacity(s) { return n == 0 ? 0 : heapPrice[b] }
      if n < 2 { return .infinity }
      return n == 2 ? heapPrice[b + 1] : min(heapPrice[b + 1], heapPrice[b + 2])
    }
    func siftUp(_ b: Int, _ i: Int) {
      var i = i
      let (price, pupil, pair) = (heapPrice[b + i], heapPupil[b + i], heapPair[b + i])
      while i > 0 {
        let parent = (i - 1) / 2
        guard price < heapPrice[b + parent] else { break }
        heapPrice[b + i] = heapPrice[b + parent]
        heapPupil[b + i] = heapPupil[b + parent]
        heapPair[b + i] = heapPair[b + parent]
        i = parent
      }
      heapPrice[b + i] = price
      heapPupil[b + i] = pupil
      heapPair[b + i] = pair
    }
    func siftDown(_ b: Int, _ n: Int, _ i: Int) {
      var i = i
      let (price, pupil, pair) = (heapPrice[b + i], heapPupil[b + i], heapPair[b + i])
      while true {
        let l = 2 * i + 1
        guard l < n else { break }
        var m = l
        if l + 1 < n && heapPrice[b + l + 1] < heapPrice[b + l] { m = l + 1 }
        guard heapPrice[b + m] < price else { break }
        heapPrice[b + i] = heapPrice[b + m]
        heapPupil[b + i] = heapPupil[b + m]
        heapPair[b + i] = heapPair[b + m]
        i = m
      }
      heapPrice[b + i] = price
      heapPupil[b + i] = pupil
      heapPair[b + i] = pair
    }
    func push(_ s: Int, _ price: Double, _ pupil: Int32, _ pair: Int32) {
      let b = base[s]
      let i = count[s]
      heapPrice[b + i] = price
      heapPupil[b + i] = pupil
      heapPair[b + i] = pair
      count[s] = i + 1
      siftUp(b, i)
    }
    /// Replaces the lowest holder (the heap is full); returns the pupil displaced.
    func replaceLowest(_ s: Int, _ price: Double, _ pupil: Int32, _ pair: Int32) -> Int {
      let b = base[s]
      let displaced = Int(heapPupil[b])
      heapPrice[b] = price
      heapPupil[b] = pupil
      heapPair[b] = pair
      siftDown(b, count[s], 0)
      return displaced
    }

    var eps = max(finalEpsilon, maxCost / 8)
    var queue: [Int] = []
    var firstPhase = true
    var release = [Bool](repeating: false, count: pupilCount)
    var sinceCheck = 0
    while true {
      // Each phase keeps the prices and the pupils whose place is still
      // within the new epsilon of their best option; the others bid again.
      // (The first phase starts with everyone unassigned.)
      queue.removeAll(keepingCapacity: true)
      if firstPhase {
        queue = Array((0..<pupilCount).reversed())
        firstPhase = false
      } else {
        for p in (0..<pupilCount).reversed() {
          release[p] = false
          let mineAt = own[p]
          guard mineAt >= 0 else {
            if offsets[p] < offsets[p + 1] { queue.append(p) }
            continue
          }
          let mine = cost[mineAt] + paid[p]
          var best = unplacedCost[p]
          // Pairs come cheapest first and prices are never negative.
          for pair in offsets[p]..<offsets[p + 1] where pair != mineAt {
            let c = cost[pair]
            if c >= best { break }
            best = min(best, c + lowest(Int(setting[pair])))
          }
          if mine > best + eps {
            release[p] = true
            queue.append(p)
          }
        }
        for s in 0..<settingCount where count[s] > 0 {
          let b = base[s]
          var n = 0
          for i in 0..<count[s] where !release[Int(heapPupil[b + i])] {
            heapPrice[b + n] = heapPrice[b + i]
            heapPupil[b + n] = heapPupil[b + i]
            heapPair[b + n] = heapPair[b + i]
            n += 1
          }
          if n < count[s] {
            count[s] = n
            if n > 1 { for i in stride(from: n / 2 - 1, through: 0, by: -1) { siftDown(b, n, i) } }
          }
        }
        for p in queue { own[p] = -1 }
      }
      while let p = queue.popLast() {
        sinceCheck += 1
        if sinceCheck == 65_536 {
          sinceCheck = 0
          if let deadline, ContinuousClock.now >= deadline { throw AllocationError.timeLimit }
        }
        var best = -1
        var bestCost = unplacedCost[p]
        var second = Double.infinity
        for pair in offsets[p]..<offsets[p + 1] {
          // Pairs come cheapest first and prices are never negative: no
          // later pair can beat the second best.
          let c = cost[pair]
          if c >= second { break }
          let total = c + lowest(Int(setting[pair]))
          if total < bestCost {
            second = min(second, bestCost)
            bestCost = total
            best = pair
          } else if total < second {
            second = total
          }
        }
        guard best >= 0 else { continue }  // stays unplaced
        let s = Int(setting[best])
        second = min(second, cost[best] + secondLowest(s))
        let newPrice = lowest(s) + (second - bestCost) + eps
        if count[s] >= capacity(s) {
          let displaced = replaceLowest(s, newPrice, Int32(p), Int32(best))
          own[displaced] = -1
          queue.append(displaced)
        } else {
          push(s, newPrice, Int32(p), Int32(best))
        }
        own[p] = best
        paid[p] = newPrice
      }
      if eps <= finalEpsilon { break }
      eps = max(finalEpsilon, eps / 4)
    }
    for p in 0..<pupilCount { assignment[p] = own[p] }
    for s in 0..<settingCount { prices[s] = lowest(s) }
    return eps
  }
}
