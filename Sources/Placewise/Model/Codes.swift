/// A primary-need code, as in the school census and the SEN2 return.
public enum NeedCode: Int, CaseIterable, Sendable, Comparable, CustomStringConvertible {
  case spld, mld, sld, pmld, semh, slcn, hi, vi, msi, pd, asd, ds, oth

  /// The code as the case format spells it (`SPLD`, `ASD`, ...).
  public var code: String {
    switch self {
    case .spld: "SPLD"
    case .mld: "MLD"
    case .sld: "SLD"
    case .pmld: "PMLD"
    case .semh: "SEMH"
    case .slcn: "SLCN"
    case .hi: "HI"
    case .vi: "VI"
    case .msi: "MSI"
    case .pd: "PD"
    case .asd: "ASD"
    case .ds: "DS"
    case .oth: "OTH"
    }
  }

  /// Parses a code case-insensitively (`SpLD` and `SPLD` alike).
  public init?(code: some StringProtocol) {
    let upper = code.uppercased()
    guard let match = Self.allCases.first(where: { $0.code == upper }) else { return nil }
    self = match
  }

  /// All codes, for error messages.
  public static let expectedList = allCases.map(\.code).joined(separator: ", ")

  /// The code.
  public var description: String { code }
  /// Orders codes as listed in the case format.
  public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}

/// A kind of setting.
public enum SettingKind: Int, CaseIterable, Sendable, Comparable, CustomStringConvertible {
  /// State-funded special school (maintained, academy or free).
  case special
  /// Independent or non-maintained special school.
  case independent
  /// Resourced provision or SEN unit attached to a mainstream school.
  case resourced
  /// Mainstream school.
  case mainstream
  /// Alternative provision.
  case ap
  /// An institution in the further education sector (general FE, sixth
  /// form or specialist designated college).
  case college
  /// A special post-16 institution.
  case post16

  /// The word the case format uses.
  public var word: String {
    switch self {
    case .special: "special"
    case .independent: "independent"
    case .resourced: "resourced"
    case .mainstream: "mainstream"
    case .ap: "ap"
    case .college: "college"
    case .post16: "post16"
    }
  }

  /// Whether a request for a setting of this kind must be followed under
  /// section 39 when `statutory_request` is not given.
  public var statutoryRequestByDefault: Bool {
    switch self {
    case .special, .resourced, .mainstream, .college: true
    case .ap, .independent, .post16: false
    }
  }

  /// Parses a kind case-insensitively.
  public init?(word: some StringProtocol) {
    let lower = word.lowercased()
    guard let match = Self.allCases.first(where: { $0.word == lower }) else { return nil }
    self = match
  }

  /// All words, for error messages.
  public static let expectedList = allCases.map(\.word).joined(separator: ", ")

  /// The word.
  public var description: String { word }
  /// Orders kinds as listed in the case format.
  public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}

/// Which pupils a setting admits by sex.
public enum SettingGender: String, CaseIterable, Sendable {
  case mixed, boys, girls

  /// Parses the word case-insensitively.
  public init?(word: some StringProtocol) { self.init(rawValue: word.lowercased()) }
}

/// A pupil's recorded sex.
public enum Sex: String, CaseIterable, Sendable {
  case female = "F"
  case male = "M"

  /// Parses `F` or `M` case-insensitively.
  public init?(word: some StringProtocol) { self.init(rawValue: word.uppercased()) }
}

/// A small set of values of a `CaseIterable` enum with `Int` raw values below 64.
public struct EnumSet<Element: RawRepresentable & CaseIterable & Hashable & Sendable>: Hashable, Sendable,
  Sequence
where Element.RawValue == Int {
  /// One bit per element.
  public private(set) var bits: UInt64

  /// The empty set.
  public init() { bits = 0 }
  /// A set of the given elements.
  public init(_ elements: some Sequence<Element>) {
    bits = 0
    for element in elements { insert(element) }
  }

  /// Whether the set is empty.
  public var isEmpty: Bool { bits == 0 }
  /// The number of elements.
  public var count: Int { bits.nonzeroBitCount }
  /// Whether the element is in the set.
  public func contains(_ element: Element) -> Bool { bits & (1 << UInt64(element.rawValue)) != 0 }
  /// Adds an element.
  public mutating func insert(_ element: Element) { bits |= 1 << UInt64(element.rawValue) }

  /// The elements in declaration order.
  public func makeIterator() -> IndexingIterator<[Element]> {
    Element.allCases.filter { contains($0) }.makeIterator()
  }
}
