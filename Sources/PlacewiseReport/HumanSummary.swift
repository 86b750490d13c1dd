public import Placewise

/// The short summary printed on standard output after an allocation: counts
/// and journeys in plain words, never a pupil's data.
public enum HumanSummary {
  /// A few lines of plain text; with `outputFolder`, where the outputs and
  /// the report are.
  public static func render(summary s: AllocationSummary, allocation: Allocation, outputFolder: String? = nil)
    -> String
  {
    typealias F = NumberFormatting
    var lines = [
      "Placed \(F.grouped(s.placed)) of \(F.count(s.pupils, "pupil")) (\(F.percent(s.placed, of: s.pupils)))."
    ]
    if s.unplaced == 0 {
      lines.append("Unplaced:                      none")
    } else {
      lines.append(
        "Unplaced:                      \(F.grouped(s.unplaced)) (\(F.grouped(s.unplacedNoEligibleSetting)) with no "
          + "eligible setting, \(F.grouped(s.unplacedSettingsFull)) with every eligible setting full)")
    }
    lines.append("Unmet need, priority-weighted: \(F.grouped(s.unmetPriority))")
    if s.pupilsWithPreferences > 0 {
      lines.append(
        "First preferences met:         \(F.grouped(s.firstPreferenceMet)) of \(F.grouped(s.pupilsWithPreferences)) "
          + "pupils with preferences (\(F.percent(s.firstPreferenceMet, of: s.pupilsWithPreferences)))")
    }
    lines.append(
      "Journeys:                      \(F.hoursAndMinutes(s.travelMinutes)) in total, "
        + "\(F.hoursAndMinutes(s.meanTravelMinutes)) on average, longest \(F.hoursAndMinutes(s.longestJourneyMinutes))")
    if s.annualPlaceCost > 0 {
      lines.append("Annual cost of places used:    \(F.pounds(s.annualPlaceCost))")
    }
    lines.append("Solver:                        optimal (\(allocation.solverPath))")
    if let outputFolder {
      let folder = outputFolder.hasSuffix("/") ? String(outputFolder.dropLast()) : outputFolder
      lines.append("Outputs written to:            \(folder)")
      lines.append("Report:                        \(folder)/report.html (open it in any web browser)")
    }
    return lines.joined(separator: "\n") + "\n"
  }
}
