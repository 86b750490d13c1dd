/// The columns a CSV file of the case format defines.
///
/// Raw values are the positions in `allCases` (the default for an `Int` enum).
protocol TableColumn: CaseIterable, RawRepresentable where RawValue == Int, AllCases == [Self] {
  /// The header name (lower case).
  var name: String { get }
  /// Whether the file must have this column.
  var isRequired: Bool { get }
  /// Whether the file must have this column, given which columns it has
  /// (`easting` is not needed beside `postcode`, for example).
  func isRequired(given present: (Self) -> Bool) -> Bool
  /// Whether a column the format does not define is an error rather than
  /// a warning: in a file whose columns change money or grouping, a
  /// misspelt `capitol_cost` or `groups` read as absent gives wrong answers.
  static var refusesUnknownColumns: Bool { get }
  /// Whether a refused value that looks like personal data (a postcode,
  /// a name, a coordinate) is described rather than quoted. Only files of
  /// schools (settings.csv, a GIAS extract) quote such values: a plan,
  /// options or demand file may be a pupil list given by mistake, and
  /// quoted it printed names and postcodes (hostile trial, round
  /// twenty-nine).
  static var mayHoldPupilData: Bool { get }
}

extension TableColumn {
  /// By default, ``isRequired``.
  func isRequired(given present: (Self) -> Bool) -> Bool { isRequired }

  /// By default an unknown column is warned about and ignored.
  static var refusesUnknownColumns: Bool { false }

  /// By default a file may hold pupils' data.
  static var mayHoldPupilData: Bool { true }
}
