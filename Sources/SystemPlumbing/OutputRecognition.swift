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
      throw refuse("\(foreignSample(changed)) changed since Placewise wrote \(changed.count == 1 ? "it" : "them")")
    }
    return .earlierOutput
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
