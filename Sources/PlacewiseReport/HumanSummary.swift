public import Placewise

/// The short summary printed on standard output after an allocation:
/// counts and journeys, never a pupil's data.
public enum HumanSummary {
  /// A few lines of plain text.
  public static func render(summary: AllocationSummary, allocation: Allocation) -> String {
    func minutes(_ value: Double) -> String {
      let tenths = (value * 10).rounded() / 10
      return tenths == tenths.rounded() ? NumberText.format(tenths) : String(tenths)
    }
    var lines = [
      "Pupils:                  \(summary.pupils)",
      "Placed:                  \(summary.placed)",
      "Unplaced:                \(summary.unplaced) (no eligible setting: \(summary.unplacedNoEligibleSetting), "
        + "eligible settings full: \(summary.unplacedSettingsFull); unmet priority \(summary.unmetPriority))",
      "First preferences met:   \(summary.firstPreferenceMet) of \(summary.pupilsWithPreferences) pupils with preferences",
      "Journeys:                \(minutes(summary.travelMinutes)) minutes in total, "
        + "\(minutes(summary.meanTravelMinutes)) mean, \(minutes(summary.longestJourneyMinutes)) longest",
      "Solver:                  \(allocation.solverStatus) (\(allocation.solverPath))",
    ]
    if summary.annualPlaceCost > 0 {
      lines.insert("Annual cost of places:   £\(NumberText.format(summary.annualPlaceCost.rounded()))", at: 5)
    }
    return lines.joined(separator: "\n") + "\n"
  }
}
