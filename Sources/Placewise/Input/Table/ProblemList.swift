/// The problems found so far: every one counted, the first `limit` kept.
struct ProblemList {
  private var kept: [(file: Int, sequence: Int, problem: InputProblem)] = []
  /// How many problems were found in all.
  private(set) var total = 0
  /// How many are kept.
  let limit: Int
  /// The rank of the file being read, so that problems sort by file first.
  var fileRank = 0

  init(limit: Int) { self.limit = limit }

  /// Whether further problems are only counted: callers may skip work that
  /// only serves the message.
  var isFull: Bool { kept.count >= limit }

  mutating func add(_ problem: InputProblem) {
    total += 1
    if kept.count < limit { kept.append((fileRank, kept.count, problem)) }
  }

  /// The problems kept, in the order they were found.
  var keptInOrder: [InputProblem] { kept.map(\.problem) }

  /// Counts problems found elsewhere and not kept.
  mutating func countUnkept(_ count: Int) { total += count }

  /// The error listing the kept problems by file, line and column.
  func error() -> InvalidCaseError {
    let sorted = kept.sorted { a, b in
      let keyA = (a.file, a.problem.line ?? 0, a.problem.column ?? 0, a.sequence)
      let keyB = (b.file, b.problem.line ?? 0, b.problem.column ?? 0, b.sequence)
      return keyA < keyB
    }
    return InvalidCaseError(problems: sorted.map(\.problem), totalCount: total)
  }
}
