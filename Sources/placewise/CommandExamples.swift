// What each command's `--help` ends with (see HelpSections): examples on
// the sample data in Data/, and the files each writes. The test
// "every example names files that exist" keeps the paths true.

extension PlacewiseCommand: DocumentedCommand {
  static let examples = [
    HelpExample(
      about: "Allocate the sample county, then open out/sample-county/report.html in a browser:",
      command: "placewise allocate Data/sample-county --out out/sample-county"),
    HelpExample(
      about: "Check a case and list every problem, writing nothing:", command: "placewise validate Data/sample-county"),
    HelpExample(about: "Read one command's help, with its examples:", command: "placewise help compare"),
  ]
}

extension Allocate: DocumentedCommand {
  static let examples = [
    HelpExample(
      about: "Allocate the sample county, then open out/sample-county/report.html in a browser:",
      command: "placewise allocate Data/sample-county --out out/sample-county"),
    HelpExample(
      about: "Costs in pounds, and a report to share beyond the SEND team:",
      command: """
        placewise allocate Data/sample-county --policy Data/sample-county/policy-pounds.toml \\
        --report-level public --out out/sample-public
        """),
    HelpExample(
      about: "In a script: print nothing but errors and each phase's seconds:",
      command: "placewise allocate Data/sample-county --out out/sample-county --quiet --timings"),
  ]

  static let filesWritten: HelpFiles? = HelpFiles(
    place: "in OUT_DIR",
    files: [
      ("placements.csv", "One row per pupil, in input order: the setting named, or unplaced with the reason."),
      ("summary.json", "The headline figures, the solver's status and every warning."),
      ("settings.csv", "Per setting: capacity, places used and spare, use by need."),
      ("placewise.xlsx", "The same tables as an Excel workbook (Summary, Placements, Settings, Need, ...)."),
      ("report.html", "The report to read: figures, charts and a map, in one file that works offline."),
      ("place-values.csv", "What one more place is worth at each setting (not with --no-values)."),
      ("explanations.csv", "Why each pupil was placed where they were (not with --no-explain)."),
      ("manifest.json", "The version, command line, effective policy, inputs and files, each with its SHA-256."),
    ])
}

extension Validate: DocumentedCommand {
  static let examples = [
    HelpExample(about: "Check the sample county:", command: "placewise validate Data/sample-county"),
    HelpExample(
      about: "Check it under another policy file:",
      command: "placewise validate Data/sample-county --policy Data/sample-county/policy-pounds.toml"),
    HelpExample(
      about: "In a script: the exit status alone says whether the case is valid:",
      command: "placewise validate Data/sample-county --quiet && echo valid"),
  ]
}

extension Compare: DocumentedCommand {
  static let examples = [
    HelpExample(
      about: "Compare two capacity plans for the sample county with the county as it is:",
      command: """
        placewise compare Data/sample-county Data/sample-county/plans/more-asd-places.csv \\
        Data/sample-county/plans/semh-free-school.csv --out out/sample-plans
        """),
    HelpExample(
      about: "A closure, with a report to share beyond the SEND team:",
      command: """
        placewise compare Data/sample-county Data/sample-county/plans/close-hartmouth.csv \\
        --report-level public --out out/sample-closure
        """),
  ]

  static let filesWritten: HelpFiles? = HelpFiles(
    place: "in OUT_DIR",
    files: [
      ("comparison.csv", "The plans' figures side by side, the baseline first."),
      ("comparison-by-need.csv", "The same, by primary need."),
      ("moves.csv", "Each pupil whose setting differs from the baseline's, per plan."),
      ("report.html", "The plans side by side, to read."),
      ("placewise.xlsx", "The comparison tables as an Excel workbook."),
      ("plans/", "A folder for the baseline and for each plan (plans/NAME/), holding what allocate writes."),
      ("manifest.json", "The version, command line, effective policy, inputs and files, each with its SHA-256."),
    ])
}

