import PlacewiseTestSupport
import Testing

@testable import Placewise

/// The search through a hub (`ResidualSearch.distances(from:to:through:hubReduced:)`)
/// against the plain search on the same residual networks.
@Suite("Residual searches that stop at the sink")
struct ResidualSearchTests {
  @Test("every source to every node and to small target sets: the same lengths as the plain search")
  func throughTheSinkAgrees() throws {
    var wrong: [String] = []
    var viaSink = 0
    var compared = 0
    for seed in UInt64(12000)..<12030 {
      let input = seed % 3 == 0 ? RandomCases.tiedMedium(seed: seed) : RandomCases.medium(seed: seed)
      let candidates = CandidateSet(case: input)
      let allocation = try Allocator.allocate(input, candidates: candidates)
      let network = try ResidualNetwork(
        case: input, candidates: candidates, allocation: allocation, blocked: BlockedPairs(case: input))
      var plain = ResidualSearch(network)
      var hubbed = ResidualSearch(network)
      let sinkReduced = hubbed.reducedDistances(from: ResidualNetwork.sink)
      let fromSink = plain.distances(from: ResidualNetwork.sink, to: nil)
      let nodes = Array(0..<network.nodeCount)
      var random = SeededGenerator(seed: seed)
      for source in nodes {
        let toSink = plain.distances(from: source, to: [ResidualNetwork.sink])[0]
        // All nodes at once, then a few small sets (where the early stops matter).
        var targetSets = [nodes]
        for _ in 0..<3 {
          let count = Int.random(in: 1...3, using: &random)
          targetSets.append((0..<count).map { _ in Int.random(in: 0..<network.nodeCount, using: &random) })
        }
        for targets in targetSets {
          let expected = plain.distances(from: source, to: targets)
          let found = hubbed.distances(
            from: source, to: targets, through: ResidualNetwork.sink, hubReduced: sinkReduced)
          for (k, t) in targets.enumerated() {
            compared += 1
            let a = expected[k]
            let b = found[k]
            let same =
              a.isUnreachable == b.isUnreachable
              && (a.isUnreachable || (a.unmet == b.unmet && abs(a.cost - b.cost) <= 1e-7 * (1 + abs(a.cost))))
            if !same { wrong.append("seed \(seed) \(source) -> \(t): \(b), plain search \(a)") }
            // Targets with a shortest path through the sink: the searches
            // that can stop early (counted, so the comparison is not idle).
            if targets.count < network.nodeCount, !a.isUnreachable, source != ResidualNetwork.sink,
              t != ResidualNetwork.sink, !toSink.isUnreachable, !fromSink[t].isUnreachable
            {
              let through = toSink + fromSink[t]
              if through.unmet == a.unmet && abs(through.cost - a.cost) <= 1e-7 * (1 + abs(a.cost)) { viaSink += 1 }
            }
          }
        }
      }
    }
    #expect(wrong.isEmpty, "\(wrong.count) of \(compared) differ: \(wrong.prefix(5))")
    #expect(viaSink >= 1_000, "\(viaSink) small-set targets with a shortest path through the sink")
  }
}
