import Placewise
import ToolSupport

/// Sets how many places are free for the batch (`on_roll`) and the
/// `need_places` caps, from the pupils' demand, so that each county's state
/// special schools are mostly full and, together, short of places.
///
/// Demand is counted per county as the pupils whose plan allows no
/// mainstream place but does allow a special or independent one. State
/// special schools get free places for about 90% of them (less
/// what independent and planned schools offer), shared by the demand each
/// school can serve (each pupil's need and age counted once, split among
/// the schools that take both), fewer at the most sought-after schools,
/// and never more than 30% of a school's places: they are mostly full, and
/// where a need's schools are small the shortfall stays. Each independent
/// school has a few dear places; resourced bases have 0 to 4; mainstream
/// schools keep the free places their roll leaves.
enum PlacesCalibration {
  static let specialShare = 0.90
  static let mostFree = 0.30

  /// `specialDemand`, when given, is the demand over the free places wanted
  /// (special, independent and planned together); a school may then have up
  /// to 90% of its places free, so that even a surplus can be reached.
  static func apply(to generated: inout GeneratedCase, random r: inout SeededRandom, specialDemand: Double? = nil) {
    let share = specialDemand.map { 1 / $0 } ?? specialShare
    let mostFree = specialDemand == nil ? Self.mostFree : 0.9
    let counties = generated.geography.counties.count
    var demand = [Int](repeating: 0, count: counties)
    // Demand by county, need and age (0 to 19).
    var needDemand = [[[Double]]](
      repeating: Array(repeating: Array(repeating: 0, count: 20), count: NeedCode.allCases.count), count: counties)
    for (p, pupil) in generated.pupils.enumerated() {
      let k = pupil.provision
      if !k.contains(.mainstream), k.contains(.special) || k.contains(.independent) {
        demand[generated.pupilCounty[p]] += 1
        needDemand[generated.pupilCounty[p]][pupil.primaryNeed.rawValue][min(19, pupil.age)] += 1
      }
    }
    var otherFree = [Int](repeating: 0, count: counties)
    var specials = [[Int]](repeating: [], count: counties)
    for s in generated.settings.indices {
      let c = generated.settingCounty[s]
      switch generated.settings[s].kind {
      case .independent:
        let free = min(generated.settings[s].capacity, r.int(in: 3...10))
        generated.settings[s].onRoll = generated.settings[s].capacity - free
        otherFree[c] += free
      case .resourced:
        let free = min(generated.settings[s].capacity, r.pick([(0, 2), (1, 3), (2, 3), (3, 2), (4, 1)]))
        generated.settings[s].onRoll = generated.settings[s].capacity - free
      case .ap:
        generated.settings[s].onRoll = generated.settings[s].capacity - r.int(in: 2...10)
      case .special where generated.settings[s].onRoll == 0:  // planned: empty
        otherFree[c] += generated.settings[s].capacity
      case .special:
        specials[c].append(s)
      case .mainstream, .college, .post16:
        break
      }
    }
    for c in 0..<counties where !specials[c].isEmpty {
      // How many of the county's special schools serve each need at each age.
      var coverage = [[Double]](repeating: Array(repeating: 0, count: 20), count: NeedCode.allCases.count)
      for s in specials[c] {
        let setting = generated.settings[s]
        for need in NeedCode.allCases where admits(setting, need) {
          for age in max(0, setting.lowAge)...min(19, setting.highAge) { coverage[need.rawValue][age] += 1 }
        }
      }
      let weights = specials[c].map { s -> Double in
        let setting = generated.settings[s]
        var served = 0.0
        for need in NeedCode.allCases where admits(setting, need) {
          for age in max(0, setting.lowAge)...min(19, setting.highAge) {
            served += needDemand[c][need.rawValue][age] / coverage[need.rawValue][age]
          }
        }
        let w = served * r.uniform(0.6, 1.4)
        return generated.popularity[s] >= 2 ? w * 0.15 : w
      }
      let room = specials[c].map { Int(Double(generated.settings[$0].capacity) * mostFree) }
      var free = [Int](repeating: 0, count: specials[c].count)
      var left = max(0, Int((Double(demand[c]) * share).rounded()) - otherFree[c])
      // Share out, then share what full schools could not take among the rest.
      for _ in 0..<4 where left > 0 {
        let open = free.indices.filter { free[$0] < room[$0] && weights[$0] > 0 }
        guard !open.isEmpty else { break }
        let parts = CaseGenerator.apportion(left, weights: open.map { weights[$0] })
        left = 0
        for (i, part) in zip(open, parts) {
          let add = min(part, room[i] - free[i])
          free[i] += add
          left += part - add
        }
      }
      for (i, s) in specials[c].enumerated() {
        var onRoll = generated.settings[s].capacity - free[i]
        if free[i] == 0, r.chance(0.3) { onRoll += r.int(in: 1...6) }  // over its number
        generated.settings[s].onRoll = onRoll
      }
    }
    addCaps(to: &generated, &r)
  }

  private static func admits(_ setting: Setting, _ need: NeedCode) -> Bool {
    setting.needs.isEmpty || setting.needs.contains(need)
  }

  /// Caps on the batch's admissions by need, at about half the special
  /// schools with several designated needs: at most a third to two thirds of
  /// the free places for the first need listed, sometimes the second too.
  /// Now and then a cap names a need the school is not designated for, which
  /// the case format says changes nothing.
  private static func addCaps(to generated: inout GeneratedCase, _ r: inout SeededRandom) {
    for s in generated.settings.indices {
      let setting = generated.settings[s]
      let design = generated.designations[s]
      guard setting.kind == .special || setting.kind == .independent, design.count >= 2 else { continue }
      let free = setting.freePlaces
      guard free >= 3, r.chance(setting.kind == .special ? 0.5 : 0.2) else { continue }
      var caps: [(need: NeedCode, places: Int)] = [(design[0], max(1, Int(Double(free) * r.uniform(0.33, 0.67))))]
      if r.chance(0.25) { caps.append((design[1], max(1, Int(Double(free) * r.uniform(0.33, 0.67))))) }
      if r.chance(0.08), let stray = [NeedCode.hi, .vi, .pd].first(where: { !design.contains($0) }) {
        caps.append((stray, r.int(in: 1...3)))
      }
      generated.caps[s] = caps
      for cap in caps { generated.settings[s].needPlaces[cap.need] = cap.places }
    }
  }
}
