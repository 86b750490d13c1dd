/// A byte-level RFC 4180 CSV reader.
///
/// It walks a mutable byte buffer once and hands out each record as byte
/// ranges into that buffer, so reading millions of rows makes no `String`
/// per field. Quoted fields are unescaped in place (`""` becomes `"`), which
/// is why the buffer must be mutable; the caller keeps it alive, and leaves it
/// alone, for as long as the reader and its fields are used.
///
/// The dialect, and the decisions where RFC 4180 is silent or strict:
/// - A UTF-8 byte-order mark at the start is skipped; the first line is line 1.
/// - Lines end with LF, CRLF or a lone CR (old Mac exports); each counts as one
///   line, inside quotes too, so a record spanning lines is reported at its
///   first line and the next record at its true line.
/// - The last record need not end with a line break.
/// - A blank line is a record of one empty field: the reader reports it and
///   the caller decides (the case reader skips it).
/// - Spaces before an opening quote and after a closing quote are allowed and
///   dropped (`a, "b" ,c`), since cells are trimmed anyway.
/// - A quote inside an unquoted field (`ab"c`) is an error
///   (``Issue/Kind/quoteInUnquotedField``): RFC 4180 wants such a field quoted
///   with the quote doubled, and a stray quote most often means a field was
///   cut in two. The field keeps its bytes as written.
/// - Text after a closing quote (`"ab"c`) is an error
///   (``Issue/Kind/textAfterClosingQuote``); the text is dropped.
/// - A quote still open at the end of the file is an error
///   (``Issue/Kind/unterminatedQuote``) located at the line where it opened;
///   the rest of the file went into that field, so reading stops there.
/// - The reader does not check UTF-8 itself: it marks fields that hold any
///   byte above 0x7F (``Field/hasNonASCII``), and the caller validates just
///   those with ``firstInvalidUTF8Byte(in:)``.
/// - A record keeps at most ``Record/fieldLimit`` fields; any further ones
///   are counted but not kept, so that a line of millions of commas costs no
///   memory. The caller, which knows how many fields a row should have, sets
///   the limit.
package struct CSVReader {
  /// One field of a record: a byte range of the buffer, already unescaped.
  package struct Field: Equatable, Sendable {
    /// Offset of the first byte.
    package var start: Int
    /// Offset just past the last byte.
    package var end: Int
    /// Whether the field was written between quotes.
    package var isQuoted: Bool
    /// Whether any byte is above 0x7F, so UTF-8 validity needs checking.
    package var hasNonASCII: Bool

    /// The number of bytes.
    package var count: Int { end - start }
  }

  /// Something wrong with the CSV syntax of a record.
  package struct Issue: Equatable, Sendable {
    /// The kinds of syntax error.
    package enum Kind: Equatable, Sendable {
      /// A quoted field whose closing quote never came.
      case unterminatedQuote
      /// A `"` inside a field that does not start with one.
      case quoteInUnquotedField
      /// Something other than a comma or line end right after a closing quote.
      case textAfterClosingQuote
    }

    /// What is wrong.
    package var kind: Kind
    /// The 1-based line where it is.
    package var line: Int
    /// The 1-based position of the field in its record.
    package var field: Int

    /// An issue of `kind` at `line`, in the record's 1-based `field`.
    package init(kind: Kind, line: Int, field: Int) {
      self.kind = kind
      self.line = line
      self.field = field
    }
  }

  /// A record: its first line, fields and any syntax issues. Reuse one value
  /// across calls to ``CSVReader/next(into:)``: it keeps its storage, so
  /// reading a row allocates nothing. Not copyable, because that storage is
  /// rewritten by the next read.
  package struct Record: ~Copyable {
    /// The 1-based line the record starts on.
    package var line = 0
    /// The number of fields, counting any beyond ``fieldLimit`` that were not kept.
    package private(set) var count = 0
    /// Fields after the first `fieldLimit` of a record are counted but not
    /// kept, nor are their quote issues (an unterminated quote excepted).
    package var fieldLimit = Int.max
    /// Whether a field that was not kept held any bytes.
    package private(set) var droppedFieldsHaveContent = false
    /// Syntax issues met in this record, usually none.
    package var issues: [Issue] = []
    private var storage: UnsafeMutablePointer<Field>
    private var capacity: Int

    /// An empty record to read into.
    package init() {
      capacity = 16
      storage = .allocate(capacity: capacity)
    }

    deinit { storage.deallocate() }

    /// The number of fields kept: `count`, or `fieldLimit` when it had more.
    package var keptCount: Int { Swift.min(count, fieldLimit) }

    /// The field at a 0-based position, below ``keptCount``.
    package subscript(position: Int) -> Field {
      precondition(position >= 0 && position < keptCount, "field index out of range")
      return storage[position]
    }

    /// The fields kept, as an array (a copy: for tests and header work, not rows).
    package var fields: [Field] { Array(UnsafeBufferPointer(start: storage, count: keptCount)) }

    fileprivate mutating func reset(line: Int) {
      self.line = line
      count = 0
      droppedFieldsHaveContent = false
      if !issues.isEmpty { issues.removeAll(keepingCapacity: true) }
    }

    /// Whether an issue in the 1-based `field` is kept.
    @inline(__always) fileprivate func keepsIssue(in field: Int) -> Bool { field <= fieldLimit }

    @inline(__always) fileprivate mutating func append(_ field: Field) {
      if count >= fieldLimit {
        count += 1
        if field.count > 0 { droppedFieldsHaveContent = true }
        return
      }
      if count == capacity {
        let larger = UnsafeMutablePointer<Field>.allocate(capacity: capacity * 2)
        larger.moveInitialize(from: storage, count: count)
        storage.deallocate()
        storage = larger
        capacity *= 2
      }
      (storage + count).initialize(to: field)
      count += 1
    }
  }

  private let base: UnsafeMutablePointer<UInt8>?
  private let count: Int
  private var position: Int
  private var line = 1

  /// A reader over `buffer`, which it may rewrite while unescaping quoted
  /// fields. A leading UTF-8 byte-order mark is skipped.
  package init(_ buffer: UnsafeMutableBufferPointer<UInt8>) {
    base = buffer.baseAddress
    count = buffer.count
    position = 0
    if count >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF { position = 3 }
  }

  /// A reader over rows cut from a larger input at the start of line
  /// `line`: no byte-order mark is looked for, and lines count from `line`.
  package init(continuing buffer: UnsafeMutableBufferPointer<UInt8>, line: Int) {
    base = buffer.baseAddress
    count = buffer.count
    position = 0
    self.line = line
  }

  /// Whether every record has been read.
  package var isAtEnd: Bool { position >= count }

  /// How far into the buffer the reader has got, in bytes.
  package var offset: Int { position }

  /// The line the next record starts on.
  package var nextLine: Int { line }

  /// Reads the next record into `record`; false at the end of the input.
  ///
  /// Syntax errors do not stop the reader (except an unterminated quote,
  /// which swallows the rest of the input): they are listed in
  /// `record.issues` and reading goes on at the next line.
  package mutating func next(into record: inout Record) -> Bool {
    guard position < count, let p = base else {
      record.reset(line: line)
      return false
    }
    // Locals, so the loops below keep them in registers.
    let end = count
    var line = self.line
    var i = position
    defer {
      self.line = line
      self.position = i
    }
    record.reset(line: line)
    while true {
      let fieldNumber = record.count + 1
      // Spaces before an opening quote do not make the field unquoted.
      var j = i
      while j < end, p[j] == InputByte.space { j += 1 }
      if j < end, p[j] == InputByte.quote {
        let openLine = line
        var k = j + 1
        var w = k  // where unescaped content is written; lags k after a `""`
        var seen: UInt64 = 0
        var closed = false
        scan: while k < end {
          // As in unquoted fields, words without a byte below 0x2D are
          // plain content, copied down to `w` once an escape has shifted it.
          while k + 8 <= end {
            let raw = UnsafeRawPointer(p + k).loadUnaligned(as: UInt64.self)
            let word = UInt64(littleEndian: raw)
            let low = Self.bytesBelowMinus(word)
            if low != 0 {
              let ordinary = low.trailingZeroBitCount / 8
              seen |= word & ((1 << (UInt64(ordinary) * 8)) &- 1)
              if w != k { for t in 0..<ordinary { p[w + t] = p[k + t] } }
              w += ordinary
              k += ordinary
              break
            }
            seen |= word
            if w != k { UnsafeMutableRawPointer(p + w).storeBytes(of: raw, as: UInt64.self) }
            w += 8
            k += 8
          }
          guard k < end else { break }
          let b = p[k]
          if b == InputByte.quote {
            if k + 1 < end, p[k + 1] == InputByte.quote {
              p[w] = InputByte.quote
              w += 1
              k += 2
              continue
            }
            closed = true
            break scan
          }
          if b == InputByte.lf {
            line += 1
          } else if b == InputByte.cr, k + 1 == end || p[k + 1] != InputByte.lf {
            line += 1
          }
          seen |= UInt64(b)
          if w != k { p[w] = b }
          w += 1
          k += 1
        }
        record.append(
          Field(start: j + 1, end: w, isQuoted: true, hasNonASCII: seen & 0x8080_8080_8080_8080 != 0))
        guard closed else {
          record.issues.append(Issue(kind: .unterminatedQuote, line: openLine, field: fieldNumber))
          i = end
          return true
        }
        k += 1
        while k < end, p[k] == InputByte.space { k += 1 }
        if k < end, !InputByte.endsField(p[k]) {
          if record.keepsIssue(in: fieldNumber) {
            record.issues.append(Issue(kind: .textAfterClosingQuote, line: line, field: fieldNumber))
          }
          while k < end, !InputByte.endsField(p[k]) { k += 1 }
        }
        i = k
      } else {
        var k = i
        var seen: UInt64 = 0
        var sawQuote = false
        scan: while k < end {
          // Every byte that needs a look is below 0x2D (`,` `"` CR LF), so
          // the digits, letters and points that fill most files are skipped
          // eight at a time while no byte of a word is below 0x2D.
          while k + 8 <= end {
            let word = UInt64(littleEndian: UnsafeRawPointer(p + k).loadUnaligned(as: UInt64.self))
            let low = Self.bytesBelowMinus(word)
            if low != 0 {
              let ordinary = low.trailingZeroBitCount / 8
              seen |= word & ((1 << (UInt64(ordinary) * 8)) &- 1)
              k += ordinary
              break
            }
            seen |= word
            k += 8
          }
          guard k < end else { break }
          let b = p[k]
          if b > InputByte.comma {
            seen |= UInt64(b)
          } else if InputByte.endsField(b) {
            break scan
          } else if b == InputByte.quote {
            sawQuote = true
          }
          k += 1
        }
        if sawQuote, record.keepsIssue(in: fieldNumber) {
          record.issues.append(Issue(kind: .quoteInUnquotedField, line: line, field: fieldNumber))
        }
        record.append(
          Field(start: i, end: k, isQuoted: false, hasNonASCII: seen & 0x8080_8080_8080_8080 != 0))
        i = k
      }

      guard i < end else { return true }
      let delimiter = p[i]
      i += 1
      if delimiter == InputByte.comma { continue }
      if delimiter == InputByte.cr, i < end, p[i] == InputByte.lf { i += 1 }
      line += 1
      return true
    }
  }

  /// Flags (0x80) the bytes of `word` below 0x2D; bytes above 0x7F are
  /// never flagged. The lowest flag always marks a true one (higher flags
  /// may come from borrows), which is the first in memory, as the word is
  /// loaded little-endian.
  @inline(__always) private static func bytesBelowMinus(_ word: UInt64) -> UInt64 {
    (word &- 0x2D2D_2D2D_2D2D_2D2D) & ~word & 0x8080_8080_8080_8080
  }

  /// The bytes of a field, as unescaped, valid while the buffer is.
  package func bytes(of field: Field) -> UnsafeBufferPointer<UInt8> {
    guard let base, field.count > 0 else { return UnsafeBufferPointer(start: nil, count: 0) }
    return UnsafeBufferPointer(start: base + field.start, count: field.count)
  }

  /// The bytes of a field without surrounding spaces and tabs: a cell's value.
  package func trimmedBytes(of field: Field) -> UnsafeBufferPointer<UInt8> {
    CSVReader.trimmed(bytes(of: field))
  }

  /// `bytes` without leading and trailing spaces and tabs.
  package static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
    var lower = 0
    var upper = bytes.count
    while lower < upper, InputByte.isBlank(bytes[lower]) { lower += 1 }
    while upper > lower, InputByte.isBlank(bytes[upper - 1]) { upper -= 1 }
    guard lower < upper, let start = bytes.baseAddress else { return UnsafeBufferPointer(start: nil, count: 0) }
    return UnsafeBufferPointer(start: start + lower, count: upper - lower)
  }

  /// The offset of the first byte that does not belong to well-formed UTF-8
  /// (overlong forms, surrogates and code points above U+10FFFF included),
  /// or nil when all of it is UTF-8.
  package static func firstInvalidUTF8Byte(in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
    let n = bytes.count
    var i = 0
    while i < n {
      let lead = bytes[i]
      if lead < 0x80 {
        i += 1
        continue
      }
      let length: Int
      var low: UInt8 = 0x80
      var high: UInt8 = 0xBF
      switch lead {
      case 0xC2...0xDF:
        length = 2
      case 0xE0:
        length = 3
        low = 0xA0
      case 0xE1...0xEC, 0xEE...0xEF:
        length = 3
      case 0xED:
        length = 3
        high = 0x9F
      case 0xF0:
        length = 4
        low = 0x90
      case 0xF1...0xF3:
        length = 4
      case 0xF4:
        length = 4
        high = 0x8F
      default: return i
      }
      guard i + length <= n, (low...high).contains(bytes[i + 1]) else { return i }
      for k in 2..<length where bytes[i + k] & 0xC0 != 0x80 { return i }
      i += length
    }
    return nil
  }
}

