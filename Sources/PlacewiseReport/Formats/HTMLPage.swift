internal import Foundation

/// The frame every Placewise HTML report shares: one self-contained page
/// with its styles and script inline, that asks for nothing outside itself
/// (no fonts, images, styles or scripts by address), reads in any browser
/// and prints on A4.
package enum HTMLPage {
  /// Text made safe for HTML content and attribute values: `&`, `<`, `>`,
  /// `"` and `'` become entities, so a setting named `<script>` reads as text.
  package static func escape(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for character in text.unicodeScalars {
      switch character {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      default: out.unicodeScalars.append(character)
      }
    }
    return out
  }

  /// Text made safe inside a `<script type="application/json">` block: a
  /// JSON string literal in which `<`, `>` and `&` are escaped as `\u003c`...,
  /// so that no `</script>` can end the block early.
  package static func jsonString(_ text: String) -> String {
    // On the UTF-8 bytes: a report holds 20,000 explanations, and escaping
    // them scalar by scalar into a String was a sixth of its rendering.
    // U+2028 and U+2029 are the bytes E2 80 A8 and E2 80 A9; every other
    // escaped scalar is one ASCII byte, and other bytes pass unchanged.
    var text = text
    let out = text.withUTF8 { bytes in
      var out: [UInt8] = []
      out.reserveCapacity(bytes.count + 2)
      out.append(UInt8(ascii: "\""))
      var run = 0  // start of the bytes not yet copied, which pass unchanged
      var k = 0
      while k < bytes.count {
        let byte = bytes[k]
        // Control bytes, `"`, `\`, `<`, `>`, `&`, and E2 (which may start U+2028 or U+2029).
        guard
          byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0x3C || byte == 0x3E || byte == 0x26 || byte == 0xE2
        else {
          k += 1
          continue
        }
        out += UnsafeBufferPointer(rebasing: bytes[run..<k])
        k += 1
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): out += [UInt8(ascii: "\\"), byte]
        case UInt8(ascii: "<"): out += "\\u003c".utf8
        case UInt8(ascii: ">"): out += "\\u003e".utf8
        case UInt8(ascii: "&"): out += "\\u0026".utf8
        case 0xE2 where k + 1 < bytes.count && bytes[k] == 0x80 && (bytes[k + 1] == 0xA8 || bytes[k + 1] == 0xA9):
          out += (bytes[k + 1] == 0xA8 ? "\\u2028" : "\\u2029").utf8
          k += 2
        case 0..<0x20:
          let hex = String(byte, radix: 16)
          out += ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).utf8
        default: out.append(byte)
        }
        run = k
      }
      out += UnsafeBufferPointer(rebasing: bytes[run..<k])
      out.append(UInt8(ascii: "\""))
      return out
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// The whole document around `body` (already HTML).
  package static func document(title: String, level: ReportLevel, body: String, script: String = "") -> String {
    var html = "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n"
    // Forbids every request the page could make, so a mistake in a
    // template can never reach the network or another file.
    html += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
    html += "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src 'none'\">\n"
    html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
    html += "<meta name=\"generator\" content=\"Placewise\">\n"
    html += "<meta name=\"placewise-report-level\" content=\"\(level.rawValue)\">\n"
    html += "<title>\(escape(title))</title>\n<style>\n\(stylesheet)</style>\n</head>\n<body>\n<main>\n"
    // The patterns charts share, defined once for the page (an id is unique per page).
    if find(Array("url(#hatch)".utf8), in: Array(body.utf8), from: 0) != nil { html += patterns }
    html += withContents(body)
    html += "</main>\n"
    if !script.isEmpty { html += "<script>\n\(script)</script>\n" }
    html += "</body>\n</html>\n"
    return html
  }

  /// The SVG patterns charts fill with, in a drawing of no size of its own:
  /// `hatch`, drawn where a public report withholds a figure.
  static let patterns =
    "<svg class=\"patterns\" width=\"0\" height=\"0\" aria-hidden=\"true\" focusable=\"false\">"
    + "<defs><pattern id=\"hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" "
    + "patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#eef1f4\"/>"
    + "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#9aa5b1\" stroke-width=\"2\"/></pattern></defs></svg>\n"

  /// The sections of a page: each `<h2 id>` with its heading's words, in order.
  ///
  /// Read over the page's UTF-8 bytes: a page of 20,000 explanations is
  /// megabytes, and Foundation's `range(of:)` on it cost a third of the
  /// write phase. Tags and quotes are ASCII, and no byte of a multi-byte
  /// character is, so the bytes find what the characters would.
  package static func sections(_ body: String) -> [(id: String, words: String)] {
    let bytes = Array(body.utf8)
    let open = Array("<h2 id=\"".utf8)
    let close = Array("</h2>".utf8)
    var found: [(id: String, words: String)] = []
    var i = 0
    while let start = find(open, in: bytes, from: i) {
      let idStart = start + open.count
      guard let idEnd = bytes[idStart...].firstIndex(of: UInt8(ascii: "\"")),
        let closeAt = find(close, in: bytes, from: idStart)
      else { break }
      guard let gt = bytes[idEnd...].firstIndex(of: UInt8(ascii: ">")), gt < closeAt else { break }
      // The heading's text without its tags (a heading holds text already escaped).
      var words: [UInt8] = []
      var inTag = false
      for byte in bytes[(gt + 1)..<closeAt] {
        if byte == UInt8(ascii: "<") {
          inTag = true
        } else if byte == UInt8(ascii: ">") {
          inTag = false
        } else if !inTag {
          words.append(byte)
        }
      }
      found.append((String(decoding: bytes[idStart..<idEnd], as: UTF8.self), String(decoding: words, as: UTF8.self)))
      i = closeAt + close.count
    }
    return found
  }

  /// Where `needle` first occurs in `bytes` at or after `from`.
  static func find(_ needle: [UInt8], in bytes: [UInt8], from: Int) -> Int? {
    guard let first = needle.first, bytes.count >= needle.count else { return nil }
    let last = bytes.count - needle.count
    var i = from
    while i <= last {
      guard let j = bytes[i...last].firstIndex(of: first) else { return nil }
      if bytes[j..<(j + needle.count)].elementsEqual(needle) { return j }
      i = j + 1
    }
    return nil
  }

  /// `body` with a contents bar after its header (the first `</header>`):
  /// a link to every section, so none is left out as sections come and go.
  static func withContents(_ body: String) -> String {
    let all = sections(body)
    let marker = Array("</header>\n".utf8)
    var bytes = Array(body.utf8)
    guard all.count > 1, let end = find(marker, in: bytes, from: 0) else { return body }
    var nav = "<nav class=\"contents note no-print\" aria-label=\"Contents\">Contents: "
    nav += all.map { "<a href=\"#\($0.id)\">\($0.words)</a>" }.joined(separator: " · ")
    nav += "</nav>\n"
    bytes.insert(contentsOf: nav.utf8, at: end + marker.count)
    return String(decoding: bytes, as: UTF8.self)
  }

  /// A table: header cells, rows of cells (already HTML), numeric columns
  /// right-aligned; an optional footer row.
  package static func table(
    _ header: [String], _ rows: [[String]], numeric: Set<Int>, footer: [String]? = nil, caption: String? = nil,
    attributes: String = ""
  ) -> String {
    func cells(_ values: [String], tag: String) -> String {
      values.enumerated().map { i, value in
        numeric.contains(i) ? "<\(tag) class=\"n\">\(value)</\(tag)>" : "<\(tag)>\(value)</\(tag)>"
      }.joined()
    }
    // In a box of its own that scrolls sideways, so a narrow screen keeps every column.
    var html = "<div class=\"scroll\"><table\(attributes)>"
    if let caption { html += "<caption>\(caption)</caption>" }
    html += "<thead><tr>\(cells(header, tag: "th"))</tr></thead>\n<tbody>\n"
    for row in rows { html += "<tr>\(cells(row, tag: "td"))</tr>\n" }
    html += "</tbody>"
    if let footer { html += "\n<tfoot><tr>\(cells(footer, tag: "td"))</tr></tfoot>" }
    html += "</table></div>\n"
    return html
  }

  /// A restrained, print-ready style: system fonts only (nothing to fetch),
  /// tabular figures, A4 pages with charts kept whole.
  static let stylesheet = """
    :root {
      --ink: #1f2933; --muted: #5f6b7a; --line: #dde3ea; --soft: #f4f6f9; --accent: #1f4e79;
      --placed: #2f6f9f; --unplaced: #d9822b; --warn: #b54708;
    }
    * { box-sizing: border-box; }
    html { background: #fff; }
    body {
      margin: 0; color: var(--ink); background: #fff;
      font: 14px/1.5 "Helvetica Neue", Helvetica, Arial, "Liberation Sans", system-ui, sans-serif;
      -webkit-print-color-adjust: exact; print-color-adjust: exact;
    }
    main { max-width: 1000px; margin: 0 auto; padding: 36px 44px 64px; }
    header.top { border-bottom: 3px solid var(--accent); padding-bottom: 14px; margin-bottom: 8px; }
    header.top .kicker {
      color: var(--accent); font-size: 12px; font-weight: 600; letter-spacing: .08em; text-transform: uppercase;
    }
    h1 { font-size: 27px; font-weight: 600; margin: 2px 0 4px; letter-spacing: -.01em; }
    h2 {
      font-size: 18px; font-weight: 600; margin: 38px 0 10px; padding-bottom: 5px;
      border-bottom: 1px solid var(--line); color: var(--accent);
    }
    h3 { font-size: 14.5px; font-weight: 600; margin: 20px 0 6px; }
    p { margin: 6px 0 10px; max-width: 72ch; }
    .lede { color: var(--muted); margin: 0; }
    .badge {
      display: inline-block; font-size: 11.5px; font-weight: 600; padding: 1px 8px; border-radius: 10px;
      background: #e6eef6; color: var(--accent); vertical-align: middle; margin-left: 6px;
    }
    .badge.public { background: #e7f4ec; color: #1e6b3f; }
    .figures { display: grid; grid-template-columns: repeat(4, 1fr); gap: 10px; margin: 16px 0 4px; }
    .figure { background: var(--soft); border-left: 4px solid var(--accent); padding: 9px 12px 10px; }
    .figure.alert { border-left-color: var(--unplaced); }
    .figure .value { display: block; font-size: 23px; font-weight: 600; font-variant-numeric: tabular-nums; }
    .figure .label { display: block; color: var(--muted); font-size: 12.5px; line-height: 1.35; }
    .figure .sub { display: block; color: var(--muted); font-size: 12px; }
    .cols { display: grid; grid-template-columns: 1fr 1fr; gap: 24px; align-items: start; }
    .scroll { overflow-x: auto; margin: 0 0 8px; }
    svg.patterns { position: absolute; width: 0; height: 0; overflow: hidden; }
    nav.contents { margin: 8px 0 0; line-height: 1.7; }
    table.with-notes td:nth-child(2) { min-width: 14em; }
    ul.chosen-options li { margin: 4px 0; max-width: 72ch; }
    table { border-collapse: collapse; width: 100%; font-size: 13px; font-variant-numeric: tabular-nums; }
    caption { text-align: left; font-weight: 600; padding: 4px 0; }
    th, td { padding: 4px 8px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
    thead th {
      color: var(--muted); font-weight: 600; font-size: 12px; border-bottom: 2px solid #aab4c0; vertical-align: bottom;
    }
    tfoot td { font-weight: 600; border-top: 2px solid #aab4c0; border-bottom: none; }
    .n { text-align: right; white-space: nowrap; }
    tr.group td {
      background: var(--soft); font-weight: 600; color: var(--accent); border-bottom: 1px solid #c9d3de;
    }
    figure { margin: 10px 0 6px; }
    figcaption { color: var(--muted); font-size: 12.5px; margin-top: 4px; }
    svg { display: block; width: 100%; height: auto; }
    svg text { font-family: inherit; fill: var(--ink); }
    .note { color: var(--muted); font-size: 12.5px; }
    .legend { display: flex; flex-wrap: wrap; gap: 4px 16px; font-size: 12.5px; color: var(--muted); margin: 6px 0; }
    .legend span i {
      display: inline-block; width: 11px; height: 11px; margin-right: 5px; vertical-align: -1px; border-radius: 2px;
    }
    .swatch-placed { background: var(--placed); }
    .swatch-unplaced { background: var(--unplaced); }
    .controls { font-size: 13px; margin: 6px 0; }
    .controls label { margin-right: 16px; }
    .search { display: flex; gap: 8px; margin: 8px 0; }
    .search input {
      font: inherit; padding: 5px 8px; border: 1px solid #aab4c0; border-radius: 4px; width: 16em;
    }
    .search button {
      font: inherit; padding: 5px 14px; border: 1px solid var(--accent); border-radius: 4px;
      background: var(--accent); color: #fff; cursor: pointer;
    }
    #explanation-result { background: var(--soft); padding: 10px 14px; min-height: 2.5em; border-radius: 4px; }
    #explanation-result dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 14px; margin: 0; }
    #explanation-result dt { color: var(--muted); }
    #explanation-result dd { margin: 0; }
    footer { margin-top: 44px; padding-top: 10px; border-top: 1px solid var(--line); color: var(--muted); font-size: 12px; }
    @page { size: A4; margin: 14mm 12mm 16mm; }
    @media print {
      body { font-size: 10pt; }
      main { max-width: none; padding: 0; }
      h2 { break-after: avoid; margin-top: 22px; }
      figure, .figures, .keep { break-inside: avoid; }
      tr { break-inside: avoid; }
      .no-print { display: none; }
      .figures { grid-template-columns: repeat(4, 1fr); }
      #map-chart { max-height: 230mm; }
      .scroll { overflow: visible; }
    }
    @media (max-width: 720px) {
      main { padding: 20px 16px; }
      .figures { grid-template-columns: repeat(2, 1fr); }
      .cols { grid-template-columns: 1fr; }
    }
    @media screen and (max-width: 720px) {
      /* A chart keeps a width at which its smallest text is still about 10 px, and scrolls sideways. */
      figure { overflow-x: auto; }
      figure > svg { min-width: 820px; }
      figure > svg#map-chart { min-width: 600px; max-height: none !important; }
    }

    """
}
