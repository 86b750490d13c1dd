import GLPK
import Testing

/// One way of running the simplex method.
struct SimplexVariant: Sendable, CustomTestStringConvertible {
  var method: SimplexMethod
  var presolve: Bool
  var pricing: SimplexPricing = .steepestEdge

  var options: SimplexOptions {
    var options = SimplexOptions()
    options.method = method
    options.presolve = presolve
    options.pricing = pricing
    return options
  }

  var testDescription: String {
    "\(method)\(presolve ? " + presolve" : "")\(pricing == .standard ? " + Dantzig pricing" : "")"
  }

  static let all: [SimplexVariant] = [SimplexMethod.primal, .dual, .dualThenPrimal].flatMap { method in
    [false, true].flatMap { presolve in
      [SimplexPricing.steepestEdge, .standard].map { SimplexVariant(method: method, presolve: presolve, pricing: $0) }
    }
  }
}
