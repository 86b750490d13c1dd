/// A failure to convert a position: a point outside the area the
/// conversion is for, or an error PROJ reported.
package struct GeodesyError: Error, Sendable, Equatable, CustomStringConvertible {
  /// What kind of failure this is.
  package enum Kind: Sendable, Equatable {
    /// The point lies outside Great Britain's box (checked before PROJ is called).
    case outOfRange
    /// PROJ could not set up or run the transformation.
    case projFailed
  }

  /// What kind of failure this is.
  package var kind: Kind
  /// What was being done, in words.
  package var operation: String
  /// PROJ's error number, when PROJ gave one.
  package var code: Int?
  /// The detail: the rule broken, or PROJ's own message.
  package var message: String

  /// Creates an error.
  package init(kind: Kind, operation: String, code: Int? = nil, message: String) {
    self.kind = kind
    self.operation = operation
    self.code = code
    self.message = message
  }

  /// One line; never holds the coordinates themselves (they may be a home).
  package var description: String {
    var text = "PROJ: \(operation): \(message)"
    if let code { text += " (PROJ error \(code))" }
    return text
  }
}
