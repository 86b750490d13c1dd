/// An exact minimum-cost flow on whole-number data by the primal network
/// simplex, started from a feasible flow the caller gives.
///
/// The caller states every arc with its cost, bounds and starting flow (the
/// flow must balance at every node: each node's supply is whatever the
/// starting flow sends out of it), one node as the root, and for each other
/// node either an arc out of it towards the root whose flow is below its
/// upper bound, or nothing (an artificial arc to the root is then added,
/// with flow 0 and a cost so high that no optimum uses it while a flow
/// without it exists, which the start proves). Those arcs form the first
/// spanning tree; every other arc must sit at one of its bounds.
///
/// Each arc of that first tree points towards the root with room to carry
/// more, so the tree is strongly feasible (some flow can be sent from every
/// node to the root along it); Cunningham's rule for the leaving arc keeps
/// it so, which rules out cycling on degenerate pivots. Entering arcs are
/// chosen by block pricing (the most violated arc of a block of about
/// sqrt(arcs)). The run ends when a full pass finds no arc whose reduced
/// cost `cost - potential[tail] + potential[head]` has the wrong sign for
/// its bound: the potentials are then an optimal dual solution, and the
/// flow an optimal one (complementary slackness). Integers make every
/// comparison exact.
struct NetworkSimplex {
  private(set) var tail: [Int32] = []
  private(set) var head: [Int32] = []
  private(set) var cost: [Int64] = []
  private(set) var lower: [Int64] = []
  private(set) var upper: [Int64] = []
  /// The flow on each arc: the start, and after `solve` the optimum.
  private(set) var flow: [Int64] = []
  /// Arcs at and above this index are artificial.
  private var artificialStart = 0
  let nodeCount: Int
  let root: Int

  private var inTree: [Bool] = []
  private var parent: [Int32] = []
  private var parentArc: [Int32] = []
  private var firstChild: [Int32] = []
  private var nextSibling: [Int32] = []
  private var previousSibling: [Int32] = []
  /// Node potentials: after `solve`, an optimal dual solution (the root's is 0).
  private(set) var potential: [Int64] = []
  /// Each node's number of tree arcs from the root.
  private var depth: [Int32] = []
  /// Pivots made by `solve`.
  private(set) var pivots = 0

  /// A network of `nodeCount` nodes, `root` among them, and no arcs yet.
  init(nodeCount: Int, root: Int) {
    self.nodeCount = nodeCount
    self.root = root
  }

  /// Adds an arc; returns its index.
  @discardableResult
  mutating func addArc(from t: Int, to h: Int, cost c: Int64, lower l: Int64, upper u: Int64, flow f: Int64)
    -> Int
  {
    tail.append(Int32(t))
    head.append(Int32(h))
    cost.append(c)
    lower.append(l)
    upper.append(u)
    flow.append(f)
    return tail.count - 1
  }

  /// What went wrong with a start or a run.
  enum Failure: Error, Equatable {
    /// The start breaks a rule stated above (which one, in words).
    case badStart(String)
    /// An optimum uses an artificial arc: the start was not feasible.
    case artificialFlow
    /// The deadline passed.
    case timeLimit
  }

  /// Solves from the start; `treeArc[v]` is node v's first tree arc (nil:
  /// an artificial one). `deadline` is checked every 1,024 pivots.
  mutating func solve(treeArc: [Int?], deadline: ContinuousClock.Instant?) throws(Failure) {
    try buildTree(treeArc)
    let arcCount = tail.count
    let blockSize = max(64, Int(Double(arcCount).squareRoot()))
    var next = 0
    while true {
      if pivots & 1023 == 1023, let deadline, ContinuousClock.now >= deadline { throw .timeLimit }
      // Block pricing: the most violated arc of the first block that has one.
      var best = -1
      var bestViolation: Int64 = 0
      var left = blockSize
      var checked = 0
      var e = next
      while checked < arcCount {
        let v = violation(e)
        if v > bestViolation {
          best = e
          bestViolation = v
        }
        checked += 1
        e += 1
        if e == arcCount { e = 0 }
        left -= 1
        if left == 0 {
          if best >= 0 { break }
          left = blockSize
        }
      }
      guard best >= 0 else { break }
      next = e
      pivot(best)
      pivots += 1
    }
    for a in artificialStart..<arcCount where flow[a] != 0 { throw .artificialFlow }
  }

