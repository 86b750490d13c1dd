import Foundation
import PlacewiseTestSupport
import Testing

@testable import Placewise

/// travel.csv files above a size are parsed in two parts on two threads;
/// the outcome must be the one a single reader gives, problems included.
@Suite("travel.csv read in two parts")
struct ParallelTravelTests {
  /// 300 pupils P0001... and the valid case's three settings.
  static let pupils = InputCSVText.pupils((1...300).map { ["pupil_id": String(format: "P%04d", $0)] })

  /// A travel.csv of `rows` rows, with a seeded share of repeated pairs,
  /// unknown ids, bad and empty minutes, blank lines, extra fields and bytes
  /// that are not UTF-8, when `faults`.
  static func travel(rows: Int, seed: UInt64, faults: Bool, lineEnd: String = "\n") -> [UInt8] {
    var random = SplitMix64(seed: seed)
    var text: [UInt8] = Array("pupil_id,urn,minutes,km".utf8) + Array(lineEnd.utf8)
    for _ in 0..<rows {
      let pupil = String(format: "P%04d", Int(random.next() % 300) + 1)
      let urn = "10000\(random.next() % 3 + 1)"
      var minutes = String(Double(random.next() % 9000) / 100)
      var line = ""
      if faults {
        switch random.next() % 40 {
        case 0: minutes = "abc"
        case 1: minutes = ""
        case 2: minutes = "-3"
        case 3: line = "X999,\(urn),\(minutes),"
        case 4: line = "\(pupil),\(urn),\(minutes),1,extra"
        case 5: line = ""
        case 6: line = " , ,, "
        default: break
        }
      }
      if line.isEmpty && random.next() % 40 != 5 { line = "\(pupil),\(urn),\(minutes),2" }
      var bytes = Array(line.utf8)
      if faults && random.next() % 97 == 0 { bytes.insert(0xE9, at: bytes.count / 2) }
      text += bytes + Array(lineEnd.utf8)
    }
    return text
  }

  /// What reading gives: the journeys and warnings, or the problems.
  struct Outcome: Equatable {
    var pupil: [Int32] = []
    var setting: [Int32] = []
    var minutes: [Double] = []
    var warnings: [String] = []
    var problems: [String] = []
    var total = 0
  }

  static func read(_ travel: [UInt8], parallelFrom bytes: Int) -> Outcome {
    var files = InputCaseFiles.valid.with("pupils.csv", pupils).files
    files["travel.csv"] = travel
    return CaseReading.$parallelTravelBytes.withValue(bytes) {
      do {
        let input = try CaseReader.read(files: files)
        let m = input.travel ?? TravelMatrix()
        return Outcome(
          pupil: m.pupil, setting: m.setting, minutes: m.minutes.map { $0.isNaN ? -1 : $0 },
          warnings: input.warnings.map(\.description))
      } catch let error as InvalidCaseError {
        return Outcome(problems: error.problems.map(\.description), total: error.totalCount)
      } catch {
        return Outcome(problems: ["\(error)"])
      }
    }
  }

  /// Whether the reader cuts these bytes into two parts at this threshold.
  static func isCut(_ travel: [UInt8], parallelFrom bytes: Int) -> Bool {
    var copy = travel
    let header = Array("pupil_id,urn,minutes,km".utf8).count + 1
    return CaseReading.$parallelTravelBytes.withValue(bytes) {
      copy.withUnsafeMutableBufferPointer { CaseReading.travelCuts($0, bodyStart: header).count == 3 }
    }
  }

  @Test("valid files: the same journeys, repeats across the cut refused the same way", arguments: [UInt64(1), 2, 3])
  func validFiles(seed: UInt64) {
    let travel = Self.travel(rows: 2_000, seed: seed, faults: false)
    #expect(Self.isCut(travel, parallelFrom: 0))
    #expect(!Self.isCut(travel, parallelFrom: Int.max))
    let one = Self.read(travel, parallelFrom: .max)
    let two = Self.read(travel, parallelFrom: 0)
    #expect(one == two)
    // 2,000 rows over 900 pairs: many pairs repeat, on both sides of the cut.
    #expect(one.total > 200 && one.problems.count == 200)
  }

  @Test(
    "faulty files: the same problems (text, order, the 200 kept, the count) and warnings",
    arguments: [(UInt64(4), "\n"), (5, "\r\n"), (6, "\n"), (7, "\r\n")])
  func faultyFiles(seed: UInt64, lineEnd: String) {
    for rows in [150, 1_000, 5_000] {
      let travel = Self.travel(rows: rows, seed: seed &+ UInt64(rows), faults: true, lineEnd: lineEnd)
      #expect(Self.isCut(travel, parallelFrom: 0))
      let one = Self.read(travel, parallelFrom: .max)
      let two = Self.read(travel, parallelFrom: 0)
      #expect(one == two, "rows \(rows)")
      #expect(one.total > 0)
    }
  }

  @Test("few pupils listed once each: the same case, warnings included")
  func noRepeats() {
    var text = Array("pupil_id,urn,minutes,km\n".utf8)
    for p in 1...300 {
      for urn in 1...3 { text += Array("P\(String(format: "%04d", p)),10000\(urn),\(p % 60).5,\n".utf8) }
      if p % 50 == 0 { text += Array("\n".utf8) }  // blank rows, counted once
    }
    text += Array("X001,100001,5,\n".utf8)
    #expect(Self.isCut(text, parallelFrom: 0))
    let one = Self.read(text, parallelFrom: .max)
    let two = Self.read(text, parallelFrom: 0)
    #expect(one == two)
    #expect(one.problems.isEmpty && one.pupil.count == 900)
    #expect(one.warnings.contains { $0.contains("blank rows skipped") })
  }

  @Test("a quote anywhere keeps the file in one part")
  func quotes() {
    var text = Self.travel(rows: 500, seed: 9, faults: false)
    text += Array("\"P0001\",100001,4,\n".utf8)
    #expect(!Self.isCut(text, parallelFrom: 0))
  }
}
