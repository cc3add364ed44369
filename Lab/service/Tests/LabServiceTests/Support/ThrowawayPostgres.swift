import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A PostgreSQL 15 of its own for one test: `initdb` into a temporary folder owned by the `postgres` OS
/// user, a free port on 127.0.0.1, the app role `lab` and database `lab` with the lab's schema
/// (`Lab/pg/seed.sql` with a small N, `Lab/pg/template.sql`). ``with(users:_:)`` always stops and removes it.
struct ThrowawayPostgres: Sendable {
    static let binaries = "/usr/lib/postgresql/15/bin"
    /// `Lab/pg`, found from this file's path.
    static let labScripts = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("pg").path

    let folder: String
    let port: Int
    var dataDirectory: String { folder + "/data" }

    /// Starts a server with `users` rows in `users` (as `Lab/lab seed --users N` makes them), runs `body`,
    /// then stops the server and removes its folder, also when `body` throws.
    static func with<T: Sendable>(users: Int, _ body: (ThrowawayPostgres) async throws -> T) async throws -> T {
        let folder = try makeFolder()
        let postgres = ThrowawayPostgres(folder: folder, port: try freePort())
        do {
            try await postgres.start(users: users)
            let value = try await body(postgres)
            await postgres.remove()
            return value
        } catch {
            await postgres.remove()
            throw error
        }
    }

    /// Runs `query` as the app role and returns its rows, one line each, columns separated by `|`.
    func sql(_ query: String) async throws -> String {
        try await ChildProcess.succeed([
            Self.binaries + "/psql", "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1",
            "-p", String(port), "-U", "lab", "-d", "lab", "-c", query,
        ]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Stops the server at once (`pg_ctl stop -m immediate`), to see what the service does without it.
    func stop() async throws {
        try await Self.asPostgres(["pg_ctl", "stop", "-D", dataDirectory, "-m", "immediate", "-w"])
    }

    private func start(users: Int) async throws {
        try await Self.asPostgres(["initdb", "-D", dataDirectory, "-U", "postgres", "--auth=trust", "--encoding=UTF8",
                                   "--locale=C.UTF-8", "--no-sync"])
        try await startServer()
        try await Self.asPostgres([
            "psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", folder, "-p", String(port), "-d", "postgres",
            "-c", "create role lab login", "-c", "create database lab owner lab",
        ])
        for (script, variables) in [("seed.sql", ["-v", "users=\(users)"]), ("template.sql", [])] {
            try await ChildProcess.succeed([
                Self.binaries + "/psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p", String(port),
                "-U", "lab", "-d", "lab",
            ] + variables + ["-f", Self.labScripts + "/" + script])
        }
    }

    /// Starts `postgres` itself as a child (not `pg_ctl start`: Foundation's `Process` learns that a program
    /// ended when every holder of an inherited descriptor has, and a daemonized postmaster holds it forever),
    /// then waits until it accepts connections (`pg_isready`), at most 60 s.
    private func startServer() async throws {
        let logPath = folder + "/postgres.log"
        guard FileManager.default.createFile(atPath: logPath, contents: nil),
              let log = FileHandle(forWritingAtPath: logPath) else { throw CocoaError(.fileWriteUnknown) }
        defer { try? log.close() }
        let server = Process()
        let postgres = [Self.binaries + "/postgres", "-D", dataDirectory, "-c", "port=\(port)",
                        "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=\(folder)", "-c", "fsync=off"]
        let command = geteuid() == 0 ? ["/usr/sbin/runuser", "-u", "postgres", "--"] + postgres : postgres
        server.executableURL = URL(fileURLWithPath: command[0])
        server.arguments = Array(command.dropFirst())
        server.standardInput = FileHandle.nullDevice
        server.standardOutput = log
        server.standardError = log
        try server.run()
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline {
            let ready = try await ChildProcess.run([Self.binaries + "/pg_isready", "-q", "-h", "127.0.0.1", "-p", String(port)])
            if ready.status == 0 { return }
            guard server.isRunning else { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        let text = String(decoding: FileManager.default.contents(atPath: logPath) ?? Data(), as: UTF8.self)
        throw ChildProcess.Failed(command: command, outcome: .init(status: -1, output: "not ready within 60 s: " + text))
    }

    /// Stops the server if it runs and removes the folder; never throws (it runs after failures too).
    private func remove() async {
        if FileManager.default.fileExists(atPath: dataDirectory + "/postmaster.pid") {
            _ = try? await ChildProcess.run(["/usr/sbin/runuser", "-u", "postgres", "--", Self.binaries + "/pg_ctl",
                                             "stop", "-D", dataDirectory, "-m", "immediate", "-w"])
        }
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// Runs one of PostgreSQL's programs as the `postgres` OS user (the server refuses to run as root).
    @discardableResult
    private static func asPostgres(_ arguments: [String]) async throws -> String {
        let program = binaries + "/" + arguments[0]
        if geteuid() == 0 {
            return try await ChildProcess.succeed(["/usr/sbin/runuser", "-u", "postgres", "--", program] + arguments.dropFirst())
        }
        return try await ChildProcess.succeed([program] + arguments.dropFirst())
    }

    /// A new folder under /tmp that the `postgres` OS user owns (short, as Unix socket paths must be).
    private static func makeFolder() throws -> String {
        let folder = "/tmp/lab-pg-" + UUID().uuidString.prefix(8).lowercased()
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
        if geteuid() == 0, let user = getpwnam("postgres") {
            guard chown(folder, user.pointee.pw_uid, user.pointee.pw_gid) == 0 else { throw CocoaError(.fileWriteNoPermission) }
        }
        return folder
    }

    /// A TCP port on 127.0.0.1 that was free a moment ago (bound to port 0, read back, released).
    static func freePort() throws -> Int {
        let socketFD = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socketFD >= 0 else { throw POSIXError(.EMFILE) }
        defer { close(socketFD) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                bind(socketFD, socketAddress, length) == 0 && getsockname(socketFD, socketAddress, &length) == 0
            }
        }
        guard bound else { throw POSIXError(.EADDRINUSE) }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
