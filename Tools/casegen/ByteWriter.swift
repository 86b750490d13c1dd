import Foundation

/// Writes a file through a large byte buffer: one system write per
/// megabyte instead of one per row, and no `String` built per row.
struct ByteWriter: ~Copyable {
  private let handle: FileHandle
  private var buffer: [UInt8] = []
  private let flushAt = 1 << 20
  /// Bytes written so far (flushed or not).
  private(set) var byteCount = 0
  private var failure: (any Error)?

  /// Creates (or truncates) the file at `url`.
  init(url: URL) throws {
    guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
      throw CaseGenError.cannotWrite(url.path)
    }
    handle = try FileHandle(forWritingTo: url)
    buffer.reserveCapacity(flushAt + 4096)
  }

  /// Appends raw bytes.
  @inline(__always)
  mutating func bytes(_ data: some Sequence<UInt8>) {
    let before = buffer.count
    buffer.append(contentsOf: data)
    byteCount += buffer.count - before
    if buffer.count >= flushAt { flushBuffer() }
  }

  /// Appends text as it is (no CSV quoting).
  mutating func raw(_ text: String) { bytes(text.utf8) }

  /// Appends one byte.
  @inline(__always)
  mutating func byte(_ b: UInt8) {
    buffer.append(b)
    byteCount += 1
  }

  /// Appends a CSV field, quoted as RFC 4180 asks when it holds a comma, a
  /// quote or a line break.
  mutating func field(_ text: String) {
    let utf8 = text.utf8
    guard utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 10 || $0 == 13 })
    else {
      bytes(utf8)
      return
    }
    byte(UInt8(ascii: "\""))
    for b in utf8 {
      if b == UInt8(ascii: "\"") { byte(b) }
      byte(b)
    }
    byte(UInt8(ascii: "\""))
  }

  /// Appends a whole number in decimal.
  @inline(__always)
  mutating func int(_ value: Int) {
    if value < 0 { byte(UInt8(ascii: "-")) }
    var rest = value.magnitude
    let start = buffer.count
    repeat {
      buffer.append(UInt8(ascii: "0") + UInt8(rest % 10))
      rest /= 10
    } while rest > 0
    buffer[start...].reverse()
    byteCount += buffer.count - start
  }

  /// Appends a non-negative number in tenths, e.g. `37.4` (`value` already
  /// counted in tenths: 374).
  @inline(__always)
  mutating func tenths(_ value: Int) {
    int(value / 10)
    byte(UInt8(ascii: "."))
    byte(UInt8(ascii: "0") + UInt8(value % 10))
  }

  /// Appends a comma.
  @inline(__always)
  mutating func comma() { byte(UInt8(ascii: ",")) }

  /// Ends a row (LF).
  @inline(__always)
  mutating func endRow() {
    byte(10)
    if buffer.count >= flushAt { flushBuffer() }
  }

  private mutating func flushBuffer() {
    // A write error is kept and thrown by `close`, so that the row methods
    // stay cheap and non-throwing.
    do { try handle.write(contentsOf: buffer) } catch { if failure == nil { failure = error } }
    buffer.removeAll(keepingCapacity: true)
  }

  /// Writes what is left, closes the file, and throws the first write error.
  consuming func close() throws {
    if !buffer.isEmpty { flushBuffer() }
    try handle.close()
    if let failure { throw failure }
  }
}
