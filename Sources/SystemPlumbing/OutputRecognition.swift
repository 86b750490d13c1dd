import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// What a run found at its output path before writing.
public enum OutputTarget: Sendable, Equatable {
  /// Nothing there yet.
  case absent
  /// An empty folder.
  case empty
  /// A folder Placewise wrote: its manifest lists every file in it, each
  /// still with the digest Placewise wrote.
  case earlierOutput
}

/// Recognises an earlier Placewise output folder by its manifest.
///
/// File names prove nothing (a planner's own `settings.csv` or a
/// `summary.json` of notes has them too), so a folder is Placewise's only
/// when it holds a `manifest.json` with Placewise's format tag, and every
/// other entry in it, at any depth, is a regular file the manifest lists
/// with the SHA-256 it still has, or a folder on the way to one. A listed
/// file that is missing loses nothing and is allowed. Anything else (a
/// foreign file, a changed file, a link, a folder where a file was) makes
/// the folder the user's, and it is never replaced.
enum OutputRecognition {
  /// What `folder` (an absolute path, links resolved) holds; throws when it
  /// holds anything Placewise did not write. `shown` is the path as the
  /// user gave it, for messages.
  static func examine(_ folder: String, shown: String) throws(OutputError) -> OutputTarget {
    var status = stat()
    guard lstat(folder, &status) == 0 else {
      let code = errno
      // ENOTDIR: a file above it, reported when its folders are created.
      if code == ENOENT || code == ENOTDIR { return .absent }
      throw OutputError("\(shown): cannot look at it (\(OutputError.reason(code)))")
    }
    guard status.st_mode & S_IFMT == S_IFDIR else { throw OutputError("\(shown): exists and is not a folder") }
    let entries: [Entry]
    do {
      entries = try listTree(folder)
    } catch {
      throw OutputError("\(shown): cannot list what it holds (\(error.message))")
    }
    if entries.isEmpty { return .empty }

    func refuse(_ what: String) -> OutputError {
      OutputError("\(shown): \(what); choose an empty or new output folder")
    }
    let foreignSample = { (paths: [String]) in paths.sorted().prefix(3).joined(separator: ", ") }
    guard let manifestEntry = entries.first(where: { $0.path == OutputFolder.manifestName }), manifestEntry.isFile
    else {
      throw refuse("holds files Placewise did not write (\(foreignSample(entries.map(\.path))))")
    }
    guard let listed = readManifest(folder + "/" + OutputFolder.manifestName) else {
      throw refuse("holds a \(OutputFolder.manifestName) that Placewise did not write")
    }
    var folders: Set<String> = []
    for path in listed.keys {
      var parts = path.split(separator: "/").dropLast()
      while !parts.isEmpty {
        folders.insert(parts.joined(separator: "/"))
        parts = parts.dropLast()
      }
    }
    // A spreadsheet program's lock file beside an output: the file is open
    // (or a crash left the lock behind), whatever else the folder holds.
    let listedNames = Set(listed.keys).union([OutputFolder.manifestName])
    if let lock = entries.lazy.compactMap({ entry in
      entry.isFile ? SpreadsheetLock(entry.path, outputs: listedNames) : nil
    }).first {
      throw OutputError(
        "\(shown): \(lock.file) is open in \(lock.program) (its lock file \(lock.lockFile) is beside it); "
          + "close it there, then run again (if it is not open, the lock was left behind by a crash: "
          + "delete \(lock.lockFile))")
    }
    var foreign: [String] = []
    var changed: [String] = []
    for entry in entries where entry.path != OutputFolder.manifestName {
      if entry.isFolder, folders.contains(entry.path) { continue }
      guard entry.isFile, let digest = listed[entry.path] else {
        foreign.append(entry.path)
        continue
      }
      if SHA256.hex(ofFileAt: folder + "/" + entry.path) != digest { changed.append(entry.path) }
    }
    guard foreign.isEmpty else { throw refuse("holds files Placewise did not write (\(foreignSample(foreign)))") }
    guard changed.isEmpty else {
      // An output edited after a look: never replaced; a new folder keeps both.
      let them = changed.count == 1 ? "it" : "them"
      throw OutputError(
        "\(shown): \(foreignSample(changed))\(changed.count > 3 ? " and \(changed.count - 3) more" : "") changed "
          + "since Placewise wrote \(them) (edited after a look?), and Placewise never replaces an edit",
        newFolder: unusedSibling(of: shown))
    }
    return .earlierOutput
  }

