@testable import LoadRunnerModel
@testable import LoadRunnerProfile
import Testing

/// A profile with one create request that captures `id` (line 3) and `read` on line 4; stages on line 6.
private func scenario(
    create: String = #"  - { name: create, method: POST, path: /items, capture: { id: "json:$.id" } }"#,
    read: String = #"  - { name: read, path: "/items/{{ id }}" }"#,
    stage: String = "  - { users: 1, duration: 1s }",
    extra: String = ""
) -> String {
    "target: http://127.0.0.1:8085\nrequests:\n\(create)\n\(read)\nstages:\n\(stage)\n\(extra)"
}

/// `capture:`, captured variables, `assert:` and `max_body`: what a valid profile decodes to, and one exact
/// problem (key path, line, message) per invalid case.
@Suite("Profile: captures, variables and assertions")
struct ProfileScenarioTests {
    @Test func capturesVariablesAndAssertionsDecode() throws {
        let profile = try ProfileFixtures.load(scenario(
            create: #"  - { name: create, method: POST, path: /items, max_body: 64kB, capture: { id: "json:$.items[0].id", loc: "header:Location", n: "regex:id=(\\d+)" } }"#,
            read: #"  - { name: read, path: "/items/{{ id }}", headers: { X-Loc: "{{ loc }}" }, assert: [ "status in 200-299", "json:$.id == {{ id }}", "json:$.tags.length >= 1", "json:$.name != null", "size <= 10kB", "latency < 200ms", "body matches \"id=\\d+\"" ] }"#,
            extra: "max_body: 2MiB"))
        let create = profile.requests[0]
        #expect(create.captures == [
            CaptureSpec(variable: "id", source: .json(JSONPath(components: [.member("items"), .index(0), .member("id")])),
                        text: "json:$.items[0].id"),
            CaptureSpec(variable: "loc", source: .header("Location"), text: "header:Location"),
            CaptureSpec(variable: "n", source: .regex(#"id=(\d+)"#), text: #"regex:id=(\d+)"#),
        ])
        #expect(create.maxBodyBytes == 64_000)
        #expect(create.keepsBody && create.keepsHeaders)
        let read = profile.requests[1]
        #expect(read.maxBodyBytes == 2 << 20)
        #expect(read.path == Template(segments: [.literal("/items/"), .variable("id")]))
        #expect(read.headers.first?.value == Template(segments: [.variable("loc")]))
        #expect(read.assertions.map(\.expected) == [
            .range(200...299), .text(Template(segments: [.variable("id")])), .text(.literal("1")), .null,
            .number(10_000), .number(200_000), .text(.literal(#"id=\d+"#)),
        ])
        #expect(read.assertions[2].subject == .json(JSONPath(components: [.member("tags"), .length])))
        #expect(read.assertions[6].text == #"body matches "id=\d+""#)
        #expect(read.keepsBody && !read.keepsHeaders)
        #expect(profile.requests.allSatisfy { $0.captures.isEmpty || $0.name == "create" })
    }

    @Test func aPlainProfileKeepsNothing() throws {
        let profile = try ProfileFixtures.load(
            "target: http://127.0.0.1:8085\nrequests:\n  - { name: a, path: / }\nstages:\n  - { users: 1, duration: 1s }\n")
        #expect(!profile.requests[0].keepsBody && !profile.requests[0].keepsHeaders)
        #expect(profile.requests[0].maxBodyBytes == 1 << 20)
    }

