/// A day of the Gregorian calendar, without a time or a time zone: a date
/// of birth or a placement start.
public struct CalendarDate: Sendable, Hashable, Comparable, CustomStringConvertible {
  /// The year, e.g. 2026.
  public var year: Int
  /// The month, 1 to 12.
  public var month: Int
  /// The day of the month, 1 to 31.
  public var day: Int

  /// The date, if it exists (31 February does not; 29 February only in leap years).
  public init?(year: Int, month: Int, day: Int) {
    guard (1...9999).contains(year), (1...12).contains(month), day >= 1,
      day <= Self.daysIn(month: month, year: year)
    else { return nil }
    self.year = year
    self.month = month
    self.day = day
  }

  /// Parses `YYYY-MM-DD` (ISO 8601) or `DD/MM/YYYY` (as UK systems export
  /// dates; never the US month-first order); nil for anything else or a
  /// day that does not exist.
  public init?(parsing text: some StringProtocol) {
    let digits = { (part: Substring) -> Int? in
      part.allSatisfy(\.isASCII) && part.allSatisfy(\.isNumber) ? Int(part) : nil
    }
    let text = Substring(text)
    let iso = text.split(separator: "-", omittingEmptySubsequences: false)
    let uk = text.split(separator: "/", omittingEmptySubsequences: false)
    if iso.count == 3, iso[0].count == 4, iso[1].count == 2, iso[2].count == 2,
      let y = digits(iso[0]), let m = digits(iso[1]), let d = digits(iso[2])
    {
      self.init(year: y, month: m, day: d)
    } else if uk.count == 3, (1...2).contains(uk[0].count), (1...2).contains(uk[1].count), uk[2].count == 4,
      let d = digits(uk[0]), let m = digits(uk[1]), let y = digits(uk[2])
    {
      self.init(year: y, month: m, day: d)
    } else {
      return nil
    }
  }

  static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
    case 4, 6, 9, 11: 30
    default: 31
    }
  }

  /// Whole years from `birth` to this date: a birthday counts on its day;
  /// someone born on 29 February turns a year older on 1 March in other
  /// years (as the UK's age rules have it).
  public func age(bornOn birth: CalendarDate) -> Int {
    var years = year - birth.year
    if (month, day) < (birth.month, birth.day) { years -= 1 }
    return years
  }

  /// The 1 September that starts the school year this date falls in.
  public var schoolYearStart: CalendarDate {
    CalendarDate(uncheckedYear: month >= 9 ? year : year - 1, month: 9, day: 1)
  }

  /// The school age of a child born on `birth` in the school year this date
  /// falls in: the age on the 31 August before that school year, as the DfE
  /// counts year groups. A child born on 1 September is the oldest of the
  /// younger year: 10 on a 1 September start that makes them 11, in Year 6.
  public func schoolAge(bornOn birth: CalendarDate) -> Int {
    CalendarDate(uncheckedYear: schoolYearStart.year, month: 8, day: 31).age(bornOn: birth)
  }

  /// The national curriculum year of a child born on `birth` in the school
  /// year this date falls in: the school age minus 4 (Reception is 0, Year 1
  /// is 1; nursery ages give -1 and below).
  public func curriculumYear(bornOn birth: CalendarDate) -> Int { schoolAge(bornOn: birth) - 4 }

  /// The first 1 September on or after `date`: the start of the coming
  /// school year.
  public static func comingSchoolYearStart(after date: CalendarDate) -> CalendarDate {
    let september = CalendarDate(uncheckedYear: date.year, month: 9, day: 1)
    return date <= september ? september : CalendarDate(uncheckedYear: date.year + 1, month: 9, day: 1)
  }

  /// A date known to exist.
  init(uncheckedYear year: Int, month: Int, day: Int) {
    self.year = year
    self.month = month
    self.day = day
  }

  /// Earlier dates first.
  public static func < (a: Self, b: Self) -> Bool { (a.year, a.month, a.day) < (b.year, b.month, b.day) }

  /// `YYYY-MM-DD`.
  public var description: String {
    func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
    return "\(year)-\(two(month))-\(two(day))"
  }
}

/// How a national curriculum year is written: `N1`, `N2` (nursery), `R`
/// (Reception), `1` to `14`; empty outside those.
public enum CurriculumYearText {
  /// The text of a curriculum year (nil: empty).
  public static func text(_ year: Int?) -> String {
    guard let year else { return "" }
    switch year {
    case -2: return "N1"
    case -1: return "N2"
    case 0: return "R"
    case 1...14: return String(year)
    default: return ""
    }
  }
}
