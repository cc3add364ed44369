import ArgumentParser
import Foundation
import LoadRunnerTestSupport

/// The `loadrunner-demo-server` command: the study's user service (and the test routes) on loopback,
/// for trying LoadRunner without a real backend.
struct DemoServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "loadrunner-demo-server",
        abstract: "Serve the demo user service (/user/get/{id}, /user/search, /user/get-ids) on loopback.",
        discussion: """
            Prints "listening on http://HOST:PORT" once it accepts connections and runs until SIGINT or \
            SIGTERM, then closes every connection and exits 0. Exit code 64 means a bad option (for \
            example a host that is not loopback); 1 means the server could not start or write a file.
            """
    )

    @Option(help: "Loopback address to listen on: 127.0.0.0/8, ::1 or localhost.")
    var host = "127.0.0.1"

    @Option(help: "Port to listen on; 0 picks a free one (see --port-file).")
    var port = 8085

    @Option(help: "Latency added to every /user response, with a unit: 20ms, 1.5s, 0.", transform: DelayText.parse)
    var delay: Duration = .zero

    @Option(help: "Users in the deterministic demo table (0...1000000).")
    var users = 10_000

    @Option(help: "Event-loop threads (1...64).")
    var threads = 1

    @Option(help: "Write the bound port number to this file once listening.")
    var portFile: String?

    @Option(help: "Write a first_name,last_name CSV (header + 500 pairs from the table) to this file and exit.")
    var writeNamesCsv: String?

    func validate() throws {
        guard LoopbackHost.bindAddress(for: host) != nil else {
            throw ValidationError(
                "--host \"\(host)\" is not a loopback address; the demo server only listens on 127.0.0.0/8, "
                    + "::1 or localhost so the network cannot reach it. Use --host 127.0.0.1")
        }
        guard (0...65535).contains(port) else {
            throw ValidationError("--port \(port) is outside 0...65535; use 0 for any free port")
        }
        guard (0...1_000_000).contains(users) else {
            throw ValidationError("--users \(users) is outside 0...1000000")
        }
        guard (1...64).contains(threads) else {
            throw ValidationError("--threads \(threads) is outside 1...64")
        }
    }

    func run() async throws {
        try await serve()
    }

    /// Does the command's work: writes the names CSV, or serves until SIGINT or SIGTERM.
    func serve() async throws {
        if let path = writeNamesCsv {
            let csv = DemoUsers(count: users).namesCSV(rows: 500)
            try write(csv, to: path, what: "names CSV")
            print("wrote \(csv.split(separator: "\n").count - 1) name pairs to \(path)")
            return
        }
        // Catch signals before announcing the port, so a script that reacts at once is handled cleanly.
        let signals = TerminationSignals()
        let bindHost = LoopbackHost.bindAddress(for: host) ?? host
        let configuration = TestHTTPServer.Configuration(
            fixedDelay: delay > .zero ? delay : nil, eventLoopThreads: threads, userCount: users)
        let server: TestHTTPServer
        do {
            server = try await TestHTTPServer.start(host: bindHost, port: port, configuration: configuration)
        } catch {
            throw DemoServerError(
                description: "cannot listen on \(bindHost):\(port): \(error); choose another --port, or 0 for any free port")
        }
        do {
            if let portFile {
                try write("\(server.port)\n", to: portFile, what: "port file")
            }
            FileHandle.standardOutput.write(Data("listening on \(server.baseURL)\n".utf8))
            _ = await signals.next()
        } catch {
            try? await server.shutdown()
            throw error
        }
        try await server.shutdown()
    }

    /// Writes `text` to `path` atomically, so a reader never sees half a file.
    private func write(_ text: String, to path: String, what: String) throws {
        do {
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        } catch {
            throw DemoServerError(description: "cannot write the \(what) \(path): \(error.localizedDescription)")
        }
    }
}
