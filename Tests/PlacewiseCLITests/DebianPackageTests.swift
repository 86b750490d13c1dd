import Foundation
import PlacewiseTestSupport
import Testing

// Issue 25 item 1: the Debian package Tools/package/build-deb makes runs
// the sample with no Swift toolchain anywhere the loader looks.
//
// Opt-in (docs/decisions.md: "The package test is a separate CI step"):
// the package needs a release build with the Swift runtime linked in
// statically, several minutes on two cores, which `swift test` must not
// pay on every run. `.ci/run` builds the package, then runs this suite
// with PLACEWISE_DEB naming it.

/// The package to test, when the run asked for it.
private let debPath = ProcessInfo.processInfo.environment["PLACEWISE_DEB"]

/// A program on this machine's PATH, or nil.
private func tool(_ name: String) -> String? {
  ["/usr/bin/", "/bin/", "/usr/local/bin/"].map { $0 + name }.first { FileManager.default.isExecutableFile(atPath: $0) }
}

/// The output of a program run to the end with exactly `environment`.
private func run(
  _ program: String, _ arguments: [String], environment: [String: String] = ["PATH": "/usr/bin:/bin"],
  in directory: String? = nil
) throws -> CLIResult {
  let process = Process()
  process.executableURL = URL(fileURLWithPath: program)
  process.arguments = arguments
  process.environment = environment
  if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
  let out = Pipe()
  let err = Pipe()
  process.standardOutput = out
  process.standardError = err
  try process.run()
  let (outData, errData) = PipeReading.both(out, err)
  process.waitUntilExit()
  return CLIResult(
    status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
    stderr: String(decoding: errData, as: UTF8.self))
}

/// The libraries of the Swift toolchain a dynamically linked build needs.
private let swiftLibraries = [
  "libswift", "libFoundation", "lib_Foundation", "libdispatch", "libBlocksRuntime",
]

@Suite(
  "The Debian package runs without Swift (issue 25)",
  .enabled(
    if: debPath != nil,
    """
    PLACEWISE_DEB is not set: run Tools/package/build-deb, then PLACEWISE_DEB=<the .deb> swift test \
    --filter DebianPackageTests (.ci/run does both)
    """),
  .enabled(if: tool("dpkg-deb") != nil, "dpkg-deb is missing (it comes with dpkg): the package cannot be opened"))
struct DebianPackageTests {
  @Test("its control file names the version and the GLPK, libxlsxwriter and PROJ runtime packages")
  func control() throws {
    let deb = try #require(debPath)
    let dpkgDeb = try #require(tool("dpkg-deb"))
    let fields = try run(dpkgDeb, ["-f", deb, "Package", "Version", "Architecture", "Depends"])
    #expect(fields.status == 0, "\(fields.stderr)")
    let version = try runPlacewise(["--version"]).stdout
    let number = try #require(version.split(separator: " ").dropFirst().first)
    #expect(fields.stdout.contains("Package: placewise\n"))
    #expect(fields.stdout.contains("Version: \(number)\n"), "\(fields.stdout)")
    #expect(fields.stdout.contains("Architecture: amd64\n"))
    let depends = try #require(fields.stdout.split(separator: "\n").first { $0.hasPrefix("Depends: ") })
    for library in ["libglpk40", "libxlsxwriter4", "libproj25"] {
      #expect(depends.contains(library), "\(depends)")
    }
    #expect(!depends.contains("swift"), "\(depends)")
    #expect(deb.hasSuffix("/placewise_\(number)_amd64.deb"))
  }

  @Test("extracted, it allocates the sample county with no Swift library loaded, and ldd lists none")
  func runsWithoutSwift() throws {
    let deb = try #require(debPath)
    let scratch = try ScratchFolder()
    let root = scratch.at("root")
    let extract = try run(try #require(tool("dpkg-deb")), ["-x", deb, root])
    #expect(extract.status == 0, "\(extract.stderr)")
    let binary = root + "/usr/bin/placewise"
    #expect(FileManager.default.isExecutableFile(atPath: binary))
    #expect(FileManager.default.fileExists(atPath: root + "/usr/share/doc/placewise/copyright"))

    // The loader's own view: no Swift library, and nothing missing.
    let ldd = try run(try #require(tool("ldd")), [binary])
    #expect(ldd.status == 0, "\(ldd.stderr)")
    for library in swiftLibraries {
      #expect(!ldd.stdout.contains(library), "ldd lists \(library):\n\(ldd.stdout)")
    }
    #expect(!ldd.stdout.contains("not found"), "\(ldd.stdout)")
    for library in ["libglpk", "libxlsxwriter", "libproj"] {
      #expect(ldd.stdout.contains(library), "\(ldd.stdout)")
    }

    // Run as the help's examples say, from the package's sample data, with
    // an environment naming no toolchain (no LD_LIBRARY_PATH at all).
    let environment = ["PATH": "/usr/bin:/bin", "HOME": scratch.at(""), "LANG": "C.UTF-8"]
    let share = root + "/usr/share/placewise"
    let out = scratch.at("out/sample-county")
    let allocate = try run(
      binary, ["allocate", "Data/sample-county", "--out", out], environment: environment, in: share)
    #expect(allocate.status == 0, "\(allocate.stderr)")
    #expect(allocate.stdout.contains("Placed 2,757 of 3,000 pupils"), "\(allocate.stdout)")
    for file in ["placements.csv", "summary.json", "report.html", "placewise.xlsx", "manifest.json"] {
      #expect(FileManager.default.fileExists(atPath: out + "/" + file), "\(file)")
    }
    // The loaded libraries, as the run itself saw them.
    let maps = try run(
      binary, ["validate", "Data/sample-county", "--quiet"],
      environment: environment.merging(["LD_DEBUG": "libs"]) { $1 }, in: share)
    #expect(maps.status == 0, "\(maps.stderr)")
    #expect(maps.stderr.contains("libglpk.so"), "the loader's log is there to read")
    for library in swiftLibraries {
      #expect(!maps.stderr.contains(library + "."), "\(library) was loaded")
    }
  }
}
