import Foundation
import Placewise
import Testing

/// A record as the tests see it: its first line, its fields as text and
/// the kinds of syntax issue found in it.
private struct ParsedRecord: Equatable, CustomStringConvertible {
  var line: Int
  var fields: [String]
  var issues: [CSVReader.Issue] = []

  var description: String { "line \(line): \(fields) \(issues)" }
}

/// Runs the reader over `bytes` and collects every record.
private func parse(_ bytes: [UInt8]) -> [ParsedRecord] {
  var bytes = bytes
  return bytes.withUnsafeMutableBufferPointer { buffer in
    var reader = CSVReader(buffer)
    var record = CSVReader.Record()
    var records: [ParsedRecord] = []
    while reader.next(into: &record) {
      let fields = record.fields.map { String(decoding: reader.bytes(of: $0), as: UTF8.self) }
      records.append(ParsedRecord(line: record.line, fields: fields, issues: record.issues))
    }
    return records
  }
}

private func parse(_ text: String) -> [ParsedRecord] { parse(Array(text.utf8)) }

@Suite("CSV reader")
struct InputCSVReaderTests {
  @Test("plain records split on commas and LF, the header on line 1")
  func plainRecords() {
    #expect(
      parse("a,b,c\n1,2,3\n")
        == [ParsedRecord(line: 1, fields: ["a", "b", "c"]), ParsedRecord(line: 2, fields: ["1", "2", "3"])])
  }

  @Test("the last line needs no line break, and a final line break makes no extra record")
  func trailingNewline() {
    #expect(parse("a,b\n1,2") == parse("a,b\n1,2\n"))
    #expect(parse("a,b\n1,2").count == 2)
  }

  @Test("CRLF and lone CR end lines like LF")
  func lineEnds() {
    let expected = [
      ParsedRecord(line: 1, fields: ["a", "b"]), ParsedRecord(line: 2, fields: ["1", "2"]),
      ParsedRecord(line: 3, fields: ["3", "4"]),
    ]
    #expect(parse("a,b\r\n1,2\r\n3,4\r\n") == expected)
    #expect(parse("a,b\r1,2\r3,4") == expected)
  }

  @Test("a UTF-8 byte-order mark is skipped and the header is still line 1")
  func byteOrderMark() {
    let records = parse([0xEF, 0xBB, 0xBF] + Array("urn,name\n1,x\n".utf8))
    #expect(records == [ParsedRecord(line: 1, fields: ["urn", "name"]), ParsedRecord(line: 2, fields: ["1", "x"])])
  }

  @Test("quoted fields hold commas, doubled quotes and line breaks")
  func quotedFields() {
    let records = parse("name,note\n\"Oak, Leeds\",\"say \"\"hi\"\"\"\n\"two\nlines\",\"\"\n")
    #expect(
      records == [
        ParsedRecord(line: 1, fields: ["name", "note"]),
        ParsedRecord(line: 2, fields: ["Oak, Leeds", "say \"hi\""]),
        ParsedRecord(line: 3, fields: ["two\nlines", ""]),
      ])
  }

  @Test("a record spanning lines is reported at its first line, the next one at its true line")
  func multiLineRecordLines() {
    let records = parse("a,b\n1,\"x\r\ny\nz\"\n2,w\n\"q\rr\",3\n4,5")
    #expect(records.map(\.line) == [1, 2, 5, 6, 8])
    #expect(records[1].fields == ["1", "x\r\ny\nz"])
  }

  @Test("spaces around a quoted field are dropped; empty fields and a trailing comma are fields")
  func spacesAndEmptyFields() {
    #expect(parse("a,  \"b, c\"  ,d\n")[0].fields == ["a", "b, c", "d"])
    #expect(parse("a,,b,\n")[0].fields == ["a", "", "b", ""])
    #expect(parse("a,b\n\n1,2\n").map(\.fields) == [["a", "b"], [""], ["1", "2"]])
  }

  @Test("an unterminated quote is an issue at the line and field where it opened, and ends the input")
  func unterminatedQuote() {
    let records = parse("a,b\n1,2\n3,\"open\n4,5\n6,7\n")
    #expect(records.count == 3)
    #expect(records[2].line == 3)
    #expect(records[2].issues == [CSVReader.Issue(kind: .unterminatedQuote, line: 3, field: 2)])
  }

  @Test("a quote inside an unquoted field is an issue; the field keeps its bytes and reading goes on")
  func quoteInUnquotedField() {
    let records = parse("a,b\nSt Mary's \"Oak\",2\n3,4\n")
    #expect(records[1].fields == ["St Mary's \"Oak\"", "2"])
    #expect(records[1].issues == [CSVReader.Issue(kind: .quoteInUnquotedField, line: 2, field: 1)])
    #expect(records[2] == ParsedRecord(line: 3, fields: ["3", "4"]))
  }

  @Test("text after a closing quote is an issue; the text is dropped")
  func textAfterClosingQuote() {
    let records = parse("a,b\n1,\"x\"y\n")
    #expect(records[1].fields == ["1", "x"])
    #expect(records[1].issues == [CSVReader.Issue(kind: .textAfterClosingQuote, line: 2, field: 2)])
  }

  @Test("trimmed bytes drop spaces and tabs around a cell, not inside it")
  func trimming() {
    var bytes = Array(" \t a b \t,\"  q  \"".utf8)
    bytes.withUnsafeMutableBufferPointer { buffer in
      var reader = CSVReader(buffer)
      var record = CSVReader.Record()
      let read = reader.next(into: &record)
      #expect(read)
      #expect(String(decoding: reader.trimmedBytes(of: record[0]), as: UTF8.self) == "a b")
      #expect(String(decoding: reader.trimmedBytes(of: record[1]), as: UTF8.self) == "q")
      #expect(record[1].isQuoted)
    }
  }

  @Test("fields with bytes above 0x7F are marked for a UTF-8 check")
  func nonASCIIMarked() {
    var bytes = Array("café,plain\n".utf8)
    bytes.withUnsafeMutableBufferPointer { buffer in
      var reader = CSVReader(buffer)
      var record = CSVReader.Record()
      let read = reader.next(into: &record)
      #expect(read)
      #expect(record.fields.map(\.hasNonASCII) == [true, false])
    }
  }

  @Test(
    "the UTF-8 check finds the first byte that is not UTF-8",
    arguments: [
      ([0x61, 0xC3, 0xA9], nil),  // é
      ([0xE2, 0x82, 0xAC, 0xF0, 0x9F, 0x98, 0x80], nil),  // € and an emoji
      ([0x63, 0x61, 0x66, 0xE9], 3),  // Windows-1252 é
      ([0xC0, 0x80], 0),  // overlong NUL
      ([0xE0, 0x80, 0x80], 0),  // overlong
      ([0xED, 0xA0, 0x80], 0),  // surrogate
      ([0xF4, 0x90, 0x80, 0x80], 0),  // above U+10FFFF
      ([0xF5, 0x80, 0x80, 0x80], 0),
      ([0x61, 0xE2, 0x82], 1),  // cut short
      ([0x80], 0),  // stray continuation
    ] as [([UInt8], Int?)])
  func utf8Validation(bytes: [UInt8], firstInvalid: Int?) {
    let found = bytes.withUnsafeBufferPointer { CSVReader.firstInvalidUTF8Byte(in: $0) }
    #expect(found == firstInvalid)
    #expect((found == nil) == (String(validating: bytes, as: UTF8.self) != nil))
  }
}

