import Foundation

/// A reader of public `report.html` pages that tries to work out a count the
/// page withholds, written without the renderer's code: it knows only what a
/// determined reader knows (the page's text, tables, SVG, tooltips, titles
/// and data attributes, and what the words in them mean), never how the
/// page was made.
///
/// Use it on any public page (allocate, compare, recommend, and later
/// forecast):
///
/// ```swift
/// let findings = PublicReportChecker.findings(in: html)
/// #expect(findings.isEmpty, "\(findings)")
/// let same = PublicReportChecker.firstDifference(publicA, publicB)  // nil when byte-identical
/// ```
///
/// How it reads:
/// - every count it can read (the bar charts' segments too) becomes a
///   variable named by its row and column
///   (`SLCN: Speech, language and communication|placed`, a setting by its
///   URN, `ALL|placed` for totals, `plan:NAME|unplaced` on compare pages),
///   whichever table, headline card, sentence, tooltip or data attribute
///   shows it, so that the same count seen twice is one variable;
/// - a shown count is exact (or, on a page that says it rounds to the
///   nearest 5, within 2 of the figure shown); `<5` and "fewer than 5" are
///   1 to 4; `0-4` is 0 to 4; `c` is any count; `x` is a withheld count of
///   5 or more (or, for a figure derived from counts, unknown);
/// - it then adds what the words imply: columns sum to their footers, a
///   kind's settings sum to the kind, pupils are placed plus unplaced, shares
///   and fills are ratios to within their rounding, a mean times its count is
///   its total, places left are free places less those used, histogram bins
///   sum to the placed, a setting whose extra place is worth something is
///   full, a table said to list the fullest first is ordered by fill, a plan
///   changes placed by its newly placed less those who lose their place, and
///   a capital cost per extra child times the extra children is the capital;
/// - it reads the pounds too (`+Money`): a cost of children without a place
///   is `unplaced_cost` (from the page's policy table) times their count, a
///   transport cost `pounds_per_minute` times the journeys, a total the sum
///   of its parts, and a cost of places a known cost per place times the
///   placed; a pounds figure is exact to the pound, or within half the step
///   the page says it rounds to;
/// - on forecast pages, each plan's demand cells ("N short") sum to the
///   year's count by need and in all, shown on the cards and in the costs;
/// - and narrows every variable's interval until nothing changes.
///
/// A finding is a withheld count whose interval has narrowed to one value,
/// a count rounded to the nearest 5 worked out exactly, a total of withheld
/// counts worked out to 1 to 4, a figure drawn from one child (a longest or
/// shortest journey), unmet need weighted by priority 1 to 4 above the
/// unplaced (it counts looked-after children), or a map whose extent reaches beyond everything drawn
/// on it (which would show where an undrawn pupil lives).
public enum PublicReportChecker {
  /// Something a reader can learn that the page means to withhold.
  public struct Finding: Sendable, CustomStringConvertible, Equatable {
    /// The variable (see the type's documentation), or the kind of leak.
    public let quantity: String
    /// The value worked out, when it is a count.
    public let value: Int?
    /// How it leaks, in words.
    public let how: String
    /// One line.
    public var description: String { "\(quantity)\(value.map { " = \($0)" } ?? ""): \(how)" }
  }

  /// Every finding on a public page, in a stable order.
  /// What a reader may know beside the page: each school's cost per place
  /// (published place funding), which divides a cost of places back into
  /// children, and whether every child's priority is 1 (unmet need is then
  /// a count).
  public struct Knowledge: Sendable {
    /// One cost per place for every setting.
    public var placeCost: Double?
    /// Costs per place by URN.
    public var placeCosts: [String: Double] = [:]
    /// Every priority is 1.
    public var unitPriorities = false

    /// What a reader knows: nothing, unless given.
    public init(placeCost: Double? = nil, placeCosts: [String: Double] = [:], unitPriorities: Bool = false) {
      self.placeCost = placeCost
      self.placeCosts = placeCosts
      self.unitPriorities = unitPriorities
    }
  }

  /// Every finding on a public page, in a stable order; `knowing`: what the
  /// reader knows beside it.
  public static func findings(in html: String, knowing knowledge: Knowledge = .init()) -> [Finding] {
    var reader = PageReader(html: html)
    reader.read(knowing: knowledge)
    return reader.system.exactWithheld() + reader.system.weightedGaps() + reader.otherFindings
  }

  /// Every finding on `allocate`'s and `forecast`'s public pages of one case
  /// read together: the forecast's first year allocates the same batch, so
  /// the baseline's year-1 cells of each need add up to allocate's need row
  /// of children without a place, and those of each phase to its phase
  /// row (hostile trial, round twenty-one: allocate's need of 8 with placed
  /// `x`, beside three phases each `<5 short`, was 3).
  public static func findings(allocate: String, forecast: String, knowing knowledge: Knowledge = .init())
    -> [Finding]
  {
    together(allocate: allocate, other: forecast, knowing: knowledge) { system in
      linkFirstYear(&system)
    }
  }

  /// The forecast's baseline year-1 cells, by need and by phase, summed to
  /// allocate's rows.
  private static func linkFirstYear(_ system: inout ConstraintSystem) {
    let names = system.bounds.keys.sorted()
    let prefix = "plan:baseline|year:1|need:"
    let cells = names.filter { $0.hasPrefix(prefix) && $0.contains("|phase:") && $0.hasSuffix("|unplaced") }
    let rows = names.filter { !$0.hasPrefix("plan:") && $0.hasSuffix("|unplaced") }
    var byNeed: [String: [String]] = [:]
    var byPhase: [String: [String]] = [:]
    for cell in cells {
      let parts = cell.dropFirst(prefix.count).components(separatedBy: "|phase:")
      guard parts.count == 2 else { continue }
      byNeed[parts[0], default: []].append(cell)
      byPhase[String(parts[1].dropLast("|unplaced".count)), default: []].append(cell)
    }
    for (code, members) in byNeed {
      if let row = rows.first(where: { $0.hasPrefix(code + ":") }) { system.sum(members, equals: row) }
    }
    for (phase, members) in byPhase {
      if rows.contains(phase + "|unplaced") { system.sum(members, equals: phase + "|unplaced") }
    }
  }

