import Placewise
import PlacewiseReport
import PlacewiseTestSupport
import Testing

@Suite("The run's identity, as reports show it (issue 25)")
struct RunIdentityTests {
  private func identity(_ policy: Policy = Policy()) throws -> RunIdentity {
    RunIdentity(
      date: try #require(CalendarDate(year: 2026, month: 12, day: 6)), placewiseVersion: "9.9.9", caseName: "county",
      policy: policy,
      inputs: [OutputManifest.Entry(path: "county/pupils.csv", sha256: String(repeating: "ab", count: 32))])
  }

  @Test("every policy key the case format defines, in its order, with the value as applied")
  func policyValues() throws {
    var policy = Policy()
    policy.resourcesMargin = 5000
    policy.costUnit = .pounds
    let values = try identity(policy).policyValues
    #expect(values.map(\.key) == PolicyReader.keys)
    let byKey = Dictionary(uniqueKeysWithValues: values.map { ($0.key, $0.value) })
    #expect(byKey["speed_kmh"] == "30" && byKey["detour_factor"] == "1.3")
    #expect(byKey["resources_margin"] == "5000" && byKey["cost"] == "\"pounds\"")
    #expect(byKey["postcodes"] == "(none)" && byKey["leave_age"] == "18")
  }

  @Test("the day in words, and digests cut to their first 12 characters")
  func words() throws {
    let identity = try identity()
    #expect(identity.dateText == "6 December 2026")
    #expect(identity.inputDigests.map(\.digest) == ["abababababab"])
  }

  @Test("report.html carries it only when given (the golden reports stay as they were)")
  func reportOnlyWhenGiven() throws {
    let run = try AllocationRun(folder: packageRoot + "/Data/tiny/capacity-contest")
    #expect(!HTMLReport.render(run).contains("about-run"))
    for level in [ReportLevel.internal, .public] {
      let html = HTMLReport.render(run, level: level, identity: try identity())
      #expect(html.contains("Run on <time datetime=\"2026-12-06\">6 December 2026</time> with Placewise 9.9.9"))
      // A public page lists the file without its digest.
      #expect(
        html.contains(
          level == .public
            ? "<td>pupils.csv</td></tr>" : "<td>county/pupils.csv</td><td><code>abababababab</code></td>"
        ))
      #expect(html.contains("abababababab") == (level == .internal))
      // A public page names no folder: not the case's, not the file's
      // (round thirty-five), nor the postcode directory's.
      #expect(html.contains("<strong>county</strong>") == (level == .internal), "\(level)")
      var policy = Policy()
      policy.postcodesFile = "/home/officer/Jane Smith 2015/onspd.csv"
      let withDirectory = HTMLReport.render(run, level: level, identity: try identity(policy))
      #expect(withDirectory.contains("Jane Smith") == (level == .internal), "\(level)")
      #expect(withDirectory.contains("&quot;onspd.csv&quot;") == (level == .public), "\(level)")
    }
  }
}
