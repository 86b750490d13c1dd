public import Placewise

/// The short summary printed on standard output after an allocation: counts
/// and journeys in plain words, never a pupil's data.
public enum HumanSummary {
  /// A few lines of plain text; with `outputFolder`, where the outputs and
  /// the report are; `planning` (from `planning(case:placeValues:explanations:)`)
  /// goes before those.
  public static func render(
    summary s: AllocationSummary, allocation: Allocation, outputFolder: String? = nil, planning: String = ""
  ) -> String {
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
    if s.requestsProtected > 0 || s.requestsExceptedResources > 0 {
      lines.append(
        "Protected requests refused:    \(F.grouped(s.requestsRefused)) of \(F.grouped(s.requestsProtected)) "
          + "(section 39: a school the authority must name unless unsuitable or incompatible)"
          + (s.requestsExceptedResources > 0
            ? "; \(F.grouped(s.requestsExceptedResources)) more not protected on cost" : ""))
    }
    if s.pupilsKeptAtCurrent + s.pupilsMovedFromCurrent > 0 {
      lines.append(
        "Pupils who could stay put:     \(F.grouped(s.pupilsKeptAtCurrent)) kept at their current setting, "
          + "\(F.grouped(s.pupilsMovedFromCurrent)) moved or left without a place")
    }
    if s.agreedPlacements > 0 {
      lines.append("Agreed placements:             \(F.grouped(s.agreedPlacements)) (fixed_urn), held as agreed")
    }
    lines.append(
      "Journeys:                      \(F.hoursAndMinutes(s.travelMinutes)) in total, "
        + "\(F.hoursAndMinutes(s.meanTravelMinutes)) on average, longest \(F.hoursAndMinutes(s.longestJourneyMinutes))")
    if s.annualPlaceCost > 0 {
      lines.append("Annual cost of places used:    \(F.pounds(s.annualPlaceCost))")
    }
    if s.annualTransportCost > 0 || s.annualUnplacedCost > 0 {
      lines.append(
        "Annual costs:                  \(F.pounds(s.annualTotalCost)) in total: places \(F.pounds(s.annualPlaceCost)), "
          + "transport \(F.pounds(s.annualTransportCost)), children without a place "
          + "\(F.pounds(s.annualUnplacedCost))")
    }
    lines.append("Solver:                        optimal (\(allocation.solverPath))")
    if !planning.isEmpty { lines.append(String(planning.dropLast(planning.hasSuffix("\n") ? 1 : 0))) }
    if let outputFolder {
      let folder = outputFolder.hasSuffix("/") ? String(outputFolder.dropLast()) : outputFolder
      lines.append("Outputs written to:            \(folder)")
      lines.append("Report:                        \(folder)/report.html (open it in any web browser)")
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// The planning lines: the five settings where one more place is worth
  /// most (unmet priority first, then cost; only places worth something),
  /// and the first preferences given to others with their total cost.
  public static func planning(case input: Case, placeValues: [PlaceValue]?, explanations: Explanations?) -> String {
    var lines: [String] = []
    // Level C in its unit: minutes-equivalent, or pounds a year.
    func cost(_ value: Double) -> String {
      input.policy.costUnit == .pounds
        ? (value < 0 ? "-" : value > 0 ? "+" : "") + NumberFormatting.pounds(abs(value)) + " a year"
        : signed(value) + " minutes"
    }
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
              + (row.change.refused != 0 ? "requests refused \(signed(Double(row.change.refused))), " : "")
              + "placement cost \(cost(row.change.cost))")
        }
      }
    }
    if let explanations {
      let total = explanations.totalChange
      lines.append(
        "First preferences given to others: \(explanations.givenToOthers); honouring each alone would cost others, "
          + "in total, unmet priority \(signed(Double(total.unmet))), placement cost \(cost(total.cost))")
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