extension Recommend: DocumentedCommand {
  static let examples = [
    HelpExample(
      about: "The best expansion options for £5m of capital:",
      command: """
        placewise recommend Data/sample-county Data/sample-county/plans/options.csv --budget 5m \\
        --out out/sample-recommend
        """),
    HelpExample(
      about: "The same, with the best set at six budgets from £0 to £5,000,000 (frontier.csv):",
      command: """
        placewise recommend Data/sample-county Data/sample-county/plans/options.csv \\
        --budget £5,000,000 --frontier 5 --out out/sample-recommend
        """),
    HelpExample(
      about: "Ranked by whole-life cost over ten years (costs in pounds):",
      command: """
        placewise recommend Data/sample-county Data/sample-county/plans/options.csv \\
        --policy Data/sample-county/policy-pounds-no-margin.toml --budget 5m --then whole-life \\
        --years 10 --out out/sample-whole-life
        """),
  ]

  static let filesWritten: HelpFiles? = HelpFiles(
    place: "in OUT_DIR",
    files: [
      ("recommendation.csv", "Every option: chosen or not, its places and costs."),
      ("plan.csv", "The chosen options as a plan file, for compare."),
      ("summary.json", "The budgets, the best set's figures and the baseline's."),
      ("report.html", "The recommendation, to read."),
      ("placewise.xlsx", "The options (and the frontier) as an Excel workbook."),
      ("frontier.csv", "With --frontier: the best set at each budget."),
      ("allocation/", "What allocate writes, for the case with the chosen options."),
      ("manifest.json", "The version, command line, effective policy, inputs and files, each with its SHA-256."),
    ])
}

extension Import: DocumentedCommand {
  static let examples = [
    HelpExample(
      about: "Make settings.csv for LA 886 from the sample GIAS extract (its folder must exist):",
      command: """
        mkdir -p out/import-case
        placewise import gias Data/import-sample/edubasealldata.csv --la 886 --radius-km 10 \\
        --missing-capacity on-roll --out out/import-case/settings.csv
        """)
  ]
}

extension ImportGIAS: DocumentedCommand {
  static let examples = [
    HelpExample(
      about: "Make settings.csv for LA 886 and special schools within 10 km of it (the folder must exist):",
      command: """
        mkdir -p out/import-case
        placewise import gias Data/import-sample/edubasealldata.csv --la 886 --radius-km 10 \\
        --missing-capacity on-roll --out out/import-case/settings.csv
        """),
    HelpExample(
      about: "Then add the pupils and policy, and allocate with their postcodes looked up:",
      command: """
        cp Data/import-sample/pupils.csv Data/import-sample/policy.toml out/import-case/
        placewise allocate out/import-case --postcodes Data/import-sample/postcodes.csv \\
        --out out/import-result
        """),
  ]
}

extension ForecastCommand: DocumentedCommand {
  static let examples = [
    HelpExample(
      about: "Five years of the sample county, with its new EHC plans and a free school opening in year 3:",
      command: """
        placewise forecast Data/sample-county \\
        Data/sample-county/plans/semh-free-school.csv --years 5 \\
        --demand Data/sample-county/demand.csv --out out/sample-forecast
        """),
    HelpExample(
      about: "A forecast worked out by hand, step by step, in Data/forecast-hand/README.md",
      command: """
        placewise forecast Data/forecast-hand Data/forecast-hand/plans/grow.csv \\
        --years 3 --demand Data/forecast-hand/demand.csv --out out/forecast-hand
        """),
    HelpExample(
      about: "Allocate one year's case again, as the forecast did:",
      command: "placewise allocate out/sample-forecast/years/baseline/3/case --out out/year-3"),
  ]

  static let filesWritten: HelpFiles? = HelpFiles(
    place: "in OUT_DIR",
    files: [
      (
        "forecast.csv",
        "Per plan, year and primary need: caseload, batch, placed, unplaced, where the batch came from, leavers."
      ),
      ("forecast-summary.csv", "Per plan and year: the same totals, requests refused and the year's costs."),
      ("forecast-settings.csv", "Per plan, year and setting: capacity, on roll, placed and places free after."),
      ("report.html", "Children without a place by year for every plan, and where and when each falls short."),
      ("placewise.xlsx", "The same tables as an Excel workbook."),
      (
        "years/",
        "PLAN/Y/ for each plan and year: what allocate writes for that year's case (placements, summary, settings, "
          + "place values, explanations), and in case/ the case itself (settings, pupils, roll, travel, policy)."
      ),
      ("manifest.json", "The version, command line, effective policy, inputs and files, each with its SHA-256."),
    ])
}
