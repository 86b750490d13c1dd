/// The files of `recommend`'s output folder.
public enum RecommendationFiles {
  /// Every name `recommend` may write, as `OutputFolder` patterns: its own
  /// files, and in `allocation/` whatever an allocation writes.
  public static let names: Set<String> =
    Set(["recommendation.csv", "plan.csv", "summary.json", "frontier.csv", "report.html"])
    .union(OutputFiles.names.map { "allocation/" + $0 })
}
