import Testing

@testable import Placewise

/// The one parser of money options (`--budget`, `--annual-budget`): the
/// forms planners write, and every slip refused rather than misread.
@Suite("Money on the command line: PoundsText")
struct PoundsTextTests {
  @Test(
    "accepted forms give the amount",
    arguments: [
      ("5000000", 5_000_000.0), ("5,000,000", 5_000_000), ("£5,000,000", 5_000_000), ("5m", 5_000_000),
      ("5M", 5_000_000), ("2.5m", 2_500_000), ("500k", 500_000), ("£1.25m", 1_250_000), ("0", 0),
      ("1234.56", 1234.56), (" 7 ", 7), ("1,000,000,000,000", 1e12),
    ])
  func accepted(_ text: String, _ pounds: Double) {
    #expect(PoundsText.parse(text) == .success(pounds), "\(text)")
  }

  @Test(
    "anything else is not an amount",
    arguments: [
      "", "£", "m", "-5", "+5", "1e19", "1e300", "5,00", "50,00,000", ",500", "500,", "5.", ".5", "5 000", "five",
      "nan", "inf", "0x10", "5mk", "5mm", "5 m", "5£", "1,000.5.5", String(repeating: "9", count: 60),
    ])
  func refused(_ text: String) {
    #expect(PoundsText.parse(text) == .failure(.notAnAmount), "\(text)")
    let message = PoundsText.message(option: "--budget", text: text, problem: .notAnAmount)
    #expect(message.contains("5,000,000") && message.contains("5m"))
  }

  @Test(
    "amounts above a trillion pounds are out of range, never a trap later", arguments: ["1000000000001", "2000000m"])
  func outOfRange(_ text: String) throws {
    guard case .failure(.outOfRange) = PoundsText.parse(text) else {
      Issue.record("\(text) accepted")
      return
    }
  }

  /// Round thirty-one: `--budget 1000.4299` bought £1,000.43 of options
  /// (budgets are compared to the penny) while the pages printed £1,000.
  @Test(
    "a fraction of a penny is refused; pence and scaled amounts are not",
    arguments: [
      ("1000.4299", false), ("0.001", false), ("1.234567k", false), ("1.2345k", true), ("1000.43", true),
      ("1.2345m", true),
    ])
  func fractionOfAPenny(_ text: String, _ accepted: Bool) {
    let parsed = PoundsText.parse(text)
    if accepted {
      #expect((try? parsed.get()) != nil, "\(text)")
    } else {
      #expect(parsed == .failure(.fractionOfAPenny), "\(text)")
      #expect(
        PoundsText.message(option: "--budget", text: text, problem: .fractionOfAPenny).contains("whole number of pence")
      )
    }
  }
}
