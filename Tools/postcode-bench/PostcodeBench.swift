import ArgumentParser
import Foundation
import Placewise
import PlacewiseTestSupport

/// Times the postcode directory reader on a synthetic ONS Postcode Directory
/// of ONSPD's size (2.7 million rows, over 1 GB), checking every answer
/// first. Not part of the product; release builds only.
@main
struct PostcodeBench: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "postcode-bench",
    abstract: "Time the postcode lookup on a synthetic ONSPD-sized file (release builds only).")

  @Option(help: "Rows of the synthetic directory (ONSPD has about 2.7 million).")
  var rows = 2_700_000

  @Option(help: "Postcodes looked up (a county's caseload is a few thousand).")
  var wanted = 20_000

  @Option(help: "Where the synthetic directory is written (kept between runs; not committed).")
  var file = "/tmp/placewise-bench/onspd-synthetic.csv"

  @Option(help: "Timed runs.")
  var runs = 3

  func run() throws {
    #if DEBUG
      throw ValidationError("build in release: swift build -c release && .build/release/postcode-bench")
    #else
      try FileManager.default.createDirectory(
        atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
      let attributes = try? FileManager.default.attributesOfItem(atPath: file)
      if (attributes?[.size] as? Int ?? 0) == 0 {
        let start = ContinuousClock.now
        let size = try PostcodeFixture.writeONSPD(rows: rows, to: file)
        print("generated \(rows) rows, \(size) bytes in \(seconds(start.duration(to: .now))) s")
      }
      // Postcodes spread over the file, and a few that are not in it.
      let step = max(1, rows / wanted)
      let indices = Array(stride(from: 0, to: rows, by: step).prefix(wanted))
      var keys = Set<PostcodeKey>()
      for index in indices { if let key = PostcodeKey(PostcodeFixture.postcode(index)) { keys.insert(key) } }
      for unknown in ["QZ9 9ZZ", "XZ49 9ZZ"] { if let key = PostcodeKey(unknown) { keys.insert(key) } }

      for run in 1...runs {
        let start = ContinuousClock.now
        let result = try PostcodeDirectory.lookup(path: file, wanted: keys).get()
        let elapsed = seconds(start.duration(to: .now))
        try check(result, indices: indices)
        let megabytes = Double(result.bytes) / 1_000_000
        print(
          "run \(run): \(result.rows) rows, \(String(format: "%.0f", megabytes)) MB, \(keys.count) postcodes "
            + "asked, \(result.entries.count) found: \(String(format: "%.2f", elapsed)) s, "
            + "\(String(format: "%.0f", megabytes / elapsed)) MB/s")
      }
    #endif
  }

  /// Every answer as the generator made it: live at its grid point,
  /// terminated every seventh, no grid reference every 101st.
  private func check(_ result: PostcodeLookup, indices: [Int]) throws {
    guard result.rows == rows, result.entries.count == indices.count else {
      throw ValidationError("read \(result.rows) rows and found \(result.entries.count) postcodes")
    }
    for index in indices {
      guard let key = PostcodeKey(PostcodeFixture.postcode(index)) else { continue }
      let expected: PostcodeEntry =
        index % 7 == 6
        ? .terminated(since: "201906")
        : index % 101 == 100
          ? .noGridReference
          : .live(
            easting: Double(500_000 + (index * 7919) % 150_000), northing: Double(100_000 + (index * 104_729) % 200_000)
          )
      guard result.entries[key] == expected else { throw ValidationError("wrong answer for row \(index)") }
    }
  }

  private func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
  }
}
