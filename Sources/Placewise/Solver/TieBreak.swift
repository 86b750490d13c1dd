/// The documented rule that picks one allocation among several equal on
/// both levels (same unmet priority, same journeys plus penalties).
///
/// A third level minimises the sum over placed pupils of
/// `(rank of the setting's URN among all URNs, from 1) * h(pupil_id)`, with
/// `h` a fixed hash of the id's bytes (FNV-1a) reduced to 1...1009, scaled
/// down by 1009. The choice thus depends on ids and URNs only, never on the
/// order of rows in the files; two pupils swapping two settings score
/// differently unless their hashes collide (1 in 1009). Any tie left after
/// that falls to the order of the tie-break's network simplex
/// (`ContestedMarket+TieBreak.swift`; GLPK's pivoting for the plain LP),
/// which is deterministic for the same input.
struct TieBreak {
  private let urnRank: [Int64]

  init(settings: [Setting]) {
    let order = settings.indices.sorted { settings[$0].urn < settings[$1].urn }
    var rank = [Int64](repeating: 0, count: settings.count)
    for (position, s) in order.enumerated() { rank[s] = Int64(position + 1) }
    urnRank = rank
  }

  /// The third-level cost of placing a pupil at a setting.
  func weight(pupil id: PupilID, setting: Int) -> Double {
    Double(wholeWeight(pupil: id, setting: setting)) / 1009
  }

  /// The same cost times 1009: a whole number (at most the number of
  /// settings times 1009), so the tie-break can be solved in exact integers.
  func wholeWeight(pupil id: PupilID, setting: Int) -> Int64 {
    urnRank[setting] * Self.hash(id)
  }

  /// FNV-1a of the id's UTF-8 bytes, reduced to 1...1009.
  static func hash(_ id: PupilID) -> Int64 {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in id.rawValue.utf8 {
      h ^= UInt64(byte)
      h = h &* 0x100_0000_01b3
    }
    return Int64(h % 1009 + 1)
  }
}
