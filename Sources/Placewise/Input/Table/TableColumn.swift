/// The columns a CSV file of the case format defines.
///
/// Raw values are the positions in `allCases` (the default for an `Int` enum).
protocol TableColumn: CaseIterable, RawRepresentable where RawValue == Int, AllCases == [Self] {
  /// The header name (lower case).
  var name: String { get }
  /// Whether the file must have this column.
  var isRequired: Bool { get }
}
