// The libFuzzer entry point over the case reader.
//
// Not a SwiftPM target: a file defining LLVMFuzzerTestOneInput and no main
// would not link in a normal build. `run.sh` compiles it into the Placewise
// module together with the Model and Input sources (the reader needs no
// GLPK), with `-sanitize=fuzzer,address`.
//
// An input is a case laid out as `CaseInput` describes. Reading it may
// return a case or throw InvalidCaseError; anything else (a trap, a sanitizer
// report, a hang, runaway memory) is a finding.

/// The layout of a fuzz input: one flag byte, then the present files'
/// contents in the order of `names`, separated by `separator`.
///
/// Bits 0...3 of the flag byte say which of `names` are present; bit 4
/// hands the policy over under a name of the user's choosing instead of
/// `policy.toml` (the `--policy` path). A present file with no part left
/// is empty. A separator cannot occur inside a part; the seeds and the
/// dictionary (`case.dict`) both use it.
enum CaseInput {
  static let names = ["settings.csv", "pupils.csv", "travel.csv", "policy.toml"]
  static let separator: [UInt8] = Array("\n%%FILE%%\n".utf8)
  static let policyOverride = "own-policy.toml"

  /// The files and policy file name `input` stands for.
  static func split(_ input: UnsafeBufferPointer<UInt8>) -> (files: [String: [UInt8]], policyFile: String?) {
    guard let flags = input.first else { return ([:], nil) }
    var parts: [ArraySlice<UInt8>] = []
    let body = input.dropFirst()
    var start = body.startIndex
    var i = start
    while i + separator.count <= body.endIndex {
      if body[i] == separator[0], body[i..<(i + separator.count)].elementsEqual(separator) {
        parts.append(ArraySlice(body[start..<i]))
        i += separator.count
        start = i
      } else {
        i += 1
      }
    }
    parts.append(ArraySlice(body[start...]))

    var files: [String: [UInt8]] = [:]
    var policyFile: String?
    var next = 0
    for (bit, name) in names.enumerated() where flags & (1 << bit) != 0 {
      var key = name
      if name == "policy.toml", flags & 0x10 != 0 {
        key = policyOverride
        policyFile = key
      }
      files[key] = next < parts.count ? Array(parts[next]) : []
      next += 1
    }
    if flags & 0x10 != 0 && policyFile == nil { policyFile = policyOverride }  // named but missing
    return (files, policyFile)
  }
}

@_cdecl("LLVMFuzzerTestOneInput")
func fuzzCaseReader(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let (files, policyFile) = CaseInput.split(UnsafeBufferPointer(start: data, count: size))
  do {
    let read = try CaseReader.read(files: files, policyFile: policyFile)
    // What the reader hands on must hold up: ids unique as bytes (not as
    // Strings, which compare canonically equivalent text equal), journey
    // indices in range, each pair once.
    precondition(Set(read.pupils.map { Array($0.id.rawValue.utf8) }).count == read.pupils.count)
    precondition(Set(read.settings.map { Array($0.urn.rawValue.utf8) }).count == read.settings.count)
    if let travel = read.travel {
      precondition(travel.pupil.count == travel.count && travel.setting.count == travel.count)
      var pairs = Set<Int>()
      for k in 0..<travel.count {
        precondition(travel.pupil[k] >= 0 && Int(travel.pupil[k]) < read.pupils.count)
        precondition(travel.setting[k] >= 0 && Int(travel.setting[k]) < read.settings.count)
        precondition(pairs.insert(Int(travel.pupil[k]) * read.settings.count + Int(travel.setting[k])).inserted)
      }
    }
    // Every number in its plausible range, so that nothing later can trap
    // or overflow; ids free of invisible characters and formula starts;
    // names on one line.
    for setting in read.settings {
      precondition(InputRange.easting.contains(setting.easting) && InputRange.northing.contains(setting.northing))
      precondition(InputRange.age.contains(setting.lowAge) && InputRange.age.contains(setting.highAge))
      precondition(InputRange.places.contains(setting.capacity) && InputRange.places.contains(setting.onRoll))
      precondition(setting.needPlaces.values.allSatisfy { InputRange.places.contains($0) })
      precondition(setting.costPerPlace.map { InputRange.costPerPlace.contains($0) } ?? true)
      precondition(!setting.name.unicodeScalars.contains { $0.properties.generalCategory == .control })
      var urn = setting.urn.rawValue
      precondition(urn.withUTF8 { IdentifierText.problem(in: $0) } == nil)
    }
    for pupil in read.pupils {
      precondition(InputRange.easting.contains(pupil.easting) && InputRange.northing.contains(pupil.northing))
      precondition(InputRange.age.contains(pupil.age) && InputRange.priority.contains(pupil.priority))
      precondition(pupil.maxTravelMinutes.map { InputRange.minutes.contains($0) } ?? true)
      var id = pupil.id.rawValue
      precondition(id.withUTF8 { IdentifierText.problem(in: $0) } == nil)
    }
    if let travel = read.travel {
      precondition(travel.minutes.allSatisfy { InputRange.minutes.contains($0) })
    }
    let policy = read.policy
    for value in [
      policy.maxTravelMinutesPrimary, policy.maxTravelMinutesSecondary, policy.speedKmh, policy.detourFactor,
      policy.preferenceStep, policy.unlistedPenalty,
    ] {
      precondition(value.isFinite && value >= 0 && value <= 100_000)
    }
    precondition(policy.speedKmh >= 1 && policy.detourFactor >= 1)
    _ = read.warnings.map(\.description)
  } catch {
    // The error's text is what a user sees: build it, so its code runs too.
    precondition(!error.problems.isEmpty && error.totalCount >= error.problems.count)
    precondition(error.problems.count <= CaseReader.problemLimit)
    _ = error.description
  }
  return 0
}
