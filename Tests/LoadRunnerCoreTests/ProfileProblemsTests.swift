import LoadRunnerEngine
@testable import LoadRunnerModel
@testable import LoadRunnerProfile
import Testing

/// Several problems reported together, YAML syntax errors, problem formatting and `--target`.
@Suite("Profile problems: all at once, malformed YAML, --target")
struct ProfileProblemsTests {
    @Test func everyProblemInOneFileIsReportedInLineOrder() throws {
        let path = ProfileFixtures.directory + "/many-problems.yaml"
        let error = try #require(throws: ProfileProblems.self) { try ProfileLoader(files: DiskFiles()).load(path: path) }
        let summary = error.problems.map { "\($0.line ?? 0) \($0.keyPath)" }
        #expect(summary == [
            "2 target", "3 timeout", "8 requests[0].path", "9 requests[0].wieght", "10 requests[1].name",
            "13 stages[0].spawn_rat", "14 stages[1].duration",
        ])
        #expect(error.problems[2].message == "uses `{{ nmes.first_name }}` but there is no data source `nmes`; did you mean `names`?")
        #expect(error.problems[3].message == "is not a known key; did you mean `weight`?")
        #expect(error.problems[4].message.hasPrefix(#""one" is already the name of requests[0]"#))
        #expect(error.problems[6].description == #"\#(path):14:28: stages[1].duration "5" has no unit; write "5s" or "500ms""#)
        #expect(error.description.split(separator: "\n").count == 7)
    }

    @Test func malformedYAMLIsOneProblemAtYamsPosition() {
        let problems = ProfileFixtures.problems("target: http://h\nrequests:\n  - name: a\n   path: /\n")
        #expect(problems.count == 1)
        #expect(problems.first?.line == 4)
        #expect(problems.first?.keyPath == "")
        #expect(problems.first?.message.hasPrefix("invalid YAML: ") == true)
        #expect(problems.first?.message.hasSuffix("; check the indentation, colons and quotes here") == true)
    }

    @Test func duplicateKeysAreReported() {
        let problems = ProfileFixtures.problems(ProfileFixtures.minimal + "\ntarget: http://other")
        #expect(problems.count == 1)
        #expect(problems.first?.message == "invalid YAML: key `target` appears more than once in the same map; keep one")
        #expect(problems.first?.line == 1)
    }

    @Test func emptyFileSaysWhatIsNeeded() {
        let problems = ProfileFixtures.problems("# nothing yet\n")
        #expect(problems.map(\.message) == [
            "is empty; a profile needs at least `target`, `requests` and `stages` (see docs/profile.md)",
        ])
    }

    @Test func missingRequiredSectionsAreAllReported() {
        let problems = ProfileFixtures.problems("name: x\n")
        #expect(problems.map(\.keyPath) == ["target", "requests", "stages"])
        #expect(problems.allSatisfy { $0.line == 1 && $0.message.hasPrefix("is missing; add it, e.g. `") })
    }

    @Test func descriptionFormats() {
        let full = ProfileProblem(file: "p.yaml", line: 14, column: 7, keyPath: "stages[2].duration",
                                  message: #""5" has no unit; write "5s" or "500ms""#)
        #expect(full.description == #"p.yaml:14:7: stages[2].duration "5" has no unit; write "5s" or "500ms""#)
        #expect(ProfileProblem(file: "p.yaml", keyPath: "", message: "does not exist; check the path").description
            == "p.yaml: does not exist; check the path")
        #expect(ProfileProblem(file: "p.yaml", line: 3, keyPath: "x", message: "is bad").description == "p.yaml:3: x is bad")
    }

    @Test func targetOverrideReplacesTheProfileTarget() throws {
        let profile = try ProfileFixtures.load(ProfileFixtures.minimal, targetOverride: "https://[::1]:9443/base/")
        #expect(profile.target == TargetURL(scheme: "https", host: "::1", port: 9443, basePath: "/base"))
        #expect(profile.target.description == "https://[::1]:9443/base")
    }

    @Test func targetOverrideMakesTheTargetKeyOptional() throws {
        let yaml = ProfileFixtures.minimal.replacingOccurrences(of: "target: http://127.0.0.1:8085\n", with: "")
        let profile = try ProfileFixtures.load(yaml, targetOverride: "http://localhost")
        #expect(profile.target == TargetURL(scheme: "http", host: "localhost", port: 80, basePath: ""))
    }

    @Test func invalidTargetOverrideIsReportedAtTheOption() {
        let problems = ProfileFixtures.problems(ProfileFixtures.minimal, targetOverride: "localhost:8085")
        #expect(problems == [ProfileProblem(file: "--target", keyPath: "target",
                                            message: #""localhost:8085" has no scheme; write "http://localhost:8085""#)])
        #expect(problems.first?.description == #"--target: target "localhost:8085" has no scheme; write "http://localhost:8085""#)
    }

    @Test func overrideProblemComesFirstAndFileProblemsStillShow() {
        let yaml = ProfileFixtures.minimal.replacingOccurrences(of: "duration: 1s", with: "duration: 1")
        let problems = ProfileFixtures.problems(yaml, targetOverride: "gopher://x")
        #expect(problems.map(\.file) == ["--target", "profile.yaml"])
    }

    @Test(arguments: [
        ("http://127.0.0.1:8085", TargetURL(scheme: "http", host: "127.0.0.1", port: 8085, basePath: "")),
        ("HTTP://Example.test", TargetURL(scheme: "http", host: "Example.test", port: 80, basePath: "")),
        ("https://example.test", TargetURL(scheme: "https", host: "example.test", port: 443, basePath: "")),
        ("http://h/api/v2/", TargetURL(scheme: "http", host: "h", port: 80, basePath: "/api/v2")),
        ("http://[::1]", TargetURL(scheme: "http", host: "::1", port: 80, basePath: "")),
    ])
    func validTargets(text: String, expected: TargetURL) throws {
        #expect(try TargetURLParser.parse(text).get() == expected)
    }

    @Test(arguments: [
        ("", TargetURLFailure.empty),
        ("http://", .noHost),
        ("http://:80", .noHost),
        ("http://user@h", .hasUserInfo),
        ("http://h#top", .hasQueryOrFragment),
        ("http://h:0", .invalidPort("0")),
        ("http://h:x", .invalidPort("x")),
        ("http://h h", .hasWhitespace),
        ("http://h!", .invalidHost("h!")),
        ("http://[::1", .invalidHost("[::1")),
    ])
    func invalidTargets(text: String, failure: TargetURLFailure) {
        #expect(throws: failure) { try TargetURLParser.parse(text).get() }
    }
}