/// Random CSV text with the records it holds, written the way RFC 4180
/// writers do (quoting when needed, and sometimes when not), to check the
/// reader's fast paths against the records and lines expected.
private func randomCSV(_ random: inout SplitMix64) -> (text: String, records: [ParsedRecord], nonASCII: [[Bool]]) {
  let pieces = [
    "a", "Z", "0", "7", ".", "-", "+", " ", "\t", ",", "\"", "\n", "\r\n", "\r", "é", "€", "😀", "abcdefgh", "12345.678",
  ]
  var text = ""
  var records: [ParsedRecord] = []
  var nonASCII: [[Bool]] = []
  var line = 1
  let recordCount = Int(random.next() % 8) + 1
  for index in 0..<recordCount {
    let fieldCount = Int(random.next() % 5) + 1
    var fields: [String] = []
    for _ in 0..<fieldCount {
      let length = Int(random.next() % 12)
      fields.append((0..<length).map { _ in pieces[Int(random.next() % UInt64(pieces.count))] }.joined())
    }
    if fieldCount == 1 && fields[0].isEmpty && index == recordCount - 1 { fields[0] = "x" }
    records.append(ParsedRecord(line: line, fields: fields))
    nonASCII.append(fields.map { $0.utf8.contains { $0 >= 0x80 } })
    var written: [String] = []
    for field in fields {
      let special = field.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
      // Leading spaces before a quote would make the field quoted.
      if special || random.next() % 4 == 0 || field.hasPrefix(" ") {
        let padding = random.next() % 3 == 0 ? " " : ""
        written.append(padding + "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" + padding)
        // Line breaks inside the quotes: CRLF, lone CR and LF each count once.
        line += field.unicodeScalars.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r" }.count - 1
        line -= field.components(separatedBy: "\r\n").count - 1
      } else {
        written.append(field)
      }
    }
    text += written.joined(separator: ",")
    if index < recordCount - 1 || random.next() % 2 == 0 {
      text += random.next() % 2 == 0 ? "\n" : "\r\n"
      line += 1
    }
  }
  return (text, records, nonASCII)
}

