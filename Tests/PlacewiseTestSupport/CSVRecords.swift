import Foundation

/// A minimal RFC 4180 reader for the project's own CSV outputs (LF line
/// ends): rows of fields, the header first. Tests read outputs with it,
/// apart from the writers they check.
public func parseCSV(_ text: String) -> [[String]] {
  var rows: [[String]] = []
  var row: [String] = []
  var field = ""
  var quoted = false
  var chars = text.makeIterator()
  var pending: Character? = nil
  while let c = pending ?? chars.next() {
    pending = nil
    if quoted {
      if c == "\"" {
        let next = chars.next()
        if next == "\"" { field.append("\"") } else { quoted = false; pending = next }
      } else {
        field.append(c)
      }
    } else if c == "\"" {
      quoted = true
    } else if c == "," {
      row.append(field)
      field = ""
    } else if c == "\n" {
      row.append(field)
      rows.append(row)
      row = []
      field = ""
    } else {
      field.append(c)
    }
  }
  if !field.isEmpty || !row.isEmpty { rows.append(row + [field]) }
  return rows
}

/// The records of a CSV output, keyed by its header.
public func csvRecords(_ path: String) throws -> [[String: String]] {
  let rows = parseCSV(try String(contentsOfFile: path, encoding: .utf8))
  guard let header = rows.first else { return [] }
  return rows.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
}
