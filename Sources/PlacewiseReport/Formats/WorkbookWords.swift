/// The workbook's words for the CSV files' column names and summary.json's
/// keys: "Pupil ID" for `pupil_id`, "Journey (minutes)" for
/// `travel_minutes`. The workbook only: the CSV headers and the JSON keys
/// are the contract and keep their names.
package enum WorkbookWords {
  /// The header of a sheet's column named `column` in its CSV file.
  package static func header(_ column: String, sheet: String) -> String {
    if let special = sheetHeaders[sheet]?[column] { return special }
    return headers[column] ?? words(column)
  }

  /// The label of a summary.json key (or `policy: KEY`, `input: PATH`) on the Summary sheet.
  package static func summaryLabel(_ key: String) -> String {
    // A policy key as policy.toml spells it, so it can be looked up there.
    if key.hasPrefix("policy: ") { return "Policy: " + key.dropFirst(8) }
    if key.hasPrefix("input: ") { return "Input file " + key.dropFirst(7) }
    return summaryLabels[key] ?? headers[key] ?? words(key)
  }

  /// `snake_case` in words, first letter capital, `urn` and `id` in capitals.
  static func words(_ name: String) -> String {
    let parts = name.split(separator: "_").map { part -> String in
      switch part {
      case "urn": "URN"
      case "id": "ID"
      default: String(part)
      }
    }
    let joined = parts.joined(separator: " ")
    return joined.prefix(1).uppercased() + joined.dropFirst()
  }

  /// Where a column means something else on one sheet (a total, not one journey).
  static let sheetHeaders: [String: [String: String]] = [
    "Comparison": ["travel_minutes": "Journeys in total (minutes)", "placed": "Pupils placed"],
    "Frontier": ["budget": "Capital budget (£)", "options": "Options chosen"],
    "Settings by year": ["placed": "Pupils placed"],
  ]

  static let headers: [String: String] = [
    "pupil_id": "Pupil ID", "urn": "URN", "setting_name": "Setting name", "setting_kind": "Kind of setting",
    "travel_minutes": "Journey (minutes)", "preference_rank": "Preference rank",
    "preference_penalty": "Preference penalty", "status": "Status", "reason": "Reason", "priority": "Priority",
    "primary_need": "Primary need", "current_urn": "Current URN", "age": "Age", "nc_year": "NC year",
    "requested_by": "Requested by", "request_protected": "Request protected", "fixed": "Fixed", "moved": "Moved",
    "name": "Name", "kind": "Kind", "capacity": "Capacity", "on_roll": "On roll", "free_places": "Free places",
    "places_used": "Places used", "places_spare": "Places spare", "use_by_need": "Places used by need",
    "need_caps": "Need caps", "by": "By", "group": "Group", "pupils": "Pupils", "placed": "Placed",
    "unplaced": "Unplaced", "unmet_priority": "Unmet need (priority-weighted)",
    "requests_protected": "Protected requests", "requests_refused": "Protected requests refused",
    "annual_place_cost": "Annual place cost (£)", "need": "Need",
    "unmet_priority_change": "Change in unmet need (priority-weighted)",
    "placement_cost_change": "Change in placement cost", "requests_refused_change": "Change in requests refused",
    "first_preference": "First preference", "first_preference_outcome": "First preference outcome",
    "first_preference_unmet_change": "Unmet need change to honour the first preference",
    "first_preference_cost_change": "Placement cost change to honour the first preference",
    "first_preference_requests_change": "Requests refused change to honour the first preference",
    "explanation": "Explanation", "plan": "Plan", "capital_cost": "Capital cost (£)",
    "annual_cost": "Annual cost (£ a year)", "placement_cost": "Placement cost",
    "first_preference_met": "First preferences met", "placed_change": "Change in pupils placed",
    "capital_cost_per_extra_placement": "Capital cost per extra child placed (£)",
    "pupils_moved": "Pupils moved", "displaced": "Children displaced", "unplaced_change": "Change in unplaced",
    "annual_transport_cost": "Annual transport cost (£)", "annual_unplaced_cost": "Annual cost of the unplaced (£)",
    "annual_total_cost": "Annual cost in total (£)", "annual_total_cost_change": "Change in annual cost in total (£)",
    "baseline_urn": "Baseline URN", "plan_urn": "Plan URN", "baseline_status": "Baseline status",
    "plan_status": "Plan status", "baseline_setting_name": "Baseline setting name",
    "plan_setting_name": "Plan setting name", "year": "Year", "caseload": "Caseload", "batch": "Batch",
    "roll_place_cost": "Place cost of the roll (£)", "from_case": "From the case",
    "carried_over": "Carried over", "phase_transfers": "Phase transfers", "new_plans": "New plans",
    "leavers": "Leavers", "phase": "Phase", "with_a_place": "With a place", "without_a_place": "Without a place",
    "free_after": "Free places after", "option": "Option", "chosen": "Chosen", "budget": "Budget (£)",
    "options": "Options",
  ]

  static let summaryLabels: [String: String] = [
    "run_date": "Run on", "placewise_version": "Placewise version", "case": "Case",
    "pupils": "Pupils in the batch", "placed": "Pupils placed", "unplaced": "Children without a place",
    "unplaced_no_eligible_setting": "Without a place: no eligible setting",
    "unplaced_eligible_settings_full": "Without a place: every eligible setting full",
    "unmet_priority": "Children without a place, weighted by priority",
    "travel_minutes": "Journeys in total (minutes)", "preference_penalty": "Preference penalty",
    "placement_cost": "Placement cost (journeys and missed preferences)",
    "mean_travel_minutes": "Average journey (minutes)", "longest_travel_minutes": "Longest journey (minutes)",
    "placed_over_journey_limit": "Children over their journey limit",
    "pupils_with_preferences": "Pupils with preferences", "first_preference_met": "First preferences met",
    "any_preference_met": "Any preference met", "requests": "Requests",
    "requests_protected": "Protected requests", "requests_refused": "Protected requests refused",
    "requests_excepted_resources": "Requests excepted (resources)",
    "pupils_kept_at_current": "Pupils kept at their current setting",
    "pupils_moved_from_current": "Pupils moved from their current setting", "move_penalty": "Move penalty",
    "agreed_placements": "Agreed placements", "cost_unit": "Cost unit",
    "annual_place_cost": "Annual cost of places used (£)", "annual_transport_cost": "Annual transport cost (£)",
    "annual_unplaced_cost": "Annual cost of the unplaced (£)", "annual_total_cost": "Annual cost in total (£)",
    "solver_status": "Solver status", "solver_path": "Solver path", "solver_detail": "Solver detail",
    "warning": "Warning",
  ]
}
