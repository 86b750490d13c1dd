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
    @inline(__always) func keepsIssue(in field: Int) -> Bool { field <= fieldLimit }

    /// Adds a field (the reader's own: `CSVReader+Fields.swift`).
    @inline(__always) mutating func append(_ field: Field) {
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
        guard let next = Self.quotedField(p, from: j, end: end, line: &line, fieldNumber, &record) else {
          i = end
          return true
        }
        i = next
      } else {
        i = Self.unquotedField(p, from: i, end: end, line: line, fieldNumber, &record)
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
