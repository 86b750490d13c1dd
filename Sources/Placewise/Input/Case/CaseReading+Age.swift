extension CaseReading {
  /// The day ages are taken on: the policy's `placement_start`, or the
  /// coming 1 September (the first on or after today).
  var placementStart: CalendarDate {
    policy.placementStart ?? CalendarDate.comingSchoolYearStart(after: locations.today)
  }

  /// The pupil's age at the placement start (from a date of birth, the
  /// school age: see `CalendarDate.schoolAge`), and the curriculum year when a
  /// date of birth gave it. `age` may be left out when `date_of_birth` is
  /// given; when both are, they must agree. A date of birth is never shown
  /// in a message.
  mutating func readAge(_ table: inout TableReader<PupilColumn>) -> (age: Int?, curriculumYear: Int?) {
    let birthBytes = table.cell(.dateOfBirth)
    let hasBirth = !(birthBytes?.isEmpty ?? true)
    // Without an age column, an empty date of birth leaves the pupil no age:
    // an error, not a pupil dropped (hostile trial, round twenty-one).
    if let birthBytes, birthBytes.isEmpty, !table.hasColumn(.age) {
      table.report(
        .dateOfBirth, found: "an empty cell",
        expected: "a date of birth as YYYY-MM-DD or DD/MM/YYYY (or an age, in an age column)")
      return (nil, nil)
    }
    let age = table.whole(.age, required: !hasBirth, range: InputRange.age, expected: Self.expectedAge)
    guard hasBirth, let birthBytes else { return (age, nil) }
    let hidden = " (not shown: personal data)"
    guard let birth = CalendarDate(parsing: String(decoding: birthBytes, as: UTF8.self)) else {
      table.report(
        .dateOfBirth, found: "a value that is not a real date" + hidden,
        expected: "a date of birth as YYYY-MM-DD or DD/MM/YYYY, a day that exists")
      return (nil, nil)
    }
    let start = placementStart
    if birth > locations.today {
      table.report(
        .dateOfBirth, found: "a date of birth in the future" + hidden, expected: "a date of birth before today")
      return (nil, nil)
    }
    guard birth < start else {
      table.report(
        .dateOfBirth, found: "a date of birth on or after the placement start \(start)" + hidden,
        expected: "a date of birth before the placement start (policy key placement_start)")
      return (nil, nil)
    }
    // The school age (on the 31 August before the placement's school year),
    // so that age and curriculum year agree and GIAS's ranges read by year
    // group: a child born on 1 September is not a year ahead of their year.
    // A baby born since that 31 August (a placement starting mid-year) is 0.
    let computed = max(0, start.schoolAge(bornOn: birth))
    guard InputRange.age.contains(computed) else {
      table.report(
        .dateOfBirth, found: "a date of birth giving an age over \(InputRange.age.upperBound)" + hidden,
        expected: "a date of birth giving " + Self.expectedAge)
      return (nil, nil)
    }
    if policy.placementStart == nil { usedDefaultStart = true }
    if let age, age != computed {
      table.report(
        .age, found: "\(age), but date_of_birth gives \(computed) (the age on the 31 August before \(start))",
        expected: "an age that agrees with date_of_birth (or an empty age)")
      return (nil, nil)
    }
    return (computed, start.curriculumYear(bornOn: birth))
  }
}
