import Foundation
import Placewise

/// Synthetic GIAS establishment extracts in GIAS's own layout: every column
/// of a release, Windows-1252 bytes, CRLF line ends, text quoted where it
/// holds commas. For tests and the sample in `Data/import-sample`.
public enum GIASFixture {
  /// Two column sets: GIAS adds and drops columns between releases and
  /// moves nothing the importer needs to a fixed position.
  public enum Release: CaseIterable, Sendable {
    /// An older download: Ofsted's special-measures and rating columns, no
    /// quality-assurance-body or FSM columns.
    case older
    /// A newer download: the quality-assurance-body, accreditation, UPRN
    /// and FSM columns, without the Ofsted ones, and the SEN and unit
    /// columns after the location columns.
    case newer
  }

  /// Columns both releases share, in the older release's order, up to the SEN columns.
  private static let leading = [
    "URN", "LA (code)", "LA (name)", "EstablishmentNumber", "EstablishmentName", "TypeOfEstablishment (code)",
    "TypeOfEstablishment (name)", "EstablishmentTypeGroup (code)", "EstablishmentTypeGroup (name)",
    "EstablishmentStatus (code)", "EstablishmentStatus (name)", "ReasonEstablishmentOpened (code)",
    "ReasonEstablishmentOpened (name)", "OpenDate", "ReasonEstablishmentClosed (code)",
    "ReasonEstablishmentClosed (name)", "CloseDate", "PhaseOfEducation (code)", "PhaseOfEducation (name)",
    "StatutoryLowAge", "StatutoryHighAge", "Boarders (code)", "Boarders (name)", "NurseryProvision (name)",
    "OfficialSixthForm (code)", "OfficialSixthForm (name)", "Gender (code)", "Gender (name)",
    "ReligiousCharacter (code)", "ReligiousCharacter (name)", "ReligiousEthos (name)", "Diocese (code)",
    "Diocese (name)", "AdmissionsPolicy (code)", "AdmissionsPolicy (name)", "SchoolCapacity",
    "SpecialClasses (code)", "SpecialClasses (name)", "CensusDate", "NumberOfPupils", "NumberOfBoys",
    "NumberOfGirls", "PercentageFSM", "TrustSchoolFlag (code)", "TrustSchoolFlag (name)", "Trusts (code)",
    "Trusts (name)", "SchoolSponsorFlag (name)", "SchoolSponsors (name)", "FederationFlag (name)",
    "Federations (code)", "Federations (name)", "UKPRN", "FEHEIdentifier", "FurtherEducationType (name)",
    "OfstedLastInsp", "LastChangedDate", "Street", "Locality", "Address3", "Town", "County (name)", "Postcode",
    "SchoolWebsite", "TelephoneNum", "HeadTitle (name)", "HeadFirstName", "HeadLastName", "HeadPreferredJobTitle",
    "BSOInspectorateName (name)", "InspectorateReport", "DateOfLastInspectionVisit", "NextInspectionVisit",
    "TeenMoth (name)", "TeenMothPlaces", "CCF (name)", "SENPRU (name)", "EBD (name)", "PlacesPRU", "FTProv (name)",
    "EdByOther (name)", "Section41Approved (name)",
  ]

  private static let sen =
    (1...13).map { "SEN\($0) (name)" } + [
      "TypeOfResourcedProvision (name)", "ResourcedProvisionOnRoll", "ResourcedProvisionCapacity", "SenUnitOnRoll",
      "SenUnitCapacity",
    ]

  private static let location = [
    "GOR (code)", "GOR (name)", "DistrictAdministrative (code)", "DistrictAdministrative (name)",
    "AdministrativeWard (code)", "AdministrativeWard (name)", "ParliamentaryConstituency (code)",
    "ParliamentaryConstituency (name)", "UrbanRural (code)", "UrbanRural (name)", "GSSLACode (name)", "Easting",
    "Northing", "MSOA (name)", "LSOA (name)", "InspectorateName (name)", "SENStat", "SENNoStat",
    "BoardingEstablishment (name)", "PropsName", "PreviousLA (code)", "PreviousLA (name)",
    "PreviousEstablishmentNumber",
  ]

