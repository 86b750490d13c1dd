/// The fixed matrix of case shapes (issue 14): the knobs of casegen that
/// change a solver's work, at 20k and at 500k, and the heavily tied case.
enum ShapeMatrix {
  static let cases = [
    // 20k: the benchmark's own county, then one knob turned each.
    "20k-base=20000",
    "20k-travel=20000+travel",
    "20k-scarce=20000/--special-demand;1.5",
    "20k-surplus=20000/--special-demand;0.8",
    "20k-county751=20000+travel/--settings;751;--detour-spread;1.0;--missing-pairs;0.1",
    "20k-prefs=20000/--preference-share;1.0;--preference-depth;6",
    "20k-noprefs=20000/--preference-share;0",
    "20k-ties=20000+travel/--whole-minutes;--identical-pupils;4",
    "20k-las=20000/--counties;8;--county-spread;0.9",
    "tied=1200/--tied-settings;1000",
    // 500k: national, scarce special places, many small LAs.
    "500k-national=500000/--counties;40;--settings;18670",
    "500k-scarce=500000/--special-demand;1.5",
    "500k-las=500000/--counties;150;--county-spread;0.9",
  ].joined(separator: ",")
}