  /// How far an arc's reduced cost is on the wrong side of zero for the
  /// bound it sits at (0: not a candidate to enter).
  private func violation(_ a: Int) -> Int64 {
    if inTree[a] || lower[a] == upper[a] { return 0 }
    let reduced = cost[a] - potential[Int(tail[a])] + potential[Int(head[a])]
    if flow[a] == lower[a] { return reduced < 0 ? -reduced : 0 }
    return reduced > 0 ? reduced : 0
  }

  private mutating func buildTree(_ treeArc: [Int?]) throws(Failure) {
    guard treeArc.count == nodeCount else { throw .badStart("one tree arc entry per node") }
    // The artificial arcs' cost exceeds the cost of any path of real arcs.
    var largest: Int64 = 0
    for c in cost { largest = max(largest, c == .min ? .max : abs(c)) }
    let (product, overflow) = largest.multipliedReportingOverflow(by: Int64(nodeCount + 1))
    guard !overflow, product < Int64.max / 4 else { throw .badStart("costs too large for exact sums") }
    let artificialCost = product + 1
    artificialStart = tail.count
    inTree = [Bool](repeating: false, count: tail.count)
    parent = [Int32](repeating: -1, count: nodeCount)
    parentArc = [Int32](repeating: -1, count: nodeCount)
    for v in 0..<nodeCount where v != root {
      if let a = treeArc[v] {
        guard tail[a] == Int32(v), flow[a] < upper[a] else {
          throw .badStart("a tree arc must leave its node with room to carry more")
        }
        parent[v] = head[a]
        parentArc[v] = Int32(a)
        inTree[a] = true
      } else {
        let a = addArc(from: v, to: root, cost: artificialCost, lower: 0, upper: Int64.max / 4, flow: 0)
        inTree.append(true)
        parent[v] = Int32(root)
        parentArc[v] = Int32(a)
      }
    }
    for a in 0..<artificialStart where !inTree[a] {
      guard flow[a] == lower[a] || flow[a] == upper[a] else {
        throw .badStart("an arc outside the tree must sit at a bound")
      }
    }
    firstChild = [Int32](repeating: -1, count: nodeCount)
    nextSibling = [Int32](repeating: -1, count: nodeCount)
    previousSibling = [Int32](repeating: -1, count: nodeCount)
    for v in 0..<nodeCount where v != root { attach(Int32(v), to: parent[v]) }
    // Potentials from the root down; every node must hang from the root.
    potential = [Int64](repeating: 0, count: nodeCount)
    depth = [Int32](repeating: 0, count: nodeCount)
    var reached = 1
    var stack: [Int32] = [Int32(root)]
    while let u = stack.popLast() {
      var c = firstChild[Int(u)]
      while c >= 0 {
        setPotentialFromParent(Int(c))
        depth[Int(c)] = depth[Int(u)] + 1
        reached += 1
        stack.append(c)
        c = nextSibling[Int(c)]
      }
    }
    guard reached == nodeCount else { throw .badStart("the tree arcs must join every node to the root") }
  }

  private mutating func setPotentialFromParent(_ c: Int) {
    let a = Int(parentArc[c])
    let p = Int(parent[c])
    potential[c] = tail[a] == Int32(c) ? cost[a] + potential[p] : potential[p] - cost[a]
  }

  private mutating func attach(_ c: Int32, to p: Int32) {
    let first = firstChild[Int(p)]
    nextSibling[Int(c)] = first
    previousSibling[Int(c)] = -1
    if first >= 0 { previousSibling[Int(first)] = c }
    firstChild[Int(p)] = c
  }

  private mutating func detach(_ c: Int32) {
    let p = parent[Int(c)]
    let before = previousSibling[Int(c)]
    let after = nextSibling[Int(c)]
    if before >= 0 { nextSibling[Int(before)] = after } else { firstChild[Int(p)] = after }
    if after >= 0 { previousSibling[Int(after)] = before }
  }

