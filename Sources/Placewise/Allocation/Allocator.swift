import Foundation
public import GLPK

/// A failure to allocate that is not the input's fault: GLPK stopped (a time
/// limit, numerical trouble) or the result broke an invariant.
public struct AllocationError: Error, Sendable, CustomStringConvertible {
  /// What went wrong, in words.
  public var message: String
  /// GLPK's error, when it came from GLPK.
  public var glpk: GLPKError?

  /// Creates an error.
  public init(_ message: String, glpk: GLPKError? = nil) {
    self.message = message
    self.glpk = glpk
  }

  /// The message, with GLPK's detail.
  public var description: String {
    if let glpk { return "\(message): \(glpk)" }
    return message
  }
}

/// Options of an allocation run.
public struct AllocationOptions: Sendable {
  /// Stop the solver after this many seconds; the run then fails honestly
  /// (no allocation is claimed optimal when it is not).
  public var timeLimit: Double?

  /// Defaults: no time limit.
  public init(timeLimit: Double? = nil) { self.timeLimit = timeLimit }
}

/// Places the pupils of a case at the exact lexicographic optimum: least
/// unmet priority, then least journey minutes plus preference penalty.
public enum Allocator {
  /// The solver path reported in `summary.json`.
  public static let fullLPPath = "glpk-simplex-lexicographic"

  /// Allocates a case whose candidates are already built.
  public static func allocate(
    _ input: Case, candidates: CandidateSet, options: AllocationOptions = AllocationOptions()
  ) throws(AllocationError) -> Allocation {
    let clock = ContinuousClock()
    let start = clock.now
    var timings: [(String, Double)] = []
    func lap(_ phase: String, since: ContinuousClock.Instant) {
      let d = clock.now - since
      timings.append((phase, Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18))
    }

    let buildStart = clock.now
    let model = MarketFormulation(case: input, candidates: candidates)
    lap("build", since: buildStart)

    var chosenPair = [Int](repeating: -1, count: input.pupils.count)
    for (p, pair) in model.settled { chosenPair[p] = pair }

    let solveStart = clock.now
    if !model.lpPupils.isEmpty {
      let values: [Double]
      do {
        values = try solveLexicographically(model, deadline: options.timeLimit.map { start.advanced(by: .seconds($0)) })
      } catch let error as GLPKError {
        throw AllocationError(describe(error), glpk: error)
      } catch let error as AllocationError {
        throw error
      } catch {
        throw AllocationError("unexpected failure: \(error)")
      }
      for p in model.lpPupils {
        for pair in candidates.pairs(of: p) where values[Int(model.pairColumn[pair])] > 0.5 {
          chosenPair[p] = pair
        }
      }
    }
    lap("solve", since: solveStart)

    let placements = (0..<input.pupils.count).map { p -> Placement in
      let pair = chosenPair[p]
      if pair >= 0 { return .placed(setting: Int(candidates.setting[pair]), pair: pair) }
      return .unplaced(candidates.eligibleCount[p] == 0 ? .noEligibleSetting : .eligibleSettingsFull)
    }
    return Allocation(placements: placements, solverStatus: "optimal", solverPath: fullLPPath, timings: timings)
  }

  private static func describe(_ error: GLPKError) -> String {
    if error.returnCode == .timeLimitReached { return "the solver reached the time limit before proving an optimum" }
    return "the solver failed"
  }

  /// Solves level 1, restricts the LP to level 1's optimal face, then solves
  /// level 2 from level 1's basis.
  ///
  /// Why this is exact: by complementary slackness, with one optimal dual
  /// solution (y, d) of level 1, a feasible x is level-1 optimal if and only
  /// if every column with reduced cost d_j != 0 sits at the bound it is at,
  /// and every row with dual y_i != 0 is tight. Fixing those columns and rows
  /// therefore leaves exactly the set of level-1 optima, and level 2 is
  /// minimised over it. Level-1 costs are whole numbers and the matrix is
  /// totally unimodular, so the duals are whole numbers: the tests `> 0.5`
  /// are exact. The level-1 basis stays feasible, so level 2 starts warm.
  private static func solveLexicographically(
    _ model: MarketFormulation, deadline: ContinuousClock.Instant?
  ) throws -> [Double] {
    func options() throws(AllocationError) -> SimplexOptions {
      var o = SimplexOptions()
      if let deadline {
        let left = ContinuousClock().now.duration(to: deadline)
        let seconds = Double(left.components.seconds) + Double(left.components.attoseconds) * 1e-18
        guard seconds > 0 else {
          throw AllocationError("the solver reached the time limit before proving an optimum")
        }
        o.timeLimit = seconds
      }
      return o
    }
    var session = try SimplexSession(model.program)
    let level1 = try session.solve(try options(), operation: "solving level 1 (unmet priority)")
    guard level1.status == .optimal else {
      throw AllocationError("level 1 ended \(level1.status), expected optimal")
    }
    var fixedColumns: [(ColumnIndex, Bounds)] = []
    for j in 0..<session.columnCount where abs(level1.reducedCosts[j]) > 0.5 {
      fixedColumns.append((ColumnIndex(j), .fixed(level1.columnValues[j].rounded())))
    }
    var fixedRows: [(RowIndex, Bounds)] = []
    for i in 0..<session.rowCount where abs(level1.rowDuals[i]) > 0.5 {
      fixedRows.append((RowIndex(i), .fixed(level1.rowActivities[i].rounded())))
    }
    try session.setBounds(columns: fixedColumns)
    try session.setBounds(rows: fixedRows)
    try session.setObjective(model.levelTwoCosts)
    let level2 = try session.solve(try options(), operation: "solving level 2 (journeys and preferences)")
    guard level2.status == .optimal else {
      throw AllocationError("level 2 ended \(level2.status), expected optimal")
    }
    return level2.columnValues
  }
}
