import Foundation

/// Synthetic postcode directories in the ONS Postcode Directory and OS
/// Code-Point Open layouts, for tests and the benchmark. The postcodes are
/// made up (areas `QA` to `QZ` and `XA` to `XZ`... are chosen so as not to
/// be real), the columns and quoting are the real layouts'.
public enum PostcodeFixture {
  /// The ONSPD header (February 2024 release): 52 columns.
  public static let onspdHeader = [
    "pcd", "pcd2", "pcds", "dointr", "doterm", "oscty", "ced", "oslaua", "osward", "parish", "usertype", "oseast1m",
    "osnrth1m", "osgrdind", "oshlthau", "nhser", "ctry", "rgn", "streg", "pcon", "eer", "teclec", "ttwa", "pct",
    "itl", "statsward", "oa01", "casward", "npark", "lsoa01", "msoa01", "ur01ind", "oac01", "oa11", "lsoa11",
    "msoa11", "wz11", "sicbl", "bua24", "ru11ind", "oac11", "lat", "long", "lep1", "lep2", "pfa", "imd", "calncv",
    "icb", "oa21", "lsoa21", "msoa21",
  ]

  /// One ONSPD row: quoted text fields as ONS writes them.
  public static func onspdRow(
    postcode: String, easting: String, northing: String, terminated: String = "", quality: String = "1"
  ) -> String {
    let parts = postcode.split(separator: " ")
    let outward = String(parts.first ?? "")
    let inward = String(parts.dropFirst().first ?? "")
    let pcd = outward.padding(toLength: 4, withPad: " ", startingAt: 0) + inward
    let pcd2 = outward.padding(toLength: 5, withPad: " ", startingAt: 0) + inward
    var cells = [
      "\"\(pcd)\"", "\"\(pcd2)\"", "\"\(postcode)\"", "\"198001\"", "\"\(terminated)\"", "\"E10000016\"",
      "\"E58000716\"", "\"E07000110\"", "\"E05009536\"", "\"E04003981\"", "0", easting, northing, quality,
      "\"E18000008\"", "\"E40000005\"", "\"E92000001\"", "\"E12000008\"", "0", "\"E14000803\"", "\"E15000008\"",
      "\"E10000016\"", "\"E30000193\"", "\"E16000113\"", "\"E06000035\"", "\"29UGGA\"", "\"E00127345\"",
      "\"29UGGA\"", "\"E99999999\"", "\"E01024415\"", "\"E02005079\"", "\"5\"", "\"1A1\"", "\"E00127345\"",
      "\"E01024415\"", "\"E02005079\"", "\"E33012345\"", "\"E38000237\"", "\"E63012345\"", "\"C1\"", "\"2B2\"",
      "51.271234", "0.522345", "\"E37000025\"", "\"\"", "\"E23000032\"", "18765", "\"E56000019\"",
      "\"E54000032\"", "\"E00127345\"", "\"E01024415\"", "\"E02005079\"",
    ]
    cells.removeSubrange(onspdHeader.count...)
    return cells.joined(separator: ",")
  }

  /// An ONSPD file's text from rows made with ``onspdRow(postcode:easting:northing:terminated:quality:)``.
  public static func onspd(_ rows: [String], lineEnd: String = "\r\n") -> String {
    ([onspdHeader.joined(separator: ",")] + rows).joined(separator: lineEnd) + lineEnd
  }

  /// One Code-Point Open row (no header in that layout).
  public static func codePointRow(postcode: String, easting: String, northing: String, quality: String = "10")
    -> String
  {
    let compact = postcode.replacingOccurrences(of: " ", with: "")
    let sevenCharacter =
      compact.count == 7
      ? compact
      : String(compact.dropLast(3)).padding(
        toLength: 4, withPad: " ", startingAt: 0) + compact.suffix(3)
    return "\"\(sevenCharacter)\",\(quality),\(easting),\(northing),\"E92000001\",\"E19000001\",\"E18000007\","
      + "\"E10000016\",\"E07000110\",\"E05009536\""
  }

  /// The `index`th made-up postcode of a sequence with at most 5.4 million:
  /// area from 27 two-letter areas starting with Q or X, district 1 to 50,
  /// then a digit and two letters.
  public static func postcode(_ index: Int) -> String {
    let letters = Array("ABDEFGHJLNPQRSTUWXYZ")  // the letters Royal Mail uses in inward codes
    let inward = index % 4000
    let district = (index / 4000) % 50 + 1
    let area = index / 200_000
    let areaLetters = Array("ABCDEFGHIJKLMNOPRSTUVWXYZ")
    let prefix = (area < 25 ? "Q" : "X") + String(areaLetters[area % 25])
    return prefix + String(district) + " " + String(inward / 400) + String(letters[(inward / 20) % 20])
      + String(letters[inward % 20])
  }

  /// Writes a synthetic ONSPD of `rows` rows to `path`: every seventh
  /// postcode terminated, every 101st without a grid reference. Returns the
  /// file's size in bytes.
  @discardableResult
  public static func writeONSPD(rows: Int, to path: String) throws -> Int {
    _ = FileManager.default.createFile(atPath: path, contents: nil)
    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
    defer { try? handle.close() }
    var block = onspdHeader.joined(separator: ",") + "\r\n"
    var size = 0
    for index in 0..<rows {
      let easting = String(500_000 + (index * 7919) % 150_000)
      let northing = String(100_000 + (index * 104_729) % 200_000)
      let noGrid = index % 101 == 100
      block +=
        onspdRow(
          postcode: postcode(index), easting: noGrid ? "" : easting, northing: noGrid ? "" : northing,
          terminated: index % 7 == 6 ? "201906" : "", quality: noGrid ? "9" : "1") + "\r\n"
      if block.utf8.count > 1 << 20 {
        size += block.utf8.count
        try handle.write(contentsOf: Data(block.utf8))
        block = ""
      }
    }
    size += block.utf8.count
    try handle.write(contentsOf: Data(block.utf8))
    return size
  }
}
