import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A UK postcode, normalised (upper case, no spaces) and packed into one
/// word: the key the directory is searched by. It is personal data where it
/// is a pupil's: it has no description, and messages never show it.
package struct PostcodeKey: Hashable, Sendable {
  /// Up to 7 ASCII bytes, the first in the lowest byte.
  package let packed: UInt64
  /// How many characters.
  package let count: Int

  /// The key of `bytes` (any case, any spaces); nil when they are not
  /// shaped like a postcode: 5 to 7 letters and digits once spaces are
  /// dropped, starting with a letter, ending with a digit and two letters.
  package init?(_ bytes: UnsafeBufferPointer<UInt8>) {
    var packed: UInt64 = 0
    var count = 0
    var last3: (UInt8, UInt8, UInt8) = (0, 0, 0)
    var first: UInt8 = 0
    for byte in bytes where byte != InputByte.space {
      var b = byte
      if b >= 0x61 && b <= 0x7A { b -= 0x20 }
      let isLetter = b >= 0x41 && b <= 0x5A
      guard isLetter || InputByte.isDigit(b), count < 7 else { return nil }
      if count == 0 { first = b }
      packed |= UInt64(b) << (8 * UInt64(count))
      count += 1
      last3 = (last3.1, last3.2, b)
    }
    guard count >= 5, first >= 0x41, InputByte.isDigit(last3.0), last3.1 >= 0x41, last3.2 >= 0x41 else { return nil }
    self.packed = packed
    self.count = count
  }

  /// The key of `text`.
  package init?(_ text: String) {
    var text = text
    guard let key = text.withUTF8({ PostcodeKey($0) }) else { return nil }
    self = key
  }

  /// Whether the postcode is in Northern Ireland (`BT`), where the ONS
  /// directory gives Irish Grid, not British National Grid, coordinates.
  package var isNorthernIreland: Bool { packed & 0xFFFF == 0x5442 }
}

/// What the directory says about one postcode.
package enum PostcodeEntry: Sendable, Equatable {
  /// In use, at this grid position (metres, British National Grid).
  case live(easting: Double, northing: Double)
  /// No longer in use (ONSPD's `doterm`, `YYYYMM`).
  case terminated(since: String)
  /// Listed without a usable British National Grid position (Channel
  /// Islands, Isle of Man, Northern Ireland, or no grid reference).
  case noGridReference
}

extension PostcodeEntry {
  /// A live entry's distance from a grid position, metres; nil otherwise.
  func metres(from easting: Double, _ northing: Double) -> Double? {
    guard case .live(let e, let n) = self else { return nil }
    return ((e - easting) * (e - easting) + (n - northing) * (n - northing)).squareRoot()
  }
}

/// The layouts of postcode directory the reader knows.
package enum PostcodeLayout: String, Sendable {
  /// The ONS Postcode Directory: a header naming `pcds`, `doterm`,
  /// `oseast1m`, `osnrth1m` among 50 or so columns.
  case onspd = "ONS Postcode Directory"
  /// OS Code-Point Open: no header; postcode, positional quality,
  /// eastings, northings, then codes. Only live postcodes are listed.
  case codePointOpen = "OS Code-Point Open"
}

/// The postcodes a case asked for, as found in one pass over a directory.
package struct PostcodeLookup: Sendable {
  /// The layout recognised.
  package var layout: PostcodeLayout
  /// What the directory says about each postcode asked for that it lists.
  package var entries: [PostcodeKey: PostcodeEntry]
  /// Data rows read.
  package var rows: Int
  /// Bytes read.
  package var bytes: Int
}

