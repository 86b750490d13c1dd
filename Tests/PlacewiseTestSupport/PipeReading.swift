public import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Reading a child process's pipes in tests.
///
/// `FileHandle.readDataToEndOfFile()` traps (a `try!` inside Foundation)
/// when a signal interrupts its `read` (EINTR), which a test process that
/// starts and stops children receives at any time: one such trap ended a
/// whole test run. These read with `read(2)` and try again after EINTR.
public enum PipeReading {
  /// Everything until end of file.
  public static func all(_ handle: FileHandle) -> Data {
    var data = Data()
    var buffer = [UInt8](repeating: 0, count: 65_536)
    let descriptor = handle.fileDescriptor
    while true {
      let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
      if count > 0 {
        data.append(contentsOf: buffer[0..<count])
      } else if count == 0 || errno != EINTR {
        return data
      }
    }
  }

  /// Both pipes to their ends at once (standard error on a thread of its
  /// own), so that a child filling one while the other is read cannot stall.
  public static func both(_ out: Pipe, _ err: Pipe) -> (out: Data, err: Data) {
    let handle = err.fileHandleForReading
    let box = DataBox()
    let thread = Thread { box.set(all(handle)) }
    thread.start()
    let outData = all(out.fileHandleForReading)
    return (outData, box.wait())
  }
}

/// One value handed from a thread, waited for.
private final class DataBox: @unchecked Sendable {
  private let condition = NSCondition()
  private var value: Data?

  func set(_ data: Data) {
    condition.lock()
    value = data
    condition.signal()
    condition.unlock()
  }

  func wait() -> Data {
    condition.lock()
    defer { condition.unlock() }
    while value == nil { condition.wait() }
    return value ?? Data()
  }
}
