extension Disclosed {
  /// `text`, escaped for HTML (`&lt;5`).
  package var html: String { HTMLPage.escape(text) }
}
