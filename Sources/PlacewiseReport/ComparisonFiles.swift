/// The files of `compare`'s output folder.
public enum ComparisonFiles {
  /// Every name `compare` may write, as `OutputFolder` patterns: the three
  /// tables, and in `plans/NAME/` whatever an allocation writes.
  public static let names: Set<String> =
    Set(["comparison.csv", "comparison-by-need.csv", "moves.csv"]).union(OutputFiles.names.map { "plans/*/" + $0 })
}
