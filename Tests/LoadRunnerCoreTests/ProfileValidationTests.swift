@testable import LoadRunnerModel
import Testing

/// One invalid profile and the single problem it must produce.
struct InvalidProfileCase: Sendable, CustomTestStringConvertible {
    var label: String
    var yaml: String
    var keyPath: String
    var line: Int
    var message: String

    var testDescription: String { label }
}

/// A valid profile with `lines` spliced in: the target on line 1, `requests:` on line 2 (its entry
/// on line 3), `stages:` on line 4 (its entry on line 5), extra lines from line 6.
private func profile(
    target: String = "target: http://127.0.0.1:8085",
    request: String = "  - { name: a, path: / }",
    stage: String = "  - { users: 1, duration: 1s }",
    extra: String = ""
) -> String {
    "\(target)\nrequests:\n\(request)\nstages:\n\(stage)\n\(extra)"
}

/// Table of invalid profiles, each with the one problem (key path, line, message) it must produce.
@Suite("Profile validation: one problem per case")
struct ProfileValidationTests {
    static let cases: [InvalidProfileCase] = [
        // Durations
        .init(label: "bare number duration", yaml: profile(stage: "  - { users: 1, duration: 5 }"),
              keyPath: "stages[0].duration", line: 5, message: #""5" has no unit; write "5s" or "500ms""#),
        .init(label: "quoted bare number duration", yaml: profile(stage: #"  - { users: 1, duration: "5" }"#),
              keyPath: "stages[0].duration", line: 5, message: #""5" has no unit; write "5s" or "500ms""#),
        .init(label: "not a duration", yaml: profile(extra: "timeout: soon"),
              keyPath: "timeout", line: 6,
              message: #""soon" is not a duration; write a number with a unit (ms, s, m or h), e.g. "10s", "1m30s" or "1.5s""#),
        .init(label: "zero duration", yaml: profile(stage: "  - { users: 1, duration: 0s }"),
              keyPath: "stages[0].duration", line: 5, message: #""0s" must be more than zero"#),
        .init(label: "warmup not shorter", yaml: profile(stage: "  - { users: 1, duration: 30s, warmup: 30s }"),
              keyPath: "stages[0].warmup", line: 5,
              message: #""30s" is not shorter than the stage's duration "30s"; shorten the warm-up or lengthen the stage"#),
        // Stages
        .init(label: "negative users", yaml: profile(stage: "  - { users: -1, duration: 1s }"),
              keyPath: "stages[0].users", line: 5, message: "is -1; it must be 0 or more (0 stops every user)"),
        .init(label: "fractional users", yaml: profile(stage: "  - { users: 1.5, duration: 1s }"),
              keyPath: "stages[0].users", line: 5, message: #""1.5" is not a whole number; write e.g. 1 or 10"#),
        .init(label: "zero spawn rate", yaml: profile(stage: "  - { users: 1, spawn_rate: 0, duration: 1s }"),
              keyPath: "stages[0].spawn_rate", line: 5,
              message: #""0" must be more than 0 (users started or stopped per second)"#),
        .init(label: "missing duration", yaml: profile(stage: "  - { users: 1 }"),
              keyPath: "stages[0]", line: 5,
              message: "needs `duration` or `requests`; add one, e.g. `duration: 1m` or `requests: 30000` (ends after that many requests)"),
        .init(label: "empty stages", yaml: profile(stage: "  []").replacingOccurrences(of: "stages:\n  []", with: "stages: []"),
              keyPath: "stages", line: 4,
              message: "is an empty list; add at least one stage, e.g. `- { users: 10, duration: 1m }`"),
        .init(label: "stage is a list", yaml: profile(stage: "  - [1, 1s]"),
              keyPath: "stages[0]", line: 5,
              message: "must be a map like `{ users: 10, spawn_rate: 10, duration: 1m, warmup: 10s }`, not a list"),
        // Unknown keys
        .init(label: "unknown stage key", yaml: profile(stage: "  - { users: 1, spawn_rat: 2, duration: 1s }"),
              keyPath: "stages[0].spawn_rat", line: 5, message: "is not a known key; did you mean `spawn_rate`?"),
        .init(label: "unknown top-level key", yaml: profile(extra: "thinktime: 1s"),
              keyPath: "thinktime", line: 6, message: "is not a known key; did you mean `think_time`?"),
        .init(label: "unknown key without suggestion", yaml: profile(request: "  - { name: a, path: /, zzz: 1 }"),
              keyPath: "requests[0].zzz", line: 3,
              message: "is not a known key; use one of: name, method, path, query, headers, body, weight, expect, capture, assert, max_body"),
        // Target
        .init(label: "target without scheme", yaml: profile(target: "target: 127.0.0.1:8085"),
              keyPath: "target", line: 1, message: #""127.0.0.1:8085" has no scheme; write "http://127.0.0.1:8085""#),
        .init(label: "target with ftp", yaml: profile(target: "target: ftp://host"),
              keyPath: "target", line: 1, message: #"uses "ftp"; only http:// and https:// are supported"#),
        .init(label: "target with query", yaml: profile(target: "target: http://host/?a=1"),
              keyPath: "target", line: 1,
              message: "must not have a query (?) or fragment (#); put query parameters in a request's `path` or `query`"),
        .init(label: "target with bad port", yaml: profile(target: "target: http://host:99999"),
              keyPath: "target", line: 1, message: #"has an invalid port "99999"; use a number from 1 to 65535"#),
        .init(label: "missing target", yaml: profile(target: "name: x"),
              keyPath: "target", line: 1, message: "is missing; add it, e.g. `target: http://127.0.0.1:8085`"),
        // Requests
        .init(label: "weight zero", yaml: profile(request: "  - { name: a, path: /, weight: 0 }"),
              keyPath: "requests[0].weight", line: 3, message: "is 0; it must be 1 or more (a relative share of the mix)"),
        .init(label: "path without slash", yaml: profile(request: "  - { name: a, path: user/get }"),
              keyPath: "requests[0].path", line: 3,
              message: #""user/get" must start with "/"; it is appended to the target (the host belongs in `target`)"#),
        .init(label: "bad method", yaml: profile(request: #"  - { name: a, path: /, method: "GE T" }"#),
              keyPath: "requests[0].method", line: 3,
              message: #""GE T" is not an HTTP method; write e.g. GET, POST, PUT or DELETE"#),
        .init(label: "status out of range", yaml: profile(request: "  - { name: a, path: /, expect: [200, 700] }"),
              keyPath: "requests[0].expect[1]", line: 3, message: #""700" is outside 100-599, the HTTP status codes"#),
        .init(label: "status range reversed", yaml: profile(request: #"  - { name: a, path: /, expect: "299-200" }"#),
              keyPath: "requests[0].expect", line: 3, message: #""299-200" starts above its end; write "200-299""#),
        .init(label: "status not a code", yaml: profile(request: "  - { name: a, path: /, expect: ok }"),
              keyPath: "requests[0].expect", line: 3,
              message: #""ok" is not a status code or range; write e.g. 200, "200-299" or [200, 404]"#),
        .init(label: "missing path", yaml: profile(request: "  - { name: a }"),
              keyPath: "requests[0].path", line: 3, message: "is missing; add it, e.g. `path: /user/get/{{ ids }}`"),
        .init(label: "body as a map", yaml: profile(request: "  - { name: a, path: /, body: { a: 1 } }"),
              keyPath: "requests[0].body", line: 3,
              message: "must be text; for JSON, write `body: |` and the JSON indented on the lines below, not a map"),
        .init(label: "requests is a map", yaml: "target: http://h\nrequests: { name: a }\nstages: [{ users: 1, duration: 1s }]",
              keyPath: "requests", line: 2,
              message: "must be a list of requests, e.g. `- { name: home, path: / }`, not a map"),
        // Templates and data
        .init(label: "unknown source", yaml: profile(request: #"  - { name: a, path: "/{{ idz }}" }"#,
                                                    extra: "data: { ids: { range: [1, 2] } }"),
              keyPath: "requests[0].path", line: 3,
              message: "uses `{{ idz }}` but there is no data source `idz`; did you mean `ids`?"),
        .init(label: "unknown source, none declared", yaml: profile(request: #"  - { name: a, path: "/{{ x }}" }"#),
              keyPath: "requests[0].path", line: 3,
              message: "uses `{{ x }}` but there is no data source `x`; declare it under `data:` (none are declared)"),
        .init(label: "unclosed braces", yaml: profile(request: #"  - { name: a, path: "/u/{{ ids" }"#),
              keyPath: "requests[0].path", line: 3,
              message: #""/u/{{ ids" has "{{" at character 4 with no closing "}}"; close it"#),
        .init(label: "unknown CSV column", yaml: profile(request: #"  - { name: a, path: "/{{ people.frist_name }}" }"#,
                                                        extra: "data: { people: { csv: data/people.csv } }"),
              keyPath: "requests[0].path", line: 3,
              message: "uses `{{ people.frist_name }}` but \(ProfileFixtures.directory)/data/people.csv has no column "
                  + "`frist_name` (columns: first_name, last_name, city); did you mean `first_name`?"),
        .init(label: "CSV source without column", yaml: profile(request: #"  - { name: a, path: "/{{ people }}" }"#,
                                                               extra: "data: { people: { csv: data/people.csv } }"),
              keyPath: "requests[0].path", line: 3,
              message: "uses `{{ people }}` but \(ProfileFixtures.directory)/data/people.csv has 3 columns "
                  + "(first_name, last_name, city); name one, e.g. `{{ people.first_name }}`"),
        .init(label: "column on a range source", yaml: profile(request: #"  - { name: a, path: "/{{ n.x }}" }"#,
                                                              extra: "data: { n: { range: [1, 2] } }"),
              keyPath: "requests[0].path", line: 3,
              message: "uses `{{ n.x }}` but `n` is a range or values source, which has no columns; write `{{ n }}`"),
        .init(label: "missing CSV file", yaml: profile(extra: "data: { x: { csv: data/nope.csv } }"),
              keyPath: "data.x.csv", line: 6,
              message: "cannot be used: \(ProfileFixtures.directory)/data/nope.csv: file not found "
                  + "(csv paths are relative to the profile's folder)"),
        .init(label: "CSV without rows", yaml: profile(extra: "data: { x: { csv: data/header-only.csv } }"),
              keyPath: "data.x.csv", line: 6,
              message: "file \(ProfileFixtures.directory)/data/header-only.csv has a header but no rows; add at least one row"),
        .init(label: "two source kinds", yaml: profile(extra: "data: { x: { range: [1, 2], values: [a] } }"),
              keyPath: "data.x", line: 6, message: "has `range` and `values`; keep exactly one"),
        .init(label: "no source kind", yaml: profile(extra: "data: { x: {} }"),
              keyPath: "data.x", line: 6, message: "has no source; add one of `fetch`, `csv`, `range` or `values`"),
        .init(label: "misspelt source kind", yaml: profile(extra: "data: { x: { cvs: a.csv } }"),
              keyPath: "data.x.cvs", line: 6, message: "is not a known key; did you mean `csv`?"),
        .init(label: "range reversed", yaml: profile(extra: "data: { x: { range: [10, 1] } }"),
              keyPath: "data.x.range", line: 6, message: "starts at 10, above its end 1; write [1, 10]"),
        .init(label: "range with one number", yaml: profile(extra: "data: { x: { range: [10] } }"),
              keyPath: "data.x.range", line: 6, message: "has 1 number; write two, [low, high], e.g. [1, 1000000]"),
        .init(label: "empty values", yaml: profile(extra: "data: { x: { values: [] } }"),
              keyPath: "data.x.values", line: 6, message: "is an empty list; add at least one value"),
        .init(label: "nested value", yaml: profile(extra: "data: { x: { values: [a, [b]] } }"),
              keyPath: "data.x.values[1]", line: 6, message: "must be a single value (text or a number), not a list"),
        .init(label: "fetch without slash", yaml: profile(extra: "data: { x: { fetch: ids } }"),
              keyPath: "data.x.fetch", line: 6,
              message: #""ids" must be a path on the target: starting with "/" and without spaces, e.g. "/user/get-ids?number=1000""#),
        // Think time
        .init(label: "between reversed", yaml: profile(extra: "think_time: { between: [3s, 1s] }"),
              keyPath: "think_time.between", line: 6, message: #"starts at "3s", above its end "1s"; write [1s, 3s]"#),
        .init(label: "think time bare number", yaml: profile(extra: "think_time: 1"),
              keyPath: "think_time", line: 6, message: #""1" has no unit; write "1s" or "500ms""#),
        .init(label: "think time misspelt form", yaml: profile(extra: "think_time: { pacng: 1s }"),
              keyPath: "think_time.pacng", line: 6, message: "is not a known key; did you mean `pacing`?"),
        // Booleans and headers
        .init(label: "http2 not a bool", yaml: profile(extra: "http2: maybe"),
              keyPath: "http2", line: 6, message: #""maybe" is not true or false; write true or false"#),
        .init(label: "header value is a list", yaml: profile(extra: "headers: { Accept: [a, b] }"),
              keyPath: "headers.Accept", line: 6, message: "must be a header value (one line of text), not a list"),
        .init(label: "bad header name", yaml: profile(extra: #"headers: { "Bad Name": x }"#),
              keyPath: #"headers["Bad Name"]"#, line: 6,
              message: "is not a valid header name; use letters, digits and -, e.g. `X-Request-Id`"),
        // Whole file
        .init(label: "profile is a list", yaml: "- a\n- b", keyPath: "", line: 1,
              message: "the profile must be a map of keys such as `name`, `target`, `requests` and `stages`, not a list"),
    ]

    @Test(arguments: cases)
    func reportsExactlyTheExpectedProblem(_ testCase: InvalidProfileCase) {
        let problems = ProfileFixtures.problems(testCase.yaml)
        #expect(problems.count == 1, "\(problems)")
        guard let problem = problems.first else { return }
        #expect(problem.keyPath == testCase.keyPath)
        #expect(problem.line == testCase.line)
        #expect(problem.message == testCase.message)
        #expect(problem.file == "profile.yaml")
    }
}