  /// Every column of a release, in its order.
  public static func columns(_ release: Release) -> [String] {
    switch release {
    case .older:
      leading + ["OfstedSpecialMeasures (code)", "OfstedSpecialMeasures (name)"] + sen + location + [
        "OfstedRating (name)", "RSCRegion (name)", "Country (name)", "MSOA (code)", "LSOA (code)",
      ]
    case .newer:
      leading + location + sen + [
        "RSCRegion (name)", "Country (name)", "UPRN", "SiteName", "QABName (code)", "QABName (name)",
        "EstablishmentAccredited (code)", "EstablishmentAccredited (name)", "QABReport", "CHNumber", "MSOA (code)",
        "LSOA (code)", "FSM", "AccreditationExpiryDate",
      ]
    }
  }

  /// One establishment's cells by GIAS column name; columns not given get
  /// plausible filler (addresses with commas, dates, codes).
  public struct Row: Sendable {
    /// Cells by GIAS header name.
    public var cells: [String: String]

    /// An establishment with the fields the importer reads.
    public init(
      urn: String, la: String, name: String, type: String, status: String = "Open", lowAge: String = "4",
      highAge: String = "11", gender: String = "Mixed", easting: String = "575000", northing: String = "160000",
      capacity: String = "200", onRoll: String = "150", sen: [String] = [], resourcedProvision: String = "",
      rpCapacity: String = "", rpOnRoll: String = "", suCapacity: String = "", suOnRoll: String = "",
      furtherEducation: String = "", section41: String = ""
    ) {
      cells = [
        "URN": urn, "LA (code)": la, "EstablishmentName": name, "TypeOfEstablishment (name)": type,
        "EstablishmentStatus (name)": status, "StatutoryLowAge": lowAge, "StatutoryHighAge": highAge,
        "Gender (name)": gender, "Easting": easting, "Northing": northing, "SchoolCapacity": capacity,
        "NumberOfPupils": onRoll, "TypeOfResourcedProvision (name)": resourcedProvision,
        "ResourcedProvisionCapacity": rpCapacity, "ResourcedProvisionOnRoll": rpOnRoll,
        "SenUnitCapacity": suCapacity, "SenUnitOnRoll": suOnRoll, "FurtherEducationType (name)": furtherEducation,
        "Section41Approved (name)": section41,
      ]
      for (i, value) in sen.enumerated() { cells["SEN\(i + 1) (name)"] = value }
    }
  }

  /// Filler for a column the row does not set.
  private static func filler(_ column: String, urn: String) -> String {
    switch column {
    case "LA (name)": "Kent"
    case "EstablishmentNumber": String(urn.suffix(4))
    case "OpenDate": "01-09-2011"
    case "CensusDate": "16-01-2025"
    case "Street": "Church Lane, Upper Hale"
    case "Town": "Maidstone"
    case "Postcode": "ME14 1AA"
    case "HeadFirstName": "Siân"
    case "HeadLastName": "O’Connor"
    case "TelephoneNum": "01622 000000"
    case "SchoolWebsite": "https://example.sch.uk"
    case "Trusts (name)": "The \"Oak\" Trust"
    case "Country (name)": "United Kingdom"
    case "GOR (name)": "South East"
    case "UrbanRural (name)": "(England/Wales) Urban city and town"
    default: column.hasSuffix("(code)") ? "99" : ""
    }
  }

  /// The extract's text: header, then one line per row, CRLF line ends,
  /// cells with a comma or quote in quotes. `omitting` leaves columns out.
  public static func text(_ rows: [Row], release: Release, omitting: Set<String> = []) -> String {
    let columns = columns(release).filter { !omitting.contains($0) }
    var lines = [columns.map(quoted).joined(separator: ",")]
    for row in rows {
      let urn = row.cells["URN"] ?? ""
      lines.append(columns.map { quoted(row.cells[$0] ?? filler($0, urn: urn)) }.joined(separator: ","))
    }
    return lines.joined(separator: "\r\n") + "\r\n"
  }

  /// The extract as GIAS serves it: Windows-1252 bytes.
  public static func bytes(_ rows: [Row], release: Release, omitting: Set<String> = []) -> [UInt8] {
    let text = text(rows, release: release, omitting: omitting)
    guard let bytes = Windows1252.encode(text) else { preconditionFailure("a character Windows-1252 lacks") }
    return bytes
  }

  private static func quoted(_ cell: String) -> String {
    guard cell.contains(where: { $0 == "," || $0 == "\"" }) else { return cell }
    return "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }
}
