import Foundation
import PlacewiseTestSupport
import Testing

@testable import Placewise

// Issue 23 item 2: plan and options files read by the case format's column
// and id rules: an unknown column is an error, ids refuse what cannot be seen.

/// The problems reading `text` as a plan (or options) file gives; empty
/// when it reads (shared with `NameAndImportRulesTests`).
func planFileProblems(_ text: String, options: Bool = true) -> [InputProblem] {
  do {
    _ = try PlanReader.read(bytes: Array(text.utf8), file: "options.csv", isOptions: options)
    return []
  } catch {
    return error.problems
  }
}

@Suite("Plan and options files: unknown columns and hidden ids refused (issue 23 item 2)")
struct PlanFileRulesTests {
  @Test(
    "a misspelt or unknown column in a plan or options file is an error at line 1 and its column",
    arguments: [
      ("option,action,urn,places,capitol_cost\na,add_places,140001,1,1800000\n", "capitol_cost", 5, true),
      ("option,groups,action,urn,places\na,yew,add_places,140001,1\n", "groups", 2, true),
      ("action,urn,places,notes\nadd_places,140001,1,x\n", "notes", 4, false),
    ])
  func unknownColumns(_ text: String, _ column: String, _ position: Int, _ isOptions: Bool) throws {
    let found = planFileProblems(text, options: isOptions)
    let problem = try #require(found.first, "\(column) accepted")
    #expect(problem.line == 1 && problem.column == position && problem.field == column, "\(problem)")
    #expect(problem.found.contains("does not define") && problem.expected.contains("capital_cost"), "\(problem)")
    // The nearest known name is offered first.
    let near = ["capitol_cost": "capital_cost", "groups": "group", "notes": "note"][column] ?? ""
    #expect(problem.expected.hasPrefix(near + " (check the spelling)"), "\(problem)")
  }

  @Test("an unknown column headed with a postcode is described in words that read (round thirty-four)")
  func unknownColumnShapedLikePostcode() throws {
    let found = planFileProblems("action,urn,places,SW1A 1AA\nadd_places,140001,1,x\n", options: false)
    let problem = try #require(found.first)
    #expect(
      problem.found == "a column headed with a postcode (not shown: personal data) that this file does not define")
    #expect(problem.field == nil && !problem.description.contains("SW1A"), "\(problem)")
  }

  @Test(
    "an id with an invisible or formula-leading character is refused in urn, option and group",
    arguments: [
      ("option,group,action,urn,places\na,yew\u{200B},add_places,140001,1\n", "group", "U+200B"),
      ("option,group,action,urn,places\nboth\u{00A0},,add_places,140001,1\n", "option", "U+00A0"),
      ("option,action,urn,places\na,add_places,N\u{200B}1,1\n", "urn", "U+200B"),
      ("option,action,urn,places\n=HYPERLINK(1),add_places,140001,1\n", "option", "formula"),
      ("option,action,urn\na,close_setting,@SUM(1)\n", "urn", "formula"),
      (
        "option,action,urn,name,kind,easting,northing,low_age,high_age,capacity\n"
          + "a,new_setting,=1+2,New,special,1,1,4,19,5\n", "urn", "formula"
      ),
    ])
  func hiddenIds(_ text: String, _ column: String, _ what: String) throws {
    let found = planFileProblems(text)
    let problem = try #require(found.first, "accepted: \(text)")
    #expect(found.count == 1, "\(found)")
    #expect(problem.line == 2 && problem.field == column && problem.column != nil, "\(problem)")
    #expect(problem.found.contains(what), "\(problem)")
  }

  @Test("plain ids, negative numbers among them, still read")
  func plainIds() throws {
    #expect(
      planFileProblems("option,group,action,urn,places\na-1,yew,add_places,-5,1\nb,yew,add_places,140001,2\n").isEmpty)
  }
}