/// The ASCII bytes the readers look for.
enum InputByte {
  static let tab: UInt8 = 0x09
  static let lf: UInt8 = 0x0A
  static let cr: UInt8 = 0x0D
  static let space: UInt8 = 0x20
  static let quote: UInt8 = 0x22
  static let plus: UInt8 = 0x2B
  static let comma: UInt8 = 0x2C
  static let minus: UInt8 = 0x2D
  static let dot: UInt8 = 0x2E
  static let zero: UInt8 = 0x30
  static let nine: UInt8 = 0x39
  static let colon: UInt8 = 0x3A
  static let semicolon: UInt8 = 0x3B
  static let upperE: UInt8 = 0x45
  static let lowerE: UInt8 = 0x65

  /// A comma or a line break.
  @inline(__always) static func endsField(_ b: UInt8) -> Bool { b == comma || b == lf || b == cr }
  /// A space or a tab: what cells are trimmed of.
  @inline(__always) static func isBlank(_ b: UInt8) -> Bool { b == space || b == tab }
  /// An ASCII digit.
  @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b &- zero < 10 }
}

/// Parses plain decimal numbers straight from bytes.
///
/// The grammar is `[+|-] digits [. digits] [(e|E) [+|-] digits]`, with at
/// least one digit before or after the point (`7`, `-0.5`, `.5`, `5.`,
/// `1.2E+05`). No spaces, no thousands separators, no `nan`, `inf` or hex
/// floats. The value is the correctly rounded double, bit-identical to what
/// `Double(String)` gives for the same text: the common case (at most 19
/// significant digits forming an integer below 2^53, scaled by at most
/// 10^22) is one exact IEEE operation, and anything else is handed to
/// `Double(String)` itself. A number too large for a double parses as
/// infinity; callers check `isFinite`.
package enum DecimalParser {
  /// The value of `bytes`, or nil when they are not a decimal number.
  package static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
    let n = bytes.count
    var i = 0
    guard n > 0 else { return nil }
    var negative = false
    if bytes[0] == InputByte.minus || bytes[0] == InputByte.plus {
      negative = bytes[0] == InputByte.minus
      i = 1
    }
    var mantissa: UInt64 = 0
    var digits = 0  // significant digits held in `mantissa`
    var exponent = 0  // power of ten that scales `mantissa`
    var sawDigit = false
    var inexact = false  // digits beyond the 19 the mantissa holds
    while i < n, InputByte.isDigit(bytes[i]) {
      let d = UInt64(bytes[i] &- InputByte.zero)
      sawDigit = true
      if digits < 19 {
        if mantissa != 0 || d != 0 {
          mantissa = mantissa &* 10 &+ d
          digits += 1
        }
      } else {
        exponent += 1
        inexact = true
      }
      i += 1
    }
    if i < n, bytes[i] == InputByte.dot {
      i += 1
      while i < n, InputByte.isDigit(bytes[i]) {
        let d = UInt64(bytes[i] &- InputByte.zero)
        sawDigit = true
        if digits < 19 {
          if mantissa != 0 || d != 0 {
            mantissa = mantissa &* 10 &+ d
            digits += 1
          }
          exponent -= 1
        } else {
          inexact = true
        }
        i += 1
      }
    }
    guard sawDigit else { return nil }
    if i < n, bytes[i] == InputByte.lowerE || bytes[i] == InputByte.upperE {
      i += 1
      var exponentNegative = false
      if i < n, bytes[i] == InputByte.minus || bytes[i] == InputByte.plus {
        exponentNegative = bytes[i] == InputByte.minus
        i += 1
      }
      guard i < n, InputByte.isDigit(bytes[i]) else { return nil }
      var written = 0
      while i < n, InputByte.isDigit(bytes[i]) {
        // Beyond this any value is zero or infinite; stop growing.
        if written < 100_000 { written = written * 10 + Int(bytes[i] &- InputByte.zero) }
        i += 1
      }
      exponent += exponentNegative ? -written : written
    }
    guard i == n else { return nil }

    if mantissa == 0 && !inexact { return negative ? -0.0 : 0.0 }
    if !inexact, mantissa <= 1 << 53, exponent >= -22, exponent <= 22 {
      // Both operands are exact doubles, so one IEEE operation rounds correctly.
      let value = Double(mantissa)
      let scaled = exponent < 0 ? value / powersOfTen[-exponent] : value * powersOfTen[exponent]
      return negative ? -scaled : scaled
    }
    // The grammar checked above is a subset of what Double(String) accepts.
    return Double(String(decoding: bytes, as: UTF8.self))
  }

  /// The value of `text`, or nil when it is not a decimal number.
  package static func parse(_ text: String) -> Double? {
    var text = text
    return text.withUTF8 { parse($0) }
  }

  /// 10^0 ... 10^22, all exact in a double.
  private static let powersOfTen: [Double] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
  ]
}

/// An open-addressing hash map from byte strings (ids as written) to small
/// integers, so that millions of `travel.csv` rows can be matched to pupils
/// and settings without making a `String` per row.
///
/// Lookups are bound by memory latency, so each slot holds the first 16
/// bytes of its key inline: a lookup of an id of up to 16 bytes reads one
/// slot and nothing else. Longer ids keep the rest in a side array.
package struct ByteKeyTable {
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
