import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Reads a case folder (`settings.csv`, `pupils.csv`, optional `travel.csv`
/// and `policy.toml`) into a ``Case``, or refuses it as a whole with every
/// problem found.
///
/// All files are read in one pass and every rule of the case format's
/// "Invalid input" section is checked; problems are collected, not thrown at
/// the first, so a planner can fix a file in one go. Where the format leaves
/// a choice, the reader decides as follows:
/// - A whole number may be written with a zero fraction (`3.0`, `3.00`), as
///   spreadsheets often export it, and means 3; `3.5` is an error.
/// - Blank lines, and rows whose cells are all empty (spreadsheets export
///   those as `,,,`), are skipped wherever they are, with one warning per
///   file counting them; blank lines at the very end of a file are skipped
///   silently.
/// - A `"` inside an unquoted cell is an error (see ``CSVReader``).
/// - An empty required cell is an error; an empty optional cell takes the
///   default.
/// - Ids (`pupil_id`, `urn`) are matched exactly as written, after trimming:
///   case matters in ids, unlike in codes and words.
/// - `cost_per_place` must not be negative; coordinates may be any finite
///   number.
/// - A row whose shape is wrong (too few or too many fields, a CSV syntax
///   error) is reported once and its cells are not checked further.
/// - A file holding only its header is valid and has no rows; an empty file,
///   or a first line with no column names, is refused. A header with a quote
///   never closed is reported alone (the rest of the file went into it), and
///   one of more than 10,000 columns is refused.
/// - A file in UTF-16, with a byte-order mark or without (NUL bytes), is
///   refused as a whole; so are a link that leads nowhere, a pipe or a
///   device where a file should be, and a policy file over 1 MB.
///
/// Messages name files, lines, columns, header names and the offending
/// values of known columns; they never quote a whole row, anything from a
/// column the format does not define, or a pupil's home coordinates.
public enum CaseReader {
  /// At most this many problems are listed in an ``InvalidCaseError``; all
  /// are counted in its `totalCount`.
  public static let problemLimit = 200

  /// Reads and checks the case in `folder`.
  ///
  /// - Parameters:
  ///   - folder: the case folder.
  ///   - policyFile: a policy file to use instead of the folder's
  ///     `policy.toml`; problems in it are reported under this path as given.
  ///   - postcodesFile: the postcode directory (ONSPD or Code-Point Open)
  ///     that `postcode` cells are looked up in, over the policy's
  ///     `postcodes` key.
  /// - Returns: the case, with warnings about what was skipped.
  /// - Throws: ``InvalidCaseError`` listing every problem found (at most
  ///   ``problemLimit`` of them), when anything breaks the case format.
  public static func read(folder: String, policyFile: String? = nil, postcodesFile: String? = nil)
    throws(InvalidCaseError) -> Case
  {
    var reading = CaseReading()
    reading.locations.postcodesFile = postcodesFile
    let result = reading.read(folder: folder, policyFile: policyFile)
    guard reading.problems.total == 0, let result else { throw reading.problems.error() }
    return result
  }

  /// The postcode directory a read of this case would open (`postcodesFile`,
  /// else the policy's `postcodes` taken from the case folder), found
  /// without reading the case, so that a command can refuse to write over
  /// it before reading anything; nil when none is named or the policy
  /// cannot be read (the read then reports why).
  public static func namedPostcodeDirectory(folder: String, policyFile: String?, postcodesFile: String?) -> String? {
    var reading = CaseReading()
    reading.locations.postcodesFile = postcodesFile
    reading.locations.caseFolder = folder
    if postcodesFile == nil {
      let path = policyFile ?? URL(fileURLWithPath: folder).appendingPathComponent("policy.toml").path
      guard case .contents(let data) = CaseFile(atPath: path) else { return nil }
      reading.policy = PolicyReader.read([UInt8](data), file: path).policy
    }
    return reading.postcodeDirectoryPath
  }
}
