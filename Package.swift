// swift-tools-version:6.1
import PackageDescription

/// Swift settings every target of ours shares: Swift 6 mode plus the upcoming
/// features the style guide asks for.
let strictSettings: [SwiftSetting] = [
  .enableUpcomingFeature("InternalImportsByDefault"),
  .enableUpcomingFeature("MemberImportVisibility"),
  .enableUpcomingFeature("ExistentialAny"),
]

/// The C side of the GLPK layer's test hooks (`pw_provoke_error`): compiled in
/// debug builds only, like their Swift callers under `#if DEBUG`, so that no
/// release build can make an invalid GLPK call on purpose.
let testHooks: [CSetting] = [.define("PW_TEST_HOOKS", .when(configuration: .debug))]

let package = Package(
  name: "Placewise",
  products: [
    .executable(name: "placewise", targets: ["placewise"]),
    .library(name: "Placewise", targets: ["Placewise"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    // Test-only: an independent reader of the .xlsx files we write.
    .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    .package(url: "https://github.com/CoreOffice/XMLCoder", from: "0.18.2"),
  ],
  targets: [
    // GLPK, as Debian ships it (no glpk.pc, so no pkgConfig).
    .systemLibrary(
      name: "CGLPK",
      providers: [.apt(["libglpk-dev"])]
    ),
    // The few things Swift cannot do: setjmp/longjmp around GLPK calls and the
    // terminal hook. No Swift frame ever lies between setjmp and GLPK.
    .target(
      name: "CGLPKShims",
      dependencies: ["CGLPK"],
      cSettings: testHooks,
      linkerSettings: [.linkedLibrary("glpk")]
    ),
    // testHooks here too: the define reaches the Clang importer, so Swift
    // sees the shims' test hooks in debug builds, the only ones that have them.
    .target(
      name: "GLPK",
      dependencies: ["CGLPK", "CGLPKShims"],
      cSettings: testHooks,
      swiftSettings: strictSettings
    ),
    // libxlsxwriter, as Debian ships it (libxlsxwriter-dev, with xlsxwriter.pc).
    .systemLibrary(
      name: "CXLSXWriter",
      pkgConfig: "xlsxwriter",
      providers: [.apt(["libxlsxwriter-dev"])]
    ),
    .target(
      name: "Workbook",
      dependencies: ["CXLSXWriter"],
      swiftSettings: strictSettings
    ),
    // PROJ, as Debian ships it (libproj-dev has proj.pc).
    .systemLibrary(
      name: "CPROJ",
      pkgConfig: "proj",
      providers: [.apt(["libproj-dev"])]
    ),
    .target(
      name: "Geodesy",
      dependencies: ["CPROJ"],
      swiftSettings: strictSettings
    ),
    // The one way our code runs work on several threads (`parallelChunks`,
    // `WorkQueue`), with shared state behind `Synchronization.Mutex`.
    .target(
      name: "ParallelWork",
      swiftSettings: strictSettings
    ),
    .target(
      name: "Placewise",
      dependencies: ["GLPK", "Geodesy", "ParallelWork"],
      swiftSettings: strictSettings
    ),
    // Operating-system plumbing the CLI uses (atomic output folders): no domain.
    .target(
      name: "SystemPlumbing",
      dependencies: ["SystemPlumbingC", "ParallelWork"],
      swiftSettings: strictSettings
    ),
    // The signal handler that removes a staging folder: C, since Swift cannot
    // run arbitrary code in a signal handler.
    .target(name: "SystemPlumbingC"),
    .target(
      name: "PlacewiseReport",
      dependencies: ["Placewise", "Workbook", "ParallelWork"],
      swiftSettings: strictSettings
    ),
    .executableTarget(
      name: "placewise",
      dependencies: [
        "Placewise", "PlacewiseReport", "SystemPlumbing",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      swiftSettings: strictSettings
    ),

    // Tools: not the product.
    // What the tools share: the seeded generator casegen and plangen draw from.
    .target(
      name: "ToolSupport",
      path: "Tools/ToolSupport",
      swiftSettings: strictSettings
    ),
    .executableTarget(
      name: "casegen",
      dependencies: [
        "ToolSupport",
        "Placewise",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      path: "Tools/casegen",
      swiftSettings: strictSettings
    ),

    .executableTarget(
      name: "plangen",
      dependencies: [
        "ToolSupport",
        "Placewise",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      path: "Tools/plangen",
      swiftSettings: strictSettings
    ),

    .executableTarget(
      name: "placewise-bench",
      dependencies: [.product(name: "ArgumentParser", package: "swift-argument-parser")],
      path: "Tools/benchmark",
      swiftSettings: strictSettings
    ),
    // The allocation network as flat arrays, for the outside reference (Tools/ortools).
    .executableTarget(
      name: "placewise-netdump",
      dependencies: ["Placewise"],
      path: "Tools/netdump",
      swiftSettings: strictSettings
    ),

    .executableTarget(
      name: "postcode-bench",
      dependencies: [
        "Placewise", "PlacewiseTestSupport",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      path: "Tools/postcode-bench",
      swiftSettings: strictSettings
    ),

    // Tests.
    .target(
      name: "PlacewiseTestSupport",
      dependencies: ["Placewise", "GLPK"],
      path: "Tests/PlacewiseTestSupport",
      swiftSettings: strictSettings
    ),
    .testTarget(
      name: "GLPKTests",
      dependencies: ["GLPK"],
      swiftSettings: strictSettings
    ),
    .target(
      name: "XLSXTestSupport",
      dependencies: [
        .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        .product(name: "XMLCoder", package: "XMLCoder"),
      ],
      path: "Tests/XLSXTestSupport",
      swiftSettings: strictSettings
    ),
    .testTarget(
      name: "WorkbookTests",
      dependencies: ["Workbook", "XLSXTestSupport"],
      swiftSettings: strictSettings
    ),
    .testTarget(
      name: "GeodesyTests",
      dependencies: ["Geodesy"],
      swiftSettings: strictSettings
    ),
    .testTarget(
      name: "PlacewiseTests",
      dependencies: ["Placewise", "PlacewiseTestSupport"],
      swiftSettings: strictSettings
    ),
    .testTarget(
      name: "PlacewiseReportTests",
      dependencies: ["PlacewiseReport", "PlacewiseTestSupport", "Workbook", "XLSXTestSupport"],
      exclude: ["Golden"],
      swiftSettings: strictSettings
    ),
    .testTarget(
      name: "ParallelWorkTests",
      dependencies: ["ParallelWork"],
      swiftSettings: strictSettings
    ),
    .testTarget(
      name: "SystemPlumbingTests",
      dependencies: ["SystemPlumbing"],
      swiftSettings: strictSettings
    ),
    .testTarget(
      name: "PlacewiseCLITests",
      dependencies: ["placewise", "PlacewiseTestSupport", "XLSXTestSupport"],
      exclude: ["Golden", "Malformed", "MalformedPlans", "Warnings"],
      swiftSettings: strictSettings
    ),
  ]
)
