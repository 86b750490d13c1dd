import Foundation
import PlacewiseTestSupport
import Testing

@testable import Placewise

private func keys(_ postcodes: [String]) throws -> Set<PostcodeKey> {
  Set(try postcodes.map { try #require(PostcodeKey($0)) })
}

private func lookup(_ text: String, _ wanted: [String], file: String = "onspd.csv") throws -> PostcodeLookup {
  try PostcodeDirectory.lookup(bytes: Array(text.utf8), file: file, wanted: keys(wanted)).get()
}

private func failure(_ text: String, _ wanted: [String] = ["QA1 1AB"]) throws -> [InputProblem] {
  switch PostcodeDirectory.lookup(bytes: Array(text.utf8), file: "pc.csv", wanted: try keys(wanted)) {
  case .success: return []
  case .failure(let error): return error.problems
  }
}

private let onspd = PostcodeFixture.onspd([
  PostcodeFixture.onspdRow(postcode: "QA1 1AB", easting: "575123", northing: "160456"),
  PostcodeFixture.onspdRow(postcode: "QA1 1AD", easting: "575200", northing: "160500", terminated: "201906"),
  PostcodeFixture.onspdRow(postcode: "QA12 3XY", easting: "", northing: "", quality: "9"),
  PostcodeFixture.onspdRow(postcode: "BT1 1AA", easting: "146000", northing: "530000"),
  PostcodeFixture.onspdRow(postcode: "QB2A 9ZZ", easting: "530000", northing: "180000"),
  PostcodeFixture.onspdRow(postcode: "XZ9 9ZZ", easting: "not-a-number", northing: "1"),
])

@Suite("Postcode directory")
struct PostcodeDirectoryTests {
  @Test("Postcodes normalise: case and spaces do not matter, shapes that are not postcodes are refused")
  func normalising() throws {
    #expect(PostcodeKey("qa1 1ab") == PostcodeKey("QA11AB"))
    #expect(PostcodeKey("  QA1   1AB ") == PostcodeKey("QA1 1AB"))
    #expect(PostcodeKey("SW1A 1AA") != nil && PostcodeKey("M1 1AE") != nil && PostcodeKey("EC1A1BB") != nil)
    for bad in ["", "QA1", "QA1 1A", "1A1 1AB", "QA1 1A1", "QA1-1AB", "QAAA11AB", "QA1 1ÅB"] {
      #expect(PostcodeKey(bad) == nil, "\(bad)")
    }
    #expect(PostcodeKey("BT1 1AA")?.isNorthernIreland == true && PostcodeKey("TB1 1AA")?.isNorthernIreland == false)
  }

  @Test("ONSPD: live, terminated and unlocated postcodes; only those asked for are kept")
  func onspdLayout() throws {
    #expect(PostcodeFixture.onspdHeader.count == 52)
    let result = try lookup(onspd, ["qa1 1ab", "QA11AD", "QA12 3XY", "BT1 1AA", "QB2A9ZZ", "QC1 1AA"])
    #expect(result.layout == .onspd)
    #expect(result.rows == 6)
    let entries = result.entries
    #expect(entries.count == 5)
    #expect(entries[try #require(PostcodeKey("QA1 1AB"))] == .live(easting: 575123, northing: 160456))
    #expect(entries[try #require(PostcodeKey("QA1 1AD"))] == .terminated(since: "201906"))
    #expect(entries[try #require(PostcodeKey("QA12 3XY"))] == .noGridReference)
    #expect(entries[try #require(PostcodeKey("BT1 1AA"))] == .noGridReference, "Irish Grid in ONSPD")
    #expect(entries[try #require(PostcodeKey("QB2A 9ZZ"))] == .live(easting: 530000, northing: 180000))
    #expect(entries[try #require(PostcodeKey("QC1 1AA"))] == nil)
  }

  @Test("Code-Point Open: no header, the first line is data; quality 90 has no grid reference")
  func codePointLayout() throws {
    let text = [
      PostcodeFixture.codePointRow(postcode: "QA1 1AB", easting: "575123", northing: "160456"),
      PostcodeFixture.codePointRow(postcode: "QA12 3XY", easting: "0", northing: "0", quality: "90"),
      PostcodeFixture.codePointRow(postcode: "QB2A 9ZZ", easting: "530000", northing: "180000"),
    ].joined(separator: "\n")  // and no line end after the last
    let result = try lookup(text, ["QA1 1AB", "QA12 3XY", "QB2A 9ZZ"])
    #expect(result.layout == .codePointOpen && result.rows == 3)
    #expect(result.entries[try #require(PostcodeKey("QA1 1AB"))] == .live(easting: 575123, northing: 160456))
    #expect(result.entries[try #require(PostcodeKey("QA12 3XY"))] == .noGridReference)
    #expect(result.entries[try #require(PostcodeKey("QB2A 9ZZ"))] == .live(easting: 530000, northing: 180000))
  }

  @Test("Any block size gives the same result: lines cut across blocks are read whole", arguments: [7, 64, 333, 4096])
  func blockBoundaries(size: Int) throws {
    let wanted = (0..<300).map(PostcodeFixture.postcode)
    let rows = wanted.enumerated().map { i, postcode in
      PostcodeFixture.onspdRow(
        postcode: postcode, easting: String(500_000 + i), northing: String(100_000 + i),
        terminated: i % 7 == 6 ? "201906" : "")
    }
    let text = "\u{FEFF}" + PostcodeFixture.onspd(rows)
    let whole = try lookup(text, wanted)
    let cut = try PostcodeDirectory.$blockSize.withValue(size) { try lookup(text, wanted) }
    #expect(cut.entries == whole.entries && cut.rows == 300 && whole.entries.count == 300)
    #expect(whole.entries[try #require(PostcodeKey(wanted[10]))] == .live(easting: 500_010, northing: 100_010))
  }

  @Test("A bad grid reference on a row asked for is located; other rows are not read")
  func badNumber() throws {
    let found = try failure(onspd, ["XZ9 9ZZ"])
    #expect(found.count == 1)
    #expect(found[0].line == 7 && found[0].column == 12 && found[0].field == "oseast1m")
    #expect(!found[0].description.contains("XZ9"))
    #expect(try lookup(onspd, ["QA1 1AB"]).entries.count == 1)
  }

  @Test("A grid reference off the British National Grid is refused by the case reader's ranges, unshown")
  func offTheGrid() throws {
    let text = PostcodeFixture.onspd([
      PostcodeFixture.onspdRow(postcode: "QA1 1AB", easting: "9e9", northing: "160456"),
      PostcodeFixture.onspdRow(postcode: "QA1 1AD", easting: "575200", northing: "-5"),
      PostcodeFixture.onspdRow(postcode: "QA1 1AE", easting: "700000", northing: "1300000"),
    ])
    let found = try failure(text, ["QA1 1AB", "QA1 1AD"])
    #expect(found.map(\.line) == [2, 3] && found.map(\.column) == [12, 13])
    #expect(found.map(\.field) == ["oseast1m", "osnrth1m"])
    #expect(found.allSatisfy { !$0.description.contains("9e9") && !$0.description.contains("QA1") })
    #expect(try lookup(text, ["QA1 1AE"]).entries.count == 1, "the grid's bounds are on it")
    let codePoint = PostcodeFixture.codePointRow(postcode: "QA1 1AB", easting: "575123", northing: "1e300")
    #expect(try failure(codePoint).map(\.column) == [4])
  }

  @Test("A termination date is kept on one line: control characters in it become spaces")
  func terminationOnOneLine() throws {
    // (A lone CR ends a line, as in the case files: a vertical tab here.)
    let text = "pcds,doterm,oseast1m,osnrth1m\nQA1 1AB,2020\u{0}\u{0B}01,575123,160456\nQA1 1AD,\t2019\u{2028}06,1,1\n"
    let entries = try lookup(text, ["QA1 1AB", "QA1 1AD"]).entries
    #expect(entries[try #require(PostcodeKey("QA1 1AB"))] == .terminated(since: "2020  01"))
    #expect(entries[try #require(PostcodeKey("QA1 1AD"))] == .terminated(since: "2019 06"))
  }

  @Test("Files that are not a directory are refused")
  func badFiles() throws {
    #expect(try failure("")[0].found == "an empty file")
    #expect(try failure("name,address\nx,y\n")[0].found.contains("neither an ONS Postcode Directory header"))
    let missing = try failure("pcd,pcds,oseast1m\n")
    #expect(missing.map(\.field) == ["doterm", "osnrth1m"])
    // A header and no rows: one problem, whatever the case asks for.
    for text in [PostcodeFixture.onspd([]), PostcodeFixture.onspd([]) + "\n\n"] {
      let headerOnly = try failure(text)
      #expect(headerOnly.map(\.found) == ["a header and no postcodes"] && headerOnly[0].line == nil)
    }
    let absent = PostcodeDirectory.lookup(path: "/nonexistent/onspd.csv", wanted: [])
    guard case .failure(let error) = absent else {
      Issue.record("a missing file was read")
      return
    }
    #expect(error.problems[0].found == "no such file" && error.problems[0].file == "/nonexistent/onspd.csv")
  }

  @Test("Reading a file from disk gives what reading its bytes gives")
  func fromDisk() throws {
    let scratch = try ScratchFolder()
    let path = scratch.at("onspd.csv")
    let size = try PostcodeFixture.writeONSPD(rows: 5000, to: path)
    let wanted = try keys([0, 6, 100, 4999].map(PostcodeFixture.postcode))
    let disk = try PostcodeDirectory.lookup(path: path, wanted: wanted).get()
    let memory = try PostcodeDirectory.lookup(
      bytes: [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))), file: path, wanted: wanted
    ).get()
    #expect(disk.entries == memory.entries && disk.rows == 5000 && disk.bytes == size)
    #expect(disk.entries[try #require(PostcodeKey(PostcodeFixture.postcode(6)))] == .terminated(since: "201906"))
    #expect(disk.entries[try #require(PostcodeKey(PostcodeFixture.postcode(100)))] == .noGridReference)
    #expect(
      disk.entries[try #require(PostcodeKey(PostcodeFixture.postcode(0)))] == .live(easting: 500_000, northing: 100_000)
    )
  }

  /// Hostile trial, round thirty: a postcode listed twice at places 475 km
  /// apart was accepted, the first listing winning silently. Two live
  /// listings at one place (two Code-Point Open files joined) are one.
  @Test("a postcode listed twice at two places is refused, without the postcode; at one place it is one")
  func listedTwice() throws {
    let twice =
      [
        PostcodeFixture.codePointRow(postcode: "QA1 1AB", easting: "575830", northing: "160456"),
        PostcodeFixture.codePointRow(postcode: "QB2A 9ZZ", easting: "530000", northing: "180000"),
        PostcodeFixture.codePointRow(postcode: "QA1 1AB", easting: "100000", northing: "160456"),
      ].joined(separator: "\n") + "\n"
    let problems = try failure(twice)
    #expect(problems.count == 1)
    let problem = try #require(problems.first)
    #expect(problem.line == 3)
    #expect(problem.found.contains("(listed on line 1, 476 km away;"), "\(problem.found)")
    #expect(!problem.description.contains("QA1") && !problem.description.contains("575830"))
    let same =
      [
        PostcodeFixture.codePointRow(postcode: "QA1 1AB", easting: "575830", northing: "160456"),
        PostcodeFixture.codePointRow(postcode: "QA1 1AB", easting: "575830", northing: "160456"),
      ].joined(separator: "\n") + "\n"
    #expect(try failure(same).isEmpty)
    #expect(try lookup(same, ["QA1 1AB"]).entries.count == 1)
    // Within 100 m (two releases whose centroid moved) is one place, the first.
    let near =
      [
        PostcodeFixture.codePointRow(postcode: "QA1 1AB", easting: "575830", northing: "160456"),
        PostcodeFixture.codePointRow(postcode: "QA1 1AB", easting: "575890", northing: "160456"),
      ].joined(separator: "\n") + "\n"
    #expect(try failure(near).isEmpty)
    #expect(try lookup(near, ["QA1 1AB"]).entries.first?.value == .live(easting: 575830, northing: 160456))
  }

  /// Hostile trial, round thirty-three: the postcode directory missed the
  /// other inputs' two-byte refusal (a 3 GB file of NUL bytes took 55 s
  /// and 9.4 GB, held whole as one unfinished line), and a directory with
  /// old Mac line ends (CR only) was one header line, every pupil's
  /// postcode "not in the directory".
  @Test("a directory that is not text is refused from its first bytes, and a line is bounded")
  func notTextAndLongLines() throws {
    for (bytes, found) in [
      ([UInt8](repeating: 0, count: 4096), "NUL bytes"), ([0xFF, 0xFE, 0x70, 0x00], "a UTF-16 file"),
      ([0x70, 0x00, 0x63, 0x00], "NUL bytes"),
    ] {
      guard
        case .failure(let error) = PostcodeDirectory.lookup(bytes: bytes, file: "pc.csv", wanted: try keys(["QA1 1AB"]))
      else {
        Issue.record("accepted \(bytes.prefix(4))")
        continue
      }
      #expect(error.problems.count == 1 && error.problems[0].found.hasPrefix(found), "\(error.problems)")
      #expect(error.problems[0].expected.contains("UTF-8"))
    }
    // A line longer than the bound, with no line end: refused, not held.
    let long = [UInt8](repeating: UInt8(ascii: "a"), count: 5000)
    let refused = PostcodeDirectory.$longestLine.withValue(1024) {
      PostcodeDirectory.$blockSize.withValue(256) {
        PostcodeDirectory.lookup(bytes: long, file: "pc.csv", wanted: Set())
      }
    }
    guard case .failure(let error) = refused else {
      Issue.record("a 5,000-byte line over a bound of 1,024 was read")
      return
    }
    #expect(error.problems.first?.found.contains("with no line end") == true, "\(error.problems)")
  }

  @Test("a directory's lines end at LF, CRLF or CR, mixed too; CRLF split across blocks is CRLF")
  func carriageReturnLines() throws {
    let text =
      [
        PostcodeFixture.codePointRow(postcode: "QA1 1AB", easting: "575123", northing: "160456"),
        PostcodeFixture.codePointRow(postcode: "QB2A 9ZZ", easting: "530000", northing: "180000"),
      ].joined(separator: "\r") + "\r"
    let found = try lookup(text, ["QA1 1AB", "QB2A 9ZZ"])
    #expect(found.entries[try #require(PostcodeKey("QB2A 9ZZ"))] == .live(easting: 530000, northing: 180000))
    #expect(found.rows == 2)
    // A CRLF file whose first block ends on a CR (the review): still CRLF,
    // one line, so a duplicate on line 2 names line 1 (a CR taken alone
    // there made the LF an empty line 2, and the duplicate line 3).
    let crlf =
      [
        PostcodeFixture.codePointRow(postcode: "QA1 1AB", easting: "575123", northing: "160456"),
        PostcodeFixture.codePointRow(postcode: "QA1 1AB", easting: "475123", northing: "160456"),
      ].joined(separator: "\r\n") + "\r\n"
    let firstCR = try #require(crlf.utf8.firstIndex(of: 0x0D))
    let block = crlf.utf8.distance(from: crlf.utf8.startIndex, to: firstCR) + 1
    let wanted = try keys(["QA1 1AB"])
    let split = PostcodeDirectory.$blockSize.withValue(block) {
      PostcodeDirectory.lookup(bytes: Array(crlf.utf8), file: "pc.csv", wanted: wanted)
    }
    guard case .failure(let error) = split else {
      Issue.record("the duplicate was not found")
      return
    }
    #expect(error.problems.first?.line == 2 && error.problems.first?.found.contains("(listed on line 1,") == true)
    // Mixed: a header-less Code-Point file, its first row ending in LF and
    // the rest in CR (round thirty-four: read as one line), and a duplicate
    // on the fourth line, which the message names.
    let mixed =
      PostcodeFixture.codePointRow(postcode: "QA1 1AB", easting: "575123", northing: "160456") + "\n"
      + PostcodeFixture.codePointRow(postcode: "QB2A 9ZZ", easting: "530000", northing: "180000") + "\r"
      + PostcodeFixture.codePointRow(postcode: "QC3 3CC", easting: "530000", northing: "180000") + "\r\n"
      + PostcodeFixture.codePointRow(postcode: "QA1 1AB", easting: "475123", northing: "160456") + "\r"
    let problems = try failure(mixed, ["QA1 1AB", "QB2A 9ZZ", "QC3 3CC"])
    #expect(problems.count == 1 && problems.first?.line == 4, "\(problems)")
    #expect(problems.first?.found.contains("(listed on line 1,") == true, "\(problems)")
  }
}
