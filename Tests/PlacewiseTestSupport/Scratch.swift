import Foundation

/// A temporary folder for one test, removed when the test ends.
public final class ScratchFolder: Sendable {
  /// The folder's path.
  public let path: String

  /// Creates a new empty folder under the system's temporary folder.
  public init() throws {
    path = FileManager.default.temporaryDirectory.appendingPathComponent("placewise-test-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  }

  deinit { try? FileManager.default.removeItem(atPath: path) }

  /// The path of something inside the folder.
  public func at(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }

  /// Writes a text file inside the folder (creating subfolders) and returns its path.
  @discardableResult
  public func write(_ name: String, _ text: String) throws -> String {
    let file = at(name)
    try FileManager.default.createDirectory(
      atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    try Data(text.utf8).write(to: URL(fileURLWithPath: file))
    return file
  }

  /// Writes a case folder from the texts of its files.
  @discardableResult
  public func writeCase(_ name: String, files: [String: String]) throws -> String {
    for (file, text) in files { try write("\(name)/\(file)", text) }
    return at(name)
  }
}

/// The root of this package's source tree.
public let packageRoot: String = {
  var url = URL(fileURLWithPath: #filePath)
  for _ in 0..<3 { url.deleteLastPathComponent() }
  return url.path
}()
