/// The ASCII bytes the readers look for.
enum InputByte {
  static let tab: UInt8 = 0x09
  static let lf: UInt8 = 0x0A
  static let cr: UInt8 = 0x0D
  static let space: UInt8 = 0x20
  static let quote: UInt8 = 0x22
  static let plus: UInt8 = 0x2B
  static let comma: UInt8 = 0x2C
  static let minus: UInt8 = 0x2D
  static let dot: UInt8 = 0x2E
  static let zero: UInt8 = 0x30
  static let nine: UInt8 = 0x39
  static let colon: UInt8 = 0x3A
  static let semicolon: UInt8 = 0x3B
  static let upperE: UInt8 = 0x45
  static let lowerE: UInt8 = 0x65

  /// A comma or a line break.
  @inline(__always) static func endsField(_ b: UInt8) -> Bool { b == comma || b == lf || b == cr }
  /// A space or a tab: what cells are trimmed of.
  @inline(__always) static func isBlank(_ b: UInt8) -> Bool { b == space || b == tab }
  /// An ASCII digit.
  @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b &- zero < 10 }
}
