/// The plausible range of every number a case may hold.
///
/// A value outside its range is refused at input like any other bad value
/// (file, line, column, what was found, the range expected). The ranges are
/// wide enough for any real English case and narrow enough that every sum
/// the solver and the outputs form stays finite and every conversion to a
/// whole number stays in range, whatever the input: no input may trap or
/// put `inf` in an output. docs/decisions.md lists them with these
/// reasons.
package enum InputRange {
  /// British National Grid eastings, metres: the grid's false origin lies
  /// south-west of the Scilly Isles and Great Britain ends before 700 km east.
  package static let easting: ClosedRange<Double> = 0...700_000
  /// British National Grid northings, metres: Shetland ends before 1,300 km north.
  package static let northing: ClosedRange<Double> = 0...1_300_000
  /// Ages in whole years: an EHC plan can run to the young person's 25th birthday.
  package static let age: ClosedRange<Int> = 0...25
  /// Journey times and limits in minutes: a day. No school journey is longer.
  package static let minutes: ClosedRange<Double> = 0...1440
  /// Journey distances in km: the length of Great Britain, with room for detours.
  package static let km: ClosedRange<Double> = 0...2000
  /// Places (capacity, on roll, need caps): the largest schools have a few
  /// thousand; a hundred thousand is a whole county in one row.
  package static let places: ClosedRange<Int> = 0...100_000
  /// Annual cost of one place in pounds: the dearest residential placements
  /// cost under a million; ten million leaves room for any local figure.
  package static let costPerPlace: ClosedRange<Double> = 0...10_000_000
  /// A plan row's capital or annual cost in pounds: a trillion is beyond
  /// any council's programme, and sums of many rows stay finite.
  package static let planCost: ClosedRange<Double> = 0...1_000_000_000_000
  /// A plan row's `year`: a forecast runs at most 15 years; a plan may
  /// look further (its later rows never take effect), but not past a century.
  package static let planYear: ClosedRange<Int> = 1...100
  /// A forecast's `--years`, as `forecast.md` bounds it.
  package static let forecastYears: ClosedRange<Int> = 1...15
  /// New EHC plans in one demand row: a hundred thousand is every new plan
  /// in England in a year.
  package static let newPlans: ClosedRange<Int> = 0...100_000
  /// A pupil's priority (the weight of leaving the pupil unplaced).
  package static let priority: ClosedRange<Int> = 1...1_000_000
  /// The longest setting name, in UTF-16 units (as Excel counts): far
  /// beyond any real name, and short enough that an explanation naming a
  /// few settings stays inside Excel's 32,767 characters in a cell.
  package static let nameLength = 1000

  /// `700,000`: a bound as written in messages, thousands grouped.
  package static func text(_ value: Double) -> String {
    if value == value.rounded(), value.magnitude < 1e15 { return text(Int(value)) }
    return "\(value)"
  }

  /// `100,000`: a whole bound as written in messages, thousands grouped.
  package static func text(_ value: Int) -> String {
    let digits = Array(String(value.magnitude))
    var out = value < 0 ? "-" : ""
    for (i, digit) in digits.enumerated() {
      if i > 0 && (digits.count - i) % 3 == 0 { out += "," }
      out.append(digit)
    }
    return out
  }

  /// `from 0 to 700,000`.
  package static func text(_ range: ClosedRange<Double>) -> String {
    "from \(text(range.lowerBound)) to \(text(range.upperBound))"
  }

  /// `from 1 to 1,000,000`.
  package static func text(_ range: ClosedRange<Int>) -> String {
    "from \(text(range.lowerBound)) to \(text(range.upperBound))"
  }
}
