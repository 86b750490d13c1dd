import Foundation
import SystemPlumbingC

#if canImport(Glibc)
  import Glibc
#endif

/// Names staging folders after the run that made them, and removes those
/// left behind by runs that no longer exist (killed with SIGKILL, or a
/// power cut), so that pupil data does not linger beside the output.
enum StagingSweep {
  /// `.NAME.placewise-new-PID-TOKEN`: hidden, beside the output, naming the
  /// process that writes it.
  static func stagingName(output: String, token: String) -> String {
    ".\(output).placewise-new-\(getpid())-\(token)"
  }

  /// Removes `.NAME.placewise-new-PID-*` and `.NAME.placewise-old-PID-*`
  /// folders in `parent` whose process is gone. A running process's folder
  /// (another run into the same output) is left alone.
  static func removeStale(in parent: String, output: String) {
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: parent) else { return }
    for name in names {
      guard let pid = stagingProcess(name, output: output), !isRunning(pid) else { continue }
      _ = pw_remove_tree(parent + "/" + name)
    }
  }

  /// The process id in a staging folder's name for this output, if it is one.
  static func stagingProcess(_ name: String, output: String) -> pid_t? {
    for kind in ["new", "old"] {
      let prefix = ".\(output).placewise-\(kind)-"
      guard name.hasPrefix(prefix) else { continue }
      let rest = name.dropFirst(prefix.count)
      guard let dash = rest.firstIndex(of: "-"), let pid = pid_t(rest[..<dash]), pid > 0 else { return nil }
      return pid
    }
    return nil
  }

  /// Whether a process with this id exists. This process counts as running:
  /// it may be writing another output of the same name elsewhere in it.
  private static func isRunning(_ pid: pid_t) -> Bool {
    kill(pid, 0) == 0 || errno == EPERM
  }
}
