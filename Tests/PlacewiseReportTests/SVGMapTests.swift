import Foundation
import Testing

@testable import PlacewiseReport

@Suite("The report's map")
struct SVGMapTests {
  @Test("a setting of one free place on a map a few kilometres wide is drawn, not at radius 0")
  func smallestCircleDrawn() {
    // Two settings 1 km apart: the map is about 4 km wide, so a hundredth of
    // it is 0.04 km and the smallest circle would round to 0.
    let sites = [
      SVGMap.Site(easting: 400_000, northing: 200_000, freePlaces: 1, fill: 0, title: "A"),
      SVGMap.Site(easting: 401_000, northing: 200_000, freePlaces: 400, fill: 0, title: "B"),
    ]
    let svg = SVGMap.render(sites: sites, homes: [], unplaced: [], squareKm: 1, minimumCount: 5)
    let radii = svg.components(separatedBy: " r=\"").dropFirst().compactMap { Double($0.prefix { $0 != "\"" }) }
    #expect(radii.count == 2)
    #expect(radii.allSatisfy { $0 > 0 }, "radii \(radii)")
  }
}
