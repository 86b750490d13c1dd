package import Placewise

/// The short summary printed on standard output after an allocation: counts
/// and journeys in plain words, never a pupil's data.
package enum HumanSummary {
  /// A few lines of plain text; with `outputFolder`, where the outputs and
  /// the report are; `planning` (from `planning(case:placeValues:explanations:)`)
  /// goes before those.
  package static func render(
    summary s: AllocationSummary, allocation: Allocation, outputFolder: String? = nil, planning: String = ""
  ) -> String {
    typealias F = NumberFormatting
    var lines = [
      "Placed \(F.grouped(s.placed)) of \(F.count(s.pupils, "pupil")) (\(F.percent(s.placed, of: s.pupils)))."
    ]
    if s.unplaced == 0 {
      lines.append("Children without a place:      none")
    } else {
      lines.append(
        "Children without a place:      \(F.grouped(s.unplaced)) (\(F.grouped(s.unplacedNoEligibleSetting)) with no "
          + "eligible setting, \(F.grouped(s.unplacedSettingsFull)) with every eligible setting full)")
      lines.append(
        "  weighted by priority:        \(F.grouped(s.unmetPriority)) (each child counted by their priority; "
          + "the figure Placewise minimises first)")
    }
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
      "Journeys:                      \(F.hoursAndMinutes(s.meanTravelMinutes)) on average, longest "
        + "\(F.hoursAndMinutes(s.longestJourneyMinutes)); "
        + (s.placedOverJourneyLimit == 0
          ? "no child over their journey limit"
          : "\(F.count(s.placedOverJourneyLimit, "child", "children")) over their journey limit (placed at "
            + "a preference, their current setting or an agreed placement)"))
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
  package static func planning(case input: Case, placeValues: [PlaceValue]?, explanations: Explanations?) -> String {
    var lines: [String] = []
    // Level C in its unit, in words: "55.8 more minutes of journeys and
    // missed preferences", "£1,200 a year less in placement costs".
    func cost(_ value: Double) -> String {
      let pounds = input.policy.costUnit == .pounds
      let what = pounds ? "placement cost (places, transport and penalties)" : "of journeys and missed preferences"
      if abs(value) < 0.05 { return "no change in " + (pounds ? what : "journeys and missed preferences") }
      if pounds { return "\(NumberFormatting.pounds(abs(value))) a year \(value > 0 ? "more" : "less") in \(what)" }
      // To the tenth of a minute, without a trailing ".0".
      let tenths = NumberFormatting.decimal(abs(value), places: 1)
      let size = tenths.hasSuffix(".0") ? String(tenths.dropLast(2)) : tenths
      return "\(size) \(value > 0 ? "more" : "fewer") minutes \(what)"
    }
    // Level U: children without a place, weighted by priority.
    func unmet(_ value: Int) -> String {
      value == 0
        ? "no change in children without a place"
        : "\(NumberFormatting.grouped(abs(value))) \(value < 0 ? "fewer" : "more") "
          + "\(abs(value) == 1 ? "child" : "children") without a place (weighted by priority)"
    }
    // Level R: protected requests refused.
    func refused(_ value: Int) -> String {
      "\(NumberFormatting.grouped(abs(value))) \(value < 0 ? "fewer" : "more") "
        + "\(abs(value) == 1 ? "request" : "requests") refused"
    }
    if let placeValues {
      let best = placeValues.enumerated()
        .filter { $0.element.need == nil && $0.element.change < .zero }
        .sorted { ($0.element.change, $0.offset) < ($1.element.change, $1.offset) }
        .prefix(5)
      if best.isEmpty {
        lines.append("One more place:          worth nothing anywhere (no setting's extra place changes the optimum)")
      } else {
        lines.append("One more place is worth most at (what it would change):")
        for (_, row) in best {
          let setting = input.settings[row.setting]
          lines.append(
            "  \(setting.name) (\(setting.urn)): \(unmet(row.change.unmet)), "
              + (row.change.refused != 0 ? "\(refused(row.change.refused)), " : "")
              + cost(row.change.cost))
        }
      }
    }
    if let explanations, explanations.givenToOthers == 0 {
      lines.append("First preferences given to others: none")
    } else if let explanations {
      let total = explanations.totalChange
      lines.append(
        "First preferences given to others: \(NumberFormatting.grouped(explanations.givenToOthers)); honouring each "
          + "alone would mean, added up over them: \(unmet(total.unmet)), \(cost(total.cost))")
    }
    return lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n"
  }

}
