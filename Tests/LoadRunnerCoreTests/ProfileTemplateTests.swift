@testable import LoadRunnerModel
@testable import LoadRunnerProfile
@testable import LoadRunnerText
import Testing

/// `TemplateParser`, reference checks against data sources, and `DidYouMean`.
@Suite("Profile templates and did-you-mean")
struct ProfileTemplateTests {
    @Test(arguments: [
        ("/plain", [Template.Segment.literal("/plain")]),
        ("", []),
        ("{{ids}}", [.reference(source: "ids", column: nil)]),
        ("/u/{{  ids  }}/x", [.literal("/u/"), .reference(source: "ids", column: nil), .literal("/x")]),
        ("{{ names.first_name }}{{names.last_name}}",
         [.reference(source: "names", column: "first_name"), .reference(source: "names", column: "last_name")]),
        ("{{ f.first name }}", [.reference(source: "f", column: "first name")]),
        ("a }} b", [.literal("a }} b")]),
        ("{{ _x-1 }}", [.reference(source: "_x-1", column: nil)]),
    ])
    func parses(text: String, segments: [Template.Segment]) throws {
        #expect(try TemplateParser.parse(text).get() == Template(segments: segments))
    }

    @Test(arguments: [
        ("/u/{{ ids", TemplateParser.Failure.unclosed(offset: 3)),
        ("{{}}", .emptyReference(offset: 0)),
        ("x{{ a b }}", .invalidReference("a b", offset: 1)),
        ("{{ 1x }}", .invalidReference("1x", offset: 0)),
        ("{{ a. }}", .invalidReference("a.", offset: 0)),
    ])
    func rejects(text: String, failure: TemplateParser.Failure) {
        #expect(throws: failure) { try TemplateParser.parse(text).get() }
    }

    @Test func constantTemplates() throws {
        #expect(try TemplateParser.parse("/health").get().isConstant)
        #expect(try !TemplateParser.parse("/{{ x }}").get().isConstant)
    }

    @Test(arguments: [
        ("spawn_rat", "spawn_rate"),
        ("spawnRate", "spawn_rate"),
        ("SPAWN_RATE", "spawn_rate"),
        ("duraton", "duration"),
        ("thinktime", "think_time"),
        ("cvs", "csv"),
        ("user", "users"),
    ])
    func suggests(word: String, expected: String) {
        let candidates = ["users", "spawn_rate", "duration", "warmup", "think_time", "csv", "fetch"]
        #expect(DidYouMean.suggestion(for: word, among: candidates) == expected)
    }

    @Test(arguments: ["xyz", "spawn", "completely_different", ""])
    func staysQuietWhenNothingIsClose(word: String) {
        #expect(DidYouMean.suggestion(for: word, among: ["users", "spawn_rate", "duration", "csv"]) == nil)
    }

    @Test func unknownColumnOnEveryReferenceIsReported() {
        let yaml = ProfileFixtures.minimal.replacingOccurrences(
            of: "path: /", with: #"path: "/{{ p.a }}/{{ p.b }}", headers: { X: "{{ q }}" }"#
        ) + "\ndata: { p: { csv: data/people.csv } }"
        let problems = ProfileFixtures.problems(yaml)
        #expect(problems.map(\.keyPath) == ["requests[0].path", "requests[0].path", "requests[0].headers.X"])
    }

    @Test func brokenSourceDoesNotAlsoMakeReferencesUnknown() {
        let yaml = ProfileFixtures.minimal.replacingOccurrences(of: "path: /", with: #"path: "/{{ gone.x }}""#)
            + "\ndata: { gone: { csv: data/missing.csv } }"
        #expect(ProfileFixtures.problems(yaml).map(\.keyPath) == ["data.gone.csv"])
    }
}
