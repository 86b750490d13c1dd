/// Who a report is for.
package enum ReportLevel: String, Sendable, CaseIterable {
  /// For the SEND team: every figure, and the explanation search by pupil id.
  case `internal`
  /// For sharing beyond the SEND team: no pupil-level data, and every count
  /// of pupils from 1 to 4 shown as `<5` (the DfE's convention).
  case `public`
}
