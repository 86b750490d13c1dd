/// An amount of money as a planner writes it on the command line (a
/// budget): `5000000`, `5,000,000`, `£5,000,000`, `5m`, `2.5m`, `500k`.
///
/// One parser for every money option, so that each accepts the same forms
/// and refuses the same slips: a sign, an exponent (`1e19`), commas out of
/// place (`5,00`), a word (`inf`) or any other text.
public enum PoundsText {
  /// The amounts a budget may be: no real budget is above a trillion
  /// pounds, and every amount in range converts to a whole number of pence
  /// and pounds without overflow.
  public static let range: ClosedRange<Double> = InputRange.planCost

  /// The accepted forms, for messages.
  public static let forms = "5000000, 5,000,000, £5,000,000, 5m, 2.5m or 500k"

  /// Why an amount cannot be used, for the message that refuses it.
  public enum Problem: Error, Sendable, Equatable {
    /// The text is none of the accepted forms.
    case notAnAmount
    /// An amount outside ``range``.
    case outOfRange(Double)
    /// An amount with a fraction of a penny (`1000.4299`): budgets are
    /// compared to the penny, so it would buy £1,000.43 of options while
    /// every page printed it as less (round thirty-one).
    case fractionOfAPenny
  }

  /// The amount `text` writes, in pounds, within ``range``.
  public static func parse(_ text: String) -> Result<Double, Problem> {
    guard let value = amount(text) else { return .failure(.notAnAmount) }
    guard range.contains(value) else { return .failure(.outOfRange(value)) }
    let pence = value * 100
    guard abs(pence - pence.rounded()) <= max(1e-6, 4 * pence.ulp) else { return .failure(.fractionOfAPenny) }
    return .success(value)
  }

  /// The message that refuses `text` for `option` (`--budget`).
  public static func message(option: String, text: String, problem: Problem) -> String {
    let shown = text.count > 40 ? String(text.prefix(40)) + "..." : text
    switch problem {
    case .notAnAmount:
      return "\(option) must be an amount of pounds written as \(forms), not \"\(shown)\""
    case .outOfRange:
      return "\(option) must be an amount of pounds from 0 to £1,000,000,000,000 (a trillion; 1000000000000), "
        + "not \"\(shown)\""
    case .fractionOfAPenny:
      return "\(option) must come to a whole number of pence (as 1000.43 or 1.2345k), not \"\(shown)\""
    }
  }

  private static func amount(_ text: String) -> Double? {
    var body = Substring(text)
    while body.first == " " { body.removeFirst() }
    while body.last == " " { body.removeLast() }
    if body.hasPrefix("£") { body = body.dropFirst() }
    var scale = 1.0
    switch body.last {
    case "k", "K": scale = 1_000
    case "m", "M": scale = 1_000_000
    default: break
    }
    if scale != 1 { body = body.dropLast() }
    let parts = body.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
    guard let whole = parts.first, let digits = groupedDigits(whole) else { return nil }
    var number = digits
    if parts.count == 2 {
      let fraction = parts[1]
      guard !fraction.isEmpty, fraction.count <= 12, fraction.allSatisfy(isDigit) else { return nil }
      number += "." + fraction
    }
    guard let value = Double(number), value.isFinite else { return nil }
    return value * scale
  }

  private static func isDigit(_ character: Character) -> Bool { character.isASCII && character.isWholeNumber }

  /// The digits of `text`, written plain (`5000000`) or grouped in
  /// threes by commas (`5,000,000`); nil for anything else.
  private static func groupedDigits(_ text: Substring) -> String? {
    // More digits than any amount in range could need, and Double parses them all.
    guard !text.isEmpty, text.count <= 40 else { return nil }
    let groups = text.split(separator: ",", omittingEmptySubsequences: false)
    guard groups.allSatisfy({ !$0.isEmpty && $0.allSatisfy(isDigit) }) else { return nil }
    if groups.count > 1 {
      guard groups[0].count <= 3, groups.dropFirst().allSatisfy({ $0.count == 3 }) else { return nil }
    }
    return groups.joined()
  }
}
