import Placewise

extension HTMLReport {
  /// The line under the title, on screen and on the first printed page:
  /// the day, the version and the case, so that no copy is undated. A
  /// public page names no folder (see `identitySection`).
  static func identityLine(_ identity: RunIdentity, level: ReportLevel) -> String {
    let date = HTMLPage.escape(identity.date.description)
    var html = "<p class=\"note\" id=\"run-identity\">Run on <time datetime=\"\(date)\">"
    html += "\(HTMLPage.escape(identity.dateText))</time> with Placewise \(HTMLPage.escape(identity.placewiseVersion))"
    if level == .internal { html += ", case <strong>\(HTMLPage.escape(identity.caseName))</strong>" }
    html += "; the policy and the input files are "
    html += "listed under <a href=\"#about-run\">About this run</a>.</p>\n"
    return html
  }

  /// A path as a public page shows it: its last component alone. A case
  /// folder's name, and the folders above it, are the planner's own and
  /// may name a child (a tribunal case's folder) or the officer (a home
  /// folder): hostile trial, round thirty-five.
  static func publicName(_ path: String) -> String {
    path.split(separator: "/").last.map(String.init) ?? path
  }

  /// The section before the footer: the effective policy, every value, and
  /// each input file with the first 12 characters of its SHA-256 (the
  /// manifest has them whole). A public page lists the files without their
  /// digests: a digest of a file of pupil data lets whoever holds a copy
  /// confirm it is the one behind the page (hostile trial, round fifteen).
  static func identitySection(_ identity: RunIdentity, level: ReportLevel) -> String {
    var html = "<h2 id=\"about-run\">About this run</h2>\n"
    html += "<p>Run on \(HTMLPage.escape(identity.dateText)) with Placewise "
    html += "\(HTMLPage.escape(identity.placewiseVersion))"
    html += level == .public ? ". " : ", from the case <strong>\(HTMLPage.escape(identity.caseName))</strong>. "
    html +=
      level == .public
      ? "Each file's SHA-256 (sha256sum) is in the run's manifest.json, which stays with the SEND team.</p>\n"
      : "A file whose SHA-256 (sha256sum) begins otherwise is not the file this report was made from.</p>\n"
    html += "<div class=\"cols\">"
    html += HTMLPage.table(
      ["Policy key", "Value, as applied"],
      identity.policyValues.map { key, value in
        // The postcode directory's path, by its file name on a public page.
        let shown =
          level == .public && key == "postcodes" && value.hasPrefix("\"")
          ? "\"" + publicName(String(value.dropFirst().dropLast())) + "\"" : value
        return ["<code>\(HTMLPage.escape(key))</code>", HTMLPage.escape(shown)]
      },
      numeric: [], caption: "The effective policy (defaults included)", attributes: " class=\"keep\"")
    html +=
      level == .public
      ? HTMLPage.table(
        ["Input file"], identity.inputDigests.map { [HTMLPage.escape(publicName($0.path))] }, numeric: [],
        caption: "The files read", attributes: " class=\"keep\"")
      : HTMLPage.table(
        ["Input file", "SHA-256, first \(RunIdentity.digestPrefixLength)"],
        identity.inputDigests.map { [HTMLPage.escape($0.path), "<code>\(HTMLPage.escape($0.digest))</code>"] },
        numeric: [], caption: "The files read", attributes: " class=\"keep\"")
    return html + "</div>\n"
  }
}
