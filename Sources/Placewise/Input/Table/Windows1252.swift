/// The text encodings an extract may arrive in, and the step that turns a
/// Windows-1252 file (GIAS's own download) into the UTF-8 the table reader
/// reads.
enum ExtractEncoding: Equatable {
  /// Windows-1252, as GIAS serves `edubasealldata*.csv`.
  case windows1252
  /// UTF-8: the file was re-saved (Excel's "CSV UTF-8"), or has a UTF-8
  /// byte-order mark.
  case utf8
  /// UTF-16, with or without a byte-order mark: refused.
  case utf16

  /// The encoding of `bytes`: UTF-16 when it starts with a UTF-16 byte-order
  /// mark or has a NUL byte in its first two; UTF-8 when it starts with the
  /// UTF-8 mark, or has bytes above 0x7F and all of them form valid UTF-8
  /// (Windows-1252 text almost never does: `’` is the lone byte 0x92);
  /// Windows-1252 otherwise.
  static func detect(_ bytes: [UInt8]) -> ExtractEncoding {
    if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) || bytes.prefix(2).contains(0) {
      return .utf16
    }
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return .utf8 }
    guard bytes.contains(where: { $0 >= 0x80 }) else { return .windows1252 }
    let valid = bytes.withUnsafeBufferPointer { CSVReader.firstInvalidUTF8Byte(in: $0) == nil }
    return valid ? .utf8 : .windows1252
  }
}

/// Decodes Windows-1252 into UTF-8, noting where bytes the code page leaves
/// undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) are.
package enum Windows1252 {
  /// A byte Windows-1252 does not define, located as the CSV reader would
  /// locate its field.
  struct UndefinedByte: Equatable {
    /// The byte.
    var byte: UInt8
    /// 1-based line (inside a quoted field, lines keep counting).
    var line: Int
    /// 1-based field position in its record.
    var column: Int
  }

  /// The UTF-8 of `bytes`, with U+FFFD for each undefined byte, and where
  /// those were. Line and field are counted with the CSV reader's rules
  /// (quotes, `""`, LF, CRLF and lone CR).
  static func decode(_ bytes: [UInt8]) -> (utf8: [UInt8], undefined: [UndefinedByte]) {
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count + bytes.count / 16)
    var undefined: [UndefinedByte] = []
    var line = 1
    var column = 1
    var inQuotes = false
    var i = 0
    let n = bytes.count
    while i < n {
      let b = bytes[i]
      if b < 0x80 {
        out.append(b)
        switch b {
        case InputByte.quote:
          inQuotes.toggle()
        case InputByte.comma where !inQuotes:
          column += 1
        case InputByte.lf:
          line += 1
          if !inQuotes { column = 1 }
        case InputByte.cr:
          if i + 1 == n || bytes[i + 1] != InputByte.lf {
            line += 1
            if !inQuotes { column = 1 }
          }
        default: break
        }
      } else {
        let scalar: UInt32
        if let character = InputText.windows1252(b), let value = character.unicodeScalars.first?.value {
          scalar = value
        } else {
          undefined.append(UndefinedByte(byte: b, line: line, column: column))
          scalar = 0xFFFD
        }
        appendUTF8(scalar, to: &out)
      }
      i += 1
    }
    return (out, undefined)
  }

  private static func appendUTF8(_ scalar: UInt32, to out: inout [UInt8]) {
    if scalar < 0x800 {
      out.append(UInt8(0xC0 | (scalar >> 6)))
      out.append(UInt8(0x80 | (scalar & 0x3F)))
    } else {
      out.append(UInt8(0xE0 | (scalar >> 12)))
      out.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
      out.append(UInt8(0x80 | (scalar & 0x3F)))
    }
  }

  /// The Windows-1252 bytes of `text`; nil when it holds a character the
  /// code page lacks. (For tests and sample files, which must be written
  /// as GIAS writes them.)
  package static func encode(_ text: String) -> [UInt8]? {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
      if scalar.value < 0x80 || (0xA0...0xFF).contains(scalar.value) {
        bytes.append(UInt8(scalar.value))
      } else if let byte = (0x80...0x9F).first(where: {
        InputText.windows1252(UInt8($0))?.unicodeScalars.first == scalar
      }) {
        bytes.append(UInt8(byte))
      } else {
        return nil
      }
    }
    return bytes
  }
}
