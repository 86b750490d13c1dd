/// A need cap of one setting: the setting's position in the case and the
/// need code the cap limits.
///
/// Keys order by setting, then need code, so a sorted list of keys (the
/// order in which LP rows are made) is the same on every run.
struct CapKey: Hashable, Comparable, Sendable {
  /// How many need codes a setting's dense per-need table holds: more than
  /// there are codes, so that `index` is unique.
  static let needSlots = 16

  /// The setting's position in `Case.settings`.
  var setting: Int
  /// The need the cap limits.
  var need: NeedCode

  init(setting: Int, need: NeedCode) {
    self.setting = setting
    self.need = need
  }

  /// The key's position in a dense table of `settings * needSlots` entries.
  var index: Int { setting * Self.needSlots + need.rawValue }

  static func < (a: CapKey, b: CapKey) -> Bool { a.index < b.index }
}
