import Foundation
import XMLCoder
import ZIPFoundation

/// An independent reader of the `.xlsx` files we write, for tests: unzips
/// with ZIPFoundation and parses the Office Open XML parts with XMLCoder,
/// sharing no code with the writer.
public struct XLSXFile: Sendable {
  /// The zip entries' paths, in archive order.
  public let entryPaths: [String]
  /// Each entry's modification time as stored in the zip (seconds since 1970, UTC).
  public let entryModificationSeconds: [String: Double]
  /// Each entry's text (every part of an .xlsx is XML).
  public let parts: [String: String]
  /// The sheets in tab order.
  public let sheets: [XLSXSheet]
  /// docProps/core.xml's `dcterms:created`.
  public let created: String?

  /// Reads a workbook from its bytes.
  public init(bytes: [UInt8]) throws {
    let archive = try Archive(data: Data(bytes), accessMode: .read)
    var paths: [String] = []
    var times: [String: Double] = [:]
    var parts: [String: String] = [:]
    for entry in archive {
      paths.append(entry.path)
      if let date = entry.fileAttributes[.modificationDate] as? Date {
        times[entry.path] = date.timeIntervalSince1970
      }
      var data = Data()
      _ = try archive.extract(entry) { data.append($0) }
      parts[entry.path] = String(decoding: data, as: UTF8.self)
    }
    entryPaths = paths
    entryModificationSeconds = times
    self.parts = parts

    let decoder = XMLDecoder(trimValueWhitespaces: false)
    func part(_ path: String) throws -> Data {
      guard let text = parts[path] else { throw XLSXReadError("no part \(path)") }
      return Data(text.utf8)
    }
    let strings: [String]
    if parts["xl/sharedStrings.xml"] != nil {
      strings = try decoder.decode(SST.self, from: part("xl/sharedStrings.xml")).si.map(\.text)
    } else {
      strings = []
    }
    let styles = try decoder.decode(StyleSheet.self, from: part("xl/styles.xml"))
    var formatCodes: [Int: String] = [0: "General", 1: "0", 2: "0.00", 3: "#,##0", 4: "#,##0.00", 49: "@"]
    for format in styles.numFmts?.numFmt ?? [] { formatCodes[format.numFmtId] = format.formatCode }
    let cellFormats = styles.cellXfs.xf.map { formatCodes[$0.numFmtId] ?? "builtin \($0.numFmtId)" }

    let book = try decoder.decode(WorkbookPart.self, from: part("xl/workbook.xml"))
    let rels = try decoder.decode(Relationships.self, from: part("xl/_rels/workbook.xml.rels"))
    sheets = try book.sheets.sheet.map { entry in
      guard let target = rels.Relationship.first(where: { $0.Id == entry.relationship })?.Target else {
        throw XLSXReadError("sheet \(entry.name) has no relationship")
      }
      let path = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
      let raw = try part(path)
      let sheet = try decoder.decode(WorksheetPart.self, from: raw)
      return try XLSXSheet(
        name: entry.name, part: sheet, xml: String(decoding: raw, as: UTF8.self), strings: strings,
        cellFormats: cellFormats)
    }
    if let core = parts["docProps/core.xml"],
      let start = core.range(of: "<dcterms:created xsi:type=\"dcterms:W3CDTF\">"),
      let end = core.range(of: "</dcterms:created>", range: start.upperBound..<core.endIndex)
    {
      created = String(core[start.upperBound..<end.lowerBound])
    } else {
      created = nil
    }
  }

  /// The sheet of this name.
  public func sheet(_ name: String) throws -> XLSXSheet {
    guard let sheet = sheets.first(where: { $0.name == name }) else { throw XLSXReadError("no sheet \(name)") }
    return sheet
  }
}

/// One cell as stored.
public enum XLSXCell: Sendable, Equatable {
  /// A shared or inline string.
  case text(String)
  /// A number with its number format code (`General`, `0.0`, ...).
  case number(Double, format: String)
  /// A cell with a formula (which we never write).
  case formula(String)
  /// Anything else (a boolean, an error, a cell type we do not expect).
  case other(String)
}

/// One worksheet as stored.
public struct XLSXSheet: Sendable {
  /// The tab name.
  public let name: String
  /// The cells by zero-based row and column; missing cells are absent.
  public let cells: [Int: [Int: XLSXCell]]
  /// The frozen pane's top-left cell (`A2` for a frozen header), if any pane is frozen.
  public let frozenTopLeft: String?
  /// The autofilter range (`A1:L41`), if any.
  public let autofilter: String?
  /// The widths of columns, by zero-based column.
  public let widths: [Int: Double]
  /// The sheet's XML as stored.
  public let xml: String

  /// The highest row index with a cell, plus one.
  public var rowCount: Int { (cells.keys.max() ?? -1) + 1 }

  /// The cell at a zero-based row and column.
  public func cell(_ row: Int, _ column: Int) -> XLSXCell? { cells[row]?[column] }

