import Foundation
import Testing

@testable import SystemPlumbing

@Suite("SHA-256 against the NIST example vectors")
struct SHA256Tests {
  @Test(
    "FIPS 180-4 examples and the empty message",
    arguments: [
      ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
      ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
      (
        "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
      ),
      (
        "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
        "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"
      ),
    ])
  func nistVectors(message: String, digest: String) {
    #expect(SHA256.hex(Array(message.utf8)) == digest)
    var portable = SHA256(portable: true)
    portable.update(Array(message.utf8))
    #expect(portable.finalizeHex() == digest, "the portable code")
  }

  /// Where the processor has SHA extensions, whole blocks go to them; the
  /// portable code must give the same digest at every length and split.
  @Test("the processor's SHA extensions and the portable code agree on 300 random messages")
  func extensionsAgreeWithPortableCode() throws {
    // On a processor with them (as this project's machines have), the
    // extensions must be the path taken, or this compares the code with itself.
    let cpu = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
    if cpu.split(separator: " ").contains("sha_ni") || cpu.contains(" sha_ni\n") {
      #expect(SHA256.usesProcessorExtensions)
    }
    var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
    func next() -> UInt64 {
      seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return seed >> 33
    }
    for trial in 0..<300 {
      let length = trial < 200 ? trial : Int(next() % 20_000)
      let bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: next()) }
      var fast = SHA256()
      var portable = SHA256(portable: true)
      var start = 0
      while start < bytes.count {
        let end = min(bytes.count, start + 1 + Int(next() % 300))
        fast.update(Array(bytes[start..<end]))
        portable.update(Array(bytes[start..<end]))
        start = end
      }
      #expect(fast.finalizeHex() == portable.finalizeHex(), "length \(length)")
    }
  }

  @Test("hexes, hashing many arrays at once on all cores, gives each array's own digest in order")
  func hexesInOrder() {
    let contents = (0..<40).map { n in (0..<(n * 997 % 5000)).map { UInt8(truncatingIfNeeded: $0 &* 13 &+ n) } }
    let digests = SHA256.hexes(contents)
    #expect(digests == contents.map { SHA256.hex($0) })
    #expect(digests[0] == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    #expect(SHA256.hexes([]).isEmpty)
  }

  @Test("a million a's, added in uneven pieces, give the NIST digest")
  func millionAs() {
    let million = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
    #expect(SHA256.hex(million) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    var hash = SHA256()
    var start = 0
    var step = 1
    while start < million.count {
      let end = min(million.count, start + step)
      hash.update(Array(million[start..<end]))
      start = end
      step = step % 127 + 13
    }
    #expect(hash.finalizeHex() == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
  }

  @Test("every length around the padding boundary agrees with sha256sum")
  func paddingBoundaries() throws {
    let tool = URL(fileURLWithPath: "/usr/bin/sha256sum")
    try #require(FileManager.default.isExecutableFile(atPath: tool.path))
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sha-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    for length in [55, 56, 57, 63, 64, 65, 119, 120, 128] {
      let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
      let file = folder.appendingPathComponent("\(length)")
      try Data(bytes).write(to: file)
      let process = Process()
      process.executableURL = tool
      process.arguments = [file.path]
      // Into a file, not a pipe: Foundation's pipe read traps when a signal
      // interrupts it (EINTR).
      let outFile = folder.appendingPathComponent("\(length).out")
      try #require(FileManager.default.createFile(atPath: outFile.path, contents: nil))
      let handle = try FileHandle(forWritingTo: outFile)
      process.standardOutput = handle
      try process.run()
      process.waitUntilExit()
      try handle.close()
      let out = try String(contentsOf: outFile, encoding: .utf8)
      #expect(SHA256.hex(bytes) == String(out.prefix(64)), "length \(length)")
      #expect(SHA256.hex(ofFileAt: file.path) == String(out.prefix(64)), "length \(length), from the file")
    }
  }
}
