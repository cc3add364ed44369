import Foundation
import LoadRunnerEngine
import LoadRunnerLive
import LoadRunnerModel
import LoadRunnerReports
import LoadRunnerTestSupport
import Testing

/// `run --listen`'s server against a real run: its counters agree with what the test server counted, and its
/// routes answer as documented.
@Suite struct LiveServerTests {
    static func get(_ path: String, port: Int, method: String = "GET", accept: String? = nil) async throws -> ServerProbe.Response {
        try await ServerProbe.run {
            let probe = try ServerProbe(port: port)
            let acceptLine = accept.map { "Accept: \($0)\r\n" } ?? ""
            try probe.write("\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\n\(acceptLine)\r\n")
            return try probe.readResponse(bodyIncluded: method != "HEAD")
        }
    }

    @Test func metricsCountWhatTheServerServed() async throws {
        try await TestHTTPServer.withServer { server in
            let profile = try EngineHarness.profile("""
                name: live
                target: http://127.0.0.1:1
                requests:
                  - name: fast
                    path: /delay/5
                stages:
                  - users: 2
                    duration: 2s
                """, target: server.baseURL)
            let board = LiveBoard()
            let live = try await LiveServer.start(ListenAddress(host: "127.0.0.1", port: 0), board: board)
            board.prepare(profile)
            let engine = LoadEngine(profile: profile, options: EngineOptions(commandLine: ["test"], loadRunnerVersion: "test"))
            let result = try await engine.run(observer: LiveObserver(forwardingTo: RecordingObserver(), board: board), stop: StopSignal())
            board.finish(reportFolder: "/tmp/report")
            let metrics = try await Self.get("/metrics", port: live.port)
            let state = try await Self.get("/api/state", port: live.port)
            let page = try await Self.get("/", port: live.port)
            let missing = try await Self.get("/nope", port: live.port)
            let post = try await Self.get("/metrics", port: live.port, method: "POST")
            let head = try await Self.get("/metrics", port: live.port, method: "HEAD")
            let protobuf = try await Self.get(
                "/metrics", port: live.port,
                accept: "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited;q=0.7,text/plain;q=0.3")
            await live.stop()

            // Every request the run completed in its whole seconds, as the test server counted them (none lost or
            // doubled); the last partial second's requests are in the result but not in a sample.
            let sampled = board.snapshot().seconds.reduce(0) { $0 + $1.requests }
            #expect(sampled > 0)
            #expect(sampled <= UInt64(server.requests(forPathPrefix: "/delay/")))
            #expect(metrics.status == 200)
            #expect(metrics.headers["content-type"] == "text/plain; version=0.0.4; charset=utf-8")
            #expect(metrics.text.contains("loadrunner_requests_total{name=\"fast\",method=\"GET\"} \(sampled) "))
            #expect(metrics.text.contains("loadrunner_request_duration_seconds_count{name=\"fast\",method=\"GET\"} \(sampled) "))
            #expect(result.mergedAggregated.requests >= sampled)
            #expect(state.status == 200 && state.text.contains("\"reportFolder\":\"/tmp/report\""))
            #expect(page.status == 200 && page.text.contains("<title>LoadRunner live</title>") && !page.text.contains("http://"))
            #expect(missing.status == 404)
            #expect(post.status == 405)
            #expect(head.status == 200 && head.body.isEmpty)
            // A scraper asking for protobuf gets the same count in the histogram, with native buckets.
            #expect(protobuf.headers["content-type"] == PrometheusProtobuf.contentType)
            let families = try #require(ProtobufMessage.delimited(protobuf.body))
            let duration = try #require(families.first { $0.string(1) == "loadrunner_request_duration_seconds" })
            let histogram = try #require(duration.messages(4).first?.messages(7).first)
            #expect(histogram.varint(1) == sampled)
            #expect(histogram.signed(5) == 5 && !histogram.messages(12).isEmpty)
        }
    }

    /// Failures reach `/metrics` by category, and `/api/state?since=S` over HTTP holds only the seconds after S; a
    /// `since` that is not a number is a 400 that says what to send.
    @Test func failuresByCategoryAndStateSince() async throws {
        try await TestHTTPServer.withServer { server in
            let profile = try EngineHarness.profile("""
                name: live
                target: http://127.0.0.1:1
                requests:
                  - { name: fine, path: /delay/5 }
                  - { name: broken, path: /status/503 }
                stages:
                  - users: 2
                    duration: 3s
                """, target: server.baseURL)
            let board = LiveBoard()
            let live = try await LiveServer.start(ListenAddress(host: "127.0.0.1", port: 0), board: board)
            board.prepare(profile)
            let engine = LoadEngine(profile: profile, options: EngineOptions(commandLine: ["test"], loadRunnerVersion: "test"))
            _ = try await engine.run(observer: LiveObserver(forwardingTo: RecordingObserver(), board: board), stop: StopSignal())
            let metrics = try await Self.get("/metrics", port: live.port)
            let since = try await Self.get("/api/state?since=0", port: live.port)
            let bad = try await Self.get("/api/state?since=x", port: live.port)
            await live.stop()

            let state = board.snapshot()
            let broken = try #require(state.requests.first { $0.name == "broken" })
            // Every sampled "broken" request failed with its 503, and the server saw at least those.
            #expect(broken.requests > 0 && broken.failures == broken.requests)
            #expect(broken.failuresByCategory == [.httpStatus: broken.requests])
            #expect(broken.requests <= UInt64(server.requests(forPathPrefix: "/status/")))
            #expect(metrics.text.contains(
                "loadrunner_request_failures_total{name=\"broken\",method=\"GET\",category=\"http_status\"} \(broken.requests) "))
            #expect(!metrics.text.contains("name=\"fine\",method=\"GET\",category="))
            let json = try #require(JSONSerialization.jsonObject(with: Data(since.text.utf8)) as? [String: Any])
            let seconds = try #require(json["seconds"] as? [[String: Any]])
            #expect(state.seconds.count >= 2)
            #expect(seconds.compactMap { $0["second"] as? Int } == state.seconds.map(\.second).filter { $0 > 0 })
            #expect(bad.status == 400 && bad.text.contains("since must be a whole number"))
        }
    }

    @Test func aTakenPortIsAnError() async throws {
        let first = try await LiveServer.start(ListenAddress(host: "127.0.0.1", port: 0), board: LiveBoard())
        await #expect(throws: (any Error).self) {
            let second = try await LiveServer.start(ListenAddress(host: "127.0.0.1", port: first.port), board: LiveBoard())
            await second.stop()
        }
        await first.stop()
    }

    @Test func listenAddressForms() {
        #expect(ListenAddress("9464") == ListenAddress(host: "127.0.0.1", port: 9464))
        #expect(ListenAddress(":9464") == ListenAddress(host: "127.0.0.1", port: 9464))
        #expect(ListenAddress("0.0.0.0:80") == ListenAddress(host: "0.0.0.0", port: 80))
        #expect(ListenAddress("[::1]:9464") == ListenAddress(host: "::1", port: 9464))
        #expect(ListenAddress("host:99999") == nil)
        #expect(ListenAddress("abc") == nil)
        #expect(ListenAddress("[::1:9464") == nil)
        #expect(ListenAddress("127.0.0.2:1")?.isLoopback == true)
        #expect(ListenAddress("0.0.0.0:1")?.isLoopback == false)
    }
}
