package import Placewise

/// What one option of an options file is and does, as `recommend`'s report
/// says it: its note, the places it adds, and, when it is chosen, the
/// children the recommended allocation places in those places.
package struct RecommendationOptionDetail: Sendable, Equatable {
  /// The notes of its rows in options.csv, joined with "; " (empty when none).
  package var note: String
  /// The free places it adds to the case: `add_places` rows' places, a new
  /// setting's free places, less the free places of a setting it closes.
  package var placesAdded: Int
  /// Chosen: the children placed in the places it adds, in the recommended
  /// allocation: at a setting it adds places to, the pupils placed beyond
  /// what the setting could take before (its free places, or, for the
  /// option's need, its cap for that need or 0 where it was not designated
  /// for it), at most its places, shared among chosen options adding places
  /// there in file order; at a setting it opens, every pupil placed there.
  /// Nil when not chosen.
  package var childrenPlaced: Int?

  /// Creates a detail.
  package init(note: String, placesAdded: Int, childrenPlaced: Int?) {
    self.note = note
    self.placesAdded = placesAdded
    self.childrenPlaced = childrenPlaced
  }
}

/// The details of every option, in file order.
package enum RecommendationDetails {
  /// One detail per option of `input`, from the chosen set and the
  /// recommended allocation `run` (of the case with the chosen options applied).
  package static func rows(_ input: RecommendationInput, chosen: [Bool], run: AllocationRun)
    -> [RecommendationOptionDetail]
  {
    let before = input.input.settings
    func freeBefore(_ urn: URN) -> Int { before.first { $0.urn == urn }?.freePlaces ?? 0 }
    // Per option, the places each of its rows adds at each setting.
    let added: [[(urn: URN, places: Int)]] = input.options.map { option in
      option.rows.map { r in
        let action = input.file.rows[r].action
        switch action {
        case .addPlaces(let urn, let places, _): return (urn, places)
        case .newSetting(let setting): return (setting.urn, setting.freePlaces)
        case .closeSetting(let urn): return (urn, -freeBefore(urn))
        }
      }
    }
    let placed = childrenInNewPlaces(input, chosen: chosen, run: run)
    return input.options.enumerated().map { o, option in
      let notes = option.rows.compactMap { input.file.rows[$0].note }.filter { !$0.isEmpty }
      return RecommendationOptionDetail(
        note: notes.joined(separator: "; "), placesAdded: added[o].reduce(0) { $0 + $1.places },
        childrenPlaced: chosen[o] ? placed[o] : nil)
    }
  }

  /// Per option, the children placed in its places (see
  /// `RecommendationOptionDetail.childrenPlaced`); 0 when not chosen.
  static func childrenInNewPlaces(_ input: RecommendationInput, chosen: [Bool], run: AllocationRun) -> [Int] {
    let after = run.input.settings
    var used = [Int](repeating: 0, count: after.count)
    var usedByNeed = [[NeedCode: Int]](repeating: [:], count: after.count)
    for (p, pupil) in run.input.pupils.enumerated() {
      guard let s = run.allocation.placements[p].setting else { continue }
      used[s] += 1
      usedByNeed[s][pupil.primaryNeed, default: 0] += 1
    }
    var counted: [URN: Int] = [:]  // children already put down to an earlier option, by setting
    return input.options.enumerated().map { o, option in
      guard chosen[o] else { return 0 }
      var count = 0
      for r in option.rows {
        var beyond = 0
        var places = 0
        var urn: URN
        switch input.file.rows[r].action {
        case .addPlaces(let at, let added, let need):
          urn = at
          places = added
          guard let old = input.input.settings.first(where: { $0.urn == at }),
            let s = after.firstIndex(where: { $0.urn == at })
          else { continue }
          beyond = used[s] - old.freePlaces
          if let need {
            let designated = old.needs.isEmpty || old.needs.contains(need)
            let limit = designated ? min(old.freePlaces, old.needPlaces[need] ?? old.freePlaces) : 0
            beyond = max(beyond, (usedByNeed[s][need] ?? 0) - limit)
          }
        case .newSetting(let setting):
          urn = setting.urn
          places = Int.max
          guard let s = after.firstIndex(where: { $0.urn == setting.urn }) else { continue }
          beyond = used[s]
        case .closeSetting:
          continue
        }
        let here = max(0, min(places, beyond - counted[urn, default: 0]))
        counted[urn, default: 0] += here
        count += here
      }
      return count
    }
  }
}