/// Finds postcodes in a postcode directory the user supplies, reading the
/// file once from start to end in large blocks and keeping only the
/// postcodes asked for: the 2.7-million-row ONSPD (over 1 GB) is never held
/// in memory.
///
/// Rows are scanned at the byte level: each line is found with `memchr`,
/// the postcode field is cut out and packed into a ``PostcodeKey``, and only
/// a row whose key is wanted is read further. Fields may be quoted (ONSPD
/// quotes its text fields); a quoted field holding a comma is not expected
/// in either layout and is not supported.
package enum PostcodeDirectory {
  /// Bytes read at a time.
  @TaskLocal package static var blockSize = 8 << 20

  /// Looks postcodes up in a directory held in memory (for tests), handed
  /// to the scanner in blocks of ``blockSize``.
  package static func lookup(bytes: [UInt8], file: String, wanted: Set<PostcodeKey>) -> Result<
    PostcodeLookup, InvalidCaseError
  > {
    var offset = 0
    return scan(file: file, wanted: wanted) { buffer in
      let count = min(buffer.count, bytes.count - offset)
      for i in 0..<count { buffer[i] = bytes[offset + i] }
      offset += count
      return count
    }
  }

  static let postcodeFileAdvice =
    "a postcode directory: the ONS Postcode Directory CSV (columns pcds, doterm, oseast1m, osnrth1m) "
    + "or an OS Code-Point Open CSV"

  static func problem(
    _ file: String, line: Int?, column: Int? = nil, field: String? = nil, found: String, expected: String
  )
    -> InputProblem
  {
    InputProblem(file: file, line: line, column: column, field: field, found: found, expected: expected)
  }

  /// Two live listings of one postcode this close (metres) are one place.
  static let samePlace = 100.0

  /// The longest line the scan holds (ONSPD's are about 300 bytes).
  @TaskLocal package static var longestLine = 64 << 20

  /// The problem with a file whose first bytes show it is not UTF-8 text
  /// (NUL bytes, a UTF-16 byte-order mark), as every case file says it;
  /// nil for anything else.
  static func notText(_ first: UnsafeBufferPointer<UInt8>, file: String) -> InputProblem? {
    let head = Array(first.prefix(2))
    if head.contains(0) {
      return problem(
        file, line: 1,
        found: "NUL bytes: a UTF-16 file (\"Unicode text\") without a byte-order mark, or not text at all",
        expected: InputText.utf8Advice)
    }
    if head == [0xFF, 0xFE] || head == [0xFE, 0xFF] {
      return problem(file, line: 1, found: "a UTF-16 file (\"Unicode text\")", expected: InputText.utf8Advice)
    }
    return nil
  }

  /// The scan: `fill` puts up to the buffer's size of the next bytes into
  /// it and returns how many (0 at the end, negative on a read error).
  static func scan(
    file: String, wanted: Set<PostcodeKey>, fill: (UnsafeMutableBufferPointer<UInt8>) -> Int
  ) -> Result<PostcodeLookup, InvalidCaseError> {
    var scanner = PostcodeScanner(file: file, wanted: wanted)
    var capacity = max(blockSize, 64)
    var buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: capacity)
    defer { buffer.deallocate() }
    var carried = 0  // bytes of an unfinished line kept at the buffer's start
    var total = 0
    while true {
      if carried == capacity {
        // A line longer than the buffer: make room for it, up to a bound no
        // directory's line comes near (a file of NUL bytes, or one with no
        // line end at all, was held whole: 9.4 GB for 3 GB, round
        // thirty-three).
        guard capacity < longestLine else {
          return .failure(
            InvalidCaseError(problems: [
              problem(
                file, line: scanner.line + 1,
                found: "a line of more than \(longestLine >> 20) MB with no line end", expected: postcodeFileAdvice)
            ]))
        }
        let larger = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: capacity * 2)
        _ = larger.initialize(from: buffer)
        buffer.deallocate()
        buffer = larger
        capacity *= 2
      }
      let space = UnsafeMutableBufferPointer(rebasing: buffer[carried...])
      let count = fill(space)
      guard count >= 0 else {
        return .failure(
          InvalidCaseError(problems: [
            problem(
              file, line: nil, found: "a read error (\(String(cString: strerror(errno))))", expected: postcodeFileAdvice
            )
          ]))
      }
      if total == 0, count > 0, let refusal = Self.notText(UnsafeBufferPointer(rebasing: space[..<count]), file: file) {
        return .failure(InvalidCaseError(problems: [refusal]))
      }
      total += count
      let filled = carried + count
      let atEnd = count == 0
      let used = scanner.consume(UnsafeBufferPointer(rebasing: buffer[..<filled]), final: atEnd)
      if atEnd || scanner.stopped { break }
      carried = filled - used
      if carried > 0, used > 0, let base = buffer.baseAddress {
        memmove(base, base + used, carried)
      }
    }
    return scanner.result(bytes: total)
  }
}

