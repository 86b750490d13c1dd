// The libFuzzer entry point over the postcode-directory reader
// (`run.sh --postcodes`): `PostcodeDirectory.lookup(bytes:file:wanted:)`,
// the in-memory entry point of the scan that reads the ONS Postcode
// Directory or OS Code-Point Open for a case's postcodes.
//
// An input is one block-size byte and then the directory's bytes. The
// postcodes asked for are every field of the input shaped like a postcode,
// so that wanted rows are read in full. The input is scanned twice: in
// blocks of 16 + 4 x the first byte's value (lines cut across blocks,
// buffers grown for long lines), and in one block; both must give the same
// outcome. Reading may return the lookup or fail with InvalidCaseError;
// anything else (a trap, a sanitizer report, a hang, runaway memory) is a
// finding. What the reader accepts is checked: every key found was asked
// for and is normalised (upper case, no spaces, shaped like a postcode),
// every live position finite and on the British National Grid, every
// termination date on one line.

/// The postcodes an input asks for, and the outcomes compared.
enum PostcodeFuzzInput {
  /// The keys of every comma-separated field of every line that is shaped like a postcode.
  static func wanted(_ bytes: [UInt8]) -> Set<PostcodeKey> {
    var keys = Set<PostcodeKey>()
    bytes.withUnsafeBufferPointer { buffer in
      var start = 0
      for i in 0...buffer.count where i == buffer.count || buffer[i] == InputByte.comma || buffer[i] == InputByte.lf {
        var lower = start
        var upper = i
        func isPadding(_ byte: UInt8) -> Bool {
          byte == InputByte.quote || byte == InputByte.cr || InputByte.isBlank(byte)
        }
        while lower < upper, isPadding(buffer[lower]) { lower += 1 }
        while upper > lower, isPadding(buffer[upper - 1]) { upper -= 1 }
        if let key = PostcodeKey(UnsafeBufferPointer(rebasing: buffer[lower..<upper])) { keys.insert(key) }
        start = i + 1
      }
    }
    return keys
  }

  /// The outcome as text, entries in key order, for comparing two scans.
  static func outcome(_ result: Result<PostcodeLookup, InvalidCaseError>) -> String {
    switch result {
    case .success(let lookup):
      let entries = lookup.entries.sorted { $0.key.packed < $1.key.packed }.map { "\($0.key.packed) \($0.value)" }
      return "\(lookup.layout) rows \(lookup.rows) bytes \(lookup.bytes)\n" + entries.joined(separator: "\n")
    case .failure(let error):
      return error.problems.map(\.description).joined(separator: "\n")
    }
  }

  /// A key's characters, unpacked.
  static func text(_ key: PostcodeKey) -> [UInt8] {
    (0..<key.count).map { UInt8(truncatingIfNeeded: key.packed >> (8 * UInt64($0))) }
  }
}

@_cdecl("LLVMFuzzerTestOneInput")
func fuzzPostcodes(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  guard size > 0 else { return 0 }
  let bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
  let wanted = PostcodeFuzzInput.wanted(bytes)
  let blocks = PostcodeDirectory.$blockSize.withValue(16 + 4 * Int(data[0])) {
    PostcodeDirectory.lookup(bytes: bytes, file: "postcodes.csv", wanted: wanted)
  }
  let whole = PostcodeDirectory.$blockSize.withValue(bytes.count + 64) {
    PostcodeDirectory.lookup(bytes: bytes, file: "postcodes.csv", wanted: wanted)
  }
  let outcome = PostcodeFuzzInput.outcome(blocks)
  precondition(outcome == PostcodeFuzzInput.outcome(whole), "the outcome depends on the block size")
  guard case .success(let lookup) = blocks else { return 0 }
  precondition(lookup.bytes == bytes.count && lookup.rows >= lookup.entries.count)
  for (key, entry) in lookup.entries {
    precondition(wanted.contains(key), "a key not asked for")
    let text = PostcodeFuzzInput.text(key)
    precondition((5...7).contains(key.count) && key.packed >> (8 * UInt64(key.count)) == 0)
    precondition(text.allSatisfy { InputByte.isDigit($0) || (0x41...0x5A).contains($0) }, "a key not normalised")
    precondition(PostcodeKey(String(decoding: text, as: UTF8.self)) == key, "a key that does not read back")
    switch entry {
    case .live(let easting, let northing):
      precondition(InputRange.easting.contains(easting) && InputRange.northing.contains(northing), "off the grid")
    case .terminated(let since):
      precondition(!since.isEmpty && InputText.singleLine(since) == since, "a termination date over lines")
    case .noGridReference:
      break
    }
  }
  return 0
}
