internal import CGLPK

/// A return code of `glp_simplex` or `glp_intopt`.
///
/// Not `RawRepresentable`: that would make `init(rawValue:)` visible to the package, and only
/// the GLPK layer makes codes (from what GLPK returned); users compare with
/// the named codes below.
package struct ReturnCode: Hashable, Sendable, CustomStringConvertible {
  /// The C value.
  package let rawValue: Int32
  /// Creates a code from its C value.
  package init(rawValue: Int32) { self.rawValue = rawValue }

  /// 0: the solver finished.
  package static let success = ReturnCode(rawValue: 0)
  /// `GLP_EBADB`: the initial basis is invalid.
  package static let invalidBasis = ReturnCode(rawValue: GLP_EBADB)
  /// `GLP_ESING`: the basis matrix is singular.
  package static let singularMatrix = ReturnCode(rawValue: GLP_ESING)
  /// `GLP_ECOND`: the basis matrix is ill-conditioned.
  package static let illConditioned = ReturnCode(rawValue: GLP_ECOND)
  /// `GLP_EBOUND`: a double-bounded variable has inconsistent bounds.
  package static let invalidBounds = ReturnCode(rawValue: GLP_EBOUND)
  /// `GLP_EFAIL`: the solver failed (numerical trouble).
  package static let solverFailure = ReturnCode(rawValue: GLP_EFAIL)
  /// `GLP_EOBJLL`: the objective fell below its limit.
  package static let objectiveLowerLimit = ReturnCode(rawValue: GLP_EOBJLL)
  /// `GLP_EOBJUL`: the objective rose above its limit.
  package static let objectiveUpperLimit = ReturnCode(rawValue: GLP_EOBJUL)
  /// `GLP_EITLIM`: the iteration limit was reached.
  package static let iterationLimitReached = ReturnCode(rawValue: GLP_EITLIM)
  /// `GLP_ETMLIM`: the time limit was reached.
  package static let timeLimitReached = ReturnCode(rawValue: GLP_ETMLIM)
  /// `GLP_ENOPFS`: the presolver found no primal feasible solution.
  package static let noPrimalFeasibleSolution = ReturnCode(rawValue: GLP_ENOPFS)
  /// `GLP_ENODFS`: the presolver found no dual feasible solution.
  package static let noDualFeasibleSolution = ReturnCode(rawValue: GLP_ENODFS)
  /// `GLP_EROOT`: the MIP's root LP has no optimal basis.
  package static let rootLPNotOptimal = ReturnCode(rawValue: GLP_EROOT)
  /// `GLP_ESTOP`: the search was stopped by the application.
  package static let stopped = ReturnCode(rawValue: GLP_ESTOP)
  /// `GLP_EMIPGAP`: the relative MIP gap tolerance was reached.
  package static let mipGapReached = ReturnCode(rawValue: GLP_EMIPGAP)

  private static let names: [Int32: String] = [
    0: "success", GLP_EBADB: "GLP_EBADB", GLP_ESING: "GLP_ESING", GLP_ECOND: "GLP_ECOND",
    GLP_EBOUND: "GLP_EBOUND", GLP_EFAIL: "GLP_EFAIL", GLP_EOBJLL: "GLP_EOBJLL",
    GLP_EOBJUL: "GLP_EOBJUL", GLP_EITLIM: "GLP_EITLIM", GLP_ETMLIM: "GLP_ETMLIM",
    GLP_ENOPFS: "GLP_ENOPFS", GLP_ENODFS: "GLP_ENODFS", GLP_EROOT: "GLP_EROOT",
    GLP_ESTOP: "GLP_ESTOP", GLP_EMIPGAP: "GLP_EMIPGAP",
  ]

  /// The C constant's name and value, e.g. `GLP_ETMLIM (9)`.
  package var description: String { "\(Self.names[rawValue] ?? "code") (\(rawValue))" }
}

/// The status of a solution, as `glp_get_status` or `glp_mip_status` reports it.
package enum SolutionStatus: Sendable, Equatable, CustomStringConvertible {
  /// `GLP_OPT`: the solution is optimal.
  case optimal
  /// `GLP_FEAS`: feasible, optimality not proven (a limit stopped the solver).
  case feasible
  /// `GLP_INFEAS`: the current solution is infeasible (the solver stopped early).
  case infeasible
  /// `GLP_NOFEAS`: the problem has no feasible solution.
  case noFeasibleSolution
  /// `GLP_UNBND`: the problem is unbounded.
  case unbounded
  /// `GLP_ENODFS` from the presolver: no dual feasible solution, so the
  /// problem is unbounded or has no feasible solution.
  case infeasibleOrUnbounded
  /// `GLP_UNDEF`: no solution is defined.
  case undefined

  init(glpk value: Int32) {
    switch value {
    case GLP_OPT: self = .optimal
    case GLP_FEAS: self = .feasible
    case GLP_INFEAS: self = .infeasible
    case GLP_NOFEAS: self = .noFeasibleSolution
    case GLP_UNBND: self = .unbounded
    default: self = .undefined
    }
  }

  /// A lower-case word for reports: `optimal`, `no feasible solution`, ...
  package var description: String {
    switch self {
    case .optimal: "optimal"
    case .feasible: "feasible"
    case .infeasible: "infeasible"
    case .noFeasibleSolution: "no feasible solution"
    case .unbounded: "unbounded"
    case .infeasibleOrUnbounded: "infeasible or unbounded"
    case .undefined: "undefined"
    }
  }
}

/// Where a variable stands in a basic solution (`GLP_BS`, `GLP_NL`, ...).
package enum BasisStatus: Sendable, Equatable {
  /// `GLP_BS`: basic.
  case basic
  /// `GLP_NL`: non-basic at its lower bound.
  case atLower
  /// `GLP_NU`: non-basic at its upper bound.
  case atUpper
  /// `GLP_NF`: non-basic free.
  case free
  /// `GLP_NS`: non-basic fixed.
  case fixed

  var glpk: Int32 {
    switch self {
    case .basic: GLP_BS
    case .atLower: GLP_NL
    case .atUpper: GLP_NU
    case .free: GLP_NF
    case .fixed: GLP_NS
    }
  }

  init(glpk value: Int32) {
    switch value {
    case GLP_BS: self = .basic
    case GLP_NL: self = .atLower
    case GLP_NU: self = .atUpper
    case GLP_NF: self = .free
    default: self = .fixed
    }
  }
}