  /// `shown` with `-2`, `-3`, ... added: the first such path with nothing
  /// there, or nil after 99.
  static func unusedSibling(of shown: String) -> String? {
    var base = shown
    while base.count > 1 && base.hasSuffix("/") { base.removeLast() }
    for n in 2...99 {
      let candidate = "\(base)-\(n)"
      var status = stat()
      if lstat(candidate, &status) != 0 && errno == ENOENT { return candidate }
    }
    return nil
  }

  /// A lock file a spreadsheet program leaves beside a file it has open:
  /// LibreOffice's `.~lock.NAME#`, Excel's `~$NAME` (for a long name,
  /// Excel drops the name's first two characters: `~$acewise.xlsx`).
  struct SpreadsheetLock {
    /// The output that is open, as a path inside the folder.
    var file: String
    /// The lock file, as a path inside the folder.
    var lockFile: String
    /// "LibreOffice" or "Excel".
    var program: String

    /// The lock `path` is, when it locks one of `outputs`; nil otherwise.
    init?(_ path: String, outputs: Set<String>) {
      let slash = path.lastIndex(of: "/")
      let folder = slash.map { String(path[...$0]) } ?? ""
      let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
      if name.hasPrefix(".~lock."), name.hasSuffix("#"), name.count > 8 {
        let locked = folder + name.dropFirst(7).dropLast()
        guard outputs.contains(locked) else { return nil }
        (file, program) = (locked, "LibreOffice")
      } else if name.hasPrefix("~$"), name.count > 2 {
        let rest = name.dropFirst(2)
        let candidates = outputs.filter { output in
          guard output.hasPrefix(folder) else { return false }
          let outputName = output.dropFirst(folder.count)
          return !outputName.contains("/") && (outputName == rest || outputName.dropFirst(2) == rest)
        }
        guard let locked = candidates.sorted().first else { return nil }
        (file, program) = (locked, "Excel")
      } else {
        return nil
      }
      lockFile = path
    }
  }

  /// One entry of a folder tree: its path relative to the root, and its type
  /// (links are not followed).
  struct Entry {
    var path: String
    var isFile: Bool
    var isFolder: Bool
  }

  /// Every entry under `root`, depth first, without following links.
  static func listTree(_ root: String) throws(OutputError) -> [Entry] {
    var entries: [Entry] = []
    var pending = [""]
    while let relative = pending.popLast() {
      let names: [String]
      do {
        names = try FileManager.default.contentsOfDirectory(atPath: relative.isEmpty ? root : root + "/" + relative)
      } catch {
        throw OutputError("\(relative.isEmpty ? "." : relative): \(error.localizedDescription)")
      }
      for name in names.sorted() {
        let path = relative.isEmpty ? name : relative + "/" + name
        var status = stat()
        guard lstat(root + "/" + path, &status) == 0 else { continue }
        let type = status.st_mode & S_IFMT
        entries.append(Entry(path: path, isFile: type == S_IFREG, isFolder: type == S_IFDIR))
        if type == S_IFDIR { pending.append(path) }
      }
    }
    return entries
  }

  /// The files a manifest lists, path to SHA-256; nil when it is not a
  /// manifest Placewise wrote (not JSON, another format tag, a path that
  /// leaves the folder).
  static func readManifest(_ path: String) -> [String: String]? {
    guard let data = FileManager.default.contents(atPath: path), data.count <= 64 << 20,
      let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
      object["format"] as? String == OutputFolder.manifestFormat,
      let files = object["files"] as? [[String: Any]]
    else { return nil }
    var listed: [String: String] = [:]
    for file in files {
      guard let relative = file["path"] as? String, let digest = file["sha256"] as? String,
        OutputFolder.isSafeRelativePath(relative), relative != OutputFolder.manifestName
      else { return nil }
      listed[relative] = digest
    }
    return listed
  }
}
