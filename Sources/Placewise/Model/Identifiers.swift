/// A pupil's pseudonymised id, as given in `pupils.csv` (never a name).
public struct PupilID: Hashable, Comparable, Sendable, CustomStringConvertible {
  /// The id as written, trimmed.
  public let rawValue: String
  /// Wraps an id.
  public init(_ rawValue: String) { self.rawValue = rawValue }
  /// Orders ids by their text.
  public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
  /// The id itself.
  public var description: String { rawValue }
}

/// A setting's unique reference number: the GIAS URN, or a local code for a
/// planned provision.
public struct URN: Hashable, Comparable, Sendable, CustomStringConvertible {
  /// The URN as written, trimmed.
  public let rawValue: String
  /// Wraps a URN.
  public init(_ rawValue: String) { self.rawValue = rawValue }
  /// Orders URNs by their text.
  public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
  /// The URN itself.
  public var description: String { rawValue }
}
