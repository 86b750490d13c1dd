extension ContestedMarket {
  /// Prices the full settings the LP saw without a row.
  ///
  /// A setting gets a row only where the LP's pairs could overfill it; one
  /// whose LP pupils all fit has no row, hence no dual, and prices at zero
  /// even when the LP fills it. Every pupil outside who would like it then
  /// prices negative, and on heavily tied cases nearly every pair did
  /// (600 identical pupils at 500 one-place settings: 174,000 pairs entered
  /// the LP after round 1). Here such a setting takes the price a row would
  /// justify: the least regret `t` of the LP pupils placed there (each one's
  /// lowest reduced cost among its other LP columns and its unplaced column,
  /// compared level by level). Raising the setting's price by `t` and each
  /// holder's dual by `t` keeps every LP column's reduced cost non-negative
  /// (a holder's other columns lose at most `t`; columns at the setting are
  /// all its holders', since its LP pupils all fit and it is full) and keeps
  /// complementary slackness (the holders' columns stay at zero, the setting
  /// is full): the shifted duals are as optimal for the LP as the solver's,
  /// so the pricing that follows, and its proof of optimality, stand as
  /// before. Only which pairs price negative changes.
  func priceFullRowlessSettings(
    assignment: [Int], hasSettingRow: [Bool], ySetting: inout [LexCost], yCap: [CapKey: LexCost],
    yPupil: inout [LexCost]
  ) {
    var used = [Int](repeating: 0, count: free.count)
    for pair in assignment where pair >= 0 { used[Int(candidates.setting[pair])] += 1 }
    func less(_ a: LexCost, _ b: LexCost) -> Bool {
      (a.unmet, a.placement) < (b.unmet, b.placement)
    }
    var regret: [Int: LexCost] = [:]
    var holders: [(pupil: Int, setting: Int)] = []
    for p in 0..<assignment.count where isActive[p] && assignment[p] >= 0 {
      let own = assignment[p]
      let s = Int(candidates.setting[own])
      guard !hasSettingRow[s], used[s] >= free[s] else { continue }
      let y = yPupil[p]
      var least = candidates.unplacedLexCost(p, priority: input.pupils[p].priority) - y
      for pair in included[p] where pair != own {
        let t = Int(candidates.setting[pair])
        let price = ySetting[t] + (yCap[CapKey(setting: t, need: need[p])] ?? .zero)
        let reduced = candidates.lexCost(pair) - y - price
        if less(reduced, least) { least = reduced }
      }
      holders.append((p, s))
      if let known = regret[s], !less(least, known) { continue }
      regret[s] = least
    }
    for (s, t) in regret where (LexCost.zero - t).isNegative(within: tolerance) {
      ySetting[s] = ySetting[s] - t
    }
    for (p, s) in holders {
      guard let t = regret[s], (LexCost.zero - t).isNegative(within: tolerance) else { continue }
      yPupil[p] = yPupil[p] + t
    }
  }
}
