/// Numbers as a planner reads them: thousands separators, pounds, hours and
/// minutes, percentages.
///
/// Written by hand rather than with Foundation's formatters, which follow
/// the machine's locale: every output must be the same bytes on any
/// machine, and the report and the printed summary must agree.
package enum NumberFormatting {
  /// A whole number with commas between thousands: `42,356,650`, `-1,200`.
  package static func grouped(_ value: Int) -> String {
    let digits = String(value.magnitude)
    var out = ""
    for (i, digit) in digits.enumerated() {
      if i > 0, (digits.count - i) % 3 == 0 { out += "," }
      out.append(digit)
    }
    return value < 0 ? "-" + out : out
  }

  /// A number rounded to `places` decimals (half away from zero), grouped:
  /// `1,234.5` for `decimal(1234.5, places: 1)`; trailing zeros kept so
  /// columns line up.
  package static func decimal(_ value: Double, places: Int) -> String {
    guard value.isFinite else { return value.isNaN ? "-" : (value < 0 ? "-∞" : "∞") }
    var scale = 1.0
    for _ in 0..<places { scale *= 10 }
    let scaled = (value.magnitude * scale).rounded(.toNearestOrAwayFromZero)
    guard scaled < 9e15 else { return "\(value)" }
    let whole = Int(scaled)
    let unit = Int(scale)
    let sign = value < 0 && whole != 0 ? "-" : ""
    guard places > 0 else { return sign + grouped(whole) }
    let fraction = String(whole % unit)
    return sign + grouped(whole / unit) + "." + String(repeating: "0", count: places - fraction.count) + fraction
  }

  /// Pounds to the whole pound: `£42,356,650`; `-£1,200` below zero.
  package static func pounds(_ value: Double) -> String {
    let text = decimal(value, places: 0)
    return text.hasPrefix("-") ? "-£" + text.dropFirst() : "£" + text
  }

  /// A duration given in minutes, to the whole minute: `45 min`,
  /// `1 h 5 min`, `993 h 14 min`, `2 h` (no `0 min`); `<1 min` for a
  /// duration above 0 that rounds to none.
  package static func hoursAndMinutes(_ minutes: Double) -> String {
    // Beyond 9e15 minutes the conversion to Int could trap: print the number.
    guard minutes.isFinite, minutes.magnitude < 9e15 else { return decimal(minutes, places: 0) }
    let total = Int(minutes.magnitude.rounded(.toNearestOrAwayFromZero))
    // A journey of some seconds is not "0 min" (a mean of 0.46 min was).
    if total == 0 && minutes != 0 { return minutes > 0 ? "<1 min" : "-<1 min" }
    let sign = minutes < 0 && total != 0 ? "-" : ""
    let hours = total / 60
    let rest = total % 60
    if hours == 0 { return "\(sign)\(rest) min" }
    if rest == 0 { return "\(sign)\(grouped(hours)) h" }
    return "\(sign)\(grouped(hours)) h \(rest) min"
  }

  /// `part` as a whole percentage of `whole` (`87%`), rounded half up;
  /// `-` when `whole` is 0. Percentages that round to 0 or 100 but are not
  /// are shown as `<1%` and `>99%`, so that "100%" always means all.
  package static func percent(_ part: Int, of whole: Int) -> String {
    guard whole > 0 else { return "-" }
    if part == 0 { return "0%" }
    if part == whole { return "100%" }
    let rounded = (200 * part + whole) / (2 * whole)
    if rounded == 0 { return "<1%" }
    // Above the whole (agreed placements can overfill a setting): the
    // figure, and never ">99%" (2 of 1 place is 200%).
    if part > whole { return rounded == 100 ? ">100%" : "\(rounded)%" }
    if rounded >= 100 { return ">99%" }
    return "\(rounded)%"
  }

  /// `1 pupil`, `2,000 pupils`: a count with its noun, plural when not 1.
  package static func count(_ value: Int, _ singular: String, _ plural: String? = nil) -> String {
    "\(grouped(value)) \(value == 1 ? singular : plural ?? singular + "s")"
  }
}
