public import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A page open in headless Chromium, driven over the DevTools protocol on a
/// pipe (`--remote-debugging-pipe`: commands on the child's fd 3, replies
/// and events on its fd 4, each a JSON message ended by a NUL byte).
///
/// Every console message, uncaught exception, browser log entry and network
/// request of the page is recorded from before it starts loading, so that a
/// test can check that a report asks for nothing and reports no error.
public final class ChromiumPage {
  /// Chromium's executable, if one is installed: Debian's
  /// `chromium-headless-shell` (preferred, small) or `chromium`.
  public static let executable: String? = {
    let names = ["chromium-headless-shell", "chromium", "chromium-browser", "headless_shell"]
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    for name in names {
      for folder in path.split(separator: ":") {
        let candidate = "\(folder)/\(name)"
        if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
      }
    }
    return nil
  }()

  /// An error from the browser or the protocol.
  public struct Failure: Error, CustomStringConvertible {
    /// What went wrong.
    public var description: String
  }

  /// Console messages, exceptions and log entries, as `kind: text`.
  public private(set) var messages: [String] = []
  /// The URL of every request the page made, in order.
  public private(set) var requests: [String] = []

  private let pid: pid_t
  private let toBrowser: Int32
  private let fromBrowser: Int32
  private let profile: String
  private var buffer: [UInt8] = []
  private var nextID = 0
  private var session = ""
  /// The page under test's session: only its events are recorded.
  private var watched = ""
  private var loaded = false
  private let deadline: ContinuousClock.Instant

  /// Starts Chromium and opens `url` in a `width` by `height` window; waits
  /// for the load event. The whole session must finish within `timeout`.
  public init(url: String, width: Int = 1200, height: Int = 900, timeout: Duration = .seconds(60)) throws {
    guard let executable = Self.executable else { throw Failure(description: "no Chromium installed") }
    deadline = .now + timeout
    profile =
      FileManager.default.temporaryDirectory.appendingPathComponent("placewise-chromium-\(UUID().uuidString)")
      .path
    var commands: [Int32] = [0, 0]
    var replies: [Int32] = [0, 0]
    guard pipe(&commands) == 0, pipe(&replies) == 0 else { throw Failure(description: "cannot make pipes") }
    // Above fd 4, so that the child's dup2 onto 3 and 4 never meets itself;
    // close-on-exec, so that no other child inherits them.
    let childIn = fcntl(commands[0], F_DUPFD_CLOEXEC, 10)
    let childOut = fcntl(replies[1], F_DUPFD_CLOEXEC, 10)
    close(commands[0])
    close(replies[1])
    _ = fcntl(commands[1], F_SETFD, FD_CLOEXEC)
    _ = fcntl(replies[0], F_SETFD, FD_CLOEXEC)
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_adddup2(&actions, childIn, 3)
    posix_spawn_file_actions_adddup2(&actions, childOut, 4)
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    let arguments = [
      executable, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
      "--remote-debugging-pipe", "--user-data-dir=\(profile)", "about:blank",
    ]
    var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
    defer { for pointer in argv { free(pointer) } }
    var child: pid_t = 0
    let status = posix_spawn(&child, executable, &actions, nil, &argv, environ)
    close(childIn)
    close(childOut)
    guard status == 0 else {
      close(commands[1])
      close(replies[0])
      throw Failure(description: "cannot start \(executable): error \(status)")
    }
    pid = child
    toBrowser = commands[1]
    fromBrowser = replies[0]
    do {
      let target = try call("Target.createTarget", ["url": "about:blank"], inSession: false)
      guard let targetID = target["targetId"] as? String else { throw Failure(description: "no target id") }
      let attached = try call("Target.attachToTarget", ["targetId": targetID, "flatten": true], inSession: false)
      guard let id = attached["sessionId"] as? String else { throw Failure(description: "no session id") }
      session = id
      watched = id
      for domain in ["Network", "Runtime", "Log", "Page"] { _ = try call("\(domain).enable") }
      _ = try call(
        "Emulation.setDeviceMetricsOverride",
        ["width": width, "height": height, "deviceScaleFactor": 1, "mobile": false])
      _ = try call("Page.navigate", ["url": url])
      while !loaded { try receive() }
    } catch {
      shutDown()
      throw error
    }
  }