  /// Brings arc `e` into the tree (or moves it to its other bound).
  private mutating func pivot(_ e: Int) {
    let atLower = flow[e] == lower[e]
    // Flow goes round the cycle first -> second along e, then up from
    // second to the join and down from the join to first.
    let first = Int(atLower ? tail[e] : head[e])
    let second = Int(atLower ? head[e] : tail[e])
    let join = self.join(first, second)
    let (delta, leavingNode, side) = leaving(e, first: first, second: second, join: join)
    if delta > 0 {
      flow[e] += atLower ? delta : -delta
      push(delta, first: first, second: second, join: join)
    }
    guard side != 0 else { return }  // e itself blocks: it only changes bound
    rehang(e, inner: side == 1 ? first : second, outer: side == 1 ? second : first, leavingNode: leavingNode)
  }

  /// The join of the cycle: climb from the deeper end until both ends meet
  /// (the work is the cycle's length, not the tree's depth).
  @inline(__always)
  private func join(_ first: Int, _ second: Int) -> Int {
    var a = first
    var b = second
    while a != b {
      if depth[a] >= depth[b] { a = Int(parent[a]) } else { b = Int(parent[b]) }
    }
    return a
  }

  /// Cunningham's rule: the last blocking arc met going round the cycle
  /// from the join (strict on first's side, ties to second's side). The
  /// flow the cycle can carry, the node below the leaving arc, and its
  /// side (0: `e` itself blocks).
  @inline(__always)
  private func leaving(_ e: Int, first: Int, second: Int, join: Int) -> (delta: Int64, node: Int, side: Int) {
    var delta = upper[e] - lower[e]
    var leavingNode = -1
    var side = 0
    var u = first
    while u != join {
      let a = Int(parentArc[u])
      let d = tail[a] == parent[u] ? upper[a] - flow[a] : flow[a] - lower[a]
      if d < delta {
        delta = d
        leavingNode = u
        side = 1
      }
      u = Int(parent[u])
    }
    u = second
    while u != join {
      let a = Int(parentArc[u])
      let d = tail[a] == Int32(u) ? upper[a] - flow[a] : flow[a] - lower[a]
      if d <= delta {
        delta = d
        leavingNode = u
        side = 2
      }
      u = Int(parent[u])
    }
    return (delta, leavingNode, side)
  }

  /// Pushes `delta` round the cycle's tree arcs.
  @inline(__always)
  private mutating func push(_ delta: Int64, first: Int, second: Int, join: Int) {
    var u = first
    while u != join {
      let a = Int(parentArc[u])
      flow[a] += tail[a] == parent[u] ? delta : -delta
      u = Int(parent[u])
    }
    u = second
    while u != join {
      let a = Int(parentArc[u])
      flow[a] += tail[a] == Int32(u) ? delta : -delta
      u = Int(parent[u])
    }
  }

  /// The subtree below the leaving arc hangs from e instead: parents
  /// reversed along the path from `inner` to the leaving node, then
  /// potentials and depths brought up to date below `inner`.
  @inline(__always)
  private mutating func rehang(_ e: Int, inner: Int, outer: Int, leavingNode: Int) {
    let reduced = cost[e] - potential[Int(tail[e])] + potential[Int(head[e])]
    let shift = inner == Int(tail[e]) ? reduced : -reduced
    inTree[Int(parentArc[leavingNode])] = false
    inTree[e] = true
    var newParent = Int32(outer)
    var newArc = Int32(e)
    var current = Int32(inner)
    while true {
      let oldParent = parent[Int(current)]
      let oldArc = parentArc[Int(current)]
      detach(current)
      parent[Int(current)] = newParent
      parentArc[Int(current)] = newArc
      attach(current, to: newParent)
      if current == Int32(leavingNode) { break }
      newParent = current
      newArc = oldArc
      current = oldParent
    }
    var stack: [Int32] = [Int32(inner)]
    while let v = stack.popLast() {
      potential[Int(v)] += shift
      depth[Int(v)] = depth[Int(parent[Int(v)])] + 1
      var c = firstChild[Int(v)]
      while c >= 0 {
        stack.append(c)
        c = nextSibling[Int(c)]
      }
    }
  }
}