  /// allocate's public page and another public page of the same batch read
  /// as one system, `link` relating their figures, and what a reader works
  /// out of them.
  ///
  /// The policy's settings ("About this run") are no counts: exact on
  /// allocate's page, they are not rounded figures worked out on the
  /// other's, whose rounding covers counts of children. Nor is a count of 5
  /// or more worked out exactly a finding here where the other page rounds
  /// it, or (`withheldLarge`) withholds it (`c`, compare's baseline
  /// column): allocate's page shows such counts exactly (its total of 18
  /// beside the forecast's card of 20). Counts of 1 to 4 are.
  private static func together(
    allocate: String, other: String, knowing knowledge: Knowledge, withheldLarge: Bool = false,
    link: (inout ConstraintSystem) -> Void
  ) -> [Finding] {
    var first = PageReader(html: allocate)
    first.read(knowing: knowledge)
    var second = PageReader(html: other)
    second.system = first.system
    second.read(knowing: knowledge)
    var system = second.system
    link(&system)
    let found = system.exactWithheld().filter { finding in
      let large = (finding.value ?? 0) >= 5
      return !finding.quantity.hasSuffix("|value, as applied") && !(finding.how.hasPrefix("rounded") && large)
        && !(withheldLarge && finding.quantity.hasPrefix("plan:") && large)
    }
    return found + system.weightedGaps() + first.otherFindings + second.otherFindings
  }

  /// Every finding on `allocate`'s and `compare`'s public pages of one case
  /// read together: compare's baseline allocates the same batch, so its
  /// placed and unplaced are allocate's, and its children without a place
  /// by need are allocate's need rows (hostile trial, round twenty-two:
  /// allocate's SLCN of 9 pupils, placed `<5`, beside compare's baseline
  /// SLCN of 10 without a place, was 1 placed).
  public static func findings(allocate: String, compare: String, knowing knowledge: Knowledge = .init())
    -> [Finding]
  {
    together(allocate: allocate, other: compare, knowing: knowledge, withheldLarge: true) { system in
      linkBaseline(&system)
    }
  }

  /// Compare's baseline column to allocate's figures, and each plan that
  /// moves nobody to the baseline.
  private static func linkBaseline(_ system: inout ConstraintSystem) {
    let names = system.bounds.keys.sorted()
    let prefix = "plan:baseline|need:"
    for cell in names where cell.hasPrefix(prefix) && cell.hasSuffix("|unplaced") {
      let code = String(cell.dropFirst(prefix.count).dropLast("|unplaced".count))
      if let row = names.first(where: {
        !$0.hasPrefix("plan:") && $0.hasPrefix(code + ":") && $0.hasSuffix("|unplaced")
      }) {
        system.sum([cell], equals: row)
      }
    }
    for key in ["placed", "unplaced"] where names.contains("ALL|\(key)") && names.contains("plan:baseline|\(key)") {
      system.sum(["plan:baseline|\(key)"], equals: "ALL|\(key)")
    }
    // First preferences met and requests refused: allocate's too.
    let outcomes = [
      ("first_preference_met", "placed at their first preference|pupils"), ("requests_refused", "ALL|refused"),
    ]
    for (key, theirs) in outcomes where names.contains(theirs) && names.contains("plan:baseline|\(key)") {
      system.sum(["plan:baseline|\(key)"], equals: theirs)
    }
    // A plan that moves nobody and displaces nobody (its moves shown 0)
    // has the baseline's placements, and so its outcomes (round
    // twenty-three: a plan of 2 places at a school with room showed the
    // baseline's requests refused beside a withheld baseline column).
    let plans = Set(names.filter { $0.hasPrefix("plan:") && $0.hasSuffix("|all moves") }.map { $0.dropLast(10) })
    for plan in plans.sorted() where plan != "plan:baseline" {
      let still = ["all moves", "displaced"].allSatisfy { key in
        system.bounds["\(plan)|\(key)"].map { $0.lo == 0 && $0.hi == 0 } ?? false
      }
      guard still else { continue }
      for (key, _) in outcomes where names.contains("\(plan)|\(key)") && names.contains("plan:baseline|\(key)") {
        system.sum(["\(plan)|\(key)"], equals: "plan:baseline|\(key)")
      }
      for cell in names where cell.hasPrefix(prefix) && cell.hasSuffix("|unplaced") {
        let mine = "\(plan)|need:" + cell.dropFirst(prefix.count)
        if names.contains(mine) { system.sum([mine], equals: cell) }
      }
    }
  }

  /// Nil when the two pages are byte-identical; otherwise the text around
  /// their first difference.
  public static func firstDifference(_ a: String, _ b: String) -> String? {
    let x = Array(a.utf8)
    let y = Array(b.utf8)
    guard x != y else { return nil }
    var i = 0
    while i < min(x.count, y.count) && x[i] == y[i] { i += 1 }
    func around(_ bytes: [UInt8]) -> String {
      String(decoding: bytes[max(0, i - 80)..<min(bytes.count, i + 80)], as: UTF8.self)
    }
    return "at byte \(i):\n  \(around(x))\n  \(around(y))"
  }
}
