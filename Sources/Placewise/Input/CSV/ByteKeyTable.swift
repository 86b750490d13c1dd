/// An open-addressing hash map from byte strings (ids as written) to small
/// integers, so that millions of `travel.csv` rows can be matched to pupils
/// and settings without making a `String` per row.
///
/// Lookups are bound by memory latency, so each slot holds the first 16
/// bytes of its key inline: a lookup of an id of up to 16 bytes reads one
/// slot and nothing else. Longer ids keep the rest in a side array.
package struct ByteKeyTable: Sendable {
  private struct Slot {
    /// The key's first 16 bytes, as ``ByteKeyTable/words(_:)`` packs them.
    var first: UInt64 = 0
    var second: UInt64 = 0
    /// Bit 63 set when occupied; key length in bits 32...47; value in the low 32.
    var meta: UInt64 = 0
    /// Where the key's bytes after the 16th start in `overflow`.
    var rest: Int = 0
  }

  private var slots: [Slot]
  private var mask: Int
  /// Bytes after the 16th of longer keys.
  private var overflow: [UInt8] = []
  /// The number of keys.
  package private(set) var count = 0
  /// The longest key the table stores (a slot keeps the length in 16 bits);
  /// callers check longer ones first.
  package static let maxKeyLength = (1 << 16) - 1

  /// An empty table sized for about `capacity` keys.
  package init(capacity: Int = 16) {
    var size = 16
    while size < capacity * 2 { size *= 2 }
    slots = Array(repeating: Slot(), count: size)
    mask = size - 1
  }

  /// The value stored for `key`, if any.
  package func value(for key: UnsafeBufferPointer<UInt8>) -> Int32? {
    let (first, second) = Self.words(key)
    let hash = Self.hash(first, second, length: key.count, rest: Self.rest(of: key))
    let meta = Self.occupied | UInt64(key.count) << 32
    return slots.withUnsafeBufferPointer { slots in
      var index = Int(truncatingIfNeeded: hash) & mask
      while true {
        let slot = slots[index]
        if slot.meta == 0 { return nil }
        if slot.meta & Self.lengthMask == meta, slot.first == first, slot.second == second,
          key.count <= 16 || restEquals(slot.rest, key)
        {
          return Int32(truncatingIfNeeded: slot.meta)
        }
        index = (index &+ 1) & mask
      }
    }
  }

  /// Stores `value` for `key` unless the key is there already; returns the
  /// value already stored, or nil when the key was added.
  package mutating func insert(_ key: UnsafeBufferPointer<UInt8>, value: Int32) -> Int32? {
    precondition(key.count <= Self.maxKeyLength, "a key longer than ByteKeyTable.maxKeyLength")
    if let existing = self.value(for: key) { return existing }
    if (count + 1) * 2 > slots.count { grow() }
    let (first, second) = Self.words(key)
    var slot = Slot(
      first: first, second: second,
      meta: Self.occupied | UInt64(key.count) << 32 | UInt64(UInt32(bitPattern: value)), rest: overflow.count)
    if key.count > 16 { overflow.append(contentsOf: key[16...]) } else { slot.rest = 0 }
    place(slot, hash: Self.hash(first, second, length: key.count, rest: Self.rest(of: key)))
    count += 1
    return nil
  }

  /// Stores `value` for the UTF-8 of `key` unless it is there already.
  package mutating func insert(_ key: String, value: Int32) -> Int32? {
    var key = key
    return key.withUTF8 { insert($0, value: value) }
  }

  /// The value stored for the UTF-8 of `key`, if any.
  package func value(for key: String) -> Int32? {
    var key = key
    return key.withUTF8 { value(for: $0) }
  }

  private static let occupied: UInt64 = 1 << 63
  private static let lengthMask: UInt64 = 0xFFFF_FFFF_0000_0000

  private mutating func place(_ slot: Slot, hash: UInt64) {
    var index = Int(truncatingIfNeeded: hash) & mask
    while slots[index].meta != 0 { index = (index &+ 1) & mask }
    slots[index] = slot
  }

  private func restEquals(_ start: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
    overflow.withUnsafeBufferPointer { stored in
      for i in 16..<key.count where stored[start + i - 16] != key[i] { return false }
      return true
    }
  }

  private mutating func grow() {
    let old = slots
    slots = Array(repeating: Slot(), count: old.count * 2)
    mask = slots.count - 1
    for slot in old where slot.meta != 0 {
      let length = Int((slot.meta >> 32) & 0xFFFF)
      let hash = overflow.withUnsafeBufferPointer { stored in
        let rest = length > 16 ? UnsafeBufferPointer(rebasing: stored[slot.rest..<(slot.rest + length - 16)]) : nil
        return Self.hash(
          slot.first, slot.second, length: length, rest: rest ?? UnsafeBufferPointer(start: nil, count: 0))
      }
      place(slot, hash: hash)
    }
  }

  /// The first 16 bytes of a key as two words. With the key's length they
  /// identify a key of up to 16 bytes: shorter keys are read with
  /// overlapping loads that between them cover every byte.
  @inline(__always) private static func words(_ key: UnsafeBufferPointer<UInt8>) -> (UInt64, UInt64) {
    let n = key.count
    guard let base = key.baseAddress, n > 0 else { return (0, 0) }
    let raw = UnsafeRawPointer(base)
    if n >= 16 {
      return (raw.loadUnaligned(as: UInt64.self), raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
    } else if n >= 8 {
      return (raw.loadUnaligned(as: UInt64.self), raw.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self))
    } else if n >= 4 {
      return (
        UInt64(raw.loadUnaligned(as: UInt32.self)), UInt64(raw.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self))
      )
    } else {
      return (UInt64(base[0]) << 16 | UInt64(base[n >> 1]) << 8 | UInt64(base[n - 1]), 0)
    }
  }

  /// A wyhash-style hash of a key: its first two words, its length, and
  /// the bytes after the 16th (`rest`, empty for shorter keys).
  @inline(__always) private static func hash(
    _ first: UInt64, _ second: UInt64, length: Int, rest: UnsafeBufferPointer<UInt8>
  ) -> UInt64 {
    var seed: UInt64 = 0xa076_1d64_78bd_642f ^ UInt64(length)
    if let base = rest.baseAddress, !rest.isEmpty {
      let raw = UnsafeRawPointer(base)
      var i = 0
      while i + 8 <= rest.count {
        seed = mix(raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) ^ 0xe703_7ed1_a0b4_28db, seed)
        i += 8
      }
      var tail: UInt64 = 0
      while i < rest.count {
        tail = tail << 8 | UInt64(base[i])
        i += 1
      }
      seed = mix(tail ^ 0x8ebc_6af0_9c88_c6e3, seed)
    }
    let h = mix(first ^ 0xe703_7ed1_a0b4_28db, second ^ seed)
    return mix(h ^ 0x8ebc_6af0_9c88_c6e3, 0x5899_65cc_7537_4cc3)
  }

  /// A key's bytes after the 16th.
  @inline(__always) private static func rest(of key: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
    key.count > 16 ? UnsafeBufferPointer(rebasing: key[16...]) : UnsafeBufferPointer(start: nil, count: 0)
  }

  /// The high and low halves of the full product, folded.
  @inline(__always) private static func mix(_ a: UInt64, _ b: UInt64) -> UInt64 {
    let product = a.multipliedFullWidth(by: b)
    return product.high ^ product.low
  }
}
