import Foundation
import PlacewiseTestSupport
import Testing

@testable import Placewise

private typealias Row = GIASFixture.Row

/// An LA's colleges and special post-16 institutions, and the schools whose
/// requests section 39 protects whatever their kind's default.
private let post16: [Row] = [
  Row(
    urn: "130001", la: "886", name: "Mid Kent College", type: "Further education", lowAge: "16", highAge: "99",
    capacity: "", onRoll: "5200", furtherEducation: "General Further Education College"),
  Row(
    urn: "130002", la: "886", name: "Hilltop Sixth Form College", type: "Further education", lowAge: "16",
    highAge: "19", capacity: "1600", onRoll: "1540", furtherEducation: "Sixth Form College (General)"),
  Row(
    urn: "130003", la: "886", name: "Weald Specialist College", type: "Further education", lowAge: "16",
    highAge: "99", capacity: "120", onRoll: "98",
    sen: ["ASD - Autistic Spectrum Disorder", "SLD - Severe Learning Difficulty"],
    furtherEducation: "Specialist Designated College"),
  Row(
    urn: "130004", la: "886", name: "Orchard Post-16 Centre", type: "Special post 16 institution", lowAge: "16",
    highAge: "25", capacity: "60", onRoll: "52", sen: ["PMLD - Profound and Multiple Learning Difficulty"],
    section41: "Not applicable"),
  Row(
    urn: "130005", la: "886", name: "Bridge Specialist College", type: "Special post 16 institution", lowAge: "16",
    highAge: "99", capacity: "80", onRoll: "70", section41: "Approved"),
  Row(
    urn: "130006", la: "886", name: "Designated Post-16 Centre", type: "Special post 16 institution",
    lowAge: "16", highAge: "25", capacity: "40", onRoll: "40", furtherEducation: "Specialist Designated College"),
  Row(
    urn: "130007", la: "886", name: "Royal School for the Deaf", type: "Non-maintained special school",
    lowAge: "5", highAge: "19", capacity: "90", onRoll: "84", sen: ["HI - Hearing Impairment"],
    section41: "Not applicable"),
  Row(
    urn: "130008", la: "886", name: "Greenway School", type: "Other independent special school", lowAge: "8",
    highAge: "18", capacity: "50", onRoll: "44", section41: "Approved"),
  Row(
    urn: "130009", la: "886", name: "Ashdown House School", type: "Other independent special school",
    lowAge: "8", highAge: "18", capacity: "50", onRoll: "44", section41: "Not applicable"),
  Row(
    urn: "130010", la: "886", name: "Oak Special School", type: "Community special school", lowAge: "2",
    highAge: "19", capacity: "100", onRoll: "99", section41: "Not applicable"),
]

private func importPost16(
  _ rows: [Row] = post16, release: GIASFixture.Release = .newer, missingCapacity: MissingCapacity = .onRoll,
  omitting: Set<String> = []
) throws(InvalidCaseError) -> [String: Setting] {
  let result = try GIASImporter.read(
    bytes: GIASFixture.bytes(rows, release: release, omitting: omitting), file: "edubasealldata.csv",
    options: GIASImportOptions(localAuthorities: ["886"], missingCapacity: missingCapacity))
  return Dictionary(uniqueKeysWithValues: result.settings.map { ($0.urn.rawValue, $0) })
}

@Suite("GIAS import: colleges, special post-16 institutions and section 39")
struct GIASImportPost16Tests {
  @Test(
    "General FE, sixth form and specialist designated colleges are colleges", arguments: GIASFixture.Release.allCases)
  func colleges(release: GIASFixture.Release) throws {
    let settings = try importPost16(release: release)
    let fe = try #require(settings["130001"])
    #expect(fe.kind == .college && fe.lowAge == 16 && fe.highAge == 25, "GIAS's 99 is read as 25")
    #expect(fe.needs.isEmpty && fe.capacity == 5200 && fe.statutoryRequest)
    let sixthForm = try #require(settings["130002"])
    #expect(sixthForm.kind == .college && sixthForm.highAge == 19 && sixthForm.capacity == 1600)
    let designated = try #require(settings["130003"])
    #expect(designated.kind == .college && designated.highAge == 25)
    #expect(Array(designated.needs) == [.sld, .asd], "a college's needs are its SEN columns where GIAS gives them")
  }

  @Test("Special post-16 institutions are post16: section 39 applies where approved or designated")
  func specialPost16() throws {
    let settings = try importPost16()
    let plain = try #require(settings["130004"])
    #expect(plain.kind == .post16 && plain.highAge == 25 && Array(plain.needs) == [.pmld])
    #expect(!plain.statutoryRequest, "post16 defaults to no")
    let approved = try #require(settings["130005"])
    #expect(approved.kind == .post16 && approved.highAge == 25 && approved.statutoryRequest)
    let designated = try #require(settings["130006"])
    #expect(designated.kind == .post16 && designated.statutoryRequest, "designated: in the further education sector")
  }

  @Test("Non-maintained special schools and approved independent special schools take statutory_request yes")
  func statutoryRequests() throws {
    let settings = try importPost16()
    #expect(settings["130007"]?.kind == .independent && settings["130007"]?.statutoryRequest == true)
    #expect(settings["130008"]?.kind == .independent && settings["130008"]?.statutoryRequest == true)
    #expect(settings["130009"]?.kind == .independent && settings["130009"]?.statutoryRequest == false)
    #expect(settings["130010"]?.kind == .special && settings["130010"]?.statutoryRequest == true)
  }

  @Test("Without the further-education and section 41 columns: colleges still, and kind defaults only")
  func withoutTheColumns() throws {
    let settings = try importPost16(omitting: ["FurtherEducationType (name)", "Section41Approved (name)"])
    #expect(settings["130001"]?.kind == .college && settings["130003"]?.kind == .college)
    #expect(settings["130005"]?.statutoryRequest == false && settings["130006"]?.statutoryRequest == false)
    #expect(settings["130007"]?.statutoryRequest == true, "non-maintained: by its type")
  }

  @Test("A college's capacity follows --missing-capacity like any setting's")
  func collegeCapacity() {
    var caught: [InputProblem] = []
    do {
      _ = try importPost16(missingCapacity: .fail)
    } catch {
      caught = error.problems
    }
    #expect(caught.map(\.line) == [2] && caught.first?.field == "SchoolCapacity")
  }

  @Test("A special school's high age of 99 is still refused: only colleges and post-16 institutions run to 25")
  func highAgeOnlyForPost16() {
    var rows = post16
    rows[9].cells["StatutoryHighAge"] = "99"
    var caught: [InputProblem] = []
    do {
      _ = try importPost16(rows)
    } catch {
      caught = error.problems
    }
    #expect(caught.map(\.field) == ["StatutoryHighAge"] && caught.first?.line == 11)
  }
}
