import ArgumentParser

/// A mistyped subcommand (`placewise alocate`), caught before parsing:
/// swift-argument-parser would otherwise complain about the options that
/// follow it ("Unknown option '--out'"), never about the word itself.
enum CommandSuggestion {
  /// The message for the first word of `arguments` that names no
  /// subcommand where one is expected, with the closest name when one is
  /// close; nil when every such word is a subcommand.
  static func problem(in arguments: [String], root: any ParsableCommand.Type) -> String? {
    var command = root
    var path = [name(of: root)]
    for (index, word) in arguments.enumerated() {
      let subcommands = subcommands(of: command)
      if subcommands.isEmpty || word.hasPrefix("-") { return nil }
      // `placewise help allocate`: the words after help name the command.
      if word == "help" && index == 0 { continue }
      guard let next = subcommands.first(where: { names(of: $0).contains(word) }) else {
        let within = path.joined(separator: " ")
        var text = "'\(word)' is not a \(within) command."
        if let suggestion = closest(to: word, among: subcommands.flatMap(names(of:))) {
          text += " Did you mean '\(suggestion)'?"
        }
        let choices = subcommands.map(name(of:)).joined(separator: ", ")
        return text + "\nThe \(within) commands are: \(choices).\n  See '\(within) --help' for more information."
      }
      command = next
      path.append(name(of: next))
    }
    return nil
  }

  static func subcommands(of command: any ParsableCommand.Type) -> [any ParsableCommand.Type] {
    command.configuration.subcommands
  }

  static func name(of command: any ParsableCommand.Type) -> String {
    command._commandName
  }

  /// A command's name and its aliases.
  static func names(of command: any ParsableCommand.Type) -> [String] {
    [name(of: command)] + command.configuration.aliases
  }

  /// The name closest to `word`: within two edits (a letter left out,
  /// added, changed or two swapped), or one the word begins; nil when none is.
  static func closest(to word: String, among names: [String]) -> String? {
    let typed = word.lowercased()
    let scored = names.map { (name: $0, distance: editDistance(typed, $0)) }
    if let best = scored.min(by: { $0.distance < $1.distance }), best.distance <= 2 { return best.name }
    if typed.count >= 2, let prefixed = names.first(where: { $0.hasPrefix(typed) }) { return prefixed }
    return nil
  }

  /// The optimal string alignment distance between `a` and `b`: the fewest
  /// insertions, deletions, substitutions and swaps of neighbours.
  static func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a)
    let b = Array(b)
    if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
    var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
    for i in 0...a.count { table[i][0] = i }
    for j in 0...b.count { table[0][j] = j }
    for i in 1...a.count {
      for j in 1...b.count {
        let cost = a[i - 1] == b[j - 1] ? 0 : 1
        var best = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
        if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
          best = min(best, table[i - 2][j - 2] + 1)
        }
        table[i][j] = best
      }
    }
    return table[a.count][b.count]
  }
}
