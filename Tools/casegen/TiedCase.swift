import Foundation

/// The heavily tied case (issue 9, item 8): `settings` special schools of
/// one free place each, all at one point, and `pupils` identical pupils
/// (same home, need, age and plan; no preferences) 1.4 km away. Every
/// allocation placing as many pupils as there are places is equal on both
/// levels; only the documented tie-break tells them apart.
struct TiedCase {
  let settings: Int
  let pupils: Int

  /// Writes `settings.csv` and `pupils.csv`; returns the bytes written.
  func write(to folder: URL) throws -> Int {
    var w = try ByteWriter(url: folder.appendingPathComponent("settings.csv"))
    w.raw("urn,name,kind,easting,northing,low_age,high_age,capacity\n")
    for s in 0..<settings {
      w.raw("\(200_000 + s),Tied School \(s + 1),special,400000,400000,2,19,1")
      w.endRow()
    }
    var bytes = w.byteCount
    try w.close()
    w = try ByteWriter(url: folder.appendingPathComponent("pupils.csv"))
    w.raw("pupil_id,easting,northing,age,primary_need,provision\n")
    for p in 0..<pupils {
      w.raw("T\(String(1_000_000 + p).dropFirst()),401000,401000,10,ASD,special")
      w.endRow()
    }
    bytes += w.byteCount
    try w.close()
    return bytes
  }
}
