import Foundation
import Placewise
import PlacewiseReport
import Testing

@Suite("a case written as its files")
struct CaseFilesTests {
  @Test("travel.csv writes every minute with the digits that read back to the same double")
  func travelMinutes() throws {
    let values: [Double] = [
      0, 0.1, 0.5, 1, 9.9, 12.3, 45, 59.96, 100.05, 1439.9, 1440, 1e-7, 33.333333333333336, 2.675,
    ]
    let settings = [
      Setting(
        urn: URN("100001"), name: "A", kind: .special, easting: 1, northing: 2, lowAge: 4, highAge: 19, capacity: 1)
    ]
    let pupils = values.indices.map {
      Pupil(
        id: PupilID("P\($0)"), easting: 3, northing: 4, age: 8, primaryNeed: .asd, provision: EnumSet([.special]))
    }
    var travel = TravelMatrix()
    for (p, minutes) in values.enumerated() { travel.append(pupil: p, setting: 0, minutes: minutes) }
    let input = Case(settings: settings, pupils: pupils, travel: travel)
    let files = Dictionary(uniqueKeysWithValues: CaseFiles.render(input).map { ($0.name, $0.contents) })
    let text = String(decoding: try #require(files["travel.csv"]), as: UTF8.self)
    let lines = text.split(separator: "\n").dropFirst()
    #expect(lines.count == values.count)
    for (line, value) in zip(lines, values) {
      let written = try #require(line.split(separator: ",").last)
      #expect(Double(written) == value, "\(value) written as \(written)")
      #expect(!written.contains("e") || value < 1e-4, "\(written)")
    }
  }
}