  init(name: String, part: WorksheetPart, xml: String, strings: [String], cellFormats: [String]) throws {
    self.name = name
    self.xml = xml
    var cells: [Int: [Int: XLSXCell]] = [:]
    for row in part.sheetData.row ?? [] {
      for cell in row.c ?? [] {
        let (r, c) = try Self.position(cell.r)
        let value: XLSXCell
        if let formula = cell.f {
          value = .formula(formula)
        } else {
          switch cell.t {
          case "s":
            guard let index = cell.v.flatMap({ Int($0) }), strings.indices.contains(index) else {
              throw XLSXReadError("cell \(cell.r): bad shared string index")
            }
            value = .text(strings[index])
          case "inlineStr": value = .text(cell.is?.text ?? "")
          case nil, "n":
            guard let number = cell.v.flatMap({ Double($0) }) else {
              throw XLSXReadError("cell \(cell.r): not a number")
            }
            let style = cell.s ?? 0
            value = .number(number, format: cellFormats.indices.contains(style) ? cellFormats[style] : "?")
          case let type?: value = .other(type)
          }
        }
        cells[r, default: [:]][c] = value
      }
    }
    self.cells = cells
    let pane = part.sheetViews?.sheetView.first?.pane
    frozenTopLeft = pane?.state == "frozen" ? pane?.topLeftCell : nil
    autofilter = part.autoFilter?.ref
    var widths: [Int: Double] = [:]
    for col in part.cols?.col ?? [] {
      for c in col.min...col.max { widths[c - 1] = col.width }
    }
    self.widths = widths
  }

  /// `B12` to (11, 1).
  static func position(_ reference: String) throws -> (Int, Int) {
    var column = 0
    var digits = ""
    for character in reference {
      if let ascii = character.asciiValue, (65...90).contains(ascii) {
        column = column * 26 + Int(ascii - 64)
      } else {
        digits.append(character)
      }
    }
    guard let row = Int(digits), row >= 1, column >= 1 else { throw XLSXReadError("bad reference \(reference)") }
    return (row - 1, column - 1)
  }
}

/// A workbook that could not be read.
public struct XLSXReadError: Error, CustomStringConvertible {
  /// What went wrong.
  public let description: String
  init(_ description: String) { self.description = description }
}

// The parts of SpreadsheetML the tests read.

struct TextElement: Decodable {
  let value: String
  enum CodingKeys: String, CodingKey { case value = "" }
  init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    value = (try? container.decode(String.self, forKey: .value)) ?? ""
  }
}

/// `<si>` or `<is>`: plain `<t>` or rich runs `<r><t>`, with `_xHHHH_` escapes undone.
struct StringItem: Decodable {
  let t: TextElement?
  let r: [Run]?
  struct Run: Decodable { let t: TextElement? }
  var text: String {
    let raw = t?.value ?? (r ?? []).map { $0.t?.value ?? "" }.joined()
    return unescapeOOXML(raw)
  }
}

/// Undoes SpreadsheetML's `_xHHHH_` escapes of characters XML cannot carry.
func unescapeOOXML(_ text: String) -> String {
  guard text.contains("_x") else { return text }
  var out = ""
  var rest = Substring(text)
  while let start = rest.range(of: "_x") {
    out += rest[..<start.lowerBound]
    let after = rest[start.upperBound...]
    let hex = after.prefix(4)
    if hex.count == 4, after.dropFirst(4).first == "_", let code = UInt32(hex, radix: 16),
      let scalar = Unicode.Scalar(code)
    {
      out.unicodeScalars.append(scalar)
      rest = after.dropFirst(5)
    } else {
      out += "_x"
      rest = after
    }
  }
  return out + rest
}

struct SST: Decodable { let si: [StringItem] }

struct StyleSheet: Decodable {
  struct NumFmts: Decodable { let numFmt: [NumFmt] }
  struct NumFmt: Decodable { let numFmtId: Int; let formatCode: String }
  struct CellXfs: Decodable { let xf: [Xf] }
  struct Xf: Decodable { let numFmtId: Int }
  let numFmts: NumFmts?
  let cellXfs: CellXfs
}

struct WorkbookPart: Decodable {
  struct Sheets: Decodable { let sheet: [SheetEntry] }
  struct SheetEntry: Decodable {
    let name: String
    let relationship: String
    enum CodingKeys: String, CodingKey {
      case name
      case relationship = "r:id"
    }
  }
  let sheets: Sheets
}

struct Relationships: Decodable {
  struct Entry: Decodable { let Id: String; let Target: String }
  let Relationship: [Entry]
}

struct WorksheetPart: Decodable {
  struct SheetViews: Decodable { let sheetView: [SheetView] }
  struct SheetView: Decodable { let pane: Pane? }
  struct Pane: Decodable { let topLeftCell: String?; let state: String? }
  struct Cols: Decodable { let col: [Col] }
  struct Col: Decodable { let min: Int; let max: Int; let width: Double }
  struct SheetData: Decodable { let row: [Row]? }
  struct Row: Decodable { let c: [Cell]? }
  struct Cell: Decodable {
    let r: String
    let t: String?
    let s: Int?
    let v: String?
    let f: String?
    let `is`: StringItem?
  }
  struct AutoFilter: Decodable { let ref: String }
  let sheetViews: SheetViews?
  let cols: Cols?
  let sheetData: SheetData
  let autoFilter: AutoFilter?
}
