/// The holders of every setting's places in the price auction: per setting, a
/// binary min-heap on the price each holder paid, so that the cheapest held
/// place (the one a new bidder displaces) is at the top.
///
/// All heaps live in one flat store of unchecked buffers (the auction's hot
/// loop reads them millions of times): setting `s` owns the slots
/// `base[s] ..< base[s + 1]`, one per free place, and its first `count[s]`
/// slots hold its heap. Each slot keeps a price and a pupil, in two parallel
/// buffers (the pair a holder took is the auction's to know). Prices are
/// never negative.
///
/// One `siftUp` and one `siftDown` keep every heap in order; the order of
/// equal prices, and so every figure the auction produces, follows from them.
struct SettingHeaps: ~Copyable {
  private let base: UnsafeMutableBufferPointer<Int>
  private let count: UnsafeMutableBufferPointer<Int>
  private let heapPrice: UnsafeMutableBufferPointer<Double>
  private let heapPupil: UnsafeMutableBufferPointer<Int32>

  /// The number of settings.
  let settingCount: Int

  /// Empty heaps, one per setting, with room for `places[s]` holders
  /// (a negative number counts as 0).
  init(places: [Int]) {
    settingCount = places.count
    base = .allocate(capacity: settingCount + 1)
    base[0] = 0
    for s in 0..<settingCount { base[s + 1] = base[s] + max(0, places[s]) }
    let slots = max(1, base[settingCount])
    heapPrice = .allocate(capacity: slots)
    heapPupil = .allocate(capacity: slots)
    count = .allocate(capacity: max(1, settingCount))
    for s in 0..<settingCount { count[s] = 0 }
  }

  deinit {
    heapPrice.deallocate()
    heapPupil.deallocate()
    count.deallocate()
    base.deallocate()
  }

  /// The number of places of setting `s`.
  @inline(__always) func capacity(_ s: Int) -> Int { base[s + 1] - base[s] }

  /// The number of places of setting `s` that are held.
  @inline(__always) func holderCount(_ s: Int) -> Int { count[s] }

  /// Whether every place of setting `s` is held (true when it has none).
  @inline(__always) func isFull(_ s: Int) -> Bool { count[s] >= capacity(s) }

  /// The price of the cheapest place of setting `s`: 0 while a place is free
  /// (or the setting has none), else the lowest price a holder paid.
  @inline(__always) func lowest(_ s: Int) -> Double {
    count[s] < capacity(s) || count[s] == 0 ? 0 : heapPrice[base[s]]
  }

  /// The price of the second-cheapest place of setting `s`, a free place
  /// costing 0, or infinity when the setting has fewer than two places.
  ///
  /// One exception, kept because the auction's prices (and so which pupils
  /// the LP is given) have always followed it: an empty setting with a
  /// single place reports 0, not infinity.
  @inline(__always) func secondLowest(_ s: Int) -> Double {
    let n = count[s]
    let b = base[s]
    if n + 2 <= capacity(s) { return 0 }
    if n + 1 == capacity(s) { return n == 0 ? 0 : heapPrice[b] }
    if n < 2 { return .infinity }
    return n == 2 ? heapPrice[b + 1] : min(heapPrice[b + 1], heapPrice[b + 2])
  }

  /// The pupil holding the `i`-th slot of setting `s`'s heap (`i < holderCount(s)`).
  func pupil(_ s: Int, at i: Int) -> Int { Int(heapPupil[base[s] + i]) }

  /// The price paid for the `i`-th slot of setting `s`'s heap (`i < holderCount(s)`).
  func price(_ s: Int, at i: Int) -> Double { heapPrice[base[s] + i] }

  /// Adds a holder to setting `s`, which must have a free place.
  mutating func push(_ s: Int, price: Double, pupil: Int32) {
    let b = base[s]
    let i = count[s]
    heapPrice[b + i] = price
    heapPupil[b + i] = pupil
    count[s] = i + 1
    siftUp(b, i)
  }

  /// Puts a new holder in place of the cheapest one of setting `s`, which
  /// must be full and have a place; returns the pupil displaced.
  mutating func replaceLowest(_ s: Int, price: Double, pupil: Int32) -> Int {
    let b = base[s]
    let displaced = Int(heapPupil[b])
    heapPrice[b] = price
    heapPupil[b] = pupil
    siftDown(b, count[s], 0)
    return displaced
  }

  /// Removes from every setting the holders `isReleased` picks, keeping the
  /// others in their slot order, and restores the heap of each setting that
  /// lost one (bottom-up, Floyd's way).
  mutating func removeHolders(where isReleased: (Int) -> Bool) {
    for s in 0..<settingCount where count[s] > 0 {
      let b = base[s]
      var n = 0
      for i in 0..<count[s] where !isReleased(Int(heapPupil[b + i])) {
        heapPrice[b + n] = heapPrice[b + i]
        heapPupil[b + n] = heapPupil[b + i]
        n += 1
      }
      if n < count[s] {
        count[s] = n
        if n > 1 { for i in stride(from: n / 2 - 1, through: 0, by: -1) { siftDown(b, n, i) } }
      }
    }
  }

  /// Moves the entry at heap position `i` (slots from `b`) up to its place.
  private func siftUp(_ b: Int, _ i: Int) {
    var i = i
    let (price, pupil) = (heapPrice[b + i], heapPupil[b + i])
    while i > 0 {
      let parent = (i - 1) / 2
      guard price < heapPrice[b + parent] else { break }
      heapPrice[b + i] = heapPrice[b + parent]
      heapPupil[b + i] = heapPupil[b + parent]
      i = parent
    }
    heapPrice[b + i] = price
    heapPupil[b + i] = pupil
  }

  /// Moves the entry at heap position `i` of a heap of `n` entries (slots
  /// from `b`) down to its place.
  private func siftDown(_ b: Int, _ n: Int, _ i: Int) {
    var i = i
    let (price, pupil) = (heapPrice[b + i], heapPupil[b + i])
    while true {
      let l = 2 * i + 1
      guard l < n else { break }
      var m = l
      if l + 1 < n && heapPrice[b + l + 1] < heapPrice[b + l] { m = l + 1 }
      guard heapPrice[b + m] < price else { break }
      heapPrice[b + i] = heapPrice[b + m]
      heapPupil[b + i] = heapPupil[b + m]
      i = m
    }
    heapPrice[b + i] = price
    heapPupil[b + i] = pupil
  }
}