/// The state of one scan: the layout, where the columns are, the line.
private struct PostcodeScanner {
  let file: String
  let wanted: Set<PostcodeKey>
  var layout: PostcodeLayout?
  var line = 0
  var rows = 0
  var entries: [PostcodeKey: PostcodeEntry] = [:]
  /// The line of each live entry.
  var liveLines: [PostcodeKey: Int] = [:]

  var problems: [InputProblem] = []
  /// Field positions (0-based) of the postcode, termination date, easting, northing.
  var postcodeField = 0
  var terminatedField = -1
  var eastingField = 2
  var northingField = 3
  var qualityField = -1
  /// Set when the file cannot be read further (a bad header).
  var stopped = false

  init(file: String, wanted: Set<PostcodeKey>) {
    self.file = file
    self.wanted = wanted
  }

  /// Reads the complete lines of `bytes` (and, when `final`, the last one
  /// even without a line end); returns how many bytes were used.
  mutating func consume(_ bytes: UnsafeBufferPointer<UInt8>, final: Bool) -> Int {
    guard let base = bytes.baseAddress else { return 0 }
    var start = 0
    // A line ends at LF, CRLF or a lone CR, as in the case files (round
    // thirty-four: a header ending in LF and rows in CR were one line).
    // The next LF, found once and kept while the lines before it are read:
    // searched for again per line, a file of lone CRs (no LF) was scanned to
    // the block's end for every line (the review of round thirty-four).
    var lf: Int?
    var lfSearched = false
    while start < bytes.count {
      if !lfSearched || (lf.map { $0 < start } ?? false) {
        lf = memchr(base + start, Int32(InputByte.lf), bytes.count - start).map {
          UnsafeRawPointer($0) - UnsafeRawPointer(base)
        }
        lfSearched = true
      }
      let cr = memchr(base + start, Int32(InputByte.cr), (lf ?? bytes.count) - start).map {
        UnsafeRawPointer($0) - UnsafeRawPointer(base)
      }
      let end: Int
      let next: Int
      if let cr {
        // A CR as the block's last byte may be a CRLF's: wait for the next.
        guard cr + 1 < bytes.count || final else { return start }
        end = cr
        next = cr + 1 < bytes.count && base[cr + 1] == InputByte.lf ? cr + 2 : cr + 1
      } else if let lf {
        end = lf
        next = lf + 1
      } else {
        guard final else { return start }
        end = bytes.count
        next = bytes.count
      }
      line += 1
      handle(UnsafeBufferPointer(start: base + start, count: end - start))
      if stopped { return bytes.count }
      start = next
    }
    return start
  }

