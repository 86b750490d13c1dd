/// A failure of the GLPK layer: an invalid model caught before GLPK saw it,
/// an error GLPK raised (trapped instead of aborting the process), or a
/// solver run that stopped without an answer.
package struct GLPKError: Error, CustomStringConvertible, Sendable, Equatable {
  /// What kind of failure this is.
  package enum Kind: Sendable, Equatable {
    /// The model broke a rule checked in Swift before any GLPK call.
    case invalidModel
    /// GLPK raised a fatal error; the trap caught it and GLPK's environment
    /// on this thread was reset.
    case trapped
    /// The solver returned a non-zero code (see `returnCode`).
    case solverFailed
  }

  /// What kind of failure this is.
  package let kind: Kind
  /// What was being done, in words ("solving the level-1 LP").
  package let operation: String
  /// GLPK's return code, when the solver returned one.
  package let returnCode: ReturnCode?
  /// The detail: the rule broken, or GLPK's own message.
  package let message: String

  /// Creates an error; only our own modules make them (the GLPK layer, and
  /// tests that build the errors they expect).
  package init(kind: Kind, operation: String, returnCode: ReturnCode? = nil, message: String) {
    self.kind = kind
    self.operation = operation
    self.returnCode = returnCode
    self.message = message
  }

  /// One line: what failed, while doing what, and GLPK's code if any.
  package var description: String {
    var text = "GLPK: \(operation): "
    switch kind {
    case .invalidModel: text += "invalid model: "
    case .trapped: text += "GLPK error: "
    case .solverFailed: text += "solver stopped: "
    }
    text += message
    if let returnCode { text += " (\(returnCode))" }
    return text
  }
}
