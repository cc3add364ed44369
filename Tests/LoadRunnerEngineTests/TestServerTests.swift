import Foundation
import LoadRunnerTestSupport
import Testing

/// Tests of `TestHTTPServer` over real sockets: each route, keep-alive, abrupt closes and shutdown.
@Suite struct TestServerTests {
    /// Sends one GET for `path` on a new connection and reads one response.
    static func get(_ path: String, from server: TestHTTPServer) async throws -> ServerProbe.Response {
        let port = server.port
        return try await ServerProbe.run {
            let probe = try ServerProbe(port: port)
            try probe.get(path)
            return try probe.readResponse()
        }
    }

    /// Waits up to five seconds for `condition`, for counters that the server updates after the
    /// client has already seen the effect (a close).
    static func eventually(_ condition: () -> Bool) async throws -> Bool {
        for _ in 0..<500 where !condition() {
            try await Task.sleep(for: .milliseconds(10))
        }
        return condition()
    }

    @Test func okReturnsSmallJSON() async throws {
        try await TestHTTPServer.withServer { server in
            #expect(server.baseURL == "http://127.0.0.1:\(server.port)")
            let response = try await Self.get("/ok", from: server)
            #expect(response.status == 200)
            #expect(response.text == #"{"ok":true}"#)
            #expect(response.headers["content-type"] == "application/json")
        }
    }

    @Test func statusRouteAnswersWithTheGivenCode() async throws {
        try await TestHTTPServer.withServer { server in
            let unavailable = try await Self.get("/status/503", from: server)
            #expect(unavailable.status == 503)
            #expect(unavailable.text.contains("503"))
            let noContent = try await Self.get("/status/204", from: server)
            #expect(noContent.status == 204)
            #expect(noContent.body.isEmpty)
            #expect(try await Self.get("/status/99", from: server).status == 400)
            #expect(try await Self.get("/status/abc", from: server).status == 400)
        }
    }

    @Test func delayAnswersAfterTheDelay() async throws {
        try await TestHTTPServer.withServer { server in
            let clock = ContinuousClock()
            let started = clock.now
            let response = try await Self.get("/delay/50", from: server)
            #expect(clock.now - started >= .milliseconds(50))
            #expect(response.status == 200)
            #expect(response.text == #"{"delay_ms":50}"#)
            #expect(try await Self.get("/delay/-1", from: server).status == 400)
            #expect(try await Self.get("/delay/999999999999999999", from: server).status == 400)
        }
    }

    @Test func bytesStreamsTheRequestedLength() async throws {
        try await TestHTTPServer.withServer { server in
            let small = try await Self.get("/bytes/200000", from: server)
            #expect(small.status == 200)
            #expect(small.body.count == 200_000)
            #expect(try await Self.get("/bytes/0", from: server).body.isEmpty)
            #expect(try await Self.get("/bytes/-5", from: server).status == 400)
            // 100 MB through one connection: streamed in chunks, then the connection is reused.
            let port = server.port
            let (length, received, next) = try await ServerProbe.run {
                let probe = try ServerProbe(port: port)
                try probe.write("GET /bytes/104857600 HTTP/1.1\r\nHost: x\r\n\r\n")
                let head = try probe.readResponse(bodyIncluded: false)
                let received = try probe.drain(count: 104_857_600)
                try probe.get("/ok")
                return (head.headers["content-length"], received, try probe.readResponse().status)
            }
            #expect(length == "104857600")
            #expect(received == 104_857_600)
            #expect(next == 200)
            #expect(server.connectionsAccepted == 4)
        }
    }

    @Test func keepAliveServesTwoRequestsOnOneConnection() async throws {
        try await TestHTTPServer.withServer { server in
            let port = server.port
            let statuses = try await ServerProbe.run {
                let probe = try ServerProbe(port: port)
                try probe.get("/ok")
                let first = try probe.readResponse().status
                try probe.get("/echo")
                return [first, try probe.readResponse().status]
            }
            #expect(statuses == [200, 200])
            #expect(server.connectionsAccepted == 1)
            #expect(server.requestsServed == 2)
            #expect(server.requests(forPathPrefix: "/ok") == 1)
            #expect(server.requests(forPathPrefix: "/") == 2)
            #expect(try await Self.eventually { server.openConnections == 0 })
        }
    }

    @Test func pipelinedRequestsAreAnsweredInOrder() async throws {
        try await TestHTTPServer.withServer { server in
            let port = server.port
            let statuses = try await ServerProbe.run {
                let probe = try ServerProbe(port: port)
                try probe.write("GET /status/201 HTTP/1.1\r\nHost: x\r\n\r\nGET /status/202 HTTP/1.1\r\nHost: x\r\n\r\n")
                return [try probe.readResponse().status, try probe.readResponse().status]
            }
            #expect(statuses == [201, 202])
        }
    }

