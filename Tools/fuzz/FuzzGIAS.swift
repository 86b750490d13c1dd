// The libFuzzer entry point over the GIAS extract reader (`run.sh --gias`):
// `GIASImporter.read(bytes:file:options:)`, the in-memory entry point of
// `placewise import gias`, which reads the DfE's establishment extract
// (Windows-1252 or UTF-8 CSV, columns found by name) into settings.
//
// An input is one option byte and then the extract's bytes. The option
// byte's bits 0-1 choose `--missing-capacity` (0 and 3 fail, 1 on-roll,
// 2 skip), bit 2 a 10 km `--radius`, bit 3 the LAs 886 and 887 instead of
// 886 alone. Reading may return the settings or throw InvalidCaseError;
// anything else (a trap, a sanitizer report, a hang, runaway memory) is a
// finding. What the reader accepts is checked against the case reader's
// own rules, so that the settings.csv written reads back as it was made:
// every URN (a unit's `-RP` or `-SU` included) an id the case reader takes
// and each once, names trimmed, on one line and short enough, ages,
// places and grid positions in their ranges.

/// The options an input's first byte stands for.
enum GIASFuzzOptions {
  static func options(_ flags: UInt8) -> GIASImportOptions {
    let missing: MissingCapacity =
      switch flags & 3 {
      case 1: .onRoll
      case 2: .skip
      default: .fail
      }
    return GIASImportOptions(
      localAuthorities: flags & 8 == 0 ? ["886"] : ["886", "887"], radiusKm: flags & 4 == 0 ? nil : 10,
      missingCapacity: missing)
  }
}

@_cdecl("LLVMFuzzerTestOneInput")
func fuzzGIAS(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  guard size > 0 else { return 0 }
  let bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
  let options = GIASFuzzOptions.options(data[0])
  guard let imported = try? GIASImporter.read(bytes: bytes, file: "edubasealldata.csv", options: options) else {
    return 0
  }
  var urns = Set<String>()
  for setting in imported.settings {
    checkGIASSetting(setting, options: options)
    precondition(urns.insert(setting.urn.rawValue).inserted, "a URN twice")
  }
  return 0
}

/// One imported setting, checked by the case reader's rules.
func checkGIASSetting(_ setting: Setting, options: GIASImportOptions) {
  var urn = setting.urn.rawValue
  urn.withUTF8 { bytes in
    precondition(!bytes.isEmpty && bytes.count <= ByteKeyTable.maxKeyLength, "a URN of \(bytes.count) bytes")
    precondition(!InputByte.isBlank(bytes[0]) && !InputByte.isBlank(bytes[bytes.count - 1]), "an untrimmed URN")
    precondition(IdentifierText.problem(in: bytes) == nil, "a URN the case reader refuses")
  }
  let name = setting.name
  precondition(!name.isEmpty && name.utf16.count <= InputRange.nameLength, "a name of \(name.utf16.count) units")
  precondition(InputText.singleLine(name) == name, "a name over more than one line")
  precondition(
    name.utf8.first.map(InputByte.isBlank) == false && name.utf8.last.map(InputByte.isBlank) == false,
    "an untrimmed name")
  precondition(InputRange.easting.contains(setting.easting) && InputRange.northing.contains(setting.northing))
  precondition(InputRange.age.contains(setting.lowAge) && InputRange.age.contains(setting.highAge))
  precondition(setting.lowAge <= setting.highAge, "low age above high age")
  precondition(InputRange.places.contains(setting.capacity) && InputRange.places.contains(setting.onRoll))
  if let la = setting.localAuthority, !options.localAuthorities.contains(la) {
    precondition(options.radiusKm != nil, "a setting of another LA without --radius")
    precondition(setting.kind == .special || setting.kind == .independent, "a cross-border \(setting.kind) setting")
  }
}
