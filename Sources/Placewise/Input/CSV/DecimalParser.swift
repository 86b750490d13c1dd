/// Parses plain decimal numbers straight from bytes.
///
/// The grammar is `[+|-] digits [. digits] [(e|E) [+|-] digits]`, with at
/// least one digit before or after the point (`7`, `-0.5`, `.5`, `5.`,
/// `1.2E+05`). No spaces, no thousands separators, no `nan`, `inf` or hex
/// floats. The value is the correctly rounded double, bit-identical to what
/// `Double(String)` gives for the same text: the common case (at most 19
/// significant digits forming an integer below 2^53, scaled by at most
/// 10^22) is one exact IEEE operation, and anything else is handed to
/// `Double(String)` itself. A number too large for a double parses as
/// infinity; callers check `isFinite`.
package enum DecimalParser {
  /// The value of `bytes`, or nil when they are not a decimal number.
  package static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
    let n = bytes.count
    var i = 0
    guard n > 0 else { return nil }
    var negative = false
    if bytes[0] == InputByte.minus || bytes[0] == InputByte.plus {
      negative = bytes[0] == InputByte.minus
      i = 1
    }
    var mantissa: UInt64 = 0
    var digits = 0  // significant digits held in `mantissa`
    var exponent = 0  // power of ten that scales `mantissa`
    var sawDigit = false
    var inexact = false  // digits beyond the 19 the mantissa holds
    // Digits before the point scale the value up once the mantissa is full;
    // digits after it scale it down while they fit, and are dropped after.
    @inline(__always) func takeDigits(afterPoint: Bool) {
      while i < n, InputByte.isDigit(bytes[i]) {
        let d = UInt64(bytes[i] &- InputByte.zero)
        sawDigit = true
        if digits < 19 {
          if mantissa != 0 || d != 0 {
            mantissa = mantissa &* 10 &+ d
            digits += 1
          }
          if afterPoint { exponent -= 1 }
        } else {
          if !afterPoint { exponent += 1 }
          inexact = true
        }
        i += 1
      }
    }
    takeDigits(afterPoint: false)
    if i < n, bytes[i] == InputByte.dot {
      i += 1
      takeDigits(afterPoint: true)
    }
    guard sawDigit else { return nil }
    if i < n, bytes[i] == InputByte.lowerE || bytes[i] == InputByte.upperE {
      i += 1
      var exponentNegative = false
      if i < n, bytes[i] == InputByte.minus || bytes[i] == InputByte.plus {
        exponentNegative = bytes[i] == InputByte.minus
        i += 1
      }
      guard i < n, InputByte.isDigit(bytes[i]) else { return nil }
      var written = 0
      while i < n, InputByte.isDigit(bytes[i]) {
        // Beyond this any value is zero or infinite; stop growing.
        if written < 100_000 { written = written * 10 + Int(bytes[i] &- InputByte.zero) }
        i += 1
      }
      exponent += exponentNegative ? -written : written
    }
    guard i == n else { return nil }

    if mantissa == 0 && !inexact { return negative ? -0.0 : 0.0 }
    if !inexact, mantissa <= 1 << 53, exponent >= -22, exponent <= 22 {
      // Both operands are exact doubles, so one IEEE operation rounds correctly.
      let value = Double(mantissa)
      let scaled = exponent < 0 ? value / powersOfTen[-exponent] : value * powersOfTen[exponent]
      return negative ? -scaled : scaled
    }
    // The grammar checked above is a subset of what Double(String) accepts.
    return Double(String(decoding: bytes, as: UTF8.self))
  }

  /// The value of `text`, or nil when it is not a decimal number.
  package static func parse(_ text: String) -> Double? {
    var text = text
    return text.withUTF8 { parse($0) }
  }

  /// 10^0 ... 10^22, all exact in a double.
  private static let powersOfTen: [Double] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
  ]
}

extension DecimalParser {
  /// Whether `bytes` spell infinity or not-a-number (`inf`, `-Infinity`,
  /// `NaN`), which the grammar refuses: so that a message can say why.
  static func isNonFiniteWord(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    var text = String(decoding: bytes, as: UTF8.self).lowercased()
    if text.hasPrefix("+") || text.hasPrefix("-") { text.removeFirst() }
    return text == "inf" || text == "infinity" || text == "nan"
  }

  /// The whole number written in `bytes`: digits, or a decimal whose
  /// fraction is written as zeros (`3.0`, as spreadsheets often export whole
  /// numbers; `1e2` too); nil for `3.5`, for text that is not a number, and
  /// from 10^15. Judged from the digits as written, not from the nearest
  /// double: `99.99999999999999999` is not 100.
  package static func wholeNumber(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
    let n = bytes.count
    var i = 0
    var negative = false
    if n > 0, bytes[0] == InputByte.minus || bytes[0] == InputByte.plus {
      negative = bytes[0] == InputByte.minus
      i = 1
    }
    let integerStart = i
    while i < n, InputByte.isDigit(bytes[i]) { i += 1 }
    let integerCount = i - integerStart
    var fractionStart = i
    if i < n, bytes[i] == InputByte.dot {
      i += 1
      fractionStart = i
      while i < n, InputByte.isDigit(bytes[i]) { i += 1 }
    }
    let fractionCount = i - fractionStart
    guard integerCount + fractionCount > 0 else { return nil }
    var exponent = 0
    if i < n, bytes[i] == InputByte.lowerE || bytes[i] == InputByte.upperE {
      i += 1
      var exponentNegative = false
      if i < n, bytes[i] == InputByte.minus || bytes[i] == InputByte.plus {
        exponentNegative = bytes[i] == InputByte.minus
        i += 1
      }
      guard i < n, InputByte.isDigit(bytes[i]) else { return nil }
      while i < n, InputByte.isDigit(bytes[i]) {
        // Beyond this the number is zero or far too large either way.
        if exponent < 100_000 { exponent = exponent * 10 + Int(bytes[i] &- InputByte.zero) }
        i += 1
      }
      if exponentNegative { exponent = -exponent }
    }
    guard i == n else { return nil }

    // The digits as one sequence, integer part then fraction; the decimal
    // point (moved by the exponent) falls before digit `point`.
    let count = integerCount + fractionCount
    func digit(_ k: Int) -> Int {
      Int((k < integerCount ? bytes[integerStart + k] : bytes[fractionStart + k - integerCount]) &- InputByte.zero)
    }
    var first = 0
    while first < count, digit(first) == 0 { first += 1 }
    if first == count { return 0 }
    let point = integerCount + exponent
    // Every digit after the point must be 0 (a first non-zero digit after it
    // is a fraction, however small).
    var k = max(point, first)
    while k < count {
      if digit(k) != 0 { return nil }
      k += 1
    }
    guard point - first <= 15 else { return nil }
    var value = 0
    for k in first..<point { value = value * 10 + (k < count ? digit(k) : 0) }
    return negative ? -value : value
  }
}