    @Test func connectionCloseIsHonoured() async throws {
        try await TestHTTPServer.withServer { server in
            let port = server.port
            let (response, rest) = try await ServerProbe.run {
                let probe = try ServerProbe(port: port)
                try probe.get("/ok", headers: ["Connection: close"])
                return (try probe.readResponse(), try probe.readToEnd())
            }
            #expect(response.status == 200)
            #expect(response.headers["connection"] == "close")
            #expect(rest.isEmpty)
        }
    }

    @Test func closeRouteClosesWithoutResponse() async throws {
        try await TestHTTPServer.withServer { server in
            let port = server.port
            let received = try await ServerProbe.run {
                let probe = try ServerProbe(port: port)
                try probe.get("/close")
                return try probe.readToEnd()
            }
            #expect(received.isEmpty)
            #expect(server.requests(forPathPrefix: "/close") == 1)
        }
    }

    @Test func garbageRouteSendsBytesThatAreNotHTTP() async throws {
        try await TestHTTPServer.withServer { server in
            let port = server.port
            let received = try await ServerProbe.run {
                let probe = try ServerProbe(port: port)
                try probe.get("/garbage")
                return try probe.readToEnd()
            }
            #expect(String(decoding: received, as: UTF8.self) == "this is not http\r\n\r\n")
        }
    }

    @Test func stallNeverAnswersAndShutdownClosesIt() async throws {
        let server = try await TestHTTPServer.start()
        let port = server.port
        let silent = try await ServerProbe.run {
            let probe = try ServerProbe(port: port, receiveTimeoutMilliseconds: 200)
            try probe.get("/stall")
            return (try? probe.readToEnd()) == nil
        }
        #expect(silent)
        let closedByShutdown = Task {
            try await ServerProbe.run {
                let probe = try ServerProbe(port: port)
                try probe.get("/stall")
                return try probe.readToEnd()
            }
        }
        #expect(try await Self.eventually { server.requests(forPathPrefix: "/stall") == 2 })
        try await server.shutdown()
        #expect(try await closedByShutdown.value.isEmpty)
    }

    @Test func echoReportsWhatTheClientSent() async throws {
        try await TestHTTPServer.withServer { server in
            let port = server.port
            let response = try await ServerProbe.run {
                let probe = try ServerProbe(port: port)
                try probe.write(
                    "POST /echo?a=1&b=x%20y HTTP/1.1\r\nHost: h\r\nX-Test: one\r\nx-test: two\r\n"
                        + "Content-Length: 5\r\n\r\nhello")
                return try probe.readResponse()
            }
            let echo = try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any]
            let headers = echo?["headers"] as? [String: String]
            #expect(response.status == 200)
            #expect(echo?["method"] as? String == "POST")
            #expect(echo?["uri"] as? String == "/echo?a=1&b=x%20y")
            #expect(echo?["path"] as? String == "/echo")
            #expect(echo?["query"] as? String == "a=1&b=x%20y")
            #expect(echo?["body_length"] as? Int == 5)
            #expect(headers?["x-test"] == "one, two")
            #expect(headers?["content-length"] == "5")
        }
    }

    @Test func expectContinueGetsAnInterimResponse() async throws {
        try await TestHTTPServer.withServer { server in
            let port = server.port
            let statuses = try await ServerProbe.run {
                let probe = try ServerProbe(port: port)
                try probe.write("PUT /echo HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\n")
                let interim = try probe.readResponse().status
                try probe.write("abc")
                return [interim, try probe.readResponse().status]
            }
            #expect(statuses == [100, 200])
        }
    }

    @Test func unknownRoutesAndMethodsAreRefused() async throws {
        try await TestHTTPServer.withServer { server in
            #expect(try await Self.get("/nope", from: server).status == 404)
            #expect(try await Self.get("/ok/extra", from: server).status == 404)
            let port = server.port
            let post = try await ServerProbe.run {
                let probe = try ServerProbe(port: port)
                try probe.write("POST /ok HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n")
                return try probe.readResponse().status
            }
            #expect(post == 405)
        }
    }

    @Test func malformedRequestGetsBadRequestAndServerSurvives() async throws {
        try await TestHTTPServer.withServer { server in
            let port = server.port
            let reply = try await ServerProbe.run {
                let probe = try ServerProbe(port: port)
                try probe.write("THIS IS \u{1} NOT HTTP\r\n\r\n")
                return try probe.readToEnd()
            }
            #expect(String(decoding: reply, as: UTF8.self).hasPrefix("HTTP/1.1 400"))
            #expect(try await Self.get("/ok", from: server).status == 200)
        }
    }
}