    static let cases: [InvalidProfileCase] = [
        .init(label: "unknown name, with captures", yaml: scenario(read: #"  - { name: read, path: "/items/{{ idd }}" }"#),
              keyPath: "requests[1].path", line: 4,
              message: "uses `{{ idd }}` but there is no data source or captured variable `idd`; did you mean `id`?"),
        .init(label: "unknown name, none close", yaml: scenario(read: #"  - { name: read, path: "/items/{{ zzz }}" }"#),
              keyPath: "requests[1].path", line: 4,
              message: "uses `{{ zzz }}` but there is no data source or captured variable `zzz`; declare it under `data:` "
                  + "or capture it (data sources: none; captured: id)"),
        .init(label: "bad JSONPath", yaml: scenario(create: #"  - { name: create, path: /items, capture: { id: "json:$.items[*].id" } }"#),
              keyPath: "requests[0].capture.id", line: 3,
              message: #""$.items[*].id" has "[*]", which the supported subset lacks; JSONPath here is `$` followed by "#
                  + #"`.name`, `["name"]`, `[0]` (negative counts from the end) and a last `.length`, e.g. "$.items[0].id" or "$.items.length""#),
        .init(label: "JSONPath without root", yaml: scenario(create: #"  - { name: create, path: /items, capture: { id: "json:id" } }"#),
              keyPath: "requests[0].capture.id", line: 3,
              message: #""id" does not start with `$`; JSONPath here is `$` followed by `.name`, `["name"]`, `[0]` "#
                  + #"(negative counts from the end) and a last `.length`, e.g. "$.items[0].id" or "$.items.length""#),
        .init(label: "unknown capture source", yaml: scenario(create: #"  - { name: create, path: /items, capture: { id: "xpath://id" } }"#),
              keyPath: "requests[0].capture.id", line: 3,
              message: #""xpath://id" is not a capture source; write "json:$.path", "header:Name" or "regex:pattern""#),
        .init(label: "capture named like a source",
              yaml: scenario(read: #"  - { name: read, path: "/items/{{ id }}" }"#, extra: "data: { id: { range: [1, 2] } }"),
              keyPath: "requests[0].capture.id", line: 3,
              message: "captures `id`, which is also a data source under `data:`; rename one of them, since `{{ id }}` must mean one thing"),
        .init(label: "capture with open stages", yaml: scenario(stage: "  - { rate: 10/s, duration: 1s }"),
              keyPath: "requests[0].capture.id", line: 3,
              message: "captures `id`, but the profile has open stages (`rate:`), which have no virtual users to keep variables; "
                  + "remove `capture:` or use closed stages (`users:`)"),
        .init(label: "column on a variable", yaml: scenario(read: #"  - { name: read, path: "/items/{{ id.x }}" }"#),
              keyPath: "requests[1].path", line: 4,
              message: "uses `{{ id.x }}` but `id` is a captured variable, which has no columns; write `{{ id }}`"),
        .init(label: "unknown assertion subject", yaml: scenario(read: #"  - { name: read, path: /, assert: [ "code == 200" ] }"#),
              keyPath: "requests[1].assert[0]", line: 4,
              message: #""code == 200" starts with "code", which is not status, size, latency, body, header:<Name> or json:<path>; "#
                  + #"write e.g. "status == 201", "status in 200-299", "header:Content-Type contains json", "#
                  + #""json:$.items.length >= 1", "size <= 10kB" or "latency < 200ms""#),
        .init(label: "operator a subject does not take", yaml: scenario(read: #"  - { name: read, path: /, assert: [ "latency contains 5" ] }"#),
              keyPath: "requests[1].assert[0]", line: 4,
              message: #""latency contains 5" uses an operator that latency does not take (it takes ==, !=, <, <=, >, >=); "#
                  + #"write e.g. "status == 201", "status in 200-299", "header:Content-Type contains json", "#
                  + #""json:$.items.length >= 1", "size <= 10kB" or "latency < 200ms""#),
        .init(label: "latency without unit", yaml: scenario(read: #"  - { name: read, path: /, assert: [ "latency < 200" ] }"#),
              keyPath: "requests[1].assert[0]", line: 4,
              message: #""latency < 200": the value after the operator is not a duration such as 200ms for `latency`; "#
                  + #"write e.g. "status in 200-299", "size <= 10kB" or "latency < 200ms""#),
        .init(label: "assertion with an unknown variable", yaml: scenario(read: #"  - { name: read, path: /, assert: [ "json:$.id == {{ idx }}" ] }"#),
              keyPath: "requests[1].assert[0]", line: 4,
              message: "uses `{{ idx }}` but there is no data source or captured variable `idx`; did you mean `id`?"),
        .init(label: "bad regex", yaml: scenario(read: #"  - { name: read, path: /, assert: [ "body matches \"(\"" ] }"#),
              keyPath: "requests[1].assert[0]", line: 4,
              message: #""(" is not a valid regular expression; check brackets and escapes (write `\\d` in a double-quoted YAML string)"#),
        .init(label: "max_body not a size", yaml: scenario(extra: "max_body: lots"),
              keyPath: "max_body", line: 7,
              message: #""lots" is not a size; write a number of bytes or a number with kB, MB (1000s) or KiB, MiB (1024s), e.g. "1MiB""#),
    ]

    @Test(arguments: cases)
    func reportsExactlyTheExpectedProblem(_ testCase: InvalidProfileCase) {
        let problems = ProfileFixtures.problems(testCase.yaml)
        #expect(problems.count == 1, "\(problems)")
        guard let problem = problems.first else { return }
        #expect(problem.keyPath == testCase.keyPath)
        #expect(problem.line == testCase.line)
        #expect(problem.message == testCase.message)
    }
}
