import Foundation
import PlacewiseTestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

// What the malformed-input tests share: the corpus folders, the
// expectations their expected.txt files write down, running placewise
// over an earlier output (or in bounded memory), and the valid case the
// run-time cases break.

// MARK: - The corpus

/// The corpus folders beside this file.
enum Corpus {
  static let root = packageRoot + "/Tests/PlacewiseCLITests"

  /// The names of the case folders in `corpus` (`Malformed`, `Warnings`).
  static func cases(_ corpus: String) -> [String] {
    let folder = root + "/" + corpus
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
    return names.filter { name in
      var isFolder: ObjCBool = false
      return !name.hasPrefix(".")
        && FileManager.default.fileExists(atPath: folder + "/" + name, isDirectory: &isFolder) && isFolder.boolValue
    }.sorted()
  }

  static func folder(_ corpus: String, _ name: String) -> String { root + "/" + corpus + "/" + name }
}

/// What a run must print on standard error: an `expected.txt`, or built here.
struct Expectation {
  /// Texts that must appear.
  var fragments: [String] = []
  /// Texts that must not appear.
  var absent: [String] = []
  /// The number of problems found, when known.
  var problems: Int?
  /// The number of `warning:` lines, when known.
  var warnings: Int?
  /// What the heading calls invalid: the case, or a file given beside it
  /// ("the policy file PATH").
  var subject = "the case"

  init(
    fragments: [String] = [], absent: [String] = [], problems: Int? = nil, warnings: Int? = nil,
    subject: String = "the case"
  ) {
    self.fragments = fragments
    self.absent = absent
    self.problems = problems
    self.warnings = warnings
    self.subject = subject
  }

  /// The expectation a corpus case's `expected.txt` writes down.
  init(contentsOf path: String) throws {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    for line in text.split(separator: "\n").map(String.init) where !line.hasPrefix("#") {
      if line.hasPrefix("count: ") {
        let count: Int = try #require(Int(line.dropFirst("count: ".count)), "\(path): \(line)")
        problems = count
      } else if line.hasPrefix("warnings: ") {
        let count: Int = try #require(Int(line.dropFirst("warnings: ".count)), "\(path): \(line)")
        warnings = count
      } else if line.hasPrefix("absent: ") {
        absent.append(String(line.dropFirst("absent: ".count)))
      } else {
        fragments.append(line)
      }
    }
  }

  /// Checks the standard error of a run (`what`, for messages).
  func check(_ stderr: String, _ what: String) {
    for fragment in fragments {
      #expect(stderr.contains(fragment), "\(what): missing \(fragment)\n\(stderr)")
    }
    for text in absent {
      #expect(!stderr.contains(text), "\(what): must not print \(text)\n\(stderr)")
    }
    if let warnings {
      let lines = stderr.split(separator: "\n").filter { $0.hasPrefix("warning: ") }
      #expect(lines.count == warnings, "\(what): warnings\n\(stderr)")
    }
  }

  /// Checks the standard error of a refused run: the heading, the fragments,
  /// one line a problem up to the 200 listed, then the count of the rest.
  func checkRefusal(_ stderr: String, _ what: String) {
    check(stderr, what)
    // validate never writes, so it does not say that nothing was written.
    let heading =
      what.hasPrefix("validate")
      ? "placewise: \(subject) is invalid.\n" : "placewise: \(subject) is invalid; nothing was written.\n"
    #expect(stderr.hasPrefix(heading), "\(what)\n\(stderr)")
    guard let problems else { return }
    #expect(stderr.hasSuffix("\n\(problems) problem\(problems == 1 ? "" : "s") found.\n"), "\(what)\n\(stderr)")
    let listed = stderr.split(separator: "\n").dropFirst().dropLast().filter { !$0.hasPrefix("... and ") }
    #expect(listed.count == min(problems, 200), "\(what): one line a problem\n\(stderr)")
    if problems > 200 {
      #expect(stderr.contains("\n... and \(problems - 200) more problems\n"), "\(what)\n\(stderr)")
    }
  }
}

// MARK: - Running

/// An output folder as it stands: its files and their bytes, and the
/// folder's inode (a swapped-in folder would have another).
struct FolderSnapshot: Equatable {
  var files: [String: Data] = [:]
  var inode: UInt64

  init(_ path: String) throws {
    for name in try FileManager.default.contentsOfDirectory(atPath: path) {
      files[name] = try Data(contentsOf: URL(fileURLWithPath: path + "/" + name))
    }
    var info = stat()
    try #require(stat(path, &info) == 0)
    inode = UInt64(info.st_ino)
  }
}

