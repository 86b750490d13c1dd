import Foundation
import Placewise
import PlacewiseReport
import PlacewiseTestSupport
import Testing
import Workbook
import XLSXTestSupport

/// A tiny case whose ids look like numbers or words, names like formulas, or lose leading zeros
/// if a writer is careless, with pupils in every phase and one unplaced.
private func trickyCase() throws -> AllocationRun {
  let scratch = try ScratchFolder()
  let folder = try scratch.writeCase(
    "tricky",
    files: [
      "settings.csv": #"""
      urn,name,kind,easting,northing,low_age,high_age,capacity,on_roll,needs,need_places,cost_per_place
      000123,"=HYPERLINK(""http://example.invalid"")",special,400000,200000,2,19,4,0,ASD;SLCN,,24000.5
      0012,"+1, Elm",mainstream,401000,200000,4,11,30,10,,,1234567
      """#,
      "pupils.csv": """
      pupil_id,easting,northing,age,primary_need,provision,preferences,priority,current_urn
      1E5,400500,200000,9,ASD,special,000123,2,0012
      0012,400000,200100,8,ASD,special;mainstream,000123;0012,1,
      TRUE,400000,200000,15,SEMH,special,,3,000123
      -7,400000,200000,3,SLCN,special,,1,
      P5,400100,200000,17,ASD,special,,1,
      """,
      // Version 1's objective: place values and explanations need it for now.
      "policy.toml": "preference_rule = \"weighted\"\nmove_penalty = 0\nage_range = \"inclusive\"\n",
    ])
  return try AllocationRun(folder: folder)
}

/// A run with its rendered output files and its workbook read back.
private struct Rendered: Sendable {
  let run: AllocationRun
  let files: [String: [UInt8]]
  let book: XLSXFile

  init(_ run: AllocationRun) throws {
    self.run = run
    files = Dictionary(uniqueKeysWithValues: try OutputFiles.render(run).map { ($0.name, $0.contents) })
    book = try XLSXFile(bytes: try #require(files[WorkbookReport.fileName]))
  }

  func text(_ name: String) throws -> String { String(decoding: try #require(files[name]), as: UTF8.self) }
}

/// The sample county, allocated, rendered and read once for every test here (it takes seconds).
private let sampleCounty = Result { try Rendered(try AllocationRun(folder: packageRoot + "/Data/sample-county")) }

private func rendered(_ which: String) throws -> Rendered {
  which == "tiny" ? try Rendered(try trickyCase()) : try sampleCounty.get()
}

/// The number format each numeric column must carry; every other column is text.
private let numberFormats: [String: String] = [
  "travel_minutes": "#,##0.0", "preference_rank": "#,##0", "preference_penalty": "#,##0.0##", "priority": "#,##0",
  "capacity": "#,##0", "on_roll": "#,##0", "free_places": "#,##0", "places_used": "#,##0", "places_spare": "#,##0",
  "age": "#,##0", "unmet_priority_change": "#,##0", "placement_cost_change": "#,##0.0##",
  "first_preference_unmet_change": "#,##0", "first_preference_cost_change": "#,##0.0##",
  "requests_refused_change": "#,##0", "first_preference_requests_change": "#,##0",
]

/// Equal to within the 16 significant digits libxlsxwriter writes (`%.16G`).
private func close(_ a: Double, _ b: Double) -> Bool { a == b || abs(a - b) <= 1e-15 * max(abs(a), abs(b)) }

/// Compares every cell of a sheet with every field of a CSV output: the
/// header in words (`WorkbookWords`), the CSV's column `order[i]` in the
/// sheet's column i (nil: the same order).
private func expectSheet(
  _ sheet: XLSXSheet, equals csvText: String, order: [Int]? = nil, _ source: SourceLocation = #_sourceLocation
) {
  let csv = parseCSV(csvText)
  #expect(sheet.rowCount == csv.count, "\(sheet.name): rows", sourceLocation: source)
  guard let header = csv.first else { return }
  var compared = 0
  for (r, fields) in csv.enumerated() {
    for (c, field) in fields.enumerated() {
      let cell = sheet.cell(r, order?.firstIndex(of: c) ?? c)
      let where_ = "\(sheet.name) row \(r + 1) column \(header[c])"
      if r == 0 {
        #expect(cell == .text(WorkbookWords.header(field, sheet: sheet.name)), "\(where_)", sourceLocation: source)
      } else if field.isEmpty {
        #expect(cell == nil, "\(where_): expected no cell", sourceLocation: source)
      } else if r > 0, let format = numberFormats[header[c]] {
        guard case .number(let value, let shown) = cell, let wanted = Double(field) else {
          Issue.record("\(where_): expected a number, found \(String(describing: cell))", sourceLocation: source)
          continue
        }
        #expect(close(value, wanted) && shown == format, "\(where_)", sourceLocation: source)
      } else {
        // A CSV has no cell types, so a cell a spreadsheet would run as a
        // formula gets a leading apostrophe there; the workbook's text cell
        // needs none.
        var text = field
        if text.hasPrefix("'"), let next = text.dropFirst().first, "=+-@\t\r".contains(next) { text.removeFirst() }
        #expect(cell == .text(text), "\(where_)", sourceLocation: source)
      }
      compared += 1
    }
    // No cell beyond the CSV's fields.
    #expect(sheet.cells[r]?.keys.allSatisfy { $0 < fields.count } ?? true, sourceLocation: source)
  }
  #expect(compared > 0, sourceLocation: source)
  #expect(sheet.frozenTopLeft == "A2", sourceLocation: source)
  let lastColumn = String(UnicodeScalar(UInt8(64 + header.count)))
  #expect(sheet.autofilter == "A1:\(lastColumn)\(csv.count)", sourceLocation: source)
  #expect(header.indices.allSatisfy { sheet.widths[$0] != nil }, "every column has a width", sourceLocation: source)
}

@Suite("The workbook placewise.xlsx, read back independently")
struct WorkbookReportTests {
  @Test(
    "Placements, Settings, Place values and Explanations equal their CSV files cell for cell",
    arguments: ["tiny", "sample"])
  func sheetsEqualCSV(_ which: String) throws {
    let output = try rendered(which)
    let book = output.book
    #expect(
      book.sheets.map(\.name) == ["Summary", "Placements", "Settings", "Need", "Place values", "Explanations"])
    expectSheet(try book.sheet("Placements"), equals: try output.text("placements.csv"))
    expectSheet(try book.sheet("Settings"), equals: try output.text("settings.csv"))
    // The setting's name beside its URN, where the CSV has it last.
    expectSheet(
      try book.sheet("Place values"), equals: try output.text("place-values.csv"), order: [0, 7, 1, 2, 3, 4, 5, 6])
    expectSheet(try book.sheet("Explanations"), equals: try output.text("explanations.csv"))
    for (path, text) in book.parts {
      #expect(!text.contains("<f>") && !text.contains("<f "), "\(path) holds a formula element")
    }
  }

  @Test("ids that look like formulas or numbers stay text")
  func trickyIds() throws {
    let book = try XLSXFile(bytes: try WorkbookReport.render(try trickyCase()))
    let placements = try book.sheet("Placements")
    let ids = (1...5).map { placements.cell($0, 0) }
    // Ids starting a formula (=, +, -, @) are refused by the case reader.
    #expect(ids == [.text("1E5"), .text("0012"), .text("TRUE"), .text("-7"), .text("P5")])
    #expect(placements.cell(1, 11) == .text("0012"))  // current_urn
    let settings = try book.sheet("Settings")
    #expect(settings.cell(1, 0) == .text("000123"))
    #expect(settings.cell(1, 1) == .text(#"=HYPERLINK("http://example.invalid")"#))
    #expect(settings.cell(2, 1) == .text("+1, Elm"))
  }

  @Test("Summary holds summary.json's figures under its keys, with formats", arguments: ["tiny", "sample"])
  func summaryEqualsJSON(_ which: String) throws {
    let output = try rendered(which)
    let jsonBytes = try #require(output.files["summary.json"])
    let json = try #require(try JSONSerialization.jsonObject(with: Data(jsonBytes)) as? [String: Any])
    let sheet = try output.book.sheet("Summary")
    #expect(sheet.cell(0, 0) == .text("Figure") && sheet.cell(0, 1) == .text("Value"))
    var rows: [String: XLSXCell?] = [:]
    var warnings: [XLSXCell?] = []
    for r in 1..<sheet.rowCount {
      guard case .text(let key) = sheet.cell(r, 0) else {
        Issue.record("Summary row \(r + 1) has no label")
        continue
      }
      if key == "Warning" { warnings.append(sheet.cell(r, 1)) } else { rows[key] = sheet.cell(r, 1) }
    }
    // Each of summary.json's keys as a label in words, one label per key.
    let labels = Set(json.keys.filter { $0 != "warnings" }.map(WorkbookWords.summaryLabel))
    #expect(labels.count == json.count - 1)
    #expect(Set(rows.keys) == labels)
    let formats = [
      "travel_minutes": "#,##0.0", "mean_travel_minutes": "#,##0.0", "longest_travel_minutes": "#,##0.0",
      "annual_place_cost": "\"£\"#,##0", "preference_penalty": "#,##0.0##", "placement_cost": "#,##0.0##",
      "annual_transport_cost": "\"£\"#,##0", "annual_unplaced_cost": "\"£\"#,##0", "annual_total_cost": "\"£\"#,##0",
      "move_penalty": "#,##0.0##",
    ]
    for (key, value) in json where key != "warnings" {
      let cell = rows[WorkbookWords.summaryLabel(key)] ?? nil
      if let text = value as? String {
        #expect(cell == (text.isEmpty ? nil : .text(text)), "\(key)")
      } else if let number = (value as? NSNumber)?.doubleValue {
        guard case .number(let read, let format) = cell else {
          Issue.record("\(key): expected a number, found \(String(describing: cell))")
          continue
        }
        #expect(close(read, number), "\(key)")
        #expect(format == (formats[key] ?? "#,##0"), "\(key)")
      } else {
        Issue.record("\(key): unexpected JSON value")
      }
    }
    let jsonWarnings = try #require(json["warnings"] as? [String])
    #expect(warnings == jsonWarnings.map { .text($0) })
    #expect(sheet.frozenTopLeft == "A2")
  }

  @Test(
    "Need counts pupils, placed, unplaced and unmet priority by need and phase, and places by setting kind",
    arguments: ["tiny", "sample"])
  func needTable(_ which: String) throws {
    let output = try rendered(which)
    let placements = parseCSV(try output.text("placements.csv"))
    let header = try #require(placements.first)
    let status = try #require(header.firstIndex(of: "status"))
    let priority = try #require(header.firstIndex(of: "priority"))
    let need = try #require(header.firstIndex(of: "primary_need"))
    // Worked from placements.csv and the input ages, not from the renderer's tallies.
    var expected: [String: [Int]] = [:]
    for (p, row) in placements.dropFirst().enumerated() {
      let age = output.run.input.pupils[p].age
      let phase =
        age < 4 ? "early years (0-3)" : age <= 10 ? "primary (4-10)" : age <= 15 ? "secondary (11-15)" : "post-16 (16+)"
      let unplaced = row[status] == "unplaced"
      let weight = try #require(Int(row[priority]))
      for key in ["primary need|" + row[need], "phase|" + phase] {
        var tally = expected[key] ?? [0, 0, 0, 0]
        tally[0] += 1
        tally[1] += unplaced ? 0 : 1
        tally[2] += unplaced ? 1 : 0
        tally[3] += unplaced ? weight : 0
        expected[key] = tally
      }
    }
    for phase in ["primary (4-10)", "secondary (11-15)", "post-16 (16+)"] where expected["phase|" + phase] == nil {
      expected["phase|" + phase] = [0, 0, 0, 0]
    }
    // The kinds' rows: pupils placed there, twice, and blanks where the
    // unplaced and unmet priority would be.
    let kind = try #require(header.firstIndex(of: "setting_kind"))
    for row in placements.dropFirst() where !row[kind].isEmpty {
      let key = "setting kind|" + row[kind]
      let placed = (expected[key]?[0] ?? 0) + 1
      expected[key] = [placed, placed, -1, -1]
    }
    let sheet = try output.book.sheet("Need")
    let titles = (0..<6).map { sheet.cell(0, $0) }
    #expect(
      titles == ["By", "Group", "Pupils", "Placed", "Unplaced", "Unmet need (priority-weighted)"].map { .text($0) })
    var found: [String: [Int]] = [:]
    for r in 1..<sheet.rowCount {
      guard case .text(let by) = sheet.cell(r, 0), case .text(let group) = sheet.cell(r, 1) else {
        Issue.record("Need row \(r + 1) has no label")
        continue
      }
      found[by + "|" + group] = (2..<6).map { c in
        if case .number(let value, "#,##0") = sheet.cell(r, c) { Int(value) } else { -1 }
      }
    }
    #expect(found == expected)
    if which == "tiny" {
      // The tiny case has a pupil of 3, so the early-years row appears; and someone is unplaced.
      #expect(found["phase|early years (0-3)"]?[0] == 1)
      #expect(found.values.contains { $0[2] > 0 })
    }
  }

  @Test("two renders of the same run are byte-identical")
  func deterministic() throws {
    let run = try trickyCase()
    #expect(try WorkbookReport.render(run) == (try WorkbookReport.render(run)))
    #expect(try WorkbookReport.render(run) == (try WorkbookReport.render(try trickyCase())))
  }

  @Test("more tables follow the four standard sheets, in order, as typed")
  func moreTables() throws {
    let run = try trickyCase()
    let extra = try ReportTable(
      sheetName: "Place values", columns: [ReportColumn("urn", .text), ReportColumn("value", .pounds)],
      textRows: [["000123", "1500.25"], ["0012", ""]])
    let moves = ReportTable(sheetName: "Moves", columns: [ReportColumn("pupil_id", .text)], rows: [[.text("=1+2")]])
    let book = try XLSXFile(bytes: try WorkbookReport.render(run, more: [extra, moves]))
    #expect(book.sheets.map(\.name) == ["Summary", "Placements", "Settings", "Need", "Place values", "Moves"])
    let values = try book.sheet("Place values")
    #expect(values.cell(1, 0) == .text("000123"))
    #expect(values.cell(1, 1) == .number(1500.25, format: "\"£\"#,##0"))
    #expect(values.cell(2, 1) == nil)
    #expect(values.autofilter == "A1:B3")
    #expect(try book.sheet("Moves").cell(1, 0) == .text("=1+2"))
  }

  @Test("a table breaking Excel's limits is a thrown error, and nothing is rendered")
  func errors() throws {
    let run = try trickyCase()
    let long = ReportTable(
      sheetName: "Explanations of every single placement", columns: [ReportColumn("a", .text)], rows: [])
    let error = try #require(throws: WorkbookError.self) { _ = try WorkbookReport.render(run, more: [long]) }
    #expect(error.kind == .invalidWorkbook)
    #expect(error.description.contains("38 characters long, over Excel's 31"))
    let notNumber = #expect(throws: WorkbookError.self) {
      try ReportTable(sheetName: "X", columns: [ReportColumn("n", .integer)], textRows: [["1"], ["1.5"]])
    }
    #expect(notNumber?.description.contains("row 3") == true)
    #expect(notNumber?.description.contains("'n'") == true)
  }
}
