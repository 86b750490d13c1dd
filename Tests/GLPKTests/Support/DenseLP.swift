import GLPK
import Testing

/// A row of a `DenseLP`: one coefficient per column, and the activity's range.
struct DenseRow: Sendable {
  var coefficients: [Double]
  var bounds: Bounds
}

/// A small linear program written out densely.
///
/// Tests build the `LinearProgram` under test from it and, independently of
/// GLPK, find its optimum with `VertexOracle` or `IntegerOracle`, so every
/// optimum a test asserts is computed twice, two different ways.
struct DenseLP: Sendable, CustomTestStringConvertible {
  var name: String
  var direction: LinearProgram.Direction
  var objective: [Double]
  var columnBounds: [Bounds]
  var rows: [DenseRow]
  var integer: [Bool]

  init(
    _ name: String, _ direction: LinearProgram.Direction, objective: [Double], columns: [Bounds],
    rows: [DenseRow], integer: [Bool]? = nil
  ) {
    precondition(columns.count == objective.count, "one bound per column")
    precondition(rows.allSatisfy { $0.coefficients.count == objective.count }, "one coefficient per column")
    self.name = name
    self.direction = direction
    self.objective = objective
    self.columnBounds = columns
    self.rows = rows
    self.integer = integer ?? Array(repeating: false, count: objective.count)
  }

  var testDescription: String { name }
  var columnCount: Int { objective.count }
  var rowCount: Int { rows.count }

  /// The same model as the layer under test sees it; zero coefficients are
  /// left out of the sparse matrix, as a real formulation would.
  var program: LinearProgram {
    var program = LinearProgram(direction: direction)
    let rowIndices = rows.map { program.addRow($0.bounds) }
    for j in 0..<columnCount {
      let entries = rows.indices.compactMap { i in
        rows[i].coefficients[j] == 0 ? nil : (rowIndices[i], rows[i].coefficients[j])
      }
      program.addColumn(columnBounds[j], objective: objective[j], integer: integer[j], entries: entries)
    }
    return program
  }

  func value(of point: [Double]) -> Double {
    zip(objective, point).reduce(0) { $0 + $1.0 * $1.1 }
  }

  func activity(of row: Int, at point: [Double]) -> Double {
    zip(rows[row].coefficients, point).reduce(0) { $0 + $1.0 * $1.1 }
  }

  /// Whether `point` satisfies every row and column bound within `tolerance`.
  func isFeasible(_ point: [Double], tolerance: Double = 1e-7) -> Bool {
    for (j, bounds) in columnBounds.enumerated() where !bounds.admits(point[j], tolerance: tolerance) {
      return false
    }
    for i in rows.indices where !rows[i].bounds.admits(activity(of: i, at: point), tolerance: tolerance) {
      return false
    }
    return true
  }

  /// Whether `a` is a strictly better objective value than `b` for this direction.
  func improves(_ a: Double, on b: Double) -> Bool {
    direction == .maximize ? a > b : a < b
  }
}

extension Bounds {
  /// The lower end, written out here rather than borrowed from the layer under test.
  var lowerEnd: Double? {
    switch self {
    case .free, .atMost: nil
    case .atLeast(let l), .between(let l, _), .fixed(let l): l
    }
  }

  /// The upper end.
  var upperEnd: Double? {
    switch self {
    case .free, .atLeast: nil
    case .atMost(let u), .between(_, let u), .fixed(let u): u
    }
  }

  func admits(_ value: Double, tolerance: Double) -> Bool {
    if let l = lowerEnd, value < l - tolerance { return false }
    if let u = upperEnd, value > u + tolerance { return false }
    return true
  }
}

/// Floating comparisons for solver output.
let tolerance = 1e-6

func expectClose(
  _ actual: Double, _ expected: Double, tolerance: Double = tolerance, _ what: String = "value",
  sourceLocation: SourceLocation = #_sourceLocation
) {
  #expect(
    abs(actual - expected) <= tolerance, "\(what): \(actual) is not within \(tolerance) of \(expected)",
    sourceLocation: sourceLocation)
}

func expectClose(
  _ actual: [Double], _ expected: [Double], tolerance: Double = tolerance, _ what: String = "values",
  sourceLocation: SourceLocation = #_sourceLocation
) {
  #expect(
    actual.count == expected.count, "\(what): \(actual.count) values, expected \(expected.count)",
    sourceLocation: sourceLocation)
  let close = zip(actual, expected).allSatisfy { abs($0 - $1) <= tolerance }
  #expect(close, "\(what): \(actual) is not within \(tolerance) of \(expected)", sourceLocation: sourceLocation)
}