/// Makes `out` an earlier, valid Placewise output folder.
func makeEarlierOutput(_ out: String) throws {
  let result = try runPlacewise(["allocate", packageRoot + "/Data/tiny/capacity-contest", "--out", out, "--quiet"])
  try #require(result.status == 0, "\(result.stderr)")
}

/// Runs `allocate` over an earlier output folder and `validate` on the case
/// in `folder`: both must refuse it with status 2 as `expectation` says, the
/// earlier output must be byte for byte as it was, and nothing may be left
/// beside it.
func expectRefused(_ folder: String, _ expectation: Expectation, options: [String] = []) throws {
  let scratch = try ScratchFolder()
  let out = scratch.at("out")
  try makeEarlierOutput(out)
  let before = try FolderSnapshot(out)

  let allocate = try runPlacewise(["allocate", folder, "--out", out] + options)
  #expect(allocate.status == 2, "allocate \(folder)\n\(allocate.stderr)")
  #expect(allocate.stdout.isEmpty)
  expectation.checkRefusal(allocate.stderr, "allocate \(folder)")
  #expect(try FolderSnapshot(out) == before, "the earlier output folder changed")
  #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path) == ["out"], "left beside the output")

  let validate = try runPlacewise(["validate", folder] + options)
  #expect(validate.status == 2, "validate \(folder)\n\(validate.stderr)")
  #expect(validate.stdout.isEmpty)
  expectation.checkRefusal(validate.stderr, "validate \(folder)")
}

/// Whether this test binary was built with AddressSanitizer or ThreadSanitizer.
let underSanitizer: Bool = {
  let this = dlopen(nil, RTLD_NOW)
  return dlsym(this, "__asan_init") != nil || dlsym(this, "__tsan_init") != nil
}()

/// Runs `placewise` in at most `addressSpace` bytes of virtual memory
/// (`ulimit -v`), in `directory` if given, and how long it took.
func runPlacewise(
  _ arguments: [String], addressSpace: Int, in directory: String? = nil
) throws -> (CLIResult, Duration) {
  // Address and thread sanitizers reserve terabytes of address space and
  // cannot start under `ulimit -v`: in such a build the limit is left out.
  let script =
    underSanitizer ? "exec \"$0\" \"$@\"" : "ulimit -v \(addressSpace / 1024) && exec \"$0\" \"$@\""
  var result: CLIResult?
  let elapsed = try ContinuousClock().measure {
    result = try runPlacewise(arguments, through: ["/bin/sh", "-c", script], in: directory)
  }
  return (try #require(result), elapsed)
}

// MARK: - A valid case to break at run time

/// The valid case the corpus cases are made from (Malformed/README.md).
enum BaseCase {
  static let settings = """
    urn,name,kind,easting,northing,low_age,high_age,capacity,on_roll,gender,needs,need_places,cost_per_place,la
    100001,Oakfield School,special,450000,200000,4,19,20,10,mixed,ASD;SLCN,ASD:4,24000,886
    100002,Elm Park Primary School,mainstream,452000,200000,4,11,420,410,mixed,,,12000,886
    100003,"Kingston ""Fresh Start"" Centre",ap,451000,201000,11,16,30,20,mixed,,,18450,886

    """
  static let pupils = """
    pupil_id,easting,northing,age,sex,primary_need,provision,preferences,max_travel_minutes,priority,current_urn
    P001,449000,200000,9,M,ASD,special,100001,,1,100002
    P002,445000,200000,9,F,ASD,special;independent,,,3,
    P003,453000,200000,6,M,SLCN,mainstream;resourced,100002,,1,
    P004,450500,200500,13,F,SEMH,ap;special,,60,1,

    """
  static let travel = """
    pupil_id,urn,minutes,km
    P001,100001,10,4
    P002,100001,30,12
    P003,100002,12,5
    P001,100002,15,6
    P004,100003,8,3

    """
  static let policy = """
    # The default policy, written out.
    max_travel_minutes_primary = 45
    max_travel_minutes_secondary = 75
    speed_kmh = 30
    detour_factor = 1.3
    preference_step = 20
    unlisted_penalty = 60

    """

  /// Writes the case as `name` in `scratch`, each file in `changes`
  /// replaced (or left out, when nil); returns its folder.
  static func write(in scratch: ScratchFolder, _ name: String = "case", changes: [String: String?] = [:]) throws
    -> String
  {
    var files = ["settings.csv": settings, "pupils.csv": pupils, "travel.csv": travel, "policy.toml": policy]
    for (file, text) in changes { files[file] = text }
    return try scratch.writeCase(name, files: files)
  }
}

/// The header line of a CSV text.
func headerLine(_ csv: String) -> String { String(csv.prefix { $0 != "\n" }) + "\n" }
