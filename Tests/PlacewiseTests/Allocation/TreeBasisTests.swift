import GLPK
import Testing

@testable import Placewise

@Suite("Starting bases from an allocation")
struct TreeBasisTests {
  /// Two pupils want one place. Rows: 0 the setting, 1 and 2 the pupils.
  /// Pupil 0 holds the place (journey 1), pupil 1 is unplaced (priority
  /// weight 10, journey 3). At price 7 for the place the duals are y0 = 8,
  /// y1 = 10: pupil 1's pair (3 + 7 - 10 = 0) is the tight edge that joins
  /// the setting's star to the root, so it is basic at zero and the slack
  /// of the full setting is not.
  @Test("joins a full setting through its tightest edge")
  func handExample() throws {
    var tree = TreeBasis(rowCount: 3)
    let root = tree.root
    // Columns: x(0,s), u0, x(1,s), u1.
    tree.columns = [
      .init(from: 1, to: 0, isPositive: true, distance: 0),
      .init(from: 1, to: root, isPositive: false, distance: abs(10 - 8)),
      .init(from: 2, to: 0, isPositive: false, distance: abs(3 + 7 - 10)),
      .init(from: 2, to: root, isPositive: true, distance: 0),
    ]
    tree.slacks[0] = .init(from: 0, to: root, isPositive: false, distance: 7)
    let basis = try #require(tree.statuses { $0 == 0 ? .atUpper : .fixed })
    #expect(basis.columns == [.basic, .atLower, .basic, .basic])
    #expect(basis.rows == [.atUpper, .fixed, .fixed])

    // GLPK accepts it, it is optimal as it stands, and the optimum matches
    // the hand figures: pupil 0 placed (1), pupil 1 unplaced (10).
    var program = LinearProgram(direction: .minimize)
    let s = program.addRow(.atMost(1))
    let p0 = program.addRow(.fixed(1))
    let p1 = program.addRow(.fixed(1))
    for (row, cost) in [(p0, 1.0), (p0, 10), (p1, 3), (p1, 10)] {
      let column = program.addColumn(.atLeast(0), objective: cost)
      program.setEntry(row: row, column: column, 1)
      if cost < 10 { program.setEntry(row: s, column: column, 1) }
    }
    var session = try SimplexSession(program)
    try session.setBasis(rows: basis.rows, columns: basis.columns)
    var options = SimplexOptions()
    options.method = .primal
    let solution = try session.solve(options, operation: "test")
    #expect(solution.status == .optimal)
    #expect(abs(solution.objectiveValue - 11) < 1e-9)
    #expect(solution.rowDuals.map { $0.rounded() } == [-7, 8, 10])
  }

  /// Positive columns closing a cycle cannot all be basic: no basis.
  @Test("refuses an allocation whose positive columns close a cycle")
  func cycle() {
    var tree = TreeBasis(rowCount: 2)
    tree.columns = [
      .init(from: 0, to: 1, isPositive: true, distance: 0),
      .init(from: 1, to: 0, isPositive: true, distance: 0),
    ]
    #expect(tree.statuses { _ in .atUpper } == nil)
  }
}
