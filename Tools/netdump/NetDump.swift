import Foundation
import Placewise

/// `placewise-netdump CASE_DIR OUT_DIR`: writes a case's allocation network
/// (the candidates Placewise builds) as flat little-endian arrays, for an
/// outside solver to rebuild the same min-cost flow (Tools/ortools). Holds no
/// ids, names or coordinates: only indices, priorities, places and costs.
///
/// Files: `pupil_priority.i32` (one per pupil), `setting_free.i32`,
/// `cap_setting.i32` and `cap_places.i32` (one per effective need cap),
/// `pair_pupil.i32`, `pair_setting.i32`, `pair_cap.i32` (the cap the pair
/// passes through, -1 for none), `pair_cost.f64` (placement cost: journey
/// minutes plus penalties, or pounds) and `pair_units.i32` (1 where the pair
/// refuses the pupil's protected request, case format 2), one per candidate
/// pair; `pupil_protected.i32` (1 where the pupil's request is protected).
@main
enum NetDump {
  static func main() throws {
    let arguments = CommandLine.arguments
    guard arguments.count == 3 else {
      FileHandle.standardError.write(Data("usage: placewise-netdump CASE_DIR OUT_DIR\n".utf8))
      exit(64)
    }
    let input = try CaseReader.read(folder: arguments[1])
    let candidates = CandidateSet(case: input)
    let out = URL(fileURLWithPath: arguments[2], isDirectory: true)
    try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
    func write<T>(_ name: String, _ values: [T]) throws {
      let data = values.withUnsafeBufferPointer { Data(buffer: $0) }
      try data.write(to: out.appendingPathComponent(name))
    }
    try write("pupil_priority.i32", input.pupils.map { Int32($0.priority) })
    try write("pupil_protected.i32", candidates.terms.map { Int32($0.request >= 0 ? 1 : 0) })
    try write("setting_free.i32", input.settings.map { Int32($0.freePlaces) })
    // Keyed by setting * 64 + need (fewer than 64 need codes).
    var capIndex: [Int: Int32] = [:]
    var capSetting: [Int32] = []
    var capPlaces: [Int32] = []
    for (s, setting) in input.settings.enumerated() {
      for need in setting.needPlaces.keys.sorted() {
        guard let cap = setting.cap(for: need) else { continue }
        capIndex[s * 64 + need.rawValue] = Int32(capSetting.count)
        capSetting.append(Int32(s))
        capPlaces.append(Int32(cap))
      }
    }
    try write("cap_setting.i32", capSetting)
    try write("cap_places.i32", capPlaces)
    var pairPupil: [Int32] = []
    var pairCap: [Int32] = []
    var pairCost: [Double] = []
    pairPupil.reserveCapacity(candidates.count)
    pairCap.reserveCapacity(candidates.count)
    pairCost.reserveCapacity(candidates.count)
    for p in 0..<candidates.pupilCount {
      let need = input.pupils[p].primaryNeed
      for pair in candidates.pairs(of: p) {
        pairPupil.append(Int32(p))
        pairCap.append(capIndex.isEmpty ? -1 : capIndex[Int(candidates.setting[pair]) * 64 + need.rawValue] ?? -1)
        pairCost.append(candidates.cost(pair))
      }
    }
    try write("pair_pupil.i32", pairPupil)
    try write("pair_setting.i32", candidates.setting)
    try write("pair_cap.i32", pairCap)
    try write("pair_cost.f64", pairCost)
    try write("pair_units.i32", candidates.refuses.map { Int32($0) })
  }
}
