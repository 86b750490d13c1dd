import Foundation

/// Named points of writing an output folder where a test can hold a run,
/// so that kill and signal tests stop it at a known moment instead of
/// guessing one with a timer.
///
/// Debug builds only: in a release build ``pause(at:)`` is empty, and no
/// environment can stop a run.
///
/// A test sets `PLACEWISE_TEST_PAUSE` to a point's name and
/// `PLACEWISE_TEST_PAUSE_MARKER` to a path. On reaching that point the run
/// writes its process id to the marker (whole: written beside it, then
/// renamed) and waits until the marker is removed; the test waits for the
/// marker, then kills or signals the run, or removes the marker to let it go on.
enum PausePoint: String, Sendable {
  /// Writing begins: nothing is staged yet.
  case writing
  /// The staging folder holds the first file, not yet the others.
  case staging
  /// Every file and the manifest are staged and flushed; the output folder
  /// is not yet replaced.
  case staged
  /// The staged folder has replaced the output folder.
  case committed

  /// Holds the run here if the environment asks for this point (debug
  /// builds only: a release build has not even the variables' names).
  static func pause(at point: PausePoint) {
    #if DEBUG
      let environment = ProcessInfo.processInfo.environment
      guard environment["PLACEWISE_TEST_PAUSE"] == point.rawValue,
        let marker = environment["PLACEWISE_TEST_PAUSE_MARKER"]
      else { return }
      let partial = marker + ".partial"
      guard FileManager.default.createFile(atPath: partial, contents: Data("\(getpid())\n".utf8)),
        rename(partial, marker) == 0
      else { return }
      while access(marker, F_OK) == 0 { usleep(1000) }
    #endif
  }
}
