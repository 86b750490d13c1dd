import GLPK

/// A failure to allocate that is not the input's fault: the solver ran out
/// of time or failed, or the result broke an invariant. Nothing is written.
public struct AllocationError: Error, Sendable, CustomStringConvertible {
  /// What kind of failure this is: how a caller tells them apart.
  public enum Kind: Sendable, Equatable {
    /// The solver reached the time limit before proving an optimum.
    case timeLimit
    /// The solver failed: GLPK raised an error, refused the model, or
    /// stopped without an optimum.
    case solverFailed
    /// A result broke one of the allocation's invariants (a bug, never
    /// the input's fault).
    case invariantBroken
  }

  /// What kind of failure this is.
  public let kind: Kind
  /// What went wrong, in words.
  public let message: String
  /// The solver's own account (GLPK's message, the step it was on and its
  /// return code), when the failure came from GLPK.
  public let solverDetail: String?

  /// Creates an error.
  public init(_ kind: Kind, _ message: String, solverDetail: String? = nil) {
    self.kind = kind
    self.message = message
    self.solverDetail = solverDetail
  }

  /// The solver ran out of the time it was given.
  public static let timeLimit = AllocationError(
    .timeLimit, "the solver reached the time limit before proving an optimum")

  /// A failure GLPK reported, by its kind.
  init(_ error: GLPKError) {
    if error.returnCode == .timeLimitReached {
      self.init(.timeLimit, Self.timeLimit.message, solverDetail: error.description)
    } else {
      self.init(.solverFailed, "the solver failed", solverDetail: error.description)
    }
  }

  /// The message, with the solver's detail.
  public var description: String {
    if let solverDetail { return "\(message): \(solverDetail)" }
    return message
  }
}