@Suite("CSV reader on random input")
struct InputCSVReaderRandomTests {
  @Test("random RFC 4180 text reads back as written, with the right lines and non-ASCII marks")
  func roundTrip() {
    var random = SplitMix64(seed: 4180)
    for _ in 0..<3000 {
      let (text, expected, nonASCII) = randomCSV(&random)
      let parsed = parse(text)
      #expect(parsed == expected, "\(String(reflecting: text))")
      var bytes = Array(text.utf8)
      let marks = bytes.withUnsafeMutableBufferPointer { buffer in
        var reader = CSVReader(buffer)
        var record = CSVReader.Record()
        var marks: [[Bool]] = []
        while reader.next(into: &record) { marks.append(record.fields.map(\.hasNonASCII)) }
        return marks
      }
      #expect(marks == nonASCII)
      if parsed != expected || marks != nonASCII { break }
    }
  }
}

@Suite("Decimal parser")
struct InputDecimalParserTests {
  @Test(
    "decimals in the accepted grammar parse to Double(String)'s value",
    arguments: [
      "0", "-0", "+7", "42", "007", "3.25", "-0.5", ".5", "5.", "1e3", "1E+05", "2.5e-3",
      "123456789012345678901234567890",
      "0.1", "9007199254740993", "1e22", "1e23", "4.9e-324", "1.7976931348623157e308", "0.000000000000000000000001",
    ])
  func acceptedGrammar(text: String) throws {
    let parsed = try #require(DecimalParser.parse(text))
    let reference = try #require(Double(text))
    #expect(parsed.bitPattern == reference.bitPattern)
  }

  @Test(
    "text outside the grammar is refused: no spaces, nan, inf, hex or separators",
    arguments: [
      "", " 1", "1 ", "+", "-", ".", "e5", "1e", "1e+", "1.2.3", "1,5", "1_000", "nan", "NaN", "inf", "-inf",
      "infinity", "0x1p3", "0x10", "1d", "--1", "£5",
    ])
  func refusedGrammar(text: String) {
    #expect(DecimalParser.parse(text) == nil)
  }

