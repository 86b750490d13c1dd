import GLPK

/// The master problem of ``RecommendationSearch``: a small MIP over the
/// options (one binary column each, and θ, a lower bound on the optimum
/// being minimised), solved by GLPK's branch and bound (`glp_intopt`)
/// through the guarded funnel of ``SimplexSession``.
///
/// Rows: the capital budget, the annual budget, at most one option per
/// group, the cuts `θ >= cut(x)` of the level being minimised, the cuts
/// `cut(x) <= limit` that confine x to sets whose earlier levels may still
/// be optimal, and no-good rows `Σ_{o in S} x_o - Σ_{o not in S} x_o <=
/// |S| - 1` that remove the sets in S one by one.
struct MasterProblem {
  /// What the master minimises.
  enum Objective {
    /// θ, bounded below by `boundCuts`.
    case bound
    /// The capital cost of the set.
    case capital
    /// Capital plus `years` × (annual cost + θ): a whole-life cost, θ
    /// bounded below by `boundCuts` (the placement cost in pounds a year).
    case wholeLife(years: Double)
  }

  let capital: [Double]
  let annual: [Double]
  let groups: [[Int]]
  let budget: Double
  let annualBudget: Double?
  /// Stop each solve after this many seconds (`--time-limit`).
  let timeLimit: Double?
  /// θ >= each cut.
  var boundCuts: [ValueCut] = []
  /// cut(x) <= limit, each.
  var limits: [(cut: ValueCut, limit: Double)] = []
  /// Sets removed.
  var excluded: [[Bool]] = []

  init(
    capital: [Double], annual: [Double], groups: [[Int]], budget: Double, annualBudget: Double?, timeLimit: Double?
  ) {
    self.capital = capital
    self.annual = annual
    self.groups = groups
    self.budget = budget
    self.annualBudget = annualBudget
    self.timeLimit = timeLimit
  }

  /// The best set of the master and the master's optimum (a lower bound on
  /// the objective over every set the rows allow), or nil when no set is
  /// left.
  ///
  /// - Throws: `AllocationError` when GLPK fails.
  func solve(_ objective: Objective) throws(AllocationError) -> (chosen: [Bool], bound: Double)? {
    let n = capital.count
    var program = LinearProgram(direction: .minimize)
    let columns = (0..<n).map { o in
      let cost: Double =
        switch objective {
        case .bound: 0
        case .capital: capital[o]
        case .wholeLife(let years): capital[o] + years * annual[o]
        }
      return program.addColumn(.between(0, 1), objective: cost, integer: true)
    }
    // Placement costs and unmet priority are never negative.
    let thetaWeight: Double =
      switch objective {
      case .bound: 1
      case .capital: 0
      case .wholeLife(let years): years
      }
    let theta = program.addColumn(.atLeast(0), objective: thetaWeight)
    func row(_ coefficients: [Double], _ bounds: Bounds, theta weight: Double = 0) {
      let r = program.addRow(bounds)
      for (o, c) in coefficients.enumerated() where c != 0 { program.setEntry(row: r, column: columns[o], c) }
      if weight != 0 { program.setEntry(row: r, column: theta, weight) }
    }
    // The same relative slack as the search's own check of a sum of costs.
    row(capital, .atMost(budget + 1e-9 * max(1, abs(budget))))
    if let annualBudget { row(annual, .atMost(annualBudget + 1e-9 * max(1, abs(annualBudget)))) }
    for members in groups where members.count > 1 {
      var ones = [Double](repeating: 0, count: n)
      for o in members { ones[o] = 1 }
      row(ones, .atMost(1))
    }
    for cut in boundCuts {
      // θ - Σ g_o x_o >= value - Σ g_o x̂_o
      row(cut.slopes.map { -$0 }, .atLeast(cut.value - offset(cut)), theta: 1)
    }
    for (cut, limit) in limits {
      row(cut.slopes, .atMost(limit - cut.value + offset(cut)))
    }
    for set in excluded {
      row(set.map { $0 ? 1 : -1 }, .atMost(Double(set.count { $0 } - 1)))
    }
    let solution: MIPSolution
    do {
      var options = MIPOptions()
      options.timeLimit = timeLimit
      solution = try program.solveMIP(options)
    } catch {
      throw AllocationError(error)
    }
    switch solution.status {
    case .optimal:
      return (columns.map { solution[$0] > 0.5 }, solution.objectiveValue)
    case .noFeasibleSolution:
      return nil
    default:
      throw AllocationError(.solverFailed, "the master problem ended \(solution.status)")
    }
  }

  /// Σ g_o x̂_o of a cut.
  private func offset(_ cut: ValueCut) -> Double {
    var sum = 0.0
    for (o, slope) in cut.slopes.enumerated() where cut.at[o] { sum += slope }
    return sum
  }
}
