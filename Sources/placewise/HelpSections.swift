import ArgumentParser
import Foundation

/// A command whose `--help` ends, after swift-argument-parser's sections,
/// with the files it writes and examples on the sample data in `Data/`
/// (as `gh` does): help that shows how, not only what.
protocol DocumentedCommand: ParsableCommand {
  /// Examples that run on the sample data, from the repository root.
  static var examples: [HelpExample] { get }
  /// The files the command writes, in the order a reader meets them.
  static var filesWritten: HelpFiles? { get }
}

extension DocumentedCommand {
  static var filesWritten: HelpFiles? { nil }
}

/// One example of `--help`: what it does, then the command line.
struct HelpExample {
  /// What the example does, in a few words.
  var about: String
  /// The command line, with ` \` continuations for lines past 80 columns.
  var command: String
}

/// The files a command writes, for `--help`'s FILES WRITTEN section.
struct HelpFiles {
  /// Where the files go, e.g. "in OUT_DIR".
  var place: String
  /// Each file's name and what it holds.
  var files: [(name: String, about: String)]
}

/// The sections `--help` adds after swift-argument-parser's own.
enum HelpSections {
  /// Where the examples' paths lead: the repository root, or the copy the
  /// Debian package installs.
  static let whereTheSampleIs = """
    Run from the repository root; the Debian package installs the sample data \
    in /usr/share/placewise, so there run `cd /usr/share/placewise` first and \
    give --out a folder of yours (such as --out ~/out/sample-county).
    """

  /// The column the descriptions of files start at, as swift-argument-parser's
  /// OPTIONS do.
  static let labelColumn = 26
  static let width = 80

  /// `help` (a full help screen of `command`) with the command's sections added.
  static func appending(to help: String, for command: any DocumentedCommand.Type) -> String {
    var text = String(help.reversed().drop { $0 == "\n" }.reversed()) + "\n"
    if let written = command.filesWritten {
      text += "\nFILES WRITTEN (\(written.place)):\n"
      for file in written.files {
        let label = "  " + file.name
        let lines = wrap(file.about, width: width - labelColumn)
        if label.count < labelColumn {
          text += label.padding(toLength: labelColumn, withPad: " ", startingAt: 0) + lines[0] + "\n"
        } else {
          text += label + "\n" + String(repeating: " ", count: labelColumn) + lines[0] + "\n"
        }
        for line in lines.dropFirst() { text += String(repeating: " ", count: labelColumn) + line + "\n" }
      }
    }
    if !command.examples.isEmpty {
      text += "\nEXAMPLES:\n"
      for example in command.examples {
        text += wrap(example.about, width: width - 2).map { "  " + $0 + "\n" }.joined()
        // A line after one ending in a backslash continues the command:
        // indented under it, not prompted again.
        var continues = false
        for line in example.command.split(separator: "\n") {
          text += (continues ? "        " : "    $ ") + line + "\n"
          continues = line.hasSuffix("\\")
        }
        text += "\n"
      }
      text += wrap(whereTheSampleIs, width: width - 2).map { "  " + $0 + "\n" }.joined()
    }
    return text
  }

  /// `text` broken at spaces into lines of at most `width` characters (a
  /// longer word stands alone).
  static func wrap(_ text: String, width: Int) -> [String] {
    var lines: [String] = []
    var line = ""
    for word in text.split(separator: " ") {
      if line.isEmpty {
        line = String(word)
      } else if line.count + 1 + word.count <= width {
        line += " " + word
      } else {
        lines.append(line)
        line = String(word)
      }
    }
    return lines + [line]
  }

  /// Every command under `root` (itself included), depth first.
  static func commands(under root: any ParsableCommand.Type) -> [any ParsableCommand.Type] {
    [root] + root.configuration.subcommands.flatMap { commands(under: $0) }
  }

  /// The help screen `error` asks for, with the sections of its command
  /// added; nil when `error` is not a help request of a documented command.
  static func help(for error: any Error, root: any ParsableCommand.Type) -> String? {
    guard root.exitCode(for: error) == .success else { return nil }
    let message = root.fullMessage(for: error)
    for command in commands(under: root) {
      guard let documented = command as? any DocumentedCommand.Type else { continue }
      if message == root.helpMessage(for: command) { return appending(to: message, for: documented) }
    }
    return nil
  }
}
