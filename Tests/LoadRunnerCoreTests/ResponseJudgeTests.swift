import Foundation
@testable import LoadRunnerModel
@testable import LoadRunnerProfile
import Testing

/// The pure side of captures and assertions: the JSONPath reader on body bytes, and `ResponseJudge` on a
/// `ResponseView` built by hand (no sockets).
@Suite struct ResponseJudgeTests {
    static let body = #"{"id": 42, "name": "al\"ice", "ok": true, "none": null, "items": [{"id": 7}, {"id": 8}], "e": "\u00e9"}"#

    private func value(_ path: String, in text: String = Self.body) -> Result<JSONPathReader.Value, JSONPathReader.Miss> {
        let parsed = try! JSONPathParser.parse(path).get()
        return Array(text.utf8).withUnsafeBytes { JSONPathReader.value(at: parsed, in: $0) }
    }

    @Test func theReaderFindsValuesOnThePath() {
        #expect(value("$.id") == .success(.number("42")))
        #expect(value("$.name") == .success(.string(#"al"ice"#)))
        #expect(value("$.ok") == .success(.bool(true)))
        #expect(value("$.none") == .success(.null))
        #expect(value("$.items[1].id") == .success(.number("8")))
        #expect(value("$.items[-1].id") == .success(.number("8")))
        #expect(value(#"$["items"][0]"#) == .success(.composite(#"{"id": 7}"#)))
        #expect(value("$.items.length") == .success(.length(2)))
        #expect(value("$.length") == .success(.length(6)))
        #expect(value("$.e") == .success(.string("é")))
        #expect(value("$.items[2]") == .failure(.notFound))
        #expect(value("$.id.x") == .failure(.notFound))
        #expect(value("$.missing") == .failure(.notFound))
        #expect(value("$.id", in: "<html>") == .failure(.notJSON))
        #expect(value("$.id", in: #"{"id": "#) == .failure(.notJSON))
    }

    private func judge(_ request: RequestSpec, status: Int = 200, body: String = Self.body, headers: String = "",
                       latencyMicros: UInt64 = 1_000, expected: [String] = []) -> (Captured, RequestFailure?) {
        let judge = ResponseJudge(request: request)
        return Array(body.utf8).withUnsafeBytes { bytes in
            let view = ResponseView(status: status, latencyMicros: latencyMicros, bodyBytes: UInt64(bytes.count), body: bytes,
                                    headerText: headers)
            return (judge.capture(from: view), judge.judge(view, expected: expected))
        }
    }

    private func request(_ yaml: String) throws -> RequestSpec {
        try ProfileFixtures.load(
            "target: http://h\ndata: { n: { range: [1, 2] } }\nrequests:\n  - \(yaml)\nstages:\n  - { users: 1, duration: 1s }\n"
        ).requests[0]
    }

    @Test func capturesTakeJSONHeaderAndRegexValues() throws {
        let spec = try request(#"{ name: a, path: /, capture: { id: "json:$.items[0].id", loc: "header:location", m: "regex:\"id\": (\\d+)" } }"#)
        let headers = "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nLocation: /items/9\r\nContent-Length: 3\r\n\r\n"
        #expect(judge(spec, headers: headers).0 == .values(["7", "/items/9", "42"]))
        let missing = judge(spec, body: "{}", headers: headers).0
        #expect(missing == .failed(RequestFailure(category: .capture, message: "capture id: json:$.items[0].id not found in the response")))
        let notJSON = judge(spec, body: "oops", headers: headers).0
        #expect(notJSON == .failed(RequestFailure(category: .capture, message: "capture id: json:$.items[0].id not found: the body is not JSON")))
    }

    @Test func assertionsFailWithTheirTextAndABoundedReason() throws {
        let cases: [(String, [String], Int, String?)] = [
            ("status == 201", [], 201, nil),
            ("status == 201", [], 200, "status == 201: got 200"),
            ("status in 200-299", [], 204, nil),
            ("status in 200-299", [], 302, "status in 200-299: got 302"),
            ("json:$.id == {{ n }}", ["42"], 200, nil),
            ("json:$.id == {{ n }}", ["41"], 200, "json:$.id == {{ n }}"),
            ("json:$.items.length >= 2", [], 200, nil),
            ("json:$.items.length > 2", [], 200, "json:$.items.length > 2"),
            ("json:$.none == null", [], 200, nil),
            ("json:$.absent == null", [], 200, nil),
            ("json:$.name != null", [], 200, nil),
            ("json:$.none != null", [], 200, "json:$.none != null"),
            ("json:$.absent > 1", [], 200, "json:$.absent > 1: not found"),
            ("json:$.ok == true", [], 200, nil),
            (#"body contains "items""#, [], 200, nil),
            (#"body matches "id\": \d+""#, [], 200, nil),
            ("body contains zebra", [], 200, "body contains zebra"),
            ("size <= 1kB", [], 200, nil),
            ("size < 10", [], 200, "size < 10"),
            ("latency < 2ms", [], 200, nil),
            ("latency < 1ms", [], 200, "latency < 1ms"),
            ("header:X-Node == a", [], 200, "header:X-Node == a: no such header"),
        ]
        for (text, variables, status, message) in cases {
            var spec = try request("{ name: a, path: /, assert: [ '\(text)' ] }")
            spec.expect = StatusSet(ranges: [100...599])
            // The engine renders each text operand per request; here constant ones are their text, `{{ n }}` is given.
            let rendered = variables.isEmpty ? spec.assertions.map { assertion in
                if case .text(let template) = assertion.expected, case .literal(let text)? = template.segments.first { text } else { "" }
            } : variables
            let failure = judge(spec, status: status, expected: rendered).1
            #expect(failure?.message == message, "\(text)")
            if message != nil { #expect(failure?.category == .assertion) }
        }
    }
}
