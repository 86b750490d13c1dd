/// What the law makes of each pupil, by URN rather than setting index, so
/// that the terms of a case and of the case with options applied compare:
/// the protected request, the request excepted on cost, the current setting
/// the pupil could stay at.
struct LawTerms: Sendable, Equatable {
  var request: URN?
  var exceptedOnCost: URN?
  var stay: URN?

  /// Every pupil's terms in a case's candidates.
  static func of(_ candidates: CandidateSet, settings: [Setting]) -> [LawTerms] {
    func urn(_ s: Int32) -> URN? { s >= 0 ? settings[Int(s)].urn : nil }
    return candidates.terms.map {
      LawTerms(request: urn($0.request), exceptedOnCost: urn($0.exceptedOnCost), stay: urn($0.stay))
    }
  }
}

extension RecommendationInput {
  /// The problems that keep `recommend` from ranking these options exactly:
  /// agreed placements, and options that change which requests are
  /// protected or which pupils could stay where they are. The search's cuts
  /// price every pupil's arcs once for all sets; those terms change the
  /// arcs themselves from one set to another.
  static func lawProblems(options: [ExpansionOption], file: Plan, base: CaseWithOpenings) -> [(row: Int, found: String)]
  {
    guard !options.isEmpty else { return [] }
    let input = base.input
    let candidates = CandidateSet(case: input)
    let agreed = candidates.terms.count { $0.fixed >= 0 }
    if agreed > 0 { return [(0, "a case with \(agreed) agreed placement\(agreed == 1 ? "" : "s") (fixed_urn)")] }
    let terms = LawTerms.of(candidates, settings: input.settings)
    var found: [(row: Int, found: String)] = []
    for option in options {
      let plan = Plan(name: file.name, file: file.file, rows: option.rows.map { file.rows[$0] }, columns: file.columns)
      var problems = ProblemList(limit: 1)
      guard let planned = PlanApplication.apply(plan, to: base, problems: &problems), planned.displaced == 0
      else { continue }
      let changed = CandidateSet(case: planned.input, reusing: candidates, of: input, origin: planned.origin)
      let after = LawTerms.of(changed, settings: planned.input.settings)
      guard let p = after.indices.first(where: { after[$0] != terms[$0] }) else { continue }
      let what = after[p].stay != terms[p].stay ? "where a pupil could stay" : "whether a request is protected"
      found.append((option.rows.first ?? 0, "option \(InputText.quoted(option.id)), which changes \(what)"))
    }
    return found
  }
}
