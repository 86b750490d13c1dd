public import Placewise

/// The short summary printed on standard output after an allocation:
/// counts and journeys, never a pupil's data.
public enum HumanSummary {
  /// A few lines of plain text.
  public static func render(summary: AllocationSummary, allocation: Allocation) -> String {
    func minutes(_ value: Double) -> String {
      let tenths = (value * 10).rounded() / 10
      return tenths == tenths.rounded() ? String(Int64(tenths)) : String(tenths)
    }
    var lines = [
      "Pupils:                  \(summary.pupils)",
      "Placed:                  \(summary.placed)",
      "Unplaced:                \(summary.unplaced) (no eligible setting: \(summary.unplacedNoEligibleSetting), "
        + "eligible settings full: \(summary.unplacedSettingsFull); unmet priority \(summary.unmetPriority))",
      "First preferences met:   \(summary.firstPreferenceMet) of \(summary.pupilsWithPreferences) pupils with preferences",
      "Journeys:                \(minutes(summary.travelMinutes)) minutes in total, "
        + "\(minutes(summary.meanTravelMinutes)) mean, \(minutes(summary.longestJourneyMinutes)) longest",
      "Solver:                  optimal (\(allocation.solverPath))",
    ]
    if summary.annualPlaceCost > 0 {
      lines.insert("Annual cost of places:   £\(Int64(summary.annualPlaceCost.rounded()))", at: 5)
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// The planning lines: the five settings where one more place is worth
  /// most (unmet priority first, then cost; only places worth something),
  /// and the first preferences given to others with their total cost.
  public static func planning(case input: Case, placeValues: [PlaceValue]?, explanations: Explanations?) -> String {
    var lines: [String] = []
    if let placeValues {
      let best = placeValues.enumerated()
        .filter { $0.element.need == nil && $0.element.change < .zero }
        .sorted { ($0.element.change, $0.offset) < ($1.element.change, $1.offset) }
        .prefix(5)
      if best.isEmpty {
        lines.append("One more place:          worth nothing anywhere (no setting's extra place changes the optimum)")
      } else {
        lines.append("One more place is worth most at:")
        for (_, row) in best {
          let setting = input.settings[row.setting]
          lines.append(
            "  \(setting.name) (\(setting.urn)): unmet priority \(signed(Double(row.change.unmet))), "
              + "placement cost \(signed(row.change.cost)) minutes")
        }
      }
    }
    if let explanations {
      let total = explanations.totalChange
      lines.append(
        "First preferences given to others: \(explanations.givenToOthers); honouring each alone would cost others, "
          + "in total, unmet priority \(signed(Double(total.unmet))), placement cost \(signed(total.cost)) minutes")
    }
    return lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n"
  }

  /// A change rounded to tenths, with its sign: "+23.4", "-1", "0".
  private static func signed(_ value: Double) -> String {
    let tenths = (value * 10).rounded() / 10
    let text = tenths == tenths.rounded() ? String(Int64(tenths)) : String(tenths)
    return tenths > 0 ? "+" + text : text
  }
}
