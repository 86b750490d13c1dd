/// A public page standing in for one withheld whole.
package enum WithheldPage {
  /// The page: its title, and why it is withheld.
  package static func render(title: String, paragraph: String) -> String {
    var body = "<header class=\"top\"><div class=\"kicker\">Placewise</div><h1>\(HTMLPage.escape(title))"
    body += "<span class=\"badge public\">Public version</span></h1></header>\n"
    body += "<h2 id=\"withheld\">Withheld</h2>\n<p>\(paragraph)</p>\n"
    return HTMLPage.document(title: title, level: .public, body: body)
  }

  /// The public page of a compare plan's allocation, written in its place.
  /// Beside allocate's public page of the case as given, two pages of exact
  /// counts whose batches differ by a plan give back by their difference
  /// counts of 1 to 4 (hostile trial, round twenty-four: Post-16 unplaced 9
  /// on one and 6 on the other, 3 newly placed); and a plan's places pick
  /// out the children they can serve, so its counts count a part of a need
  /// that allocate's page shows whole (round thirty-two).
  package static func planAllocation(title: String) -> String {
    render(
      title: title,
      paragraph: "The allocation with this plan is withheld from this public version: a plan's places pick out the "
        + "children they can serve (by need, age, sex or distance), so its counts, beside allocate's public page of "
        + "the case as given, would count a group of children that page shows only whole. The comparison's "
        + "report.html shows the plans and their costs; the internal version (--report-level internal) has this "
        + "page.")
  }
}
