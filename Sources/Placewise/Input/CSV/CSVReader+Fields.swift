extension CSVReader {
  /// Reads the quoted field whose quote is at `j`, unescaping `""` in
  /// place, into `record`; where the reader goes on (at the delimiter), or
  /// nil when the quote is never closed (the issue is recorded).
  @inline(__always)
  static func quotedField(
    _ p: UnsafeMutablePointer<UInt8>, from j: Int, end: Int, line: inout Int, _ fieldNumber: Int,
    _ record: inout Record
  ) -> Int? {
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
      return nil
    }
    k += 1
    while k < end, p[k] == InputByte.space { k += 1 }
    if k < end, !InputByte.endsField(p[k]) {
      if record.keepsIssue(in: fieldNumber) {
        record.issues.append(Issue(kind: .textAfterClosingQuote, line: line, field: fieldNumber))
      }
      while k < end, !InputByte.endsField(p[k]) { k += 1 }
    }
    return k
  }

  /// Reads the unquoted field starting at `i` into `record`; where the
  /// reader goes on (at the delimiter or the end).
  @inline(__always)
  static func unquotedField(
    _ p: UnsafeMutablePointer<UInt8>, from i: Int, end: Int, line: Int, _ fieldNumber: Int, _ record: inout Record
  ) -> Int {
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
    return k
  }

  /// Flags (0x80) the bytes of `word` below 0x2D; bytes above 0x7F are
  /// never flagged. The lowest flag always marks a true one (higher flags
  /// may come from borrows), which is the first in memory, as the word is
  /// loaded little-endian.
  @inline(__always) static func bytesBelowMinus(_ word: UInt64) -> UInt64 {
    (word &- 0x2D2D_2D2D_2D2D_2D2D) & ~word & 0x8080_8080_8080_8080
  }
}