  @Test("numbers too large for a double parse as infinity, tiny ones as zero")
  func outOfRange() throws {
    #expect(try #require(DecimalParser.parse("1e400")) == .infinity)
    #expect(try #require(DecimalParser.parse("-1e99999999999")) == -.infinity)
    #expect(try #require(DecimalParser.parse("1e-400")) == 0)
  }

  @Test("random decimals parse bit-identically to Double(String)")
  func randomDecimals() {
    var random = SplitMix64(seed: 20_260_101)
    var mismatches: [String] = []
    for round in 0..<200_000 {
      let text: String
      switch round % 4 {
      case 0:
        // Shortest round-trip text of a random double.
        text = String(Double(bitPattern: random.next() & 0x7FEF_FFFF_FFFF_FFFF))
      case 1:
        // Journey-time style: a few digits and up to four decimals.
        let value = Double(random.next() % 10_000_000) / 10_000
        text = String(format: "%.\(random.next() % 5)f", value)
      default:
        // Random digit strings, up to 25 digits, a point anywhere, an exponent.
        let digitCount = Int(random.next() % 25) + 1
        var digits = (0..<digitCount).map { _ in Character(String(random.next() % 10)) }
        if random.next() % 2 == 0 { digits.insert(".", at: Int(random.next() % UInt64(digitCount + 1))) }
        text =
          (random.next() % 3 == 0 ? "-" : "") + String(digits)
          + (random.next() % 2 == 0 ? "e\(Int(random.next() % 80) - 40)" : "")
      }
      let parsed = DecimalParser.parse(text)
      let reference = Double(text)
      if parsed?.bitPattern != reference?.bitPattern { mismatches.append(text) }
    }
    #expect(mismatches.isEmpty, "first mismatches: \(mismatches.prefix(10))")
  }

  @Test(
    "whole numbers may have a zero fraction but no other",
    arguments: [
      ("3", 3), ("3.0", 3), ("3.00", 3), ("-2", -2), ("1e2", 100), ("3.5", nil), ("0.1", nil), ("x", nil),
      ("1e20", nil),
    ] as [(String, Int?)])
  func wholeNumbers(text: String, value: Int?) {
    var text = text
    #expect(text.withUTF8 { DecimalParser.wholeNumber($0) } == value)
  }
}

/// A small seeded generator (SplitMix64), so random tests repeat exactly.
struct SplitMix64: RandomNumberGenerator {
  private var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

@Suite("Id table")
struct InputByteKeyTableTests {
  @Test("ids of every length, sharing prefixes and suffixes, map to their values like a dictionary")
  func matchesDictionary() {
    var random = SplitMix64(seed: 16)
    var table = ByteKeyTable()
    var reference: [[UInt8]: Int32] = [:]
    let alphabet = Array("0123456789ABCDEFPé-_ ".utf8)
    for value in 0..<5000 {
      let length = Int(random.next() % 41)
      var key = (0..<length).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }
      // Near-misses: same length with one byte changed, or one byte longer.
      if let last = reference.keys.randomElement(using: &random), random.next() % 3 == 0 {
        key = last
        if !key.isEmpty && random.next() % 2 == 0 {
          key[Int(random.next() % UInt64(key.count))] ^= 1
        } else {
          key.append(0x41)
        }
      }
      let stored = key.withUnsafeBufferPointer { table.insert($0, value: Int32(value)) }
      #expect(stored == reference[key])
      if reference[key] == nil { reference[key] = Int32(value) }
    }
    #expect(table.count == reference.count)
    for (key, value) in reference {
      #expect(key.withUnsafeBufferPointer { table.value(for: $0) } == value)
      var missing = key
      missing.append(0x7E)
      if reference[missing] == nil { #expect(missing.withUnsafeBufferPointer { table.value(for: $0) } == nil) }
    }
    #expect(table.value(for: "") == reference[[]])
  }
}
