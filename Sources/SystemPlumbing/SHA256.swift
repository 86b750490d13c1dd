package import Foundation
import ParallelWork
import SystemPlumbingC

/// SHA-256 (FIPS 180-4), for the digests in an output folder's manifest.
///
/// A small implementation instead of swift-crypto: that package builds
/// BoringSSL from source, several times the whole project's build time, for
/// one hash function. Checked against the NIST example vectors in the tests.
package struct SHA256: Sendable {
  private var state: [UInt32] = [
    0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a, 0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19,
  ]
  private var pending: [UInt8] = []
  private var length: UInt64 = 0
  /// Whether whole blocks may go to the processor's SHA extensions
  /// (`pw_sha256_blocks`); the portable code below otherwise.
  private let useExtensions: Bool

  /// Whether this processor's SHA extensions hash whole blocks.
  package static var usesProcessorExtensions: Bool { pw_sha256_available() == 1 }

  /// A fresh hash; `portable` keeps to the Swift code (the tests compare the two).
  package init(portable: Bool = false) {
    useExtensions = !portable
    pending.reserveCapacity(64)
  }

  /// The digest of `bytes`, as 64 lower-case hex digits.
  package static func hex(_ bytes: some ContiguousBytes) -> String {
    var hash = SHA256()
    hash.update(bytes)
    return hash.finalizeHex()
  }

  /// The digests of several byte arrays, as `hex(_:)` gives each, hashed on
  /// all cores (an output folder of `compare` holds 150 MB in 80 files).
  package static func hexes(_ contents: [[UInt8]]) -> [String] {
    parallelMap(contents.count) { hex(contents[$0]) }
  }

  /// The digest of a file's contents, read in 1 MB pieces; nil when it
  /// cannot be read.
  package static func hex(ofFileAt path: String) -> String? {
    guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
    defer { try? handle.close() }
    var hash = SHA256()
    while true {
      let piece: Data?
      do {
        piece = try handle.read(upToCount: 1 << 20)
      } catch {
        return nil
      }
      // nil or empty: the end of the file.
      guard let piece, !piece.isEmpty else { break }
      hash.update(piece)
    }
    return hash.finalizeHex()
  }

  /// Adds bytes.
  package mutating func update(_ bytes: some ContiguousBytes) {
    bytes.withUnsafeBytes { update(raw: $0) }
  }

  private mutating func update(raw: UnsafeRawBufferPointer) {
    length &+= UInt64(raw.count)
    var rest = raw[...]
    if !pending.isEmpty {
      let take = min(64 - pending.count, rest.count)
      pending.append(contentsOf: rest.prefix(take))
      rest = rest.dropFirst(take)
      guard pending.count == 64 else { return }
      let block = pending
      pending.removeAll(keepingCapacity: true)
      block.withUnsafeBytes { compressBlocks($0) }
    }
    let whole = rest.count / 64 * 64
    if whole > 0 {
      compressBlocks(UnsafeRawBufferPointer(rebasing: rest.prefix(whole)))
      rest = rest.dropFirst(whole)
    }
    pending.append(contentsOf: rest)
  }

  /// Whole 64-byte blocks: by the processor's SHA extensions where it has
  /// them (about 1.8 GB/s here, against 240 MB/s for `compress`).
  private mutating func compressBlocks(_ blocks: UnsafeRawBufferPointer) {
    if useExtensions, let base = blocks.baseAddress {
      let done = state.withUnsafeMutableBufferPointer { words in
        words.baseAddress.map { pw_sha256_blocks($0, base.assumingMemoryBound(to: UInt8.self), blocks.count / 64) }
      }
      if done == 1 { return }
    }
    var start = 0
    while start < blocks.count {
      compress(UnsafeRawBufferPointer(rebasing: blocks[start..<(start + 64)]))
      start += 64
    }
  }

  /// The digest of everything added, as 64 lower-case hex digits.
  package consuming func finalizeHex() -> String {
    let bits = length &* 8
    var tail = pending
    tail.append(0x80)
    while tail.count % 64 != 56 { tail.append(0) }
    for shift in stride(from: 56, through: 0, by: -8) { tail.append(UInt8(truncatingIfNeeded: bits >> UInt64(shift))) }
    pending = []
    tail.withUnsafeBytes { compressBlocks($0) }
    let digits = Array("0123456789abcdef".utf8)
    var out: [UInt8] = []
    out.reserveCapacity(64)
    for word in state {
      for shift in stride(from: 28, through: 0, by: -4) { out.append(digits[Int((word >> UInt32(shift)) & 0xF)]) }
    }
    return String(decoding: out, as: UTF8.self)
  }

  private static let k: [UInt32] = [
    0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5, 0x3956_c25b, 0x59f1_11f1, 0x923f_82a4, 0xab1c_5ed5,
    0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3, 0x72be_5d74, 0x80de_b1fe, 0x9bdc_06a7, 0xc19b_f174,
    0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc, 0x2de9_2c6f, 0x4a74_84aa, 0x5cb0_a9dc, 0x76f9_88da,
    0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7, 0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351, 0x1429_2967,
    0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc, 0x5338_0d13, 0x650a_7354, 0x766a_0abb, 0x81c2_c92e, 0x9272_2c85,
    0xa2bf_e8a1, 0xa81a_664b, 0xc24b_8b70, 0xc76c_51a3, 0xd192_e819, 0xd699_0624, 0xf40e_3585, 0x106a_a070,
    0x19a4_c116, 0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5, 0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f, 0x682e_6ff3,
    0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208, 0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7, 0xc671_78f2,
  ]

  @inline(__always) private static func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 { (x >> n) | (x << (32 - n)) }

  /// One 64-byte block.
  private mutating func compress(_ block: UnsafeRawBufferPointer) {
    withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { w in
      for t in 0..<16 {
        let i = 4 * t
        w[t] =
          UInt32(block[i]) << 24 | UInt32(block[i + 1]) << 16 | UInt32(block[i + 2]) << 8 | UInt32(block[i + 3])
      }
      for t in 16..<64 {
        let s0 = Self.rotr(w[t - 15], 7) ^ Self.rotr(w[t - 15], 18) ^ (w[t - 15] >> 3)
        let s1 = Self.rotr(w[t - 2], 17) ^ Self.rotr(w[t - 2], 19) ^ (w[t - 2] >> 10)
        w[t] = w[t - 16] &+ s0 &+ w[t - 7] &+ s1
      }
      var (a, b, c, d, e, f, g, h) = (state[0], state[1], state[2], state[3], state[4], state[5], state[6], state[7])
      for t in 0..<64 {
        let s1 = Self.rotr(e, 6) ^ Self.rotr(e, 11) ^ Self.rotr(e, 25)
        let choose = (e & f) ^ (~e & g)
        let t1 = h &+ s1 &+ choose &+ Self.k[t] &+ w[t]
        let s0 = Self.rotr(a, 2) ^ Self.rotr(a, 13) ^ Self.rotr(a, 22)
        let majority = (a & b) ^ (a & c) ^ (b & c)
        let t2 = s0 &+ majority
        (h, g, f, e, d, c, b, a) = (g, f, e, d &+ t1, c, b, a, t1 &+ t2)
      }
      state[0] &+= a
      state[1] &+= b
      state[2] &+= c
      state[3] &+= d
      state[4] &+= e
      state[5] &+= f
      state[6] &+= g
      state[7] &+= h
    }
  }
}
