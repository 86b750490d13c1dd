import Placewise

extension HTMLReport {
  /// The line under the title, on screen and on the first printed page:
  /// the day, the version and the case, so that no copy is undated.
  static func identityLine(_ identity: RunIdentity) -> String {
    let date = HTMLPage.escape(identity.date.description)
    var html = "<p class=\"note\" id=\"run-identity\">Run on <time datetime=\"\(date)\">"
    html += "\(HTMLPage.escape(identity.dateText))</time> with Placewise \(HTMLPage.escape(identity.placewiseVersion))"
    html += ", case <strong>\(HTMLPage.escape(identity.caseName))</strong>; the policy and the input files are "
    html += "listed under <a href=\"#about-run\">About this run</a>.</p>\n"
    return html
  }

  /// The section before the footer: the effective policy, every value, and
  /// each input file with the first 12 characters of its SHA-256 (the
  /// manifest has them whole).
  static func identitySection(_ identity: RunIdentity) -> String {
    var html = "<h2 id=\"about-run\">About this run</h2>\n"
    html += "<p>Run on \(HTMLPage.escape(identity.dateText)) with Placewise "
    html += "\(HTMLPage.escape(identity.placewiseVersion)), from the case "
    html += "<strong>\(HTMLPage.escape(identity.caseName))</strong>. A file whose SHA-256 (sha256sum) begins "
    html += "otherwise is not the file this report was made from.</p>\n<div class=\"cols\">"
    html += HTMLPage.table(
      ["Policy key", "Value, as applied"],
      identity.policyValues.map { ["<code>\(HTMLPage.escape($0.key))</code>", HTMLPage.escape($0.value)] },
      numeric: [], caption: "The effective policy (defaults included)", attributes: " class=\"keep\"")
    html += HTMLPage.table(
      ["Input file", "SHA-256, first \(RunIdentity.digestPrefixLength)"],
      identity.inputDigests.map { [HTMLPage.escape($0.path), "<code>\(HTMLPage.escape($0.digest))</code>"] },
      numeric: [], caption: "The files read", attributes: " class=\"keep\"")
    return html + "</div>\n"
  }
}
