extension Duration {
  /// The duration in seconds, as a double.
  public var inSeconds: Double {
    Double(components.seconds) + Double(components.attoseconds) * 1e-18
  }
}
