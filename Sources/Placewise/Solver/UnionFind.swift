/// Disjoint sets over `0..<count` (path halving; the smaller root wins a
/// union, so results do not depend on the order of unions).
struct UnionFind {
  private var parent: [Int]

  init(count: Int) { parent = Array(0..<count) }

  /// The root of `x`'s set.
  mutating func find(_ x: Int) -> Int {
    var x = x
    while parent[x] != x {
      parent[x] = parent[parent[x]]
      x = parent[x]
    }
    return x
  }

  /// Joins the sets of `a` and `b`; false when they were one set already.
  @discardableResult
  mutating func union(_ a: Int, _ b: Int) -> Bool {
    let (ra, rb) = (find(a), find(b))
    guard ra != rb else { return false }
    parent[max(ra, rb)] = min(ra, rb)
    return true
  }
}
