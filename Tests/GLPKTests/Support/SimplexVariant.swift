import GLPK
import Testing

/// One way of running the simplex method.
struct SimplexVariant: Sendable, CustomTestStringConvertible {
  var method: SimplexMethod
  var presolve: Bool

  var options: SimplexOptions {
    var options = SimplexOptions()
    options.method = method
    options.presolve = presolve
    return options
  }

  var testDescription: String { "\(method)\(presolve ? " + presolve" : "")" }

  static let all: [SimplexVariant] = [SimplexMethod.primal, .dual, .dualThenPrimal].flatMap { method in
    [false, true].map { SimplexVariant(method: method, presolve: $0) }
  }
}
