/// A case that solves at once (no setting is contested), so that most of a
/// run is reading and writing: 3,000 pupils at 10 roomy schools, written
/// into `scratch`; the case folder's path. The tests that stop a run do it
/// at a pause point (a debug build's hook), not on a timer, so its size
/// buys nothing (30,000 pupils cost the suite 90 s of its 2 cores).
public func largeCase(in scratch: ScratchFolder) throws -> String {
  var settings = "urn,name,kind,easting,northing,low_age,high_age,capacity\n"
  for s in 0..<10 { settings += "\(300_000 + s),School \(s),mainstream,\(400_000 + 1000 * s),200000,4,19,100000\n" }
  var pupils = "pupil_id,easting,northing,age,primary_need,provision,preferences\n"
  for p in 0..<largeCasePupils {
    pupils +=
      "K\(p),\(400_000 + (p * 37) % 9000),\(200_000 + (p * 53) % 7000),\(4 + p % 15),ASD,mainstream,\(300_000 + p % 10)\n"
  }
  return try scratch.writeCase("large", files: ["settings.csv": settings, "pupils.csv": pupils])
}

/// The number of pupils in ``largeCase(in:)``.
public let largeCasePupils = 3000
