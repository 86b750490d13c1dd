import Foundation
import ParallelWork

extension CaseReading {
  // MARK: travel.csv

  @inline(__always) private static func equal(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool
  {
    guard a.count == b.count else { return false }
    for i in 0..<a.count where a[i] != b[i] { return false }
    return true
  }

  /// A travel.csv at least this large, with no quote character after its
  /// header, is parsed in two halves on two threads (the 3.8-million-row
  /// matrix of a county). The result, problems included, is the same as
  /// one thread's: the tests read files both ways and compare.
  @TaskLocal static var parallelTravelBytes = 4 << 20

  mutating func readTravel(_ buffer: UnsafeMutableBufferPointer<UInt8>) -> TravelMatrix {
    let table = TableReader<TravelColumn>(
      file: "travel.csv", buffer: buffer, problems: problems, warnings: warnings)
    let layout = table.layout
    let bodyStart = table.offset
    let bodyLine = table.nextLine
    (problems, warnings) = table.finish()

    let cuts = Self.travelCuts(buffer, bodyStart: bodyStart)
    let parts = cuts.count - 1
    let input = TravelChunkInput(
      base: buffer.baseAddress, cuts: cuts, bodyLine: bodyLine, layout: layout, pupilIndex: pupilIndex,
      settingIndex: settingIndex, pupilSpellings: pupilSpellings, settingSpellings: settingSpellings)
    // One part runs on this thread (`parallelMap` of one).
    var chunks = parallelMap(parts) { Self.parseTravel(input, part: $0) }
    // A later part counts its lines from 1 (`parseTravel`): shift them now
    // that the part before has counted its own.
    for part in chunks.indices.dropFirst() {
      let shift = chunks[part - 1].endLine - 1
      chunks[part].endLine += shift
      for i in chunks[part].lines.indices { chunks[part].lines[i] += Int32(truncatingIfNeeded: shift) }
      for i in chunks[part].problems.indices { chunks[part].problems[i].line? += shift }
    }

    // The first part's arrays become the matrix; the others are appended.
    var matrix = chunks[0].matrix
    var lines = chunks[0].lines
    chunks[0].matrix = TravelMatrix()
    chunks[0].lines = []
    let total = chunks.reduce(0) { $0 + $1.matrix.count } + matrix.count
    matrix.pupil.reserveCapacity(total)
    matrix.setting.reserveCapacity(total)
    matrix.minutes.reserveCapacity(total)
    lines.reserveCapacity(total)
    var found: [InputProblem] = []
    var foundTotal = 0
    var unknownRows = 0
    var blankRows = 0
    var pupilText = [String?](repeating: nil, count: pupilIndex.count)
    var urnText = [String?](repeating: nil, count: settingIndex.count)
    for chunk in chunks {
      matrix.pupil.append(contentsOf: chunk.matrix.pupil)
      matrix.setting.append(contentsOf: chunk.matrix.setting)
      matrix.minutes.append(contentsOf: chunk.matrix.minutes)
      lines.append(contentsOf: chunk.lines)
      found.append(contentsOf: chunk.problems)
      foundTotal += chunk.problemTotal
      unknownRows += chunk.unknownRows
      blankRows += chunk.blankRows
      for (i, text) in chunk.pupilText.enumerated() where pupilText[i] == nil { pupilText[i] = text }
      for (i, text) in chunk.urnText.enumerated() where urnText[i] == nil { urnText[i] = text }
    }

    let (repeated, repeatedTotal) = Self.refuseRepeats(
      &matrix, lines: &lines, layout: layout, pupilText: pupilText, urnText: urnText)
    let merged = Self.inReadingOrder(found, repeated)
    for problem in merged { problems.add(problem) }
    problems.countUnkept(foundTotal + repeatedTotal - merged.count)

    if unknownRows > 0 {
      warnings.append(
        InputWarning(
          file: layout.file,
          message: "\(unknownRows) row\(unknownRows == 1 ? " names" : "s name") a pupil_id not in pupils.csv "
            + "or a urn not in settings.csv; skipped",
          count: unknownRows))
    }
    if blankRows > 0 {
      warnings.append(
        InputWarning(
          file: layout.file, message: "\(blankRows) blank row\(blankRows == 1 ? "" : "s") skipped",
          count: blankRows))
    }
    return matrix
  }

  /// Keeps each (pupil, setting) pair's first listing and refuses the
  /// later ones, in line order: the problems (up to the limit) and their
  /// count.
  private static func refuseRepeats(
    _ matrix: inout TravelMatrix, lines: inout [Int32], layout: TableReader<TravelColumn>.Layout,
    pupilText: [String?], urnText: [String?]
  ) -> (problems: [InputProblem], total: Int) {
    let (pupilCount, settingCount) = (pupilText.count, urnText.count)
    var duplicates = PairSet(pupils: pupilCount, settings: settingCount)
    var repeated: [InputProblem] = []
    var repeatedTotal = 0
    var kept = 0
    let urnColumn = layout.fieldOf[TravelColumn.urn.rawValue] + 1
    for k in 0..<matrix.count {
      let (p, st) = (matrix.pupil[k], matrix.setting[k])
      if duplicates.insert(pupil: Int(p), setting: Int(st)) {
        if kept != k {
          matrix.pupil[kept] = p
          matrix.setting[kept] = st
          matrix.minutes[kept] = matrix.minutes[k]
          lines[kept] = lines[k]
        }
        kept += 1
        continue
      }
      repeatedTotal += 1
      guard repeated.count < CaseReader.problemLimit else { continue }
      var first = ""
      if let j = (0..<kept).first(where: { matrix.pupil[$0] == p && matrix.setting[$0] == st }) {
        first = " (listed on line \(lines[j]) already)"
      }
      repeated.append(
        InputProblem(
          file: layout.file, line: Int(lines[k]), column: urnColumn, field: TravelColumn.urn.name,
          found:
            "pupil_id \(TableReader<TravelColumn>.shown(Array((pupilText[Int(p)] ?? "").utf8), pupilFile: true)) with urn "
            + "\(InputText.quoted(urnText[Int(st)] ?? "")) again",
          expected: "each (pupil, setting) pair once" + first))
    }
    if kept < matrix.count {
      matrix.pupil.removeSubrange(kept...)
      matrix.setting.removeSubrange(kept...)
      matrix.minutes.removeSubrange(kept...)
    }
    return (repeated, repeatedTotal)
  }

  /// Problems in the order one reader would have met them: by row, and a
  /// row's repeat after its other problems.
  private static func inReadingOrder(_ found: [InputProblem], _ repeated: [InputProblem]) -> [InputProblem] {
    var merged: [InputProblem] = []
    var r = 0
    for problem in found {
      while r < repeated.count, repeated[r].line ?? 0 < problem.line ?? 0 {
        merged.append(repeated[r])
        r += 1
      }
      merged.append(problem)
    }
    merged.append(contentsOf: repeated[r...])
    return merged
  }

  /// Where travel.csv's rows (from `bodyStart`) are cut into parts: the
  /// start of each part, then the end. A large file is cut at a line break
  /// past the middle, after a line with content (so that no blank row is
  /// left pending at the cut); a quote could hold a line break, so a file
  /// with one is never cut.
  static func travelCuts(_ buffer: UnsafeMutableBufferPointer<UInt8>, bodyStart: Int) -> [Int] {
    guard buffer.count - bodyStart >= Self.parallelTravelBytes, let base = buffer.baseAddress,
      memchr(base + bodyStart, Int32(UInt8(ascii: "\"")), buffer.count - bodyStart) == nil,
      let cut = Self.cutAfterContentLine(buffer, from: bodyStart + (buffer.count - bodyStart) / 2)
    else { return [bodyStart, buffer.count] }
    return [bodyStart, cut, buffer.count]
  }

  /// The position just after the first line break at or past `from` that
  /// ends a line holding a letter or digit (never blank), if another line
  /// follows it.
  private static func cutAfterContentLine(_ buffer: UnsafeMutableBufferPointer<UInt8>, from: Int) -> Int? {
    var lineStart = from
    while lineStart > 0 && buffer[lineStart - 1] != UInt8(ascii: "\n") { lineStart -= 1 }
    var hasContent = false
    var i = lineStart
    while i < buffer.count {
      let b = buffer[i]
      if b == UInt8(ascii: "\n") {
        if hasContent && i >= from { return i + 1 < buffer.count ? i + 1 : nil }
        hasContent = false
      } else if (b >= 0x30 && b <= 0x39) || ((b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A) {
        hasContent = true
      }
      i += 1
    }
    return nil
  }

  /// Parses one part of travel.csv's rows, without the repeat check.
  private static func parseTravel(_ input: TravelChunkInput, part: Int) -> TravelChunk {
    let start = input.cuts[part]
    let rows = UnsafeMutableBufferPointer(start: input.base.map { $0 + start }, count: input.cuts[part + 1] - start)
    var table = TableReader<TravelColumn>(layout: input.layout, rows: rows, firstLine: part == 0 ? input.bodyLine : 1)
    var chunk = TravelChunk()
    chunk.pupilText = [String?](repeating: nil, count: input.pupilIndex.count)
    chunk.urnText = [String?](repeating: nil, count: input.settingIndex.count)
    let expectedMinutes = "a journey time in minutes \(InputRange.text(InputRange.minutes))"
    let expectedKm = "a journey distance in km \(InputRange.text(InputRange.km)) (or empty)"
    // Routing tables usually list one pupil's (or one setting's) journeys
    // together: remember the last ids so most rows skip one lookup.
    var lastPupilBytes = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
    var lastPupil: Int32 = -1
    var lastSettingBytes = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
    var lastSetting: Int32 = -1
    var rowsRead = 0
    while table.nextRow() {
      rowsRead += 1
      if rowsRead == 1024 {
        // Reserve for the whole part from the length of the first rows.
        let estimate = Int(Double(rows.count) / Double(max(table.offset, 1)) * 1024 * 1.05)
        chunk.matrix.pupil.reserveCapacity(estimate)
        chunk.matrix.setting.reserveCapacity(estimate)
        chunk.matrix.minutes.reserveCapacity(estimate)
        chunk.lines.reserveCapacity(estimate)
      }
      let minutes = table.decimal(.minutes, required: true, range: InputRange.minutes, expected: expectedMinutes)
      // Not used (journeys are judged in minutes), but part of the format: checked alike.
      _ = table.decimal(.km, required: false, range: InputRange.km, expected: expectedKm)
      guard let pupilBytes = table.cell(.pupilID), let urnBytes = table.cell(.urn) else { continue }
      guard !pupilBytes.isEmpty, !urnBytes.isEmpty else {
        if pupilBytes.isEmpty {
          table.report(.pupilID, found: "an empty cell", expected: "a pupil_id from pupils.csv")
        }
        if urnBytes.isEmpty { table.report(.urn, found: "an empty cell", expected: "a urn from settings.csv") }
        continue
      }
      // An id of no pupil or setting is a routing matrix's wider cohort
      // (skipped, counted); one that is no id at all (an invisible or
      // control character: a copy from a routing tool) is an error, as in
      // every other file: skipped, it left a child with no eligible setting
      // (hostile trial, round twelve). -2 marks it; known ids skip the check.
      if !Self.equal(pupilBytes, lastPupilBytes) {
        lastPupil = input.pupilNumber(pupilBytes) ?? (IdentifierText.problem(in: pupilBytes) == nil ? -1 : -2)
        lastPupilBytes = pupilBytes
        if lastPupil >= 0 && chunk.pupilText[Int(lastPupil)] == nil {
          chunk.pupilText[Int(lastPupil)] = String(decoding: pupilBytes, as: UTF8.self)
        }
      }
      if !Self.equal(urnBytes, lastSettingBytes) {
        lastSetting =
          input.settingNumber(urnBytes) ?? (IdentifierText.problem(in: urnBytes) == nil ? -1 : -2)
        lastSettingBytes = urnBytes
        if lastSetting >= 0 && chunk.urnText[Int(lastSetting)] == nil {
          chunk.urnText[Int(lastSetting)] = String(decoding: urnBytes, as: UTF8.self)
        }
      }
      guard lastPupil >= 0, lastSetting >= 0 else {
        for (column, code, bytes) in [(TravelColumn.pupilID, lastPupil, pupilBytes), (.urn, lastSetting, urnBytes)]
        where code == -2 {
          if let why = IdentifierText.problem(in: bytes) {
            table.report(
              column, found: why,
              expected: "\(TableReader<TravelColumn>.article(column.name)) \(column.name) of " + IdentifierText.expected
            )
          }
        }
        if lastPupil != -2 && lastSetting != -2 { chunk.unknownRows += 1 }
        continue
      }
      chunk.matrix.append(pupil: Int(lastPupil), setting: Int(lastSetting), minutes: minutes ?? .nan)
      chunk.lines.append(Int32(truncatingIfNeeded: table.line))
    }
    chunk.endLine = table.nextLine
    chunk.blankRows = table.blankRowsSkipped
    chunk.problems = table.problems.keptInOrder
    chunk.problemTotal = table.problems.total
    return chunk
  }
}

/// What the threads parsing travel.csv share, read-only.
///
/// Unchecked because of `base`, a raw pointer, which is not `Sendable`.
/// It is safe: the buffer outlives the parse (`readTravel` returns only
/// after `parallelMap` has joined every thread), each thread reads and
/// rewrites only the bytes of its own part (`cuts[part] ..< cuts[part + 1]`,
/// disjoint), and every other field is `Sendable` and immutable.
private struct TravelChunkInput: @unchecked Sendable {
  /// The file's bytes; each thread reads (and may rewrite) only its own part.
  let base: UnsafeMutablePointer<UInt8>?
  let cuts: [Int]
  /// The line the rows after the header start on.
  let bodyLine: Int
  let layout: TableReader<TravelColumn>.Layout
  let pupilIndex: ByteKeyTable
  let settingIndex: ByteKeyTable
  /// Ids holding non-ASCII characters, by text (`CaseReading.settingNumber`).
  let pupilSpellings: [String: Int32]
  let settingSpellings: [String: Int32]

  /// The pupil a row names (see `CaseReading.pupilNumber`).
  func pupilNumber(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32? {
    CaseReading.number(bytes, in: pupilIndex, spellings: pupilSpellings)
  }

  /// The setting a row names (see `CaseReading.settingNumber`).
  func settingNumber(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32? {
    CaseReading.number(bytes, in: settingIndex, spellings: settingSpellings)
  }
}

/// One part of travel.csv, parsed.
private struct TravelChunk: Sendable {
  var matrix = TravelMatrix()
  var lines: [Int32] = []
  var problems: [InputProblem] = []
  var problemTotal = 0
  var blankRows = 0
  var unknownRows = 0
  /// The line after the part's last.
  var endLine = 1
  /// The text of each pupil id and URN met (for messages about repeats).
  var pupilText: [String?] = []
  var urnText: [String?] = []
}

/// The (pupil, setting) pairs seen in `travel.csv`: a bit per possible pair
/// when that fits in 32 MB, else a hash set.
private struct PairSet {
  private let settings: Int
  private var bits: [UInt64]
  private var set: Set<Int> = []

  init(pupils: Int, settings: Int) {
    self.settings = settings
    let pairs = pupils * settings
    bits = pairs <= 1 << 28 ? Array(repeating: 0, count: (pairs + 63) / 64) : []
  }

  /// Adds a pair; false when it was there already.
  mutating func insert(pupil: Int, setting: Int) -> Bool {
    let pair = pupil * settings + setting
    guard !bits.isEmpty else { return set.insert(pair).inserted }
    let mask: UInt64 = 1 << UInt64(pair & 63)
    let word = pair >> 6
    if bits[word] & mask != 0 { return false }
    bits[word] |= mask
    return true
  }
}
