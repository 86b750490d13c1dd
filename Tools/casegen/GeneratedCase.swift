import Placewise
import ToolSupport

/// A generated case: the model's settings and pupils, plus what the writer
/// and the README need that the model does not keep (the order in which
/// designations and caps are written, the county of each row).
struct GeneratedCase {
  var geography: Geography
  var settings: [Setting] = []
  /// Designated needs in the order written (`ASD;SLCN`, not the set's order).
  var designations: [[NeedCode]] = []
  /// `need_places` caps in the order written.
  var caps: [[(need: NeedCode, places: Int)]] = []
  var settingCounty: [Int] = []
  /// How much parents favour a setting (an outstanding special school draws
  /// far more first preferences than it has places).
  var popularity: [Double] = []
  var pupils: [Pupil] = []
  var pupilCounty: [Int] = []

  /// Settings' locations, by index.
  var settingPoints: [GridPoint] { settings.map { GridPoint(easting: $0.easting, northing: $0.northing) } }

  /// Counts for the summary line and the README.
  func settingsCount(of kind: SettingKind) -> Int { settings.reduce(0) { $0 + ($1.kind == kind ? 1 : 0) } }
}

/// What the user asked for.
struct GenerationRequest {
  var pupils: Int
  var settings: Int
  var counties: Int
  var seed: UInt64
  /// The knobs beyond size (defaults: the original family of cases).
  var shape = CaseShape()
}

/// Streams of the seed, one per stage (journey noise needs none: it is a
/// hash of the seed and the pair).
enum Stage: UInt64 {
  case geography = 1
  case settings, pupils, places
}

/// Builds a case: geography, then settings, then pupils (whose preferences
/// look at the settings), then the free places, set from the pupils' demand
/// so that state special places are scarce in every county.
struct CaseGenerator {
  let request: GenerationRequest
  let policy = Policy()

  func generate() -> GeneratedCase {
    var random = SeededRandom(seed: request.seed, stream: Stage.geography.rawValue)
    let codes = Self.authorityCodes(count: request.counties, &random)
    var geography =
      request.counties == 1
      ? Geography.singleCounty(random: &random, code: codes[0])
      : Geography.tiling(count: request.counties, random: &random, codes: codes)
    // County sizes vary about threefold; settings follow pupils.
    let spread = request.shape.countySpread
    let weights = (0..<request.counties).map { _ in random.uniform(1 - spread, 1 + spread) }
    let pupilShares = Self.apportion(request.pupils, weights: weights)
    let settingShares = Self.apportion(request.settings, weights: pupilShares.map(Double.init))
    for c in geography.counties.indices {
      geography.counties[c].pupils = pupilShares[c]
      geography.counties[c].settings = settingShares[c]
    }
    var names = NameMaker()
    geography.placeTowns(random: &random, names: &names)

    var generated = GeneratedCase(geography: geography)
    var settingsRandom = SeededRandom(seed: request.seed, stream: Stage.settings.rawValue)
    var builder = SettingsBuilder(geography: geography, names: names)
    builder.build(into: &generated, random: &settingsRandom)

    var pupilsRandom = SeededRandom(seed: request.seed, stream: Stage.pupils.rawValue)
    var pupilsBuilder = PupilsBuilder(
      generated: generated, usedURNs: builder.usedURNs, policy: policy, shape: request.shape)
    pupilsBuilder.build(into: &generated, random: &pupilsRandom)
    Self.repeatPupils(&generated, times: request.shape.identicalPupils)

    var placesRandom = SeededRandom(seed: request.seed, stream: Stage.places.rawValue)
    PlacesCalibration.apply(to: &generated, random: &placesRandom, specialDemand: request.shape.specialDemand)
    return generated
  }

  /// Heavy ties: every pupil takes the home, needs, plan and preferences of
  /// the first of its run of `times` pupils (ids stay distinct).
  static func repeatPupils(_ generated: inout GeneratedCase, times: Int) {
    guard times > 1 else { return }
    for p in generated.pupils.indices where p % times != 0 {
      let model = generated.pupils[p - p % times]
      var copy = model
      copy.id = generated.pupils[p].id
      generated.pupils[p] = copy
      generated.pupilCounty[p] = generated.pupilCounty[p - p % times]
    }
  }

  /// Distinct three-digit local-authority codes, like DfE's (201 to 938).
  static func authorityCodes(count: Int, _ random: inout SeededRandom) -> [Int] {
    var codes: [Int] = []
    var used = Set<Int>()
    while codes.count < count {
      let code = random.int(in: 301...938)
      if used.insert(code).inserted { codes.append(code) }
    }
    return codes
  }

  /// Splits `total` in proportion to `weights` (largest remainders; ties to
  /// the earlier index), so the parts add up exactly.
  static func apportion(_ total: Int, weights: [Double]) -> [Int] {
    let sum = weights.reduce(0, +)
    guard sum > 0 else { return weights.map { _ in 0 } }
    let exact = weights.map { Double(total) * $0 / sum }
    var parts = exact.map { Int($0.rounded(.down)) }
    let order = exact.indices.sorted {
      let a = exact[$0] - Double(parts[$0])
      let b = exact[$1] - Double(parts[$1])
      return a != b ? a > b : $0 < $1
    }
    for i in order.prefix(total - parts.reduce(0, +)) { parts[i] += 1 }
    return parts
  }
}