  deinit { shutDown() }

  private var finished = false

  private func shutDown() {
    guard !finished else { return }
    finished = true
    kill(pid, SIGKILL)
    var status: Int32 = 0
    waitpid(pid, &status, 0)
    close(toBrowser)
    close(fromBrowser)
    try? FileManager.default.removeItem(atPath: profile)
  }

  /// The value of a JavaScript expression in the page (promises awaited).
  public func evaluate(_ expression: String) throws -> Any? {
    let result = try call(
      "Runtime.evaluate", ["expression": expression, "returnByValue": true, "awaitPromise": true])
    if let details = result["exceptionDetails"] { throw Failure(description: "script failed: \(details)") }
    return (result["result"] as? [String: Any])?["value"]
  }

  /// A PNG of the whole page (`fullPage`) or of the window.
  public func screenshot(fullPage: Bool = false) throws -> Data {
    var parameters: [String: Any] = ["format": "png"]
    if fullPage {
      let height = try evaluate("document.documentElement.scrollHeight") as? Int ?? 900
      let width = try evaluate("document.documentElement.scrollWidth") as? Int ?? 1200
      parameters["clip"] = ["x": 0, "y": 0, "width": width, "height": height, "scale": 1]
      parameters["captureBeyondViewport"] = true
    }
    let result = try call("Page.captureScreenshot", parameters)
    guard let text = result["data"] as? String, let data = Data(base64Encoded: text) else {
      throw Failure(description: "no screenshot")
    }
    return data
  }

  /// Lays the page out for print (`@media print`) from now on, or for the
  /// screen again, so that what a printed copy shows can be read back.
  public func emulatePrint(_ print: Bool = true) throws {
    _ = try call("Emulation.setEmulatedMedia", ["media": print ? "print" : ""])
  }

  /// The page printed to PDF at its CSS page size (A4 for Placewise reports).
  public func printToPDF() throws -> Data {
    let result = try call("Page.printToPDF", ["preferCSSPageSize": true, "printBackground": true])
    guard let text = result["data"] as? String, let data = Data(base64Encoded: text) else {
      throw Failure(description: "no PDF")
    }
    return data
  }

  /// How much of an image (PNG) is not its background: the share of pixels
  /// whose colour differs from the top-left pixel's, and the number of
  /// distinct colours (4 bits a channel). Decoded by the browser on a blank
  /// page of its own, so the page under test sees no extra request.
  public func imageStatistics(png: Data) throws -> (inkShare: Double, colours: Int) {
    let target = try call("Target.createTarget", ["url": "about:blank"], inSession: false)
    guard let targetID = target["targetId"] as? String else { throw Failure(description: "no target id") }
    let attached = try call("Target.attachToTarget", ["targetId": targetID, "flatten": true], inSession: false)
    guard let scratch = attached["sessionId"] as? String else { throw Failure(description: "no session id") }
    let script = """
      (async () => {
        const image = new Image();
        image.src = 'data:image/png;base64,\(png.base64EncodedString())';
        await image.decode();
        const canvas = document.createElement('canvas');
        canvas.width = image.width; canvas.height = image.height;
        const context = canvas.getContext('2d');
        context.drawImage(image, 0, 0);
        const pixels = context.getImageData(0, 0, image.width, image.height).data;
        const colours = new Set();
        let ink = 0;
        for (let i = 0; i < pixels.length; i += 4) {
          if (pixels[i] !== pixels[0] || pixels[i + 1] !== pixels[1] || pixels[i + 2] !== pixels[2]) { ink++; }
          colours.add((pixels[i] >> 4) << 8 | (pixels[i + 1] >> 4) << 4 | (pixels[i + 2] >> 4));
        }
        return [ink / (pixels.length / 4), colours.size];
      })()
      """
    let saved = session
    session = scratch
    defer { session = saved }
    let value = try call("Runtime.evaluate", ["expression": script, "returnByValue": true, "awaitPromise": true])
    guard let pair = (value["result"] as? [String: Any])?["value"] as? [Any], pair.count == 2,
      let share = pair[0] as? Double ?? (pair[0] as? Int).map(Double.init), let colours = pair[1] as? Int
    else { throw Failure(description: "cannot decode the screenshot: \(value)") }
    return (share, colours)
  }

