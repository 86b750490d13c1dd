import PlacewiseTestSupport

/// A case of one special school, S1, whose one pupil on roll (R1) asks for
/// NEW and excludes it, NEW being no setting of the case; `pupils` are
/// pupils.csv's rows (pupil_id, easting, northing, age, primary_need,
/// provision, preferences, excluded_urns). For the warnings that count URNs
/// outside the case against each plan's settings (rounds thirty and
/// thirty-one).
func caseNamingNew(_ scratch: ScratchFolder, pupils: [String]) throws -> String {
  try scratch.writeCase(
    "case",
    files: [
      "settings.csv": "urn,name,kind,easting,northing,low_age,high_age,capacity,on_roll\n"
        + "S1,One,special,400000,300000,4,19,5,1\n",
      "pupils.csv": "pupil_id,easting,northing,age,primary_need,provision,preferences,excluded_urns\n"
        + pupils.map { $0 + "\n" }.joined(),
      "roll.csv": "pupil_id,urn,easting,northing,age,primary_need,provision,preferences,excluded_urns\n"
        + "R1,S1,400000,300000,8,ASD,special,NEW,NEW\n",
    ])
}