  private mutating func handle(_ text: UnsafeBufferPointer<UInt8>) {
    var text = text
    if line == 1, text.starts(with: [0xEF, 0xBB, 0xBF]) { text = UnsafeBufferPointer(rebasing: text[3...]) }
    guard layout != nil else {
      recogniseLayout(text)
      return
    }
    if text.isEmpty { return }
    rows += 1
    guard let postcodeBytes = Self.field(postcodeField, of: text), let key = PostcodeKey(postcodeBytes),
      wanted.contains(key)
    else { return }
    let entry = readEntry(key, text)
    guard let entry else { return }
    // A postcode listed twice (concatenated files): a live listing wins.
    // Two live listings at different places are a directory joined from
    // extracts that disagree: which is the child's home cannot be told
    // (hostile trial, round thirty: the first won, silently, 475 km off).
    if let existing = entries[key], case .live(let e0, let n0) = existing {
      // Within 100 m is one place (two releases of Code-Point Open whose
      // centroid moved): the first listing stands.
      let metres = entry.metres(from: e0, n0)
      if let metres, metres > PostcodeDirectory.samePlace {
        let apart = metres < 1000 ? "\(Int(metres.rounded(.up))) m" : "\(Int((metres / 1000).rounded())) km"
        problems.append(
          InputProblem(
            file: file, line: line, column: nil, field: nil,
            found: "a second place for a postcode the case uses (listed on line \(liveLines[key] ?? 0), \(apart) "
              + "away; the postcode is not shown: it may locate a home)",
            expected: "one place for each postcode (a directory joined from extracts that disagree?)"))
      }
      return
    }
    if case .live = entry { liveLines[key] = line }
    entries[key] = entry
  }

  private mutating func recogniseLayout(_ text: UnsafeBufferPointer<UInt8>) {
    let names = Self.fields(of: text).map { String(decoding: $0, as: UTF8.self).lowercased() }
    if let pcds = names.firstIndex(of: "pcds") {
      layout = .onspd
      postcodeField = pcds
      var missing: [String] = []
      for (name, slot) in [
        ("doterm", \Self.terminatedField), ("oseast1m", \.eastingField), ("osnrth1m", \.northingField),
      ] {
        if let index = names.firstIndex(of: name) { self[keyPath: slot] = index } else { missing.append(name) }
      }
      qualityField = names.firstIndex(of: "osgrdind") ?? -1
      for name in missing {
        problems.append(
          InputProblem(
            file: file, line: 1, column: nil, field: name, found: "no column \"\(name)\"",
            expected: "the ONS Postcode Directory's columns pcds, doterm, oseast1m and osnrth1m"))
      }
      if !missing.isEmpty { stopped = true }
      return
    }
    // Code-Point Open has no header: its first line is a postcode's row.
    let fields = Self.fields(of: text)
    if fields.count >= 4, PostcodeKey(fields[0]) != nil, DecimalParser.parse(fields[2]) != nil,
      DecimalParser.parse(fields[3]) != nil
    {
      layout = .codePointOpen
      postcodeField = 0
      qualityField = 1
      eastingField = 2
      northingField = 3
      line -= 1  // read the line again as data
      handleAgain(text)
      return
    }
    problems.append(
      InputProblem(
        file: file, line: 1, column: nil, field: nil,
        found: "a first line that is neither an ONS Postcode Directory header (with pcds) nor a Code-Point Open row",
        expected: PostcodeDirectory.postcodeFileAdvice))
    stopped = true
  }

  private mutating func handleAgain(_ text: UnsafeBufferPointer<UInt8>) {
    line += 1
    handle(text)
  }

