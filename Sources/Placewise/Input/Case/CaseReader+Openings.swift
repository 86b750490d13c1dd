import Foundation

/// A case read together with the journeys to settings that plans open.
package struct CaseWithOpenings: Sendable {
  /// The case as given: what `CaseReader.read(folder:policyFile:)` returns.
  package var input: Case
  /// `travel.csv` rows naming a URN that plans open and the case lacks:
  /// setting index = position in `openings` (empty without a travel matrix).
  package var openingTravel: TravelMatrix
  /// The URNs asked for that are not settings of the case, once each, in
  /// the order first asked.
  package var openings: [URN]
}

extension CaseReader {
  /// Reads a case as ``read(folder:policyFile:)`` does, keeping the
  /// `travel.csv` rows of settings that plans open (`openings`, URNs not
  /// in `settings.csv`) instead of skipping them: a plan's new setting is
  /// reachable exactly where the routing matrix lists it. The case's own
  /// figures and warnings are those of a plain read.
  package static func read(
    folder: String, policyFile: String? = nil, postcodesFile: String? = nil, openings: [URN]
  ) throws(InvalidCaseError) -> CaseWithOpenings {
    var reading = CaseReading()
    reading.locations.postcodesFile = postcodesFile
    reading.openings = openings.map(\.rawValue)
    let result = reading.read(folder: folder, policyFile: policyFile)
    guard reading.problems.total == 0, var result else { throw reading.problems.error() }
    Self.countSkipped(reading.openingTravel.count, in: &result)
    return CaseWithOpenings(
      input: result, openingTravel: reading.openingTravel, openings: reading.openings.map(URN.init))
  }

  /// The same, from files in memory (``read(files:policyFile:)``).
  package static func read(files: [String: [UInt8]], policyFile: String? = nil, openings: [URN])
    throws(InvalidCaseError) -> CaseWithOpenings
  {
    var reading = CaseReading()
    reading.openings = openings.map(\.rawValue)
    let result = reading.read(policyFile: policyFile) { name, _ in
      files[name].map { .contents(Data($0)) } ?? .missing
    }
    guard reading.problems.total == 0, var result else { throw reading.problems.error() }
    Self.countSkipped(reading.openingTravel.count, in: &result)
    return CaseWithOpenings(
      input: result, openingTravel: reading.openingTravel, openings: reading.openings.map(URN.init))
  }

  /// The case alone skips the rows kept for openings: its warning counts
  /// them, as a plain read's does.
  private static func countSkipped(_ kept: Int, in input: inout Case) {
    guard kept > 0 else { return }
    let file = "travel.csv"
    let marker = "a pupil_id not in pupils.csv or a urn not in settings.csv; skipped"
    var total = kept
    if let i = input.warnings.firstIndex(where: { $0.file == file && $0.message.hasSuffix(marker) }) {
      total += input.warnings[i].count
      input.warnings.remove(at: i)
      input.warnings.insert(Self.skippedWarning(total), at: i)
    } else {
      // Where a plain read puts it: after travel.csv's header warnings,
      // before its blank rows.
      let blank = input.warnings.firstIndex { $0.file == file && $0.message.contains("blank row") }
      let last = input.warnings.lastIndex { $0.file == file }.map { $0 + 1 }
      let at =
        blank ?? last ?? input.warnings.firstIndex { $0.file != "settings.csv" && $0.file != "pupils.csv" }
        ?? input.warnings.endIndex
      input.warnings.insert(Self.skippedWarning(total), at: at)
    }
  }

  private static func skippedWarning(_ rows: Int) -> InputWarning {
    InputWarning(
      file: "travel.csv",
      message: "\(rows) row\(rows == 1 ? " names" : "s name") a pupil_id not in pupils.csv "
        + "or a urn not in settings.csv; skipped",
      count: rows)
  }
}

extension CaseReading {
  /// Splits a matrix read with opening URNs registered after the case's
  /// settings: the case's pairs, and the openings' (indices from 0).
  static func split(_ matrix: TravelMatrix, caseSettings: Int) -> (TravelMatrix, TravelMatrix) {
    let (own, other) = partition(matrix) { _, setting in setting < caseSettings }
    var opened = TravelMatrix()
    for k in 0..<other.count {
      opened.append(
        pupil: Int(other.pupil[k]), setting: Int(other.setting[k]) - caseSettings, minutes: other.minutes[k])
    }
    return (own, opened)
  }

  /// The rows of a matrix that `keep` keeps, and the others.
  static func partition(_ matrix: TravelMatrix, keep: (_ pupil: Int, _ setting: Int) -> Bool) -> (
    TravelMatrix, TravelMatrix
  ) {
    var kept = TravelMatrix()
    var other = TravelMatrix()
    kept.pupil.reserveCapacity(matrix.count)
    kept.setting.reserveCapacity(matrix.count)
    kept.minutes.reserveCapacity(matrix.count)
    for k in 0..<matrix.count {
      if keep(Int(matrix.pupil[k]), Int(matrix.setting[k])) {
        kept.pupil.append(matrix.pupil[k])
        kept.setting.append(matrix.setting[k])
        kept.minutes.append(matrix.minutes[k])
      } else {
        other.append(pupil: Int(matrix.pupil[k]), setting: Int(matrix.setting[k]), minutes: matrix.minutes[k])
      }
    }
    return (kept, other)
  }
}
