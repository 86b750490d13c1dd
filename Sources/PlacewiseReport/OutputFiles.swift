public import Placewise

/// The files of an allocation's output folder, rendered.
public enum OutputFiles {
  /// Renders all output files of a run.
  public static func render(_ run: AllocationRun) -> [(name: String, contents: [UInt8])] {
    [
      (
        "placements.csv",
        Array(
          PlacementsCSV.render(case: run.input, candidates: run.candidates, allocation: run.allocation).utf8)
      ),
      (
        "summary.json",
        Array(
          SummaryJSON.render(summary: run.summary, allocation: run.allocation, warnings: run.input.warnings).utf8)
      ),
      ("settings.csv", Array(SettingsCSV.render(case: run.input, allocation: run.allocation).utf8)),
    ]
  }
}
