import Foundation
@testable import SystemPlumbing
import Testing

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
      let pipe = Pipe()
      process.standardOutput = pipe
      try process.run()
      let out = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
      process.waitUntilExit()
      #expect(SHA256.hex(bytes) == String(out.prefix(64)), "length \(length)")
      #expect(SHA256.hex(ofFileAt: file.path) == String(out.prefix(64)), "length \(length), from the file")
    }
  }
}
