import Foundation
import LoadRunnerTestSupport
import Testing

/// `fetch` data sources as a user meets them: the size cap, headers sent with the fetch, and
/// Ctrl-C while a fetch waits on a slow server.
@Suite(.serialized) struct FetchSourceTests {
    @Test func aBodyAboveMaxBytesStopsTheRunWithExit69AndSaysHowToRaiseIt() async throws {
        try await TestHTTPServer.withServer { server in
            let folder = try BinaryRunner.folder(["p.yaml": """
                name: too big
                target: http://127.0.0.1:1
                data:
                  ids: { fetch: "/user/get-ids?number=1000", max_bytes: 1KB }
                requests:
                  - { name: get, path: "/user/get/{{ ids }}" }
                stages:
                  - { users: 1, duration: 1s }
                """])
            let output = try await BinaryRunner.run(["run", "p.yaml", "--target", server.baseURL, "--out", "o"], in: folder)
            #expect(output.status == 69, "\(output.stderr)")
            let url = server.baseURL + "/user/get-ids?number=1000"
            #expect(output.stderr.contains("error: data.ids: \(url) sent more than 1000 B (announced "), "\(output.stderr)")
            #expect(output.stderr.contains("; raise max_bytes on the source if the list is meant to be this big"))
            #expect(!output.stderr.contains("Failed writing"))
            #expect(server.requests(forPathPrefix: "/user/get-ids") == 1)
            #expect(server.requests(forPathPrefix: "/user/get/") == 0, "nothing is sent after a failed fetch")
        }
    }

    /// Without a Content-Length the cap is found while the body arrives: the transfer stops there.
    @Test func aChunkedBodyAboveMaxBytesIsStoppedWhereItPassesTheCap() async throws {
        try await TestHTTPServer.withServer { server in
            let folder = try BinaryRunner.folder(["p.yaml": """
                name: too big, chunked
                target: http://127.0.0.1:1
                data:
                  ids: { fetch: "/bytes/50000000?chunked", max_bytes: 64KiB }
                requests:
                  - { name: get, path: "/user/get/{{ ids }}" }
                stages:
                  - { users: 1, duration: 1s }
                """])
            let output = try await BinaryRunner.run(["run", "p.yaml", "--target", server.baseURL, "--out", "o"], in: folder)
            #expect(output.status == 69, "\(output.stderr)")
            let url = server.baseURL + "/bytes/50000000?chunked"
            #expect(output.stderr.contains("error: data.ids: \(url) sent more than 64 KiB ("), "\(output.stderr)")
            #expect(output.stderr.contains(" so far); raise max_bytes on the source if the list is meant to be this big"))
            #expect(!output.stderr.contains("announced"))
            #expect(server.requests(forPathPrefix: "/user/get/") == 0)
        }
    }

    @Test func maxBytesThatIsNotASizeIsAProfileError() async throws {
        let folder = try BinaryRunner.folder(["p.yaml": """
            name: bad size
            target: http://127.0.0.1:1
            data:
              ids: { fetch: /user/get-ids, max_bytes: lots }
              names: { values: [a], max_bytes: 1MB }
            requests:
              - { name: get, path: "/user/get/{{ ids }}{{ names }}" }
            stages:
              - { users: 1, duration: 1s }
            """])
        let output = try await BinaryRunner.run(["validate", "p.yaml"], in: folder)
        #expect(output.status == 64, "\(output.stderr)")
        #expect(output.stderr.contains("data.ids.max_bytes"), "\(output.stderr)")
        #expect(output.stderr.contains("\"lots\" is not a size"))
        #expect(output.stderr.contains("applies only to `fetch` sources, not to `values`"))
    }

    /// The server answers `/header/x-token` only when the header is there, with its value; the run then
    /// requests `/bytes/<that value>`, so the server's own tally proves what it received.
    @Test func theFetchSendsTheProfilesTopLevelHeaders() async throws {
        try await TestHTTPServer.withServer { server in
            let folder = try BinaryRunner.folder(["p.yaml": """
                name: fetch with token
                target: http://127.0.0.1:1
                headers:
                  X-Token: "${LR_FETCH_TOKEN}"
                data:
                  seen: { fetch: /header/x-token }
                requests:
                  - { name: get, path: "/bytes/{{ seen }}" }
                stages:
                  - { users: 1, duration: 1s }
                """])
            let output = try await BinaryRunner.run(
                ["run", "p.yaml", "--target", server.baseURL, "--out", "o", "--quiet"], in: folder,
                environment: ["LR_FETCH_TOKEN": "4242"])
            #expect(output.status == 0, "\(output.stderr)")
            #expect(server.requests(forPathPrefix: "/header/x-token") == 1)
            #expect(server.requests(forPathPrefix: "/bytes/4242") > 0)
            #expect(server.requests(forPathPrefix: "/bytes/") == server.requests(forPathPrefix: "/bytes/4242"))
        }
    }

    @Test func ctrlCWhileAFetchWaitsExits130WithinTwoSeconds() async throws {
        try await TestHTTPServer.withServer { server in
            let folder = try BinaryRunner.folder(["p.yaml": """
                name: slow fetch
                target: http://127.0.0.1:1
                timeout: 60s
                data:
                  ids: { fetch: /stall }
                requests:
                  - { name: get, path: "/user/get/{{ ids }}" }
                stages:
                  - { users: 1, duration: 1s }
                """])
            let clock = ContinuousClock()
            let started = clock.now
            let output = try await BinaryRunner.run(
                ["run", "p.yaml", "--target", server.baseURL, "--out", "o", "--quiet"], in: folder,
                interruptAfter: .seconds(1), timeout: .seconds(30))
            let afterSignal = clock.now - started - .seconds(1)
            print("fetch interrupted: exited \(afterSignal) after SIGINT")
            #expect(output.status == 130, "\(output.stderr)")
            #expect(output.stderr.contains("error: interrupted while fetching data.ids; nothing was sent"), "\(output.stderr)")
            #expect(afterSignal < .seconds(5), "exit came \(afterSignal) after the signal")
            #expect(server.requests(forPathPrefix: "/stall") == 1)
            #expect(server.requests(forPathPrefix: "/user/get/") == 0)
            #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("o/result.json").path))
        }
    }
}
