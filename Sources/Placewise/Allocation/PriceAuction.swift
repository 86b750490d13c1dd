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
    let free = input.settings.map(\.freePlaces)
    var maxCost = 0.0
    for pair in 0..<candidates.count { maxCost = max(maxCost, candidates.cost(pair)) }
    weight = Self.weight(maxCost: maxCost)
    assignment = [Int](repeating: -1, count: pupilCount)
    prices = [Double](repeating: 0, count: input.settings.count)
    epsilon = 0

    // Per setting, its holders as a binary min-heap on the price paid.
    var heaps = [[(price: Double, pupil: Int32, pair: Int32)]](repeating: [], count: input.settings.count)
    func lowest(_ s: Int) -> Double { heaps[s].count < free[s] || heaps[s].isEmpty ? 0 : heaps[s][0].price }
    func secondLowest(_ s: Int) -> Double {
      let heap = heaps[s]
      if heap.count + 2 <= free[s] { return 0 }
      if heap.count + 1 == free[s] { return heap.isEmpty ? 0 : heap[0].price }
      if heap.count < 2 { return .infinity }
      return heap.count == 2 ? heap[1].price : min(heap[1].price, heap[2].price)
    }
    func push(_ s: Int, _ entry: (price: Double, pupil: Int32, pair: Int32)) {
      heaps[s].append(entry)
      var i = heaps[s].count - 1
      while i > 0 {
        let parent = (i - 1) / 2
        guard heaps[s][i].price < heaps[s][parent].price else { break }
        heaps[s].swapAt(i, parent)
        i = parent
      }
    }
    func popLowest(_ s: Int) -> (price: Double, pupil: Int32, pair: Int32) {
      let top = heaps[s][0]
      let last = heaps[s].removeLast()
      if !heaps[s].isEmpty {
        heaps[s][0] = last
        var i = 0
        let n = heaps[s].count
        while true {
          let l = 2 * i + 1, r = l + 1
          var m = i
          if l < n && heaps[s][l].price < heaps[s][m].price { m = l }
          if r < n && heaps[s][r].price < heaps[s][m].price { m = r }
          if m == i { break }
          heaps[s].swapAt(i, m)
          i = m
        }
      }
      return top
    }

    let finalEpsilon = max(0.5, maxCost * 1e-3)
    var eps = max(finalEpsilon, maxCost / 8)
    var queue: [Int] = []
    var paid = [Double](repeating: 0, count: pupilCount)
    var firstPhase = true
    while true {
      // Each phase keeps the prices and the pupils whose place is still
      // within the new epsilon of their best option; the others bid again.
      // (The first phase starts with everyone unassigned.)
      queue.removeAll(keepingCapacity: true)
      if firstPhase {
        queue = Array((0..<pupilCount).reversed())
        firstPhase = false
      } else {
        var release = [Bool](repeating: false, count: pupilCount)
        for p in (0..<pupilCount).reversed() {
          let own = assignment[p]
          guard own >= 0 else {
            if !candidates.pairs(of: p).isEmpty { queue.append(p) }
            continue
          }
          let mine = candidates.cost(own) + paid[p]
          var best = weight * Double(input.pupils[p].priority)
          // Pairs come cheapest first and prices are never negative.
          for pair in candidates.pairs(of: p) where pair != own {
            let cost = candidates.cost(pair)
            if cost >= best { break }
            best = min(best, cost + lowest(Int(candidates.setting[pair])))
          }
          if mine > best + eps {
            release[p] = true
            queue.append(p)
          }
        }
        for s in heaps.indices where heaps[s].contains(where: { release[Int($0.pupil)] }) {
          let kept = heaps[s].filter { !release[Int($0.pupil)] }
          heaps[s].removeAll(keepingCapacity: true)
          for entry in kept { push(s, entry) }
        }
        for p in queue { assignment[p] = -1 }
      }
      var sinceCheck = 0
      while let p = queue.popLast() {
        sinceCheck += 1
        if sinceCheck == 65_536 {
          sinceCheck = 0
          if let deadline, ContinuousClock.now >= deadline { throw AllocationError.timeLimit }
        }
        let unplacedCost = weight * Double(input.pupils[p].priority)
        var best = -1
        var bestCost = unplacedCost
        var second = Double.infinity
        for pair in candidates.pairs(of: p) {
          // Pairs come cheapest first and prices are never negative: no
          // later pair can beat the second best.
          let cost = candidates.cost(pair)
          if cost >= second { break }
          let s = Int(candidates.setting[pair])
          let c = cost + lowest(s)
          if c < bestCost {
            second = min(second, bestCost)
            bestCost = c
            best = pair
          } else if c < second {
            second = c
          }
        }
        guard best >= 0 else { continue }  // stays unplaced
        let s = Int(candidates.setting[best])
        second = min(second, candidates.cost(best) + secondLowest(s))
        let newPrice = lowest(s) + (second - bestCost) + eps
        if heaps[s].count >= free[s] {
          let displaced = popLowest(s)
          assignment[Int(displaced.pupil)] = -1
          queue.append(Int(displaced.pupil))
        }
        push(s, (newPrice, Int32(p), Int32(best)))
        assignment[p] = best
        paid[p] = newPrice
      }
      if eps <= finalEpsilon { break }
      eps = max(finalEpsilon, eps / 4)
    }
    epsilon = eps
    for s in heaps.indices { prices[s] = lowest(s) }
  }
}
