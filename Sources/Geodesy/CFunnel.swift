// The one place where Swift calls PROJ. Every pointer PROJ hands out is
// owned by a Swift object above this file; C types stop here.
internal import CPROJ

/// A PROJ context or operation, as an opaque pointer owned by the caller.
typealias ProjPointer = OpaquePointer

enum CFunnel {
  /// A new PROJ context with network access and logging off: Placewise
  /// makes no network calls, and a library never prints.
  static func createContext() -> ProjPointer? {
    guard let context = proj_context_create() else { return nil }
    _ = proj_context_set_enable_network(context, 0)
    _ = proj_log_level(context, PJ_LOG_NONE)
    return context
  }

  static func destroyContext(_ context: ProjPointer) {
    _ = proj_context_destroy(context)
  }

  /// The operation from `source` to `target` (CRS names such as
  /// `EPSG:4326`), or PROJ's error message.
  static func createOperation(
    _ context: ProjPointer, from source: String, to target: String
  ) -> Result<ProjPointer, GeodesyError> {
    guard let operation = proj_create_crs_to_crs(context, source, target, nil) else {
      return .failure(error(context, operation: "creating the transformation \(source) to \(target)"))
    }
    return .success(operation)
  }

  static func destroyOperation(_ operation: ProjPointer) {
    _ = proj_destroy(operation)
  }

  /// Transforms one point, in the axis order of the source CRS (EPSG:4326:
  /// latitude, then longitude, in degrees); nil coordinates with PROJ's
  /// error when it fails.
  static func transform(
    _ context: ProjPointer, _ operation: ProjPointer, first: Double, second: Double
  ) -> Result<(Double, Double), GeodesyError> {
    _ = proj_errno_reset(operation)
    let input = proj_coord(first, second, 0, 0)
    let output = proj_trans(operation, PJ_FWD, input)
    let code = proj_errno(operation)
    let x = output.xy.x
    let y = output.xy.y
    guard code == 0, x.isFinite, y.isFinite else {
      return .failure(error(context, operation: "transforming a point", code: code))
    }
    return .success((x, y))
  }

  /// The name PROJ gives the operation it used last (which of the
  /// candidate transformations it chose), if any.
  static func lastOperationName(_ operation: ProjPointer) -> String? {
    guard let used = proj_trans_get_last_used_operation(operation) else { return nil }
    defer { _ = proj_destroy(used) }
    let info = proj_pj_info(used)
    guard let description = info.description else { return nil }
    return String(cString: description)
  }

  /// PROJ's release, `9.1.1`.
  static var version: String {
    let info = proj_info()
    guard let release = info.version else { return "unknown" }
    return String(cString: release)
  }

  /// An error carrying PROJ's own message for the context's last error
  /// (or for `code`, when given).
  private static func error(_ context: ProjPointer, operation: String, code: CInt? = nil) -> GeodesyError {
    let number = code ?? proj_context_errno(context)
    let message = proj_context_errno_string(context, number).map { String(cString: $0) } ?? "unknown PROJ error"
    return GeodesyError(kind: .projFailed, operation: operation, code: Int(number), message: message)
  }
}
