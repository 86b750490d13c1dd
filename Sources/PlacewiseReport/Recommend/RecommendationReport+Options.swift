import Placewise

extension RecommendationReport {
  /// The chosen options in words (what each is, the places it adds, the
  /// children placed in them), then every option in a table. Without
  /// `details` (one per option), the table of options alone. With
  /// `choiceWithheld` (every public page: `RecommendationReport.choiceShown`),
  /// which options are chosen is not told, nor their children.
  static func optionsSection(
    _ options: [RecommendationOptionRow], details: [RecommendationOptionDetail]?, level: ReportLevel,
    choiceWithheld: Bool = false
  ) -> String {
    typealias F = NumberFormatting
    let details = details.flatMap { $0.count == options.count ? $0 : nil }
    // Children placed in an option's places: withheld (`c`) from a public
    // report. Its places less its children are places left empty, and an
    // empty place tells that no child of the needs and ages it admits waits:
    // beside allocate's public page by need, a need's count follows (an
    // MLD-only school's 10 new places holding 5 was every MLD child, so ASD
    // was 14 − 6 SEMH − 5 = 3: hostile trial, round twenty-six). Rounding
    // would narrow that, not end it (`<5` and `0-4` once stood here).
    func children(_ count: Int) -> String { level == .internal ? F.grouped(count) : "c" }
    func places(_ count: Int) -> String {
      count < 0 ? "\(F.grouped(-count)) fewer places" : F.count(count, "place")
    }
    var html = "<h2 id=\"options\">Options</h2>\n"
    let chosen = options.indices.filter { options[$0].chosen }
    if choiceWithheld {
      html += "<p>Which options are chosen is withheld from this public version: the options taken and those "
      html += "left tell how many children wait among those they could serve, a group that can be 1 to 4 (see the "
      html += "note at the end). The internal version names them."
      html += "</p>\n"
    } else if let details, !chosen.isEmpty {
      html += "<p>The chosen options, what each is and what it does in the recommended allocation:</p>\n"
      html += "<ul class=\"chosen-options\">"
      for o in chosen {
        let detail = details[o]
        html += "<li data-option=\"\(HTMLPage.escape(options[o].option))\"><strong>"
        html += "\(HTMLPage.escape(options[o].option))</strong>"
        if !detail.note.isEmpty { html += ": \(HTMLPage.escape(detail.note))" }
        html += ". It adds \(places(detail.placesAdded))"
        if let placed = detail.childrenPlaced, detail.placesAdded > 0, level == .internal {
          html += "; \(F.grouped(placed)) \(placed == 1 ? "child is" : "children are") placed in them"
        }
        html += ", for \(F.pounds(options[o].capitalCost)) of capital"
        html += options[o].annualCost > 0 ? " and \(F.pounds(options[o].annualCost)) a year.</li>" : ".</li>"
      }
      html += "</ul>\n"
    }
    let rows = options.indices.map { o in
      let row = options[o]
      // A chosen option's name is in bold, unless the choice is withheld.
      let bold = row.chosen && !choiceWithheld
      var cells = [
        (bold ? "<strong>" : "") + HTMLPage.escape(row.option) + (bold ? "</strong>" : ""),
        HTMLPage.escape(row.group),
        choiceWithheld ? "withheld" : row.chosen ? "<strong>chosen</strong>" : "not chosen",
      ]
      if let details {
        cells.insert(HTMLPage.escape(details[o].note), at: 1)
        let placesAdded = details[o].placesAdded
        cells += [
          F.grouped(placesAdded),
          choiceWithheld ? "-" : details[o].childrenPlaced.map { children($0) } ?? "-",
        ]
      }
      return cells + [F.pounds(row.capitalCost), F.pounds(row.annualCost)]
    }
    let capital = Pence.sum(chosen.map { options[$0].capitalCost })
    let annual = Pence.sum(chosen.map { options[$0].annualCost })
    if let details {
      let added = chosen.reduce(0) { $0 + details[$1].placesAdded }
      let placed = chosen.reduce(0) { $0 + (details[$1].childrenPlaced ?? 0) }
      html += HTMLPage.table(
        [
          "Option", "What it is", "Group", "", "Places added", "Children placed in them", "Capital cost", "Annual cost",
        ],
        rows, numeric: [4, 5, 6, 7],
        footer: choiceWithheld
          ? ["Chosen", "", "", "-", "-", "-", "x", "x"]
          : [
            "Chosen", "", "", F.grouped(chosen.count), F.grouped(added),
            children(placed),
            F.pounds(capital), F.pounds(annual),
          ], attributes: " id=\"options-table\" class=\"with-notes\"")
    } else {
      html += HTMLPage.table(
        ["Option", "Group", "", "Capital cost", "Annual cost"], rows, numeric: [3, 4],
        footer: choiceWithheld
          ? ["Chosen", "", "-", "x", "x"]
          : ["Chosen", "", F.grouped(chosen.count), F.pounds(capital), F.pounds(annual)],
        attributes: " id=\"options-table\"")
    }
    return html
  }
}
