/// One row of `place-values.csv` (planning contract, "Place values"): what
/// one more place at a setting, or under one of its need caps, is worth.
package struct PlaceValueRow: Sendable, Equatable {
  /// The setting.
  package var urn: String
  /// The need code of a cap row; empty for the setting's own row.
  package var need: String
  /// Free places (the setting's, or the cap's).
  package var freePlaces: Int
  /// Places used by the optimum.
  package var placesUsed: Int
  /// ΔU of one more place: 0 or negative.
  package var unmetPriorityChange: Int
  /// ΔC of one more place.
  package var placementCostChange: Double
  /// ΔR of one more place (case format 2).
  package var requestsRefusedChange = 0
  /// The setting's name, for a reader.
  package var settingName = ""

  /// Creates a row.
  package init(
    urn: String, need: String, freePlaces: Int, placesUsed: Int, unmetPriorityChange: Int,
    placementCostChange: Double
  ) {
    self.urn = urn
    self.need = need
    self.freePlaces = freePlaces
    self.placesUsed = placesUsed
    self.unmetPriorityChange = unmetPriorityChange
    self.placementCostChange = placementCostChange
  }
}

/// One row of `explanations.csv` (planning contract, "Explanations").
package struct ExplanationRow: Sendable, Equatable {
  /// The pupil's pseudonymised id.
  package var pupilID: String
  /// `placed` or `unplaced`.
  package var status: String
  /// The setting, when placed.
  package var urn: String
  /// The rank of the setting among the preferences, or empty.
  package var preferenceRank: String
  /// The first preference as written, or empty.
  package var firstPreference: String
  /// `met`, `given to others`, ... or empty.
  package var firstPreferenceOutcome: String
  /// ΔU of honouring the first preference, as written (empty unless given to others).
  package var firstPreferenceUnmetChange: String
  /// ΔC of honouring the first preference, as written (empty unless given to others).
  package var firstPreferenceCostChange: String
  /// The sentences for a reader.
  package var explanation: String

  /// Creates a row.
  package init(
    pupilID: String, status: String, urn: String, preferenceRank: String, firstPreference: String,
    firstPreferenceOutcome: String, firstPreferenceUnmetChange: String, firstPreferenceCostChange: String,
    explanation: String
  ) {
    self.pupilID = pupilID
    self.status = status
    self.urn = urn
    self.preferenceRank = preferenceRank
    self.firstPreference = firstPreference
    self.firstPreferenceOutcome = firstPreferenceOutcome
    self.firstPreferenceUnmetChange = firstPreferenceUnmetChange
    self.firstPreferenceCostChange = firstPreferenceCostChange
    self.explanation = explanation
  }
}
