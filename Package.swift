// swift-tools-version:6.1
import PackageDescription

/// Swift settings every target of ours shares: Swift 6 mode plus the upcoming
/// features the style guide asks for.
let strictSettings: [SwiftSetting] = [
  .enableUpcomingFeature("InternalImportsByDefault"),
  .enableUpcomingFeature("MemberImportVisibility"),
  .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
  name: "Placewise",
  products: [
    .executable(name: "placewise", targets: ["placewise"]),
    .library(name: "Placewise", targets: ["Placewise"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2")
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
      linkerSettings: [.linkedLibrary("glpk")]
    ),
    .target(
      name: "GLPK",
      dependencies: ["CGLPK", "CGLPKShims"],
      swiftSettings: strictSettings
    ),
    .target(
      name: "Placewise",
      dependencies: ["GLPK"],
      swiftSettings: strictSettings
    ),
    // Operating-system plumbing the CLI uses (atomic output folders): no domain.
    .target(
      name: "SystemPlumbing",
      dependencies: ["SystemPlumbingC"],
      swiftSettings: strictSettings
    ),
    // The signal handler that removes a staging folder: C, since Swift cannot
    // run arbitrary code in a signal handler.
    .target(name: "SystemPlumbingC"),
    .target(
      name: "PlacewiseReport",
      dependencies: ["Placewise"],
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
    .executableTarget(
      name: "casegen",
      dependencies: [
        "Placewise",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      path: "Tools/casegen",
      swiftSettings: strictSettings
    ),

    .executableTarget(
      name: "placewise-bench",
      dependencies: [.product(name: "ArgumentParser", package: "swift-argument-parser")],
      path: "Tools/benchmark",
      swiftSettings: strictSettings
    ),

    // Tests.
    .target(
      name: "PlacewiseTestSupport",
      dependencies: ["Placewise"],
      path: "Tests/PlacewiseTestSupport",
      swiftSettings: strictSettings
    ),
    .testTarget(
      name: "GLPKTests",
      dependencies: ["GLPK"],
      swiftSettings: strictSettings
    ),
    .testTarget(
      name: "PlacewiseTests",
      dependencies: ["Placewise", "PlacewiseTestSupport"],
      swiftSettings: strictSettings
    ),
    .testTarget(
      name: "PlacewiseReportTests",
      dependencies: ["PlacewiseReport", "PlacewiseTestSupport"],
      exclude: ["Golden"],
      swiftSettings: strictSettings
    ),
    .testTarget(
      name: "SystemPlumbingTests",
      dependencies: ["SystemPlumbing"],
      swiftSettings: strictSettings
    ),
    .testTarget(
      name: "PlacewiseCLITests",
      dependencies: ["placewise", "PlacewiseTestSupport"],
      exclude: ["Golden", "Malformed", "Warnings"],
      swiftSettings: strictSettings
    ),
  ]
)
