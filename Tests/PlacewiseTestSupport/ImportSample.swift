/// The synthetic files of `Data/import-sample`: a GIAS-shaped extract in
/// Windows-1252, a caseload with postcodes and dates of birth, a tiny postcode
/// directory in the ONSPD layout, and a policy. Made up throughout; the
/// postcodes (areas QA, QB) do not exist.
public enum ImportSample {
  private typealias Row = GIASFixture.Row

  /// The extract: LA 886 (eight establishments and a general further
  /// education college, which GIAS gives no capacity), two special schools
  /// of LA 887, and a closed school.
  public static let establishments: [GIASFixture.Row] = [
    Row(
      urn: "990001", la: "886", name: "St Anne’s CE Primary School", type: "Voluntary aided school", lowAge: "4",
      highAge: "11", easting: "575400", northing: "160900", capacity: "420", onRoll: "396",
      sen: ["ASD - Autistic Spectrum Disorder"], resourcedProvision: "Resourced provision", rpCapacity: "14",
      rpOnRoll: "11"),
    Row(
      urn: "990002", la: "886", name: "Medway Valley Academy", type: "Academy converter", lowAge: "11",
      highAge: "18", easting: "572800", northing: "157300", capacity: "1350", onRoll: "1302",
      sen: ["HI - Hearing Impairment", "SLCN - Speech, language and Communication"],
      resourcedProvision: "Resourced provision and SEN unit", rpCapacity: "10", rpOnRoll: "9", suCapacity: "12",
      suOnRoll: "10"),
    Row(
      urn: "990003", la: "886", name: "Bluebell Special School", type: "Community special school", lowAge: "2",
      highAge: "19", easting: "577900", northing: "162100", capacity: "160", onRoll: "154",
      sen: [
        "SLD - Severe Learning Difficulty", "PMLD - Profound and Multiple Learning Difficulty",
        "ASD - Autistic Spectrum Disorder",
      ]),
    Row(
      urn: "990004", la: "886", name: "The Orchard Academy", type: "Academy special sponsor led", lowAge: "7",
      highAge: "16", easting: "569500", northing: "163800", capacity: "", onRoll: "96",
      sen: ["SEMH - Social, Emotional and Mental Health"]),
    Row(
      urn: "990005", la: "886", name: "Weald House School", type: "Other independent special school", lowAge: "8",
      highAge: "18", gender: "Boys", easting: "581200", northing: "154600", capacity: "45", onRoll: "38",
      sen: ["ASD - Autistic Spectrum Disorder", "SEMH - Social, Emotional and Mental Health"]),
    Row(
      urn: "990006", la: "886", name: "Riverside Pupil Referral Unit", type: "Pupil referral unit", lowAge: "11",
      highAge: "16", easting: "574100", northing: "158800", capacity: "40", onRoll: "31"),
    Row(
      urn: "990007", la: "886", name: "Hollingbourne Primary", type: "Community school", lowAge: "4", highAge: "11",
      easting: "583900", northing: "165200", capacity: "210", onRoll: "188"),
    Row(
      urn: "990008", la: "886", name: "Old Mill Primary", type: "Community school", status: "Closed",
      capacity: "", onRoll: ""),
    Row(
      urn: "990009", la: "886", name: "Mid Kent College", type: "Further education", lowAge: "16", highAge: "99",
      easting: "575000", northing: "159000", capacity: "", onRoll: "2400",
      furtherEducation: "General Further Education College"),
    Row(
      urn: "990101", la: "887", name: "Rochester Specialist College", type: "Foundation special school",
      lowAge: "11", highAge: "19", easting: "574000", northing: "168500", capacity: "110", onRoll: "102",
      sen: ["ASD - Autistic Spectrum Disorder", "MLD - Moderate Learning Difficulty"]),
    Row(
      urn: "990102", la: "887", name: "Chatham Grove School", type: "Community special school", lowAge: "4",
      highAge: "11", easting: "595000", northing: "175000", capacity: "80", onRoll: "80",
      sen: ["SLD - Severe Learning Difficulty"]),
  ]

  /// The extract's bytes, as GIAS serves them (the newer column set).
  public static var extract: [UInt8] { GIASFixture.bytes(establishments, release: .newer) }

  /// The caseload: postcodes (one pupil with latitude and longitude
  /// instead), dates of birth instead of ages.
  public static let pupils = """
    pupil_id,postcode,latitude,longitude,date_of_birth,primary_need,provision,sex,preferences
    S001,QA1 1AB,,,2015-03-14,ASD,special;resourced,M,990003
    S002,qa1 1ad,,,11/10/2019,SLD,special,F,
    S003,QA2 3BD,,,2014-06-02,SEMH,special;independent,M,990004;990005
    S004,QA2 4EF,,,22/01/2016,HI,resourced;mainstream,F,990002-RP
    S005,QA3 5GH,,,2012-12-24,ASD,special;resourced,M,990101
    S006,,51.2800,0.5360,2019-05-05,ASD,resourced;mainstream,F,990001-RP
    S007,QB1 2JL,,,2010-09-01,SLCN,resourced,M,
    S008,QB1 3NP,,,2018-02-28,PMLD,special,F,990003
    S009,QB2 6QR,,,2013-07-19,SEMH,special;ap,M,
    S010,QB2 7ST,,,2020-08-31,ASD,special,M,990003

    """

  /// The postcode directory: ONSPD layout, the sample's postcodes only.
  public static let postcodes = PostcodeFixture.onspd([
    PostcodeFixture.onspdRow(postcode: "QA1 1AB", easting: "575830", northing: "161420"),
    PostcodeFixture.onspdRow(postcode: "QA1 1AD", easting: "576210", northing: "160980"),
    PostcodeFixture.onspdRow(postcode: "QA1 9ZZ", easting: "576300", northing: "160900", terminated: "201906"),
    PostcodeFixture.onspdRow(postcode: "QA2 3BD", easting: "571020", northing: "162870"),
    PostcodeFixture.onspdRow(postcode: "QA2 4EF", easting: "573640", northing: "157010"),
    PostcodeFixture.onspdRow(postcode: "QA3 5GH", easting: "574480", northing: "166320"),
    PostcodeFixture.onspdRow(postcode: "QB1 2JL", easting: "572150", northing: "156240"),
    PostcodeFixture.onspdRow(postcode: "QB1 3NP", easting: "579900", northing: "163050"),
    PostcodeFixture.onspdRow(postcode: "QB2 6QR", easting: "575560", northing: "158120"),
    PostcodeFixture.onspdRow(postcode: "QB2 7ST", easting: "582400", northing: "164900"),
  ])

  /// The case's policy: ages taken on 1 September 2026.
  public static let policy = "# Ages are taken from dates of birth on this day.\nplacement_start = 2026-09-01\n"
}