  /// The entry of a wanted postcode's row; nil, with a problem, when its
  /// numbers do not parse.
  private mutating func readEntry(_ key: PostcodeKey, _ text: UnsafeBufferPointer<UInt8>) -> PostcodeEntry? {
    let fields = Self.fields(of: text)
    func cell(_ index: Int) -> UnsafeBufferPointer<UInt8>? { index >= 0 && index < fields.count ? fields[index] : nil }
    if let terminated = cell(terminatedField), !terminated.isEmpty {
      // Shown in a problem (`terminated (since 201906)`): on one line, whatever the file holds.
      return .terminated(since: InputText.singleLine(String(decoding: terminated, as: UTF8.self)))
    }
    if layout == .onspd && key.isNorthernIreland { return .noGridReference }
    if let quality = cell(qualityField), let value = DecimalParser.parse(quality),
      layout == .onspd ? value == 9 : value == 90
    {
      return .noGridReference
    }
    guard let eastingText = cell(eastingField), let northingText = cell(northingField) else {
      problems.append(
        InputProblem(
          file: file, line: line, column: nil, field: nil, found: "\(fields.count) fields",
          expected: "at least \(max(eastingField, northingField) + 1) fields"))
      return nil
    }
    if eastingText.isEmpty || northingText.isEmpty { return .noGridReference }
    guard let easting = DecimalParser.parse(eastingText), let northing = DecimalParser.parse(northingText),
      easting.isFinite, northing.isFinite
    else {
      let bad = DecimalParser.parse(eastingText) == nil ? eastingField : northingField
      problems.append(
        InputProblem(
          file: file, line: line, column: bad + 1,
          field: layout == .onspd ? (bad == eastingField ? "oseast1m" : "osnrth1m") : nil,
          found: "a grid reference that is not a number", expected: "metres on the British National Grid"))
      return nil
    }
    // The case reader's ranges: a position from the directory is placed
    // like one typed into settings.csv or pupils.csv, and must be as sane.
    guard InputRange.easting.contains(easting), InputRange.northing.contains(northing) else {
      let bad = InputRange.easting.contains(easting) ? northingField : eastingField
      problems.append(
        InputProblem(
          file: file, line: line, column: bad + 1,
          field: layout == .onspd ? (bad == eastingField ? "oseast1m" : "osnrth1m") : nil,
          found: "a grid reference off the British National Grid (not shown: it locates a postcode)",
          expected: "metres on the British National Grid: eastings "
            + InputRange.text(InputRange.easting) + ", northings " + InputRange.text(InputRange.northing)))
      return nil
    }
    return .live(easting: easting, northing: northing)
  }

  func result(bytes: Int) -> Result<PostcodeLookup, InvalidCaseError> {
    guard problems.isEmpty else { return .failure(InvalidCaseError(problems: problems)) }
    guard let layout else {
      return .failure(
        InvalidCaseError(problems: [
          InputProblem(
            file: file, line: nil, column: nil, field: nil, found: "an empty file",
            expected: PostcodeDirectory.postcodeFileAdvice)
        ]))
    }
    // A header and no rows (an extract cut short, or the wrong file saved):
    // one problem here, not one per pupil's postcode (round thirty-four).
    guard rows > 0 else {
      return .failure(
        InvalidCaseError(problems: [
          InputProblem(
            file: file, line: nil, column: nil, field: nil, found: "a header and no postcodes",
            expected: PostcodeDirectory.postcodeFileAdvice)
        ]))
    }
    return .success(PostcodeLookup(layout: layout, entries: entries, rows: rows, bytes: bytes))
  }

  // MARK: Fields

  /// The field at `index` of a line, quotes stripped; nil past the end.
  @inline(__always) static func field(_ index: Int, of text: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8>?
  {
    var start = 0
    var position = 0
    var i = 0
    let n = text.count
    while i < n {
      if text[i] == InputByte.comma {
        if position == index { return stripped(text, start, i) }
        position += 1
        start = i + 1
      }
      i += 1
    }
    return position == index ? stripped(text, start, n) : nil
  }

  static func fields(of text: UnsafeBufferPointer<UInt8>) -> [UnsafeBufferPointer<UInt8>] {
    var result: [UnsafeBufferPointer<UInt8>] = []
    var start = 0
    for i in 0..<text.count where text[i] == InputByte.comma {
      result.append(stripped(text, start, i))
      start = i + 1
    }
    result.append(stripped(text, start, text.count))
    return result
  }

  /// `text[start..<end]` without surrounding spaces and one pair of quotes.
  @inline(__always) private static func stripped(_ text: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int)
    -> UnsafeBufferPointer<UInt8>
  {
    var lower = start
    var upper = end
    while lower < upper, InputByte.isBlank(text[lower]) { lower += 1 }
    while upper > lower, InputByte.isBlank(text[upper - 1]) { upper -= 1 }
    if upper - lower >= 2, text[lower] == InputByte.quote, text[upper - 1] == InputByte.quote {
      lower += 1
      upper -= 1
    }
    return UnsafeBufferPointer(rebasing: text[lower..<upper])
  }
}
