// The libFuzzer entry point over the plan, options and demand readers
// (`run.sh --tables`): the files that change a comparison, a
// recommendation or a forecast, read with the case reader's rules.
//
// An input is one selector byte (its value mod 3: 0 a plan file, 1 an
// options file, 2 a demand file) and then the file's bytes. Reading may
// return the table or throw InvalidCaseError; anything else (a trap, a
// sanitizer report, a hang, runaway memory) is a finding. What a reader
// accepts is checked too: every number in its plausible range and every
// id free of invisible characters and formula starts.

@_cdecl("LLVMFuzzerTestOneInput")
func fuzzTables(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  guard size > 0 else { return 0 }
  let bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
  switch data[0] % 3 {
  case 0, 1:
    let isOptions = data[0] % 3 == 1
    guard
      let plan = try? PlanReader.read(bytes: bytes, file: isOptions ? "options.csv" : "plan.csv", isOptions: isOptions)
    else { return 0 }
    for row in plan.rows {
      precondition(row.capitalCost.isFinite && InputRange.planCost.contains(row.capitalCost))
      precondition(row.annualCost.isFinite && InputRange.planCost.contains(row.annualCost))
      precondition(InputRange.planYear.contains(row.year))
      precondition(!isOptions || row.option.map { !$0.isEmpty } == true)
      for id in [row.action.urn.rawValue, row.option, row.group].compactMap({ $0 }) {
        precondition(
          !id.isEmpty && id.first != "=" && !id.unicodeScalars.contains { $0.properties.isDefaultIgnorableCodePoint })
      }
      switch row.action {
      case .addPlaces(_, let places, _):
        precondition(places != 0 && abs(places) <= InputRange.places.upperBound)
      case .newSetting(let setting):
        precondition(setting.lowAge <= setting.highAge && InputRange.places.contains(setting.capacity))
      case .closeSetting:
        break
      }
    }
  default:
    guard let demand = try? DemandReader.read(bytes: bytes, file: "demand.csv") else { return 0 }
    for row in demand.rows {
      precondition(InputRange.planYear.contains(row.year) && InputRange.age.contains(row.age))
      precondition(InputRange.newPlans.contains(row.newPlans))
    }
  }
  return 0
}