  // MARK: - The protocol

  private func call(_ method: String, _ parameters: [String: Any] = [:], inSession: Bool = true) throws
    -> [String: Any]
  {
    nextID += 1
    let id = nextID
    var message: [String: Any] = ["id": id, "method": method, "params": parameters]
    if inSession { message["sessionId"] = session }
    var bytes = [UInt8](try JSONSerialization.data(withJSONObject: message))
    bytes.append(0)
    var written = 0
    while written < bytes.count {
      let n = bytes[written...].withUnsafeBytes { write(toBrowser, $0.baseAddress, $0.count) }
      guard n > 0 else { throw Failure(description: "the browser closed its pipe") }
      written += n
    }
    while true {
      if let reply = try receive(), reply["id"] as? Int == id {
        if let error = reply["error"] { throw Failure(description: "\(method) failed: \(error)") }
        return reply["result"] as? [String: Any] ?? [:]
      }
    }
  }

  /// Reads one message; records events; returns replies.
  @discardableResult
  private func receive() throws -> [String: Any]? {
    while !buffer.contains(0) {
      let left = ContinuousClock.now.duration(to: deadline)
      guard left > .zero else { throw Failure(description: "the browser did not answer in time") }
      var poller = pollfd(fd: fromBrowser, events: Int16(POLLIN), revents: 0)
      let milliseconds = Int32(min(Double(Int32.max), left.components.seconds.toDouble * 1000 + 1))
      guard poll(&poller, 1, milliseconds) > 0 else { continue }
      var chunk = [UInt8](repeating: 0, count: 1 << 16)
      let n = chunk.withUnsafeMutableBytes { read(fromBrowser, $0.baseAddress, $0.count) }
      guard n > 0 else { throw Failure(description: "the browser closed its pipe") }
      buffer += chunk[0..<n]
    }
    guard let end = buffer.firstIndex(of: 0) else { return nil }
    let text = Data(buffer[0..<end])
    buffer.removeSubrange(0...end)
    guard let message = try JSONSerialization.jsonObject(with: text) as? [String: Any] else { return nil }
    if let method = message["method"] as? String {
      record(method, message["params"] as? [String: Any] ?? [:], session: message["sessionId"] as? String)
      return nil
    }
    return message
  }

  private func record(_ method: String, _ parameters: [String: Any], session from: String?) {
    guard from == watched else { return }
    switch method {
    case "Page.loadEventFired":
      loaded = true
    case "Network.requestWillBeSent":
      if let request = parameters["request"] as? [String: Any], let url = request["url"] as? String {
        requests.append(url)
      }
    case "Runtime.consoleAPICalled":
      let arguments = (parameters["args"] as? [[String: Any]] ?? []).map { "\($0["value"] ?? $0["description"] ?? "")" }
      messages.append("console.\(parameters["type"] ?? ""): \(arguments.joined(separator: " "))")
    case "Runtime.exceptionThrown":
      let details = parameters["exceptionDetails"] as? [String: Any] ?? [:]
      let exception = details["exception"] as? [String: Any] ?? [:]
      messages.append("exception: \(exception["description"] ?? details["text"] ?? "")")
    case "Log.entryAdded":
      let entry = parameters["entry"] as? [String: Any] ?? [:]
      guard entry["level"] as? String == "error" || entry["level"] as? String == "warning" else { return }
      messages.append("log.\(entry["level"] ?? ""): \(entry["text"] ?? "") \(entry["url"] ?? "")")
    default:
      break
    }
  }
}

extension Int64 {
  fileprivate var toDouble: Double { Double(self) }
}
