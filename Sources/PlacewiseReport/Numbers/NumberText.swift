/// Numbers as written in every output: whole numbers without a fraction,
/// others with the shortest digits that read back to the same double
/// (unrounded, as the case format asks).
enum NumberText {
  static func format(_ value: Double) -> String {
    if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
    return "\(value)"
  }
}
