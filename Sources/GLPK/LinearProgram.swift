/// The range a variable or a constraint's activity may take.
package enum Bounds: Sendable, Equatable {
  /// No bound.
  case free
  /// At least this value.
  case atLeast(Double)
  /// At most this value.
  case atMost(Double)
  /// Between the two values, inclusive.
  case between(Double, Double)
  /// Exactly this value.
  case fixed(Double)

  var lower: Double? {
    switch self {
    case .free, .atMost: nil
    case .atLeast(let l), .between(let l, _), .fixed(let l): l
    }
  }

  var upper: Double? {
    switch self {
    case .free, .atLeast: nil
    case .atMost(let u), .between(_, let u): u
    case .fixed(let u): u
    }
  }

  /// Refuses bounds GLPK would abort on or misread: every bound given must
  /// be finite, and the lower one at most the upper one. The one rule for
  /// whole models (`LinearProgram.validate`) and a session's changes.
  func check(_ what: String, _ operation: String) throws(GLPKError) {
    func fail(_ message: String) -> GLPKError {
      GLPKError(kind: .invalidModel, operation: operation, message: "\(what) has \(message)")
    }
    if let l = lower, !l.isFinite { throw fail("lower bound \(l); expected a finite number") }
    if let u = upper, !u.isFinite { throw fail("upper bound \(u); expected a finite number") }
    if let l = lower, let u = upper, l > u { throw fail("lower bound \(l) above upper bound \(u)") }
  }
}

/// A row of a linear program, counted from 0.
package struct RowIndex: Hashable, Comparable, Sendable {
  /// The 0-based position.
  package let position: Int
  /// Creates an index.
  package init(_ position: Int) { self.position = position }
  /// Order by position.
  package static func < (a: Self, b: Self) -> Bool { a.position < b.position }
}

/// A column (variable) of a linear program, counted from 0.
package struct ColumnIndex: Hashable, Comparable, Sendable {
  /// The 0-based position.
  package let position: Int
  /// Creates an index.
  package init(_ position: Int) { self.position = position }
  /// Order by position.
  package static func < (a: Self, b: Self) -> Bool { a.position < b.position }
}

/// A linear (or mixed-integer) program as a value: built in Swift, checked
/// in Swift, then handed to GLPK whole.
///
/// Columns and rows are stored as parallel arrays so that models with
/// millions of columns stay compact.
package struct LinearProgram: Sendable {
  /// Whether the objective is minimised or maximised.
  package enum Direction: Sendable { case minimize, maximize }

  /// Whether the objective is minimised or maximised.
  package var direction: Direction
  /// Bounds of each column.
  package private(set) var columnBounds: [Bounds] = []
  /// Objective coefficient of each column.
  package private(set) var objective: [Double] = []
  /// Whether each column must take an integer value (MIP only).
  package private(set) var isInteger: [Bool] = []
  /// Bounds of each row's activity.
  package private(set) var rowBounds: [Bounds] = []
  // Matrix entries as triplets; duplicates are refused by `validate`.
  private(set) var entryRow: [Int] = []
  private(set) var entryColumn: [Int] = []
  private(set) var entryValue: [Double] = []

  /// Creates an empty program.
  package init(direction: Direction = .minimize) { self.direction = direction }

  /// The number of columns.
  package var columnCount: Int { objective.count }
  /// The number of rows.
  package var rowCount: Int { rowBounds.count }
  /// The number of non-zero matrix entries.
  package var entryCount: Int { entryValue.count }

  /// Reserves room for a known model size.
  package mutating func reserve(columns: Int, rows: Int, entries: Int) {
    columnBounds.reserveCapacity(columns)
    objective.reserveCapacity(columns)
    isInteger.reserveCapacity(columns)
    rowBounds.reserveCapacity(rows)
    entryRow.reserveCapacity(entries)
    entryColumn.reserveCapacity(entries)
    entryValue.reserveCapacity(entries)
  }

  /// Adds a row with no entries yet.
  @discardableResult
  package mutating func addRow(_ bounds: Bounds) -> RowIndex {
    rowBounds.append(bounds)
    return RowIndex(rowBounds.count - 1)
  }

  /// Adds a column with its bounds, objective coefficient and entries.
  @discardableResult
  package mutating func addColumn(
    _ bounds: Bounds, objective cost: Double, integer: Bool = false,
    entries: some Sequence<(RowIndex, Double)> = EmptyCollection<(RowIndex, Double)>()
  ) -> ColumnIndex {
    let column = ColumnIndex(objective.count)
    columnBounds.append(bounds)
    objective.append(cost)
    isInteger.append(integer)
    for (row, value) in entries { setEntry(row: row, column: column, value) }
    return column
  }

  /// Records the matrix entry at (row, column).
  package mutating func setEntry(row: RowIndex, column: ColumnIndex, _ value: Double) {
    entryRow.append(row.position)
    entryColumn.append(column.position)
    entryValue.append(value)
  }

  /// Replaces a column's objective coefficient. The column must exist.
  package mutating func setObjective(_ column: ColumnIndex, _ cost: Double) {
    objective[column.position] = cost
  }

  /// Replaces a column's bounds. The column must exist.
  package mutating func setBounds(_ column: ColumnIndex, _ bounds: Bounds) {
    columnBounds[column.position] = bounds
  }

  /// Replaces a row's bounds. The row must exist.
  package mutating func setBounds(_ row: RowIndex, _ bounds: Bounds) {
    rowBounds[row.position] = bounds
  }

  /// Checks everything GLPK would abort on, and more: sizes GLPK can index,
  /// finite numbers, consistent bounds, entries in range and not repeated.
  package func validate(operation: String = "checking the model") throws(GLPKError) {
    func fail(_ message: String) -> GLPKError {
      GLPKError(kind: .invalidModel, operation: operation, message: message)
    }
    let limit = Int(Int32.max) - 1
    guard rowCount <= limit, columnCount <= limit, entryCount <= limit else {
      throw fail("\(rowCount) rows, \(columnCount) columns, \(entryCount) entries: GLPK indexes at most \(limit)")
    }
    for (j, bounds) in columnBounds.enumerated() { try bounds.check("column \(j)", operation) }
    for (i, bounds) in rowBounds.enumerated() { try bounds.check("row \(i)", operation) }
    for (j, cost) in objective.enumerated() where !cost.isFinite {
      throw fail("column \(j) has objective coefficient \(cost); expected a finite number")
    }
    var seen = Set<Int64>()
    seen.reserveCapacity(entryCount)
    for k in 0..<entryCount {
      let i = entryRow[k], j = entryColumn[k], v = entryValue[k]
      guard i >= 0, i < rowCount else { throw fail("entry \(k) names row \(i); the model has \(rowCount) rows") }
      guard j >= 0, j < columnCount else {
        throw fail("entry \(k) names column \(j); the model has \(columnCount) columns")
      }
      guard v.isFinite else { throw fail("entry (row \(i), column \(j)) is \(v); expected a finite number") }
      guard seen.insert(Int64(i) << 32 | Int64(j)).inserted else {  // both < 2^31 here
        throw fail("entry (row \(i), column \(j)) is given twice")
      }
    }
  }
}
