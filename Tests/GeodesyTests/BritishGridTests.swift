import Foundation
import Geodesy
import Synchronization
import Testing

/// Ordnance Survey's published OSTN15 test points (the developer pack's
/// `OSTN15_OSGM15_TestInput_ETRStoOSGB.txt` and `..._TestOutput_...`): ETRS89
/// latitude and longitude in, OSGB36 easting and northing out, to the
/// millimetre, as OSTN15 gives them (latitudes and longitudes here rounded to
/// 1e-8 degrees, about a millimetre, except TP01's). ETRS89 and WGS84 differ by well under a
/// metre in Great Britain, far less than the Helmert transformation's error.
private let osTestPoints: [(id: String, latitude: Double, longitude: Double, easting: Double, northing: Double)] = [
  ("TP01", 49.92226393730, -6.29977752014, 91492.146, 11318.804),
  ("TP02", 49.96006138, -5.203046100, 170370.718, 11572.405),
  ("TP04", 50.57563665, -1.297822772, 449816.371, 75335.861),
  ("TP07", 51.37447026, 1.444547304, 639821.835, 169565.858),
  ("TP09", 51.48936565, -0.119925572, 530624.974, 178388.464),
  ("TP13", 52.25160951, -0.912489570, 474335.969, 262047.755),
  ("TP16", 53.34480280, -2.640493208, 357455.843, 383290.436),
  ("TP20", 53.80021520, -1.663791682, 422242.186, 433818.701),
  ("TP25", 54.97912274, -1.616576852, 424639.355, 565012.703),
  ("TP27", 55.92478266, -3.294792193, 319188.434, 670947.534),
  ("TP29", 57.13902519, -2.048560307, 397160.491, 805349.736),
  ("TP31", 57.81351838, -8.578544561, 9587.909, 899448.996),
  ("TP35", 59.03743871, -3.214540011, 330398.323, 1017347.016),
  ("TP40", 60.13308092, -2.073828228, 395999.668, 1138728.951),
]

@Suite("British National Grid from WGS84")
struct BritishGridTests {
  /// Without the OSTN15 grid file (Debian's proj-data lacks it) PROJ uses
  /// the Helmert transformation EPSG:1314, which OS quotes to a few metres.
  /// Measured on these points (PROJ 9.1.1): worst 4.94 m (TP31, St Kilda),
  /// 4.74 m on Scilly (TP01), 4.12 m at the Lizard (TP02), and at most 1.97 m
  /// east of 5°W (England north of Cornwall, Wales, Scotland's mainland). So:
  /// 5 m everywhere, 2 m east of 5°W. With the grid, 0.1 m everywhere.
  @Test("OS test points TP01-TP40 (a spread across Great Britain) within the accuracy of the transformation used")
  func osTestPointsAgree() throws {
    let converter = try BritishGridConverter()
    var worst = 0.0
    for point in osTestPoints {
      let grid = try converter.convert(GeographicPoint(latitude: point.latitude, longitude: point.longitude))
      let error = hypot(grid.easting - point.easting, grid.northing - point.northing)
      worst = max(worst, error)
      let tolerance = converter.usedOSTN15 ? 0.1 : point.longitude > -5 ? 2.0 : 5.0
      #expect(error <= tolerance, "\(point.id): \(error) m off, more than \(tolerance) m")
    }
    let name = try #require(converter.operationName)
    #expect(!name.isEmpty)
    print("British grid: worst error \(worst) m over \(osTestPoints.count) OS test points via \(name)")
  }

  @Test("Caister water tower (the OS guide's worked example) within 5 m")
  func caisterWaterTower() throws {
    let converter = try BritishGridConverter()
    let grid = try converter.convert(GeographicPoint(latitude: 52.658007833, longitude: 1.716073973))
    #expect(hypot(grid.easting - 651409.804, grid.northing - 313177.450) <= 5)
  }

  @Test(
    "Points outside Great Britain's box are refused before PROJ is called",
    arguments: [
      (0.0, 0.0), (-51.5, -0.12), (51.5, 12.0), (1.5, 51.5), (90.5, 0.0), (48.0, -4.0), (62.0, -1.0),
      (Double.nan, -1.0), (52.0, Double.infinity),
    ])
  func outOfRange(latitude: Double, longitude: Double) throws {
    let converter = try BritishGridConverter()
    #expect {
      _ = try converter.convert(GeographicPoint(latitude: latitude, longitude: longitude))
    } throws: { error in
      guard let error = error as? GeodesyError else { return false }
      // The message names the box, never the point.
      return error.kind == .outOfRange && error.description.contains("outside Great Britain")
        && !error.description.contains(String(latitude))
    }
  }

  @Test("Each thread's own converter gives the same figures as one converter")
  func convertersOnThreads() throws {
    let reference = try BritishGridConverter()
    let expected = try osTestPoints.map {
      try reference.convert(GeographicPoint(latitude: $0.latitude, longitude: $0.longitude))
    }
    let results = Results(count: 4)
    DispatchQueue.concurrentPerform(iterations: 4) { thread in
      guard let converter = try? BritishGridConverter() else { return }
      let points = osTestPoints.compactMap {
        try? converter.convert(GeographicPoint(latitude: $0.latitude, longitude: $0.longitude))
      }
      results.store(thread, points)
    }
    for thread in 0..<4 { #expect(results.value(thread) == expected) }
  }
}

/// Results handed back from threads, one slot each.
private final class Results: Sendable {
  private let slots: Mutex<[[GridPoint]]>
  init(count: Int) { slots = Mutex(Array(repeating: [], count: count)) }
  func store(_ slot: Int, _ value: [GridPoint]) { slots.withLock { $0[slot] = value } }
  func value(_ slot: Int) -> [GridPoint] { slots.withLock { $0[slot] } }
}
