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
  /// manifest has them whole). A public page lists the files without their
  /// digests: a digest of a file of pupil data lets whoever holds a copy
  /// confirm it is the one behind the page (hostile trial, round fifteen).
  static func identitySection(_ identity: RunIdentity, level: ReportLevel = .internal) -> String {
    var html = "<h2 id=\"about-run\">About this run</h2>\n"
    html += "<p>Run on \(HTMLPage.escape(identity.dateText)) with Placewise "
    html += "\(HTMLPage.escape(identity.placewiseVersion)), from the case "
    html += "<strong>\(HTMLPage.escape(identity.caseName))</strong>. "
    html +=
      level == .public
      ? "Each file's SHA-256 (sha256sum) is in the run's manifest.json, which stays with the SEND team.</p>\n"
      : "A file whose SHA-256 (sha256sum) begins otherwise is not the file this report was made from.</p>\n"
    html += "<div class=\"cols\">"
    html += HTMLPage.table(
      ["Policy key", "Value, as applied"],
      identity.policyValues.map { ["<code>\(HTMLPage.escape($0.key))</code>", HTMLPage.escape($0.value)] },
      numeric: [], caption: "The effective policy (defaults included)", attributes: " class=\"keep\"")
    html +=
      level == .public
      ? HTMLPage.table(
        ["Input file"], identity.inputDigests.map { [HTMLPage.escape($0.path)] }, numeric: [],
        caption: "The files read", attributes: " class=\"keep\"")
      : HTMLPage.table(
        ["Input file", "SHA-256, first \(RunIdentity.digestPrefixLength)"],
        identity.inputDigests.map { [HTMLPage.escape($0.path), "<code>\(HTMLPage.escape($0.digest))</code>"] },
        numeric: [], caption: "The files read", attributes: " class=\"keep\"")
    return html + "</div>\n"
  }
}
