/// A position on the WGS84 ellipsoid (EPSG:4326), in decimal degrees.
package struct GeographicPoint: Sendable, Equatable {
  /// Degrees north of the equator.
  package var latitude: Double
  /// Degrees east of Greenwich (west is negative).
  package var longitude: Double

  /// A point at `latitude`, `longitude`.
  package init(latitude: Double, longitude: Double) {
    self.latitude = latitude
    self.longitude = longitude
  }

  /// The latitudes British National Grid is used for: the Isles of Scilly
  /// (49.9°) to Shetland (60.9°), with a margin.
  package static let britishLatitudes: ClosedRange<Double> = 49.5...61.0
  /// The longitudes British National Grid is used for: St Kilda (-8.6°)
  /// to Lowestoft (1.8°), with a margin.
  package static let britishLongitudes: ClosedRange<Double> = -9.0...2.0

  /// Whether the point lies in Great Britain's box (a point in the sea
  /// inside it passes: the box only catches swapped or mistyped columns).
  package var isInGreatBritain: Bool {
    Self.britishLatitudes.contains(latitude) && Self.britishLongitudes.contains(longitude)
  }
}

/// A position on the British National Grid (EPSG:27700), in metres.
package struct GridPoint: Sendable, Equatable {
  /// Metres east of the grid's false origin.
  package var easting: Double
  /// Metres north of the grid's false origin.
  package var northing: Double

  /// A point at `easting`, `northing`.
  package init(easting: Double, northing: Double) {
    self.easting = easting
    self.northing = northing
  }
}

/// Converts WGS84 latitude and longitude (EPSG:4326) to British National
/// Grid eastings and northings (EPSG:27700) with PROJ.
///
/// PROJ chooses the transformation: with the OSTN15 grid file
/// (`uk_os_OSTN15_NTv2_OSGBtoETRS.tif`) installed it uses OSTN15, the
/// national standard, to about 0.1 m; without it, the seven-parameter
/// Helmert transformation (EPSG:1314, "OSGB36 to WGS 84 (6)"), which
/// OS quotes to a few metres. Debian's `proj-data` does not ship the grid,
/// so the Helmert one is the usual case; ``operationName`` says which was
/// used. Network access is off: PROJ never fetches a grid.
///
/// One converter owns one PROJ context and one operation, both freed when
/// it goes; it is not thread-safe (PROJ contexts are per thread), so each
/// thread makes its own.
package final class BritishGridConverter {
  private let context: ProjPointer
  private let operation: ProjPointer

  /// A converter; throws when PROJ cannot find its database or the
  /// transformation.
  package init() throws(GeodesyError) {
    guard let context = CFunnel.createContext() else {
      throw GeodesyError(kind: .projFailed, operation: "creating a PROJ context", message: "out of memory")
    }
    switch CFunnel.createOperation(context, from: "EPSG:4326", to: "EPSG:27700") {
    case .success(let operation):
      self.context = context
      self.operation = operation
    case .failure(let error):
      CFunnel.destroyContext(context)
      throw error
    }
  }

  deinit {
    CFunnel.destroyOperation(operation)
    CFunnel.destroyContext(context)
  }

  /// The grid position of `point`; throws ``GeodesyError/Kind/outOfRange``
  /// for a point outside Great Britain's box (PROJ is not called), or PROJ's
  /// error.
  package func convert(_ point: GeographicPoint) throws(GeodesyError) -> GridPoint {
    guard point.latitude.isFinite, point.longitude.isFinite, point.isInGreatBritain else {
      throw GeodesyError(
        kind: .outOfRange, operation: "converting a point to British National Grid",
        message: "outside Great Britain (latitude \(GeographicPoint.britishLatitudes), "
          + "longitude \(GeographicPoint.britishLongitudes))")
    }
    switch CFunnel.transform(context, operation, first: point.latitude, second: point.longitude) {
    case .success(let (easting, northing)): return GridPoint(easting: easting, northing: northing)
    case .failure(let error): throw error
    }
  }

  /// The name of the transformation PROJ used for the last point, e.g.
  /// `Inverse of OSGB36 to WGS 84 (6) + British National Grid`; nil before
  /// the first.
  package var operationName: String? { CFunnel.lastOperationName(operation) }

  /// Whether the last point went through the OSTN15 grid (accurate to
  /// about 0.1 m) rather than the Helmert transformation (a few metres).
  package var usedOSTN15: Bool { operationName?.contains("OSTN15") ?? false }

  /// The PROJ release in use.
  package static var projVersion: String { CFunnel.version }
}
